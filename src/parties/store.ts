/**
 * MediationStore: mediation with both parties, for either party (the parties subpackage) and for the mediator's panel
 * on the staff case page: the mediation as the server shows it to the viewer, the case beside it, and every step
 * (join, consent, another mediator, end, account, private photos, session answers; invite, schedule, attendance).
 * Each attempt carries one request id, so a retry after a lost answer never repeats the step.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiError } from '@minan/types/api'
import type { CaseDetail } from '@minan/types/functions/petition'
import type { Invitation, MediationView, SessionMode } from '@minan/types/functions/parties'
import { newRequestId } from '../api/client'
import { toApiError } from '../api/errors'
import { registerMessages } from '../i18n'
import catalogue from '../i18n/parties'
import type { RootStore } from '../stores/root'
import { feature } from '../stores/feature'
import { useStore } from '../stores/root'

registerMessages(catalogue)

export class MediationStore {
  view: MediationView | null = null
  detail: CaseDetail | null = null
  loading = false
  sending = false
  error: ApiError | null = null
  /** The invitation just made: shown once to the staff who hand it over. */
  invitation: Invitation | null = null
  /** What the last step did, for a status line. */
  done: string | null = null

  constructor(private readonly root: RootStore) {
    makeAutoObservable<MediationStore, 'root'>(this, { root: false })
  }

  async load(id: string, withCase = true): Promise<void> {
    this.loading = true
    this.error = null
    try {
      const [view, detail] = await Promise.all([this.root.api.call('parties', 'view', { id }), withCase ? this.root.api.call('petition', 'get', { id }) : Promise.resolve(null)])
      runInAction(() => {
        this.view = view
        if (detail) this.detail = detail
      })
    } catch (e) {
      runInAction(() => (this.error = toApiError(e)))
    } finally {
      runInAction(() => (this.loading = false))
    }
  }

  /** Joins with a code; the case id to open, or null (the error says why). */
  async join(code: string): Promise<string | null> {
    return this.step(async () => (await this.root.api.call('parties', 'join', { invitationCode: code })).caseId, null)
  }

  consent(answer: 'accept' | 'decline', reason?: string) {
    return this.change('consent', (requestId) => this.root.api.call('parties', 'consent', { id: this.id, answer, ...(reason ? { reason } : {}) }, { requestId }))
  }

  anotherMediator(reason: string) {
    return this.change('anotherMediator', (requestId) => this.root.api.call('parties', 'anotherMediator', { id: this.id, reason }, { requestId }))
  }

  endMediation(reason?: string) {
    return this.change('endMediation', (requestId) => this.root.api.call('parties', 'endMediation', { id: this.id, ...(reason ? { reason } : {}) }, { requestId }))
  }

  account(text: string, photos: string[] = []) {
    return this.change('account', (requestId) => this.root.api.call('parties', 'account', { id: this.id, text, photos }, { requestId }))
  }

  privatePhotos(photos: string[]) {
    return this.change('privatePhotos', () => this.root.api.call('parties', 'privatePhotos', { id: this.id, photos }))
  }

  answer(sessionId: string, answer: 'confirm' | 'another_time', note?: string) {
    return this.change('answer', (requestId) => this.root.api.call('parties', 'answer', { id: this.id, sessionId, answer, ...(note ? { note } : {}) }, { requestId }))
  }

  schedule(mode: SessionMode, startsAt: string, place: string) {
    return this.change('schedule', (requestId) => this.root.api.call('parties', 'schedule', { id: this.id, mode, startsAt, place }, { requestId }))
  }

  attendance(sessionId: string, applicant: boolean, respondent: boolean) {
    return this.change('attendance', (requestId) => this.root.api.call('parties', 'attendance', { id: this.id, sessionId, applicant, respondent }, { requestId }))
  }

  /** A new invitation (not once per request id: a retry must get a code that works, the newest). */
  async invite(): Promise<boolean> {
    const made = await this.step(() => this.root.api.call('parties', 'invite', { id: this.id }), null)
    if (!made) return false
    runInAction(() => (this.invitation = made))
    await this.load(this.id, false)
    return true
  }

  private get id(): string {
    return this.view?.caseId ?? this.detail?.id ?? ''
  }

  private async change(what: string, send: (requestId: string) => Promise<MediationView>): Promise<boolean> {
    const requestId = newRequestId()
    const view = await this.step(() => send(requestId), null)
    if (!view) return false
    runInAction(() => {
      this.view = view
      this.done = what
    })
    // The case beside it moved too (a refusal or an end closes it; the timeline has the step).
    try {
      const detail = await this.root.api.call('petition', 'get', { id: view.caseId })
      runInAction(() => (this.detail = detail))
    } catch {
      // The mediation view is what changed; the case is read again on the next visit.
    }
    return true
  }

  private async step<T>(run: () => Promise<T>, failed: T): Promise<T> {
    this.sending = true
    this.error = null
    this.done = null
    try {
      return await run()
    } catch (e) {
      runInAction(() => (this.error = toApiError(e)))
      return failed
    } finally {
      runInAction(() => (this.sending = false))
    }
  }
}

export const MEDIATION_KEY = 'mediation'
export const mediationOf = (root: RootStore): MediationStore => feature(root, MEDIATION_KEY, () => new MediationStore(root))
export const useMediation = (): MediationStore => useStore(mediationOf)
