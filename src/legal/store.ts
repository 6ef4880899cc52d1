/**
 * LegalStore: 一村（居）一法律顾问 on the person's and the advisor's side — finding a village's advisor (and
 * remembering the village), the advisor's page and on-site slots, asking (request ids kept for retries, the
 * 2,000-character rule checked before sending), the consultation thread, turning it into a mediation case, on-site
 * bookings, and the advisor's workbench. Created lazily, one per RootStore; it registers the legal texts when it loads.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import type { ActionInput, ApiError, Me } from '@minan/types/api'
import {
  MAX_CONSULTATION_PHOTOS,
  MAX_QUESTION_CHARS,
  type AdvisorDetail,
  type CaseDraft,
  type Consultation,
  type ConsultationSummary,
  type LegalCategory,
  type OnsiteBooking,
  type OnsiteSlot,
  type VillageAdvisor,
  type Workbench
} from '@minan/types/functions/legal'
import { PHONE_PATTERN, PRIVACY_NOTICE_VERSION, type Rating } from '@minan/types/functions/petition'
import { newRequestId, type Api } from '../api/client'
import { toApiError } from '../api/errors'
import { Submission } from '../api/submission'
import { registerMessages } from '../i18n'
import catalogue from '../i18n/legal'
import type { KeyValueStorage } from '../stores/storage'
import type { RootStore } from '../stores/root'
import { feature } from '../stores/feature'
import { PhotoUploads } from '../api/photos'
import { inGuangdong, type LatLng } from '../platform/geo'

registerMessages(catalogue)

/** Where a signed-out person's chosen village is kept on the device. */
export const VILLAGE_KEY = 'legal.village'

/** A problem shown to the person: a catalogue key of ours, or the server's words (already in their language). */
export type Notice = { key: 'legal.ask.tooLong' | 'legal.ask.empty' | 'legal.photos.wait' | 'legal.case.phoneInvalid' | 'legal.case.consentMissing' | 'legal.case.partyMissing' } | { error: ApiError }


/** Characters as the server counts them: code points after NFC, so 𠀀 is one. */
export const charCount = (text: string): number => [...text.normalize('NFC')].length

export class LegalStore {
  // ---- finding an advisor ----
  /** The village shown: the person's own, or one they are only looking at. */
  village: VillageAdvisor | null = null
  /** The person's own village (home village, or the one kept on this device); looking at another never changes it. */
  mineCode: string | null = null
  villageLoading = false
  villageError: ApiError | null = null
  query = ''
  results: VillageAdvisor[] | null = null
  searching = false
  /** Nearest first: where the location step stands, and the villages nearest to the person with their advisors. */
  nearState: 'idle' | 'asking' | 'denied' | 'outside' = 'idle'
  near: VillageAdvisor[] | null = null

  // ---- the advisor's page ----
  advisor: AdvisorDetail | null = null
  advisorError: ApiError | null = null
  slots: OnsiteSlot[] = []
  bookings: OnsiteBooking[] = []
  bookingNotice: Notice | null = null
  booking = false

  // ---- asking ----
  category: LegalCategory | null = null
  text = ''
  anonymous = false
  /** Up to six photos with the question, uploaded as they are added. */
  readonly photos: PhotoUploads
  sending = false
  notice: Notice | null = null

  // ---- consultations ----
  consultations: ConsultationSummary[] = []
  consultation: Consultation | null = null
  consultationError: ApiError | null = null
  replyText = ''
  draft: CaseDraft | null = null
  casePhone = ''
  caseOtherParty = ''
  caseConsent = false
  caseNotice: Notice | null = null

  // ---- the advisor's workbench ----
  workbench: Workbench | null = null
  workbenchError: ApiError | null = null

  private readonly asking = new Submission()
  private readonly replying = new Submission()
  private readonly converting = new Submission()
  private readonly bookingOnce = new Submission()

  constructor(
    private readonly api: Api,
    private readonly storage: KeyValueStorage
  ) {
    this.photos = new PhotoUploads(api, MAX_CONSULTATION_PHOTOS, { notImage: 'legal.photos.notImage', tooLarge: 'legal.photos.tooLarge' })
    makeAutoObservable<LegalStore, 'api' | 'storage' | 'asking' | 'replying' | 'converting' | 'bookingOnce'>(this, {
      photos: false,
      api: false,
      storage: false,
      asking: false,
      replying: false,
      converting: false,
      bookingOnce: false
    })
  }

  // ---- finding an advisor ----

  /** My village's advisor: the signed-in person's home village, else the village chosen earlier on this device. */
  async openMine(me: Me | null): Promise<void> {
    const code = me?.homeRegion?.code ?? this.storage.get<string>(VILLAGE_KEY)
    if (!code || !/^44\d{10}$/.test(code)) return
    this.mineCode = code
    await this.loadVillage(code)
  }

  /** Whether the village shown is someone else's, only being looked at. */
  get viewingOther(): boolean {
    return this.village !== null && this.village.code !== this.mineCode
  }

  async loadVillage(code: string): Promise<void> {
    this.villageLoading = true
    this.villageError = null
    try {
      const found = await this.api.call('legal', 'forVillage', { code })
      runInAction(() => (this.village = found))
    } catch (e) {
      runInAction(() => (this.villageError = toApiError(e)))
    } finally {
      runInAction(() => (this.villageLoading = false))
    }
  }

  /** Looking at a village (search, nearest, picker): its advisor is shown; the person's own village stays theirs. */
  async viewVillage(code: string): Promise<void> {
    this.results = null
    this.near = null
    await this.loadVillage(code)
  }

  /**
   * The person said, and confirmed, "设为我的村（社区）": show its advisor and remember it (on their profile when signed
   * in, which is also where a filing takes its village from). The only way the person's village changes here.
   */
  async chooseVillage(code: string, remember: (code: string) => Promise<boolean> | null): Promise<void> {
    this.results = null
    this.near = null
    const saved = remember(code)
    if (!saved) this.storage.set(VILLAGE_KEY, code)
    const [, ok] = await Promise.all([this.village?.code === code ? null : this.loadVillage(code), saved])
    if (ok !== false) runInAction(() => (this.mineCode = code))
  }

  setQuery(q: string): void {
    this.query = q
  }

  async search(): Promise<void> {
    const q = this.query.trim().slice(0, 30)
    if (!q) return
    this.searching = true
    try {
      const found = await this.api.call('legal', 'search', { q, limit: 20 })
      runInAction(() => (this.results = found))
    } catch (e) {
      runInAction(() => (this.villageError = toApiError(e)))
    } finally {
      runInAction(() => (this.searching = false))
    }
  }

  setNearState(state: 'asking'): void {
    this.nearState = state
  }

  /** The villages nearest to where the person is (only once they allowed it), each with its advisor. */
  async findNear(point: LatLng | null): Promise<void> {
    if (!point) return void (this.nearState = 'denied')
    if (!inGuangdong(point)) return void (this.nearState = 'outside')
    this.nearState = 'idle'
    this.villageError = null
    try {
      const found = await this.api.call('legal', 'near', { lat: point.lat, lng: point.lng, limit: 5 })
      runInAction(() => (this.near = found))
    } catch (e) {
      runInAction(() => (this.villageError = toApiError(e)))
    }
  }

  // ---- the advisor's page and on-site hours ----

  async openAdvisor(id: string): Promise<void> {
    this.advisorError = null
    if (this.advisor?.id !== id) this.advisor = null
    try {
      const detail = await this.api.call('legal', 'advisor', { id })
      runInAction(() => {
        this.advisor = detail
        this.slots = detail.nextSlots
      })
    } catch (e) {
      runInAction(() => (this.advisorError = toApiError(e)))
    }
  }

  async loadSlots(advisorId: string): Promise<void> {
    const slots = await this.api.call('legal', 'slots', { advisorId }).catch(() => null)
    if (slots) runInAction(() => (this.slots = slots))
  }

  async book(slot: OnsiteSlot): Promise<boolean> {
    if (this.booking) return false
    this.booking = true
    this.bookingNotice = null
    try {
      const input = { advisorId: slot.advisorId, start: slot.start }
      await this.api.call('legal', 'book', input, { requestId: this.bookingOnce.idFor('book', input) })
      this.bookingOnce.done()
      await Promise.all([this.loadBookings(), this.loadSlots(slot.advisorId)])
      return true
    } catch (e) {
      // Another person may have taken it: a fresh list is the truth; the next try is a new request.
      this.bookingOnce.done()
      runInAction(() => (this.bookingNotice = { error: toApiError(e) }))
      await this.loadSlots(slot.advisorId)
      return false
    } finally {
      runInAction(() => (this.booking = false))
    }
  }

  async loadBookings(): Promise<void> {
    const mine = await this.api.call('legal', 'myBookings', {}).catch(() => null)
    if (mine) runInAction(() => (this.bookings = mine))
  }

  async cancelBooking(id: string): Promise<void> {
    this.bookingNotice = null
    try {
      await this.api.call('legal', 'cancel', { id }, { requestId: newRequestId() })
    } catch (e) {
      runInAction(() => (this.bookingNotice = { error: toApiError(e) }))
    }
    await this.loadBookings()
  }

  // ---- asking ----

  setCategory(c: LegalCategory): void {
    this.category = c
  }

  setText(text: string): void {
    this.text = text
    if (this.notice && 'key' in this.notice) this.notice = null
  }

  setAnonymous(on: boolean): void {
    this.anonymous = on
  }

  get textLength(): number {
    return charCount(this.text)
  }

  get tooLong(): boolean {
    return this.textLength > MAX_QUESTION_CHARS
  }

  /** Sends the question; the same request id is kept until it succeeds, so a retry after a lost reply asks once. */
  async ask(advisorId: string, villageCode: string): Promise<Consultation | null> {
    if (this.sending) return null
    if (!this.text.trim()) return void (this.notice = { key: 'legal.ask.empty' }), null
    if (this.tooLong) return void (this.notice = { key: 'legal.ask.tooLong' }), null
    if (this.photos.uploading) return void (this.notice = { key: 'legal.photos.wait' }), null
    const photos = this.photos.ids
    this.sending = true
    this.notice = null
    try {
      const input = { advisorId, villageCode, category: this.category ?? 'other', text: this.text, anonymous: this.anonymous, ...(photos.length ? { photos } : {}) }
      const asked = await this.api.call('legal', 'ask', input, { requestId: this.asking.idFor('ask', input) })
      this.asking.done()
      runInAction(() => {
        this.consultation = asked
        this.text = ''
        this.photos.clear()
        this.anonymous = false
        this.category = null
      })
      return asked
    } catch (e) {
      runInAction(() => (this.notice = { error: toApiError(e) }))
      return null
    } finally {
      runInAction(() => (this.sending = false))
    }
  }

  // ---- consultations ----

  async loadConsultations(): Promise<void> {
    const mine = await this.api.call('legal', 'myConsultations', { limit: 50 }).catch(() => null)
    if (mine) runInAction(() => (this.consultations = mine))
  }

  async openConsultation(id: string): Promise<void> {
    this.consultationError = null
    if (this.consultation?.id !== id) {
      this.consultation = null
      this.draft = null
      this.caseNotice = null
    }
    try {
      const found = await this.api.call('legal', 'consultation', { id })
      runInAction(() => (this.consultation = found))
    } catch (e) {
      runInAction(() => (this.consultationError = toApiError(e)))
    }
  }

  setReplyText(text: string): void {
    this.replyText = text
  }

  async reply(): Promise<boolean> {
    const c = this.consultation
    if (!c || !this.replyText.trim()) return false
    if (charCount(this.replyText) > MAX_QUESTION_CHARS) return void (this.notice = { key: 'legal.ask.tooLong' }), false
    return this.update(async () => {
      // Another thread or other text is another submission, with its own request id.
      const input = { id: c.id, text: this.replyText }
      const updated = await this.api.call('legal', 'reply', input, { requestId: this.replying.idFor('reply', input) })
      this.replying.done()
      runInAction(() => (this.replyText = ''))
      return updated
    })
  }

  close(rating?: Rating): Promise<boolean> {
    const id = this.consultation?.id
    if (!id) return Promise.resolve(false)
    return this.update(() => this.api.call('legal', 'close', rating ? { id, rating } : { id }, { requestId: newRequestId() }))
  }

  rate(rating: Rating): Promise<boolean> {
    const id = this.consultation?.id
    if (!id) return Promise.resolve(false)
    return this.update(() => this.api.call('legal', 'rate', { id, rating }, { requestId: newRequestId() }))
  }

  private async update(work: () => Promise<Consultation>): Promise<boolean> {
    if (this.sending) return false
    this.sending = true
    this.notice = null
    try {
      const updated = await work()
      runInAction(() => (this.consultation = updated))
      return true
    } catch (e) {
      runInAction(() => (this.notice = { error: toApiError(e) }))
      return false
    } finally {
      runInAction(() => (this.sending = false))
    }
  }

  // ---- one stop: into a mediation case ----

  async loadDraft(): Promise<void> {
    const id = this.consultation?.id
    if (!id) return
    this.caseNotice = null
    try {
      const draft = await this.api.call('legal', 'caseDraft', { id })
      runInAction(() => (this.draft = draft))
    } catch (e) {
      runInAction(() => (this.caseNotice = { error: toApiError(e) }))
    }
  }

  setCasePhone(phone: string): void {
    this.casePhone = phone
  }

  setCaseOtherParty(name: string): void {
    this.caseOtherParty = name
  }

  setCaseConsent(on: boolean): void {
    this.caseConsent = on
  }

  /** Files the case: the phone and consent go only when the draft says they are still missing. */
  async toCase(): Promise<boolean> {
    const c = this.consultation
    const needs = this.draft?.needs ?? []
    if (!c) return false
    const phone = this.casePhone.replace(/[\s-]/g, '')
    if (needs.includes('otherPartyName') && !this.caseOtherParty.trim()) return void (this.caseNotice = { key: 'legal.case.partyMissing' }), false
    if (needs.includes('contactPhone') && !PHONE_PATTERN.test(phone)) return void (this.caseNotice = { key: 'legal.case.phoneInvalid' }), false
    if (needs.includes('consentVersion') && !this.caseConsent) return void (this.caseNotice = { key: 'legal.case.consentMissing' }), false
    this.sending = true
    this.caseNotice = null
    try {
      const input: ActionInput<'legal', 'toCase'> = {
        id: c.id,
        ...(needs.includes('contactPhone') ? { contactPhone: phone } : {}),
        ...(needs.includes('consentVersion') ? { consentVersion: PRIVACY_NOTICE_VERSION } : {}),
        ...(this.caseOtherParty.trim() ? { otherPartyName: this.caseOtherParty.trim() } : {})
      }
      const converted = await this.api.call('legal', 'toCase', input, { requestId: this.converting.idFor('toCase', input) })
      this.converting.done()
      runInAction(() => {
        this.consultation = converted
        this.draft = null
      })
      return true
    } catch (e) {
      runInAction(() => (this.caseNotice = { error: toApiError(e) }))
      return false
    } finally {
      runInAction(() => (this.sending = false))
    }
  }

  // ---- the advisor's workbench ----

  async loadWorkbench(): Promise<void> {
    this.workbenchError = null
    try {
      const bench = await this.api.call('legal', 'workbench', { limit: 100 })
      runInAction(() => (this.workbench = bench))
    } catch (e) {
      runInAction(() => (this.workbenchError = toApiError(e)))
    }
  }

  async markAttendance(id: string, attended: boolean): Promise<void> {
    try {
      await this.api.call('legal', 'markAttendance', { id, attended }, { requestId: newRequestId() })
    } catch (e) {
      runInAction(() => (this.workbenchError = toApiError(e)))
    }
    await this.loadWorkbench()
  }
}

/** The one LegalStore of this RootStore, made on first use. */
export function legalOf(root: RootStore, storage: KeyValueStorage): LegalStore {
  return feature(root, 'legal', () => new LegalStore(root.api, storage))
}
