/**
 * The filing draft (反映诉求): kept on the device as it is typed, checked with the server's own schema before it is
 * sent, and sent once however often it is retried. The filed case goes to the case view, which the next page shows.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import * as v from 'valibot'
import { PRIVACY_NOTICE_VERSION, petitionInput, type CaseDetail, type DisputeType, type PetitionKind } from '@minan/types/functions/petition'
import { UNITS_PER_CHAR } from '@minan/types/text'
import type { ActionInput } from '@minan/types/api'
import { ApiFailure, newRequestId, type Api } from '../../api/client'
import { toApiError } from '../../api/errors'
import { PhotoUploads, type ChosenFile, type UploadPhoto } from '../../api/photos'
import { fingerprint } from '../../api/submission'
import type { MessageKey } from '../../i18n'
import type { KeyValueStorage } from '../../stores/storage'

export type { ChosenFile }

export const DRAFT_KEY = 'minan.petition.draft'
/** The phone last filed with, kept per person (personal storage: forgotten when the person changes). */
export const PHONE_KEY = 'minan.petition.phone'
export const MAX_PHOTOS = 9
/** Retries after a network failure: at most this many, each wait doubling up to the cap. */
const MAX_NETWORK_RETRIES = 8
const RETRY_CAP_MS = 30000

const FILING = petitionInput.file

type TextField = 'title' | 'description' | 'address' | 'contactName' | 'otherPartyName' | 'otherPartyContact'

/** The longest text the schema takes for a field, in characters: its limit in UTF-16 units over UNITS_PER_CHAR. */
function limitOf(field: TextField): number {
  let schema: v.GenericSchema = FILING.entries[field]
  if (schema.type === 'optional') schema = (schema as unknown as { wrapped: v.GenericSchema }).wrapped
  const pipe = (schema as unknown as { pipe?: { type: string; requirement?: unknown }[] }).pipe ?? []
  const max = pipe.find((item) => item.type === 'max_length')?.requirement
  if (typeof max !== 'number') throw new Error(`no length limit for ${field} in the filing schema`)
  return max / UNITS_PER_CHAR
}

/** Each text field's limit, read from the filing schema (types/functions/petition.ts) that the server checks with. */
export const LIMITS: Readonly<Record<TextField, number>> = {
  title: limitOf('title'),
  description: limitOf('description'),
  address: limitOf('address'),
  contactName: limitOf('contactName'),
  otherPartyName: limitOf('otherPartyName'),
  otherPartyContact: limitOf('otherPartyContact')
}

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter() : null

/**
 * Characters as a person (and the filing schema) counts them: an emoji, a flag or a rare CJK character is one, not
 * two UTF-16 units. Without a segmenter (some mini-program engines), code points: never fewer than the schema counts.
 */
export const charCount = (text: string): number => (segmenter ? [...segmenter.segment(text)].length : [...text].length)

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
  /** The street address WeChat's map gives with a chosen place. */
  address?: string
  /** Where a browser's position is, in words: the nearest township and village (the point is never shown as numbers). */
  near?: string
}

/** The village nearest a browser's position, offered as the place of the matter. */
export interface PlaceSuggestion {
  code: string
  /** From the city down to the village, as the draft keeps them. */
  names: string[]
}

export type DraftPhoto = UploadPhoto

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
  /** The notice version the person agreed to; a newer notice needs a new agreement. */
  consentVersion: string | null
  subscribe: boolean
  onBehalf: boolean
}

/** The draft as kept on the device: with its uploaded photos (the photos on the form live in `photos`). */
type SavedDraft = PetitionDraft & { photos?: DraftPhoto[] }

/** Tells the store when the device is back online, so a waiting filing goes at once rather than at its next try. */
export interface NetworkWatch {
  onReconnect(callback: () => void): () => void
}

export interface FilingDraftOptions {
  /** Wait before the n-th retry (0-based) after a network failure. */
  backoff?: (attempt: number) => number
}

/** Where the filed case goes: the case view keeps the claim code apart and gives back the case without it. */
export interface FiledCaseSink {
  seed(answer: CaseDetail): CaseDetail
}

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

const TEXT_FIELDS = new Set<DraftField>(Object.keys(LIMITS) as TextField[])

/** What the person is told about a field the schema refused. */
function fieldNotice(field: DraftField, value: unknown): Notice {
  if (TEXT_FIELDS.has(field)) {
    const text = typeof value === 'string' ? value.trim() : ''
    if (!text) return { key: 'petition.error.required' }
    return { key: 'petition.error.tooLong', params: { max: LIMITS[field as TextField], count: charCount(text) } }
  }
  switch (field) {
    case 'kind':
      return { key: 'petition.error.kind' }
    case 'disputeType':
      return { key: 'petition.error.disputeType' }
    case 'regionCode':
      return { key: 'petition.error.region' }
    case 'location':
      return { key: 'petition.location.outside' }
    case 'contactPhone':
      return { key: 'petition.error.phone' }
    case 'consentVersion':
      return { key: 'petition.error.consent' }
    default:
      return { key: 'petition.error.required' }
  }
}

/**
 * The phone as people write it, in the form the schema reads: full-width digits and plus made ASCII, separators
 * (spaces, dashes, dots, brackets) dropped, and an international 0086 / 00852 / 00853 prefix written as +.
 */
export const normalisePhone = (phone: string): string =>
  phone
    .trim()
    .replace(/[\uFF10-\uFF19\uFF0B]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-.()（）\u2010-\u2015]/g, '')
    .replace(/^00(?=86|852|853)/, '+')

/** The steps of the filing stepper and the fields each one asks for, in the order they are shown. */
export const FILING_STEPS = [
  { id: 'kind', fields: ['kind', 'disputeType'] },
  { id: 'matter', fields: ['title', 'description', 'otherPartyName', 'otherPartyContact'] },
  { id: 'place', fields: ['regionCode', 'address', 'location'] },
  { id: 'contact', fields: ['onBehalf', 'contactName', 'contactPhone', 'photos'] },
  { id: 'confirm', fields: ['consentVersion'] }
] as const satisfies readonly { id: string; fields: readonly DraftField[] }[]

export type FilingStep = (typeof FILING_STEPS)[number]['id']

/** The step a field is asked on (a field no step shows: the last, where the button is). */
export const stepOf = (field: DraftField): number => {
  const i = FILING_STEPS.findIndex((s) => (s.fields as readonly DraftField[]).includes(field))
  return i < 0 ? FILING_STEPS.length - 1 : i
}

/** Every field in the order the stepper shows them: the first failing one is where the person is taken. */
export const FIELD_ORDER: readonly DraftField[] = FILING_STEPS.flatMap((s) => s.fields as readonly DraftField[])
const isNetwork = (e: unknown) => e instanceof ApiFailure && e.error.code === 'NETWORK'
const failureNotice = (e: unknown): Notice => ({ text: toApiError(e).message })

export class FilingDraftStore {
  draft: PetitionDraft | null = null
  /** The draft on the form was left unsent earlier and came back from the device. */
  draftRestored = false
  fieldErrors: Partial<Record<DraftField, Notice>> = {}
  submitError: Notice | null = null
  sending = false
  /** The last attempt failed for want of a network; another will follow by itself. */
  waitingForNetwork = false
  /** The stepper's screen (an index into FILING_STEPS). */
  step = 0
  /** The nearest village to the browser's position, offered as the place (see setPoint). */
  suggestion: PlaceSuggestion | null = null
  readonly photos: PhotoUploads

  private pending: Promise<CaseDetail | null> | null = null
  /** Counts abandoned filings: a send started under an earlier count stops and answers nothing. */
  private generation = 0
  private wake: (() => void) | null = null
  private network: NetworkWatch | null = null
  private readonly backoff: (attempt: number) => number

  constructor(
    private readonly api: Api,
    private readonly storage: KeyValueStorage,
    private readonly filed: FiledCaseSink,
    options: FilingDraftOptions = {}
  ) {
    this.backoff = options.backoff ?? ((attempt) => Math.min(2000 * 2 ** attempt, RETRY_CAP_MS))
    this.photos = new PhotoUploads(api, MAX_PHOTOS, { notImage: 'petition.photos.notImage', tooLarge: 'petition.photos.tooLarge' }, () => this.save())
    makeAutoObservable<FilingDraftStore, 'api' | 'storage' | 'filed' | 'pending' | 'generation' | 'wake' | 'network' | 'backoff'>(this, {
      api: false,
      storage: false,
      filed: false,
      photos: false,
      pending: false,
      generation: false,
      wake: false,
      network: false,
      backoff: false
    })
  }

  get canUpload(): boolean {
    return this.api.canUpload
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
    let saved = this.storage.get<Partial<SavedDraft>>(DRAFT_KEY)
    // On a shared phone, one person's unsent name and number are not shown to the next.
    if (saved?.ownerId && prefill.userId && saved.ownerId !== prefill.userId) saved = null
    if (saved && typeof saved === 'object' && typeof saved.requestId === 'string') {
      const { photos, ...rest } = saved
      this.draft = { ...emptyDraft(), ...rest }
      this.photos.restore(photos ?? [])
      this.draftRestored = Boolean(saved.title || saved.description)
    } else {
      this.draftRestored = false
      const remembered = this.storage.get<{ ownerId: string | null; phone: string }>(PHONE_KEY)
      const phone = remembered && (!prefill.userId || remembered.ownerId === prefill.userId) ? remembered.phone : ''
      this.draft = { ...emptyDraft(), ownerId: prefill.userId ?? null, regionCode: prefill.regionCode ?? '', regionNames: prefill.regionNames ?? [], contactName: prefill.contactName ?? '', contactPhone: phone }
      this.photos.clear()
      this.save()
    }
    return this.draft
  }

  update(patch: Partial<Omit<PetitionDraft, 'requestId' | 'ownerId'>>): void {
    const draft = this.draft ?? this.openDraft()
    Object.assign(draft, patch)
    for (const field of Object.keys(patch) as DraftField[]) delete this.fieldErrors[field]
    if ('consentVersion' in patch) delete this.fieldErrors.consentVersion
    this.save()
  }

  /**
   * Sets the map point. A place chosen on WeChat's map brings its address (into an empty address box); a browser's
   * bare position is named by the nearest village in the directory, which is also offered as the place.
   */
  async setPoint(point: MapPoint): Promise<void> {
    const draft = this.draft ?? this.openDraft()
    const address = point.address || point.name ? [point.address, point.name].filter(Boolean).join(' ') : ''
    this.update({ location: point, ...(address && !draft.address.trim() ? { address: [...address].slice(0, LIMITS.address).join('') } : {}) })
    this.suggestion = null
    if (point.name || point.address) return
    try {
      const [nearest] = await this.api.call('legal', 'near', { lat: point.lat, lng: point.lng, limit: 1 })
      // The point may have changed (or gone) while the directory answered.
      const now = this.draft?.location
      if (!nearest || now?.lat !== point.lat || now?.lng !== point.lng) return
      runInAction(() => {
        this.update({ location: { ...point, near: [nearest.path[2], nearest.name].filter(Boolean).join(' ') } })
        if (nearest.code !== this.draft?.regionCode) this.suggestion = { code: nearest.code, names: [...nearest.path, nearest.name] }
      })
    } catch {
      // Without the directory the point stays unnamed ("marked on the map"); the place is chosen by hand.
    }
  }

  /** Takes the suggested village as the place of the matter. */
  acceptSuggestion(): void {
    if (!this.suggestion) return
    this.update({ regionCode: this.suggestion.code, regionNames: this.suggestion.names })
    this.suggestion = null
  }

  dismissSuggestion(): void {
    this.suggestion = null
  }

  /** A map point that could not be had (outside Guangdong, or no position): why, shown at the field. */
  refusePoint(reason: 'petition.location.outside' | 'petition.location.failed'): void {
    this.fieldErrors = { ...this.fieldErrors, location: { key: reason } }
  }

  setConsent(agreed: boolean): void {
    this.update({ consentVersion: agreed ? PRIVACY_NOTICE_VERSION : null })
  }

  /**
   * The person changed (signed out, or someone else signed in): the draft goes, and a filing still waiting for the
   * network is abandoned — it is never sent again (it would go under the next person's sign-in) and its answer, if
   * one was already on its way, seeds nothing.
   */
  abandon(): void {
    this.generation++
    this.pending = null
    this.sending = false
    this.waitingForNetwork = false
    this.discardDraft()
    this.wake?.()
  }

  /** Forgets the draft (after filing, or when the person starts over). */
  discardDraft(): void {
    this.draft = null
    this.step = 0
    this.suggestion = null
    this.draftRestored = false
    this.fieldErrors = {}
    this.submitError = null
    this.photos.clear()
    this.storage.remove(DRAFT_KEY)
  }

  private save(): void {
    if (!this.draft) return
    // Only uploaded photos survive a restart: an upload in flight dies with the app.
    const photos = this.photos.items.filter((p) => p.status === 'done')
    this.storage.set(DRAFT_KEY, { ...this.draft, photos })
  }

  // ---- photos ---------------------------------------------------------------------------------------------

  get photosUploading(): boolean {
    return this.photos.uploading
  }

  get photoSlots(): number {
    return this.photos.slots
  }

  /** Adds chosen images: each is checked, then uploaded with its own progress. Returns when all are settled. */
  async addPhotos(files: ChosenFile[]): Promise<void> {
    if (!this.draft) this.openDraft()
    delete this.fieldErrors.photos
    const added = this.photos.add(files)
    if (this.photos.overflow) this.fieldErrors.photos = { key: 'petition.photos.max', params: { max: MAX_PHOTOS } }
    await added
  }

  retryPhoto(key: string): Promise<void> {
    return this.photos.retry(key)
  }

  removePhoto(key: string): void {
    this.photos.remove(key)
    delete this.fieldErrors.photos
  }

  // ---- checking and sending -------------------------------------------------------------------------------

  /**
   * Checks the draft with the schema the server checks the filing with, so the person learns what to fix before
   * anything is sent; and what the schema cannot know: a dispute's type and other party, photos still uploading.
   */
  validate(): boolean {
    this.fieldErrors = this.check()
    return Object.keys(this.fieldErrors).length === 0
  }

  /** The first field (in the order the stepper shows them) that has something to fix, if any. */
  get firstError(): DraftField | null {
    return FIELD_ORDER.find((f) => this.fieldErrors[f]) ?? (Object.keys(this.fieldErrors)[0] as DraftField | undefined) ?? null
  }

  /** Shows a step (going back is always allowed; the stepper checks a step before it moves on). */
  goToStep(step: number): void {
    this.step = Math.max(0, Math.min(FILING_STEPS.length - 1, step))
  }

  /** Checks the fields of the step on screen; moves to the next one only when nothing there needs fixing. */
  nextStep(): boolean {
    const fields = FILING_STEPS[this.step].fields as readonly DraftField[]
    const all = this.check()
    const errors: Partial<Record<DraftField, Notice>> = {}
    for (const field of fields) if (all[field]) errors[field] = all[field]
    // Leaving a step clears what it showed, and keeps what later steps already show.
    for (const [field, notice] of Object.entries(this.fieldErrors) as [DraftField, Notice][]) if (!fields.includes(field)) errors[field] = notice
    this.fieldErrors = errors
    if (fields.some((f) => errors[f])) return false
    this.goToStep(this.step + 1)
    return true
  }

  private check(): Partial<Record<DraftField, Notice>> {
    const d = this.draft ?? this.openDraft()
    const input: Record<string, unknown> = { ...this.filingInput(), consentVersion: d.consentVersion }
    const errors: Partial<Record<DraftField, Notice>> = {}
    const result = v.safeParse(FILING, input)
    for (const issue of result.issues ?? []) {
      // A part of a field ("location.lat") is shown at its field.
      const field = v.getDotPath(issue)?.split('.')[0] as DraftField | undefined
      if (field && FORM_FIELDS.has(field) && !errors[field]) errors[field] = fieldNotice(field, input[field])
    }
    if (d.kind === 'dispute') {
      if (!d.disputeType) errors.disputeType = { key: 'petition.error.disputeType' }
      if (!d.otherPartyName.trim() && !errors.otherPartyName) errors.otherPartyName = { key: 'petition.error.required' }
    }
    if (this.photos.uploading) errors.photos = { key: 'petition.photos.wait' }
    return errors
  }

  /** Checks the phone as soon as the person leaves the box, so a typo is caught before they reach the button. */
  checkPhone(): void {
    const phone = this.draft?.contactPhone ?? ''
    if (phone.trim() && !v.is(FILING.entries.contactPhone, normalisePhone(phone))) this.fieldErrors.contactPhone = { key: 'petition.error.phone' }
    else delete this.fieldErrors.contactPhone
  }

  /** The filing exactly as it will be sent; a retry sends the same. */
  filingInput(): ActionInput<'petition', 'file'> {
    const d = this.draft ?? this.openDraft()
    const optional = (value: string) => (value.trim() ? value.trim() : undefined)
    const photos = this.photos.ids
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
    return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as typeof input
  }

  /**
   * Files the draft. A second tap while sending gets the same promise; a network failure waits and tries again
   * with the same request id. Resolves with the case once filed, or null if the person has something to fix.
   */
  submit(): Promise<CaseDetail | null> {
    if (this.pending) return this.pending
    this.submitError = null
    if (!this.validate()) {
      this.goToStep(stepOf(this.firstError!))
      return Promise.resolve(null)
    }
    this.sending = true
    const input = this.filingInput()
    const draft = this.draft!
    const sent = fingerprint('file', input)
    if (draft.sent !== undefined && draft.sent !== sent) draft.requestId = newRequestId()
    draft.sent = sent
    this.save()
    const pending = this.send(input, draft.requestId).finally(() => {
      if (this.pending === pending) this.pending = null
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
    const generation = this.generation
    for (let attempt = 0; ; attempt++) {
      if (this.generation !== generation) return null
      try {
        const answer = await this.api.call('petition', 'file', input, { requestId })
        if (this.generation !== generation) return null
        return runInAction(() => {
          this.sending = false
          this.waitingForNetwork = false
          // Remembered for this person's next filing (not for one filed on someone else's behalf).
          if (!input.onBehalf) this.storage.set(PHONE_KEY, { ownerId: this.draft?.ownerId ?? null, phone: input.contactPhone })
          this.discardDraft()
          // The case page that follows shows it as filed, without asking for it again.
          return this.filed.seed(answer)
        })
      } catch (e) {
        if (this.generation !== generation) return null
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
          if (field && FORM_FIELDS.has(field)) {
            this.fieldErrors = { ...this.fieldErrors, [field]: failureNotice(e) }
            this.step = stepOf(field)
          }
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
}
