/**
 * The resident's petitions: the filing draft (kept on the device as it is typed, sent once however often it is
 * retried), its photos, the list of my cases, and the case on screen with the moves its owner can make.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import {
  PHONE_PATTERN,
  PRIVACY_NOTICE_VERSION,
  inGuangdong,
  type CaseDetail,
  type CaseSummary,
  type DisputeType,
  type PetitionKind,
  type Rating
} from '@minan/types/functions/petition'
import type { ActionInput } from '@minan/types/api'
import { ApiFailure, newRequestId, type Api } from '../api/client'
import { fingerprint } from '../api/submission'
import type { MessageKey } from '../i18n'
import type { KeyValueStorage } from './storage'

export const DRAFT_KEY = 'minan.petition.draft'
export const MAX_PHOTOS = 9
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024
export const LIMITS = { title: 50, description: 4000, address: 200, contactName: 30, otherPartyName: 50, otherPartyContact: 50 } as const
const PAGE_SIZE = 20
/** Retries after a network failure: at most this many, each wait doubling up to the cap. */
const MAX_NETWORK_RETRIES = 8
const RETRY_CAP_MS = 30000

/** Characters as a person counts them: an emoji or a rare CJK character is one, not two UTF-16 units. */
export const charCount = (text: string): number => [...text].length

/** A message for the person: one of ours (translated when shown, so it follows a change of language) or the server's. */
export type Notice = { key: MessageKey; params?: Record<string, string | number> } | { text: string }

export type DraftField =
  | 'kind'
  | 'disputeType'
  | 'otherPartyName'
  | 'otherPartyContact'
  | 'title'
  | 'description'
  | 'regionCode'
  | 'address'
  | 'location'
  | 'contactName'
  | 'contactPhone'
  | 'photos'
  | 'consentVersion'
  | 'onBehalf'

export interface MapPoint {
  lat: number
  lng: number
  name?: string
}

export interface DraftPhoto {
  /** Local key, stable while the photo is on the form. */
  key: string
  /** Local file path (for the thumbnail). */
  path: string
  size: number
  /** The server's id once uploaded. */
  id: string | null
  progress: number
  status: 'uploading' | 'done' | 'failed'
  error: Notice | null
}

export interface PetitionDraft {
  /**
   * One per submission of this draft: every attempt to send the same content carries it, so the server makes one case
   * at most; content changed after a failed attempt is another submission, with a new id.
   */
  requestId: string
  /** The fingerprint of what was last sent with requestId (api/submission), if it was sent. */
  sent?: string
  /** Who started it (user id), so another person signing in on this phone starts afresh. */
  ownerId: string | null
  kind: PetitionKind | null
  disputeType: DisputeType | null
  otherPartyName: string
  otherPartyContact: string
  title: string
  description: string
  regionCode: string
  /** Names from the city down to the village, for showing the choice. */
  regionNames: string[]
  address: string
  /** The optional map point (a place chosen on the map, or where the phone is), with its name where the map gave one. */
  location: MapPoint | null
  contactName: string
  contactPhone: string
  photos: DraftPhoto[]
  /** The notice version the person agreed to; a newer notice needs a new agreement. */
  consentVersion: string | null
  subscribe: boolean
  onBehalf: boolean
}

/** Tells the store when the device is back online, so a waiting filing goes at once rather than at its next try. */
export interface NetworkWatch {
  onReconnect(callback: () => void): () => void
}

export interface PetitionStoreOptions {
  /** Wait before the n-th retry (0-based) after a network failure. */
  backoff?: (attempt: number) => number
}

export interface ChosenFile {
  path: string
  size: number
  /** MIME type where the platform tells it (H5). */
  type?: string
}

type ResidentMove = 'addInfo' | 'withdraw' | 'rate' | 'requestReview'

const emptyDraft = (): PetitionDraft => ({
  requestId: newRequestId(),
  ownerId: null,
  kind: null,
  disputeType: null,
  otherPartyName: '',
  otherPartyContact: '',
  title: '',
  description: '',
  regionCode: '',
  regionNames: [],
  address: '',
  location: null,
  contactName: '',
  contactPhone: '',
  photos: [],
  consentVersion: null,
  subscribe: false,
  onBehalf: false
})

/** Fields the form shows an error next to; a server error about any other field is shown at the button. */
const FORM_FIELDS = new Set<DraftField>([
  'kind',
  'disputeType',
  'otherPartyName',
  'otherPartyContact',
  'title',
  'description',
  'regionCode',
  'address',
  'location',
  'contactName',
  'contactPhone',
  'photos',
  'consentVersion',
  'onBehalf'
])

const normalisePhone = (phone: string) => phone.trim().replace(/[\s-]/g, '')
const failureNotice = (e: unknown): Notice => ({ text: e instanceof Error ? e.message : String(e) })
const isNetwork = (e: unknown) => e instanceof ApiFailure && e.error.code === 'NETWORK'

/**
 * What the grid worker hands the resident for a case filed on their behalf (回执): shown once, kept only in memory
 * (never on the device's storage), gone once handed over.
 */
export interface ClaimReceipt {
  caseId: string
  trackingNo: string
  claimCode: string
  /** Also sent by SMS to the case's phone. */
  sent: boolean
  title: string
  contactName: string
  contactPhone: string
  handlingUnit: string
  filedAt: string
}

/** The case without its claim code (which lives only in the receipt), and the receipt if the answer carried one. */
function splitReceipt(answer: CaseDetail): { c: CaseDetail; receipt: ClaimReceipt | null } {
  const { claimCode, claimCodeSent, ...c } = answer
  if (!claimCode) return { c, receipt: null }
  return {
    c,
    receipt: { caseId: c.id, trackingNo: c.trackingNo, claimCode, sent: claimCodeSent === true, title: c.title, contactName: c.contactName, contactPhone: c.contactPhone, handlingUnit: c.handlingUnit, filedAt: c.filedAt }
  }
}

export class PetitionStore {
  draft: PetitionDraft | null = null
  /** The draft on the form was left unsent earlier and came back from the device. */
  draftRestored = false
  fieldErrors: Partial<Record<DraftField, Notice>> = {}
  submitError: Notice | null = null
  sending = false
  /** The last attempt failed for want of a network; another will follow by itself. */
  waitingForNetwork = false

  mine: CaseSummary[] = []
  nextCursor: string | null = null
  listLoaded = false
  listLoading = false
  listError: string | null = null

  current: CaseDetail | null = null
  /** The receipt of a case just filed on someone's behalf (or given a new claim code), until it is handed over. */
  receipt: ClaimReceipt | null = null
  reissuing = false
  currentLoading = false
  currentError: string | null = null
  acting: ResidentMove | null = null
  actionError: string | null = null

  private pending: Promise<CaseDetail | null> | null = null
  private wake: (() => void) | null = null
  private network: NetworkWatch | null = null
  private listGeneration = 0
  private readonly moveRequestIds = new Map<string, string>()
  private readonly backoff: (attempt: number) => number

  constructor(
    private readonly api: () => Api,
    private readonly storage: KeyValueStorage,
    options: PetitionStoreOptions = {}
  ) {
    this.backoff = options.backoff ?? ((attempt) => Math.min(2000 * 2 ** attempt, RETRY_CAP_MS))
    makeAutoObservable<PetitionStore, 'pending' | 'wake' | 'network' | 'listGeneration' | 'moveRequestIds' | 'backoff'>(this, {
      pending: false,
      wake: false,
      network: false,
      listGeneration: false,
      moveRequestIds: false,
      backoff: false
    })
  }

  // ---- the draft ------------------------------------------------------------------------------------------

  get canUpload(): boolean {
    return this.api().canUpload
  }

  get consented(): boolean {
    return this.draft?.consentVersion === PRIVACY_NOTICE_VERSION
  }

  /**
   * Opens the form: the draft in memory, else the one saved on this device, else a fresh one with the person's
   * village and name filled in.
   */
  openDraft(prefill: { userId?: string; regionCode?: string; regionNames?: string[]; contactName?: string } = {}): PetitionDraft {
    if (this.draft && (!prefill.userId || !this.draft.ownerId || this.draft.ownerId === prefill.userId)) return this.draft
    let saved = this.storage.get<Partial<PetitionDraft>>(DRAFT_KEY)
    // On a shared phone, one person's unsent name and number are not shown to the next.
    if (saved?.ownerId && prefill.userId && saved.ownerId !== prefill.userId) saved = null
    if (saved && typeof saved === 'object' && typeof saved.requestId === 'string') {
      const photos = (saved.photos ?? []).filter((p) => p.status === 'done' && p.id)
      this.draft = { ...emptyDraft(), ...saved, photos }
      this.draftRestored = Boolean(saved.title || saved.description)
    } else {
      this.draftRestored = false
      this.draft = { ...emptyDraft(), ownerId: prefill.userId ?? null, regionCode: prefill.regionCode ?? '', regionNames: prefill.regionNames ?? [], contactName: prefill.contactName ?? '' }
      this.save()
    }
    return this.draft
  }

  update(patch: Partial<Omit<PetitionDraft, 'requestId' | 'ownerId' | 'photos'>>): void {
    const draft = this.draft ?? this.openDraft()
    Object.assign(draft, patch)
    for (const field of Object.keys(patch) as DraftField[]) delete this.fieldErrors[field]
    if ('consentVersion' in patch) delete this.fieldErrors.consentVersion
    this.save()
  }

  /** A map point that could not be had (outside Guangdong, or no position): why, shown at the field. */
  refusePoint(reason: 'petition.location.outside' | 'petition.location.failed'): void {
    this.fieldErrors = { ...this.fieldErrors, location: { key: reason } }
  }

  setConsent(agreed: boolean): void {
    this.update({ consentVersion: agreed ? PRIVACY_NOTICE_VERSION : null })
  }

  /** Forgets the draft (after filing, or when the person starts over). */
  discardDraft(): void {
    this.draft = null
    this.draftRestored = false
    this.fieldErrors = {}
    this.submitError = null
    this.storage.remove(DRAFT_KEY)
  }

  private save(): void {
    if (!this.draft) return
    // Only uploaded photos survive a restart: an upload in flight dies with the app.
    const photos = this.draft.photos.filter((p) => p.status === 'done')
    this.storage.set(DRAFT_KEY, { ...this.draft, photos })
  }

  // ---- photos ---------------------------------------------------------------------------------------------

  get photosUploading(): boolean {
    return this.draft?.photos.some((p) => p.status === 'uploading') ?? false
  }

  get photoSlots(): number {
    return MAX_PHOTOS - (this.draft?.photos.length ?? 0)
  }

  /** Adds chosen images: each is checked, then uploaded with its own progress. Returns when all are settled. */
  async addPhotos(files: ChosenFile[]): Promise<void> {
    const draft = this.draft ?? this.openDraft()
    delete this.fieldErrors.photos
    const accepted = files.slice(0, Math.max(0, this.photoSlots))
    const uploads = accepted.map((file) => {
      const photo: DraftPhoto = { key: newRequestId(), path: file.path, size: file.size, id: null, progress: 0, status: 'uploading', error: null }
      if (file.type && !file.type.startsWith('image/')) Object.assign(photo, { status: 'failed', error: { key: 'petition.photos.notImage' } })
      else if (file.size > MAX_PHOTO_BYTES) Object.assign(photo, { status: 'failed', error: { key: 'petition.photos.tooLarge' } })
      draft.photos.push(photo)
      // The observable copy, not the plain object: progress must re-render.
      const live = draft.photos[draft.photos.length - 1]
      return live.status === 'uploading' ? this.upload(live) : Promise.resolve()
    })
    if (files.length > accepted.length) this.fieldErrors.photos = { key: 'petition.photos.max', params: { max: MAX_PHOTOS } }
    await Promise.all(uploads)
  }

  retryPhoto(key: string): Promise<void> {
    const photo = this.draft?.photos.find((p) => p.key === key)
    if (!photo || photo.status !== 'failed' || photo.size > MAX_PHOTO_BYTES) return Promise.resolve()
    Object.assign(photo, { status: 'uploading', progress: 0, error: null })
    return this.upload(photo)
  }

  removePhoto(key: string): void {
    if (!this.draft) return
    this.draft.photos = this.draft.photos.filter((p) => p.key !== key)
    delete this.fieldErrors.photos
    this.save()
  }

  private async upload(photo: DraftPhoto): Promise<void> {
    try {
      const stored = await this.api().upload(photo.path, (percent) => runInAction(() => (photo.progress = Math.max(photo.progress, Math.min(100, percent)))))
      runInAction(() => Object.assign(photo, { id: stored.id, progress: 100, status: 'done', error: null }))
      this.save()
    } catch (e) {
      runInAction(() => Object.assign(photo, { status: 'failed', error: failureNotice(e) }))
    }
  }

  // ---- checking and sending -------------------------------------------------------------------------------

  /** Checks the draft as the server would, so the person learns what to fix before anything is sent. */
  validate(): boolean {
    const d = this.draft ?? this.openDraft()
    const errors: Partial<Record<DraftField, Notice>> = {}
    const required = (field: DraftField, value: string, max: number) => {
      const text = value.trim()
      if (!text) errors[field] = { key: 'petition.error.required' }
      else if (charCount(text) > max) errors[field] = { key: 'petition.error.tooLong', params: { max, count: charCount(text) } }
    }
    const optional = (field: DraftField, value: string, max: number) => {
      if (charCount(value.trim()) > max) errors[field] = { key: 'petition.error.tooLong', params: { max, count: charCount(value.trim()) } }
    }
    if (!d.kind) errors.kind = { key: 'petition.error.kind' }
    if (d.kind === 'dispute') {
      if (!d.disputeType) errors.disputeType = { key: 'petition.error.disputeType' }
      required('otherPartyName', d.otherPartyName, LIMITS.otherPartyName)
      optional('otherPartyContact', d.otherPartyContact, LIMITS.otherPartyContact)
    }
    required('title', d.title, LIMITS.title)
    required('description', d.description, LIMITS.description)
    if (!/^44\d{10}$/.test(d.regionCode)) errors.regionCode = { key: 'petition.error.region' }
    optional('address', d.address, LIMITS.address)
    if (d.location && !inGuangdong(d.location)) errors.location = { key: 'petition.location.outside' }
    required('contactName', d.contactName, LIMITS.contactName)
    if (!PHONE_PATTERN.test(normalisePhone(d.contactPhone))) errors.contactPhone = { key: 'petition.error.phone' }
    if (d.photos.some((p) => p.status === 'uploading')) errors.photos = { key: 'petition.photos.wait' }
    if (d.consentVersion !== PRIVACY_NOTICE_VERSION) errors.consentVersion = { key: 'petition.error.consent' }
    this.fieldErrors = errors
    return Object.keys(errors).length === 0
  }

  /** Checks the phone as soon as the person leaves the box, so a typo is caught before they reach the button. */
  checkPhone(): void {
    const phone = this.draft?.contactPhone ?? ''
    if (phone.trim() && !PHONE_PATTERN.test(normalisePhone(phone))) this.fieldErrors.contactPhone = { key: 'petition.error.phone' }
    else delete this.fieldErrors.contactPhone
  }

  /** The filing exactly as it will be sent; a retry sends the same. */
  filingInput(): ActionInput<'petition', 'file'> {
    const d = this.draft ?? this.openDraft()
    const optional = (value: string) => (value.trim() ? value.trim() : undefined)
    const photos = d.photos.filter((p) => p.status === 'done' && p.id).map((p) => p.id!)
    const input: ActionInput<'petition', 'file'> = {
      kind: d.kind!,
      ...(d.kind === 'dispute' ? { disputeType: d.disputeType!, otherPartyName: d.otherPartyName.trim(), otherPartyContact: optional(d.otherPartyContact) } : {}),
      title: d.title.trim(),
      description: d.description.trim(),
      regionCode: d.regionCode,
      address: optional(d.address),
      ...(d.location ? { location: { lat: d.location.lat, lng: d.location.lng } } : {}),
      ...(photos.length ? { photos } : {}),
      contactName: d.contactName.trim(),
      contactPhone: normalisePhone(d.contactPhone),
      consentVersion: PRIVACY_NOTICE_VERSION,
      ...(d.onBehalf ? { onBehalf: true } : {}),
      subscribe: d.subscribe
    }
    // Left-out optional fields are absent, not undefined: the body reads the same on every transport.
    return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as typeof input
  }

  /**
   * Files the draft. A second tap while sending gets the same promise; a network failure waits and tries again
   * with the same request id. Resolves with the case once filed, or null if the person has something to fix.
   */
  submit(): Promise<CaseDetail | null> {
    if (this.pending) return this.pending
    this.submitError = null
    if (!this.validate()) return Promise.resolve(null)
    this.sending = true
    const input = this.filingInput()
    const draft = this.draft!
    const sent = fingerprint('file', input)
    if (draft.sent !== undefined && draft.sent !== sent) draft.requestId = newRequestId()
    draft.sent = sent
    this.save()
    const pending = this.send(input, draft.requestId).finally(() => {
      this.pending = null
    })
    this.pending = pending
    return pending
  }

  /** Lets a platform report connectivity; a waiting filing is retried the moment the network returns. */
  watchNetworkWith(watch: NetworkWatch): void {
    this.network = watch
  }

  /** Tries a waiting filing now (the network came back, or the person tapped). */
  retryNow(): void {
    this.wake?.()
  }

  private async send(input: ActionInput<'petition', 'file'>, requestId: string): Promise<CaseDetail | null> {
    for (let attempt = 0; ; attempt++) {
      try {
        const { c: filed, receipt } = splitReceipt(await this.api().call('petition', 'file', input, { requestId }))
        runInAction(() => {
          this.sending = false
          this.waitingForNetwork = false
          this.discardDraft()
          // The case page that follows shows it at once, then refreshes it.
          this.current = filed
          this.receipt = receipt
        })
        return filed
      } catch (e) {
        if (isNetwork(e) && attempt < MAX_NETWORK_RETRIES) {
          runInAction(() => (this.waitingForNetwork = true))
          await this.waitForRetry(this.backoff(attempt))
          continue
        }
        runInAction(() => {
          this.sending = false
          this.waitingForNetwork = false
          // A part of a field ("location.lat") is shown at its field.
          const field = e instanceof ApiFailure ? (e.error.field?.split('.')[0] as DraftField | undefined) : undefined
          if (field && FORM_FIELDS.has(field)) this.fieldErrors = { ...this.fieldErrors, [field]: failureNotice(e) }
          else if (isNetwork(e)) this.submitError = { key: 'petition.submit.offline' }
          else this.submitError = failureNotice(e)
        })
        return null
      }
    }
  }

  private waitForRetry(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      let unsubscribe: () => void = () => undefined
      const done = () => {
        clearTimeout(timer)
        unsubscribe()
        if (this.wake === done) this.wake = null
        resolve()
      }
      const timer = setTimeout(done, ms)
      this.wake = done
      unsubscribe = this.network?.onReconnect(done) ?? unsubscribe
    })
  }

  // ---- my cases -------------------------------------------------------------------------------------------

  get listHasMore(): boolean {
    return this.nextCursor !== null
  }

  /** The first page again, newest activity first (on show and on pull-down). */
  async refresh(): Promise<void> {
    const generation = ++this.listGeneration
    this.listLoading = true
    this.listError = null
    try {
      const page = await this.api().call('petition', 'mine', { limit: PAGE_SIZE })
      runInAction(() => {
        if (generation !== this.listGeneration) return
        this.mine = page.items
        this.nextCursor = page.nextCursor
        this.listLoaded = true
      })
    } catch (e) {
      runInAction(() => generation === this.listGeneration && (this.listError = e instanceof Error ? e.message : String(e)))
    } finally {
      runInAction(() => generation === this.listGeneration && (this.listLoading = false))
    }
  }

  /** The next page, at the bottom of the list; nothing if one is loading or there is no more. */
  async loadMore(): Promise<void> {
    if (!this.nextCursor || this.listLoading) return
    const generation = this.listGeneration
    this.listLoading = true
    this.listError = null
    try {
      const page = await this.api().call('petition', 'mine', { limit: PAGE_SIZE, cursor: this.nextCursor })
      runInAction(() => {
        if (generation !== this.listGeneration) return
        // A case that moved between pages (it changed meanwhile) is shown once.
        const seen = new Set(this.mine.map((c) => c.id))
        this.mine = [...this.mine, ...page.items.filter((c) => !seen.has(c.id))]
        this.nextCursor = page.nextCursor
      })
    } catch (e) {
      runInAction(() => generation === this.listGeneration && (this.listError = e instanceof Error ? e.message : String(e)))
    } finally {
      runInAction(() => generation === this.listGeneration && (this.listLoading = false))
    }
  }

  // ---- one case -------------------------------------------------------------------------------------------

  claimError: string | null = null
  claiming = false

  /** Takes a case filed for me (代办) into my list with its tracking number, the phone it was filed with and its claim code. */
  async claim(trackingNo: string, contactPhone: string, claimCode: string): Promise<string | null> {
    this.claiming = true
    this.claimError = null
    try {
      const c = await this.api().call('petition', 'claim', { trackingNo: trackingNo.trim(), contactPhone: normalisePhone(contactPhone), claimCode: claimCode.trim() })
      runInAction(() => (this.current = c))
      return c.id
    } catch (e) {
      runInAction(() => (this.claimError = e instanceof Error ? e.message : String(e)))
      return null
    } finally {
      runInAction(() => (this.claiming = false))
    }
  }

  async open(id: string): Promise<void> {
    if (this.current?.id !== id) this.current = null
    this.currentLoading = true
    this.currentError = null
    this.actionError = null
    try {
      const c = await this.api().call('petition', 'get', { id })
      runInAction(() => (this.current = c))
    } catch (e) {
      runInAction(() => (this.currentError = e instanceof Error ? e.message : String(e)))
    } finally {
      runInAction(() => (this.currentLoading = false))
    }
  }

  /** A new claim code for the case on screen (the old one stops working): true once the receipt holds it. */
  async reissueClaimCode(): Promise<boolean> {
    const c = this.current
    if (!c || this.reissuing) return false
    this.reissuing = true
    this.actionError = null
    try {
      const { c: updated, receipt } = splitReceipt(await this.api().call('petition', 'reissueClaimCode', { id: c.id }))
      runInAction(() => {
        this.current = updated
        this.receipt = receipt
      })
      return receipt !== null
    } catch (e) {
      runInAction(() => (this.actionError = e instanceof Error ? e.message : String(e)))
      return false
    } finally {
      runInAction(() => (this.reissuing = false))
    }
  }

  /** The receipt was handed to the resident: the code is not kept any longer. */
  handedOver(): void {
    this.receipt = null
  }

  addInfo(text: string): Promise<boolean> {
    return this.move('addInfo', (id) => ({ id, text: text.trim() }))
  }

  withdraw(reason?: string): Promise<boolean> {
    return this.move('withdraw', (id) => ({ id, ...(reason?.trim() ? { reason: reason.trim() } : {}) }))
  }

  rate(rating: Rating, comment?: string): Promise<boolean> {
    return this.move('rate', (id) => ({ id, rating, ...(comment?.trim() ? { comment: comment.trim() } : {}) }))
  }

  requestReview(reason: string): Promise<boolean> {
    return this.move('requestReview', (id) => ({ id, reason: reason.trim() }))
  }

  /** One move on the case on screen. A retry of the same move on the same case reuses its request id. */
  private async move<M extends ResidentMove>(action: M, input: (id: string) => ActionInput<'petition', M>): Promise<boolean> {
    const c = this.current
    if (!c || this.acting) return false
    // The same move with the same fields on the same case is a retry; anything else is a new request.
    const key = fingerprint(action, input(c.id))
    const requestId = this.moveRequestIds.get(key) ?? newRequestId()
    this.moveRequestIds.set(key, requestId)
    this.acting = action
    this.actionError = null
    try {
      const updated = await this.api().call('petition', action, input(c.id), { requestId })
      this.moveRequestIds.delete(key)
      runInAction(() => {
        this.current = updated
        this.mine = this.mine.map((s) => (s.id === updated.id ? { ...s, ...pickSummary(updated) } : s))
      })
      return true
    } catch (e) {
      runInAction(() => (this.actionError = e instanceof Error ? e.message : String(e)))
      return false
    } finally {
      runInAction(() => (this.acting = null))
    }
  }
}

function pickSummary(c: CaseDetail): Partial<CaseSummary> {
  const { status, updatedAt, nextDeadline, nextDeadlineKind, flag, handlingUnit } = c
  return { status, updatedAt, nextDeadline, nextDeadlineKind, flag, handlingUnit }
}
