/**
 * AgreementStore: one dispute's mediation agreement on the parties', the mediator's and the centre's side — reading it,
 * the mediator's draft, signing (a handwritten signature and the one-time code from the person's own messages), the
 * seal, the PDF, follow-ups and reports, and the staff's check of a printed copy. Each write keeps its request id until
 * it succeeds, so a retry after a lost answer is the same request (the server runs it once).
 */
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiError } from '@minan/types/api'
import type { AgreementContent, AgreementPdf, AgreementVerification, AgreementView, FollowUpResult, PerformanceItem } from '@minan/types/functions/agreement'
import { newRequestId, type Api } from '../api/client'
import { toApiError } from '../api/errors'
import { registerMessages } from '../i18n'
import catalogue from '../i18n/agreement'
import type { RootStore } from '../stores/root'
import { feature } from '../stores/feature'

registerMessages(catalogue)

export const emptyContent = (): AgreementContent => ({
  applicant: { name: '', details: '' },
  respondent: { name: '', details: '' },
  facts: '',
  disputedMatters: '',
  responsibilities: '',
  terms: '',
  performance: []
})

export const emptyItem = (dueDate: string): PerformanceItem => ({ obligor: 'respondent', what: '', how: '', dueDate })

export class AgreementStore {
  caseId: string | null = null
  view: AgreementView | null = null
  loaded = false
  busy = false
  error: ApiError | null = null
  /** The mediator's working copy. */
  draft: AgreementContent = emptyContent()
  /** When the party's signing code stops working, once asked for. */
  codeExpiresAt: string | null = null
  /** Whether that code also went by SMS to the party's phone. */
  codeBySms = false
  verification: AgreementVerification | null = null
  private pending = new Map<string, string>()

  constructor(private readonly api: Api) {
    makeAutoObservable<AgreementStore, 'api' | 'pending'>(this, { api: false, pending: false })
  }

  private requestId(key: string): string {
    let id = this.pending.get(key)
    if (!id) this.pending.set(key, (id = newRequestId()))
    return id
  }

  private async run<T>(key: string | null, work: (requestId?: string) => Promise<T>): Promise<T | null> {
    this.busy = true
    this.error = null
    try {
      const out = await work(key ? this.requestId(key) : undefined)
      if (key) this.pending.delete(key)
      return out
    } catch (e) {
      runInAction(() => (this.error = toApiError(e)))
      return null
    } finally {
      runInAction(() => (this.busy = false))
    }
  }

  private show(view: AgreementView | null): void {
    this.view = view
    this.loaded = true
    if (view) this.draft = JSON.parse(JSON.stringify(view.content)) as AgreementContent
  }

  async load(caseId: string): Promise<void> {
    if (this.caseId !== caseId) {
      this.caseId = caseId
      this.view = null
      this.loaded = false
      this.codeExpiresAt = null
    }
    const view = await this.run(null, () => this.api.call('agreement', 'get', { caseId }))
    runInAction(() => (this.error ? (this.loaded = true) : this.show(view)))
  }

  /** The mediator's draft: the saved one, or a start from the case. */
  async loadDraft(caseId: string): Promise<void> {
    await this.load(caseId)
    if (this.view || this.error) return
    const template = await this.run(null, () => this.api.call('agreement', 'template', { caseId }))
    if (template) runInAction(() => (this.draft = template.content))
  }

  setDraft(change: (draft: AgreementContent) => void): void {
    change(this.draft)
  }

  async save(): Promise<boolean> {
    const caseId = this.caseId!
    const view = await this.run(`save:${JSON.stringify(this.draft)}`, (requestId) => this.api.call('agreement', 'save', { caseId, content: this.draft }, { requestId }))
    if (view) runInAction(() => this.show(view))
    return view !== null
  }

  async issue(): Promise<boolean> {
    if (!(await this.save())) return false
    const { caseId, version } = this.view!
    const view = await this.run(`issue:${version}`, (requestId) => this.api.call('agreement', 'issue', { caseId, version }, { requestId }))
    if (view) runInAction(() => this.show(view))
    return view !== null
  }

  async recordOral(agreedAt: string): Promise<boolean> {
    const caseId = this.caseId!
    const view = await this.run(`oral:${agreedAt}`, (requestId) => this.api.call('agreement', 'recordOral', { caseId, content: this.draft, agreedAt }, { requestId }))
    if (view) runInAction(() => this.show(view))
    return view !== null
  }

  async requestCode(): Promise<void> {
    const { caseId, version } = this.view!
    const out = await this.run(null, () => this.api.call('agreement', 'requestCode', { caseId, version }))
    if (out)
      runInAction(() => {
        this.codeExpiresAt = out.expiresAt
        this.codeBySms = out.smsSent === true
      })
  }

  /** Signs the version on screen with the drawn signature (a PNG data URL) and, for a party, the code. */
  async sign(image: string, code?: string): Promise<boolean> {
    const { caseId, version } = this.view!
    const view = await this.run(`sign:${version}`, (requestId) => this.api.call('agreement', 'sign', { caseId, version, image, ...(code ? { code } : {}) }, { requestId }))
    if (view) runInAction(() => this.show(view))
    return view !== null
  }

  async seal(): Promise<void> {
    const { caseId, version } = this.view!
    const view = await this.run(`seal:${version}`, (requestId) => this.api.call('agreement', 'seal', { caseId, version }, { requestId }))
    if (view) runInAction(() => this.show(view))
  }

  async recordFollowUp(item: number, result: FollowUpResult, note: string): Promise<void> {
    const caseId = this.caseId!
    const view = await this.run(`followUp:${item}:${result}:${note}`, (requestId) => this.api.call('agreement', 'recordFollowUp', { caseId, item, result, note }, { requestId }))
    if (view) runInAction(() => this.show(view))
  }

  async report(note: string): Promise<boolean> {
    const caseId = this.caseId!
    const view = await this.run(`report:${note}`, (requestId) => this.api.call('agreement', 'reportNonPerformance', { caseId, note }, { requestId }))
    if (view) runInAction(() => this.show(view))
    return view !== null
  }

  async recordConfirmation(date: string): Promise<void> {
    const caseId = this.caseId!
    const view = await this.run(`confirm:${date}`, (requestId) => this.api.call('agreement', 'recordConfirmation', { caseId, date }, { requestId }))
    if (view) runInAction(() => this.show(view))
  }

  pdf(document: 'agreement' | 'application'): Promise<AgreementPdf | null> {
    const caseId = this.caseId!
    return this.run(null, () => this.api.call('agreement', 'pdf', { caseId, document }))
  }

  async verify(docNo: string, code: string): Promise<void> {
    this.verification = null
    const out = await this.run(null, () => this.api.call('agreement', 'verify', { docNo, code }))
    if (out) runInAction(() => (this.verification = out))
  }
}

export function agreementOf(root: RootStore): AgreementStore {
  return feature(root, 'agreement', () => new AgreementStore(root.api))
}
