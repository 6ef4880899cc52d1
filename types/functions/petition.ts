/** petition: 信访诉求 and 矛盾纠纷 — file, follow, and for staff, handle. */
import * as v from 'valibot'
import { PhoneSchema } from '../phone'
import { CLAIM_CODE_PATTERN, isTrackingNo, normaliseClaimCode, normaliseTrackingNo } from '../tracking'
import { optionalText, requiredText } from '../text'

export const PETITION_KINDS = ['complaint', 'request', 'suggestion', 'enquiry', 'dispute'] as const
export type PetitionKind = (typeof PETITION_KINDS)[number]

export const DISPUTE_TYPES = ['neighbours', 'family', 'tenancy', 'labour', 'property', 'consumer', 'land', 'other'] as const
export type DisputeType = (typeof DISPUTE_TYPES)[number]

export const CASE_STATUSES = ['submitted', 'accepted', 'assigned', 'closed', 'declined', 'withdrawn'] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

export const CASE_STAGES = ['original', 'review', 'rereview'] as const
export type CaseStage = (typeof CASE_STAGES)[number]

export const OUTCOMES = ['opinion', 'mediation_success', 'mediation_failed'] as const
export type Outcome = (typeof OUTCOMES)[number]

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const
export type Rating = (typeof RATINGS)[number]

export const PRIVACY_NOTICE_VERSION = '2026-11-01'

/** A box around Guangdong: a map point outside it is refused (a slip of the finger, or a place elsewhere). */
export const GUANGDONG_BOUNDS = { minLat: 20, maxLat: 26, minLng: 109, maxLng: 118 } as const
export const inGuangdong = (p: { lat: number; lng: number }): boolean =>
  p.lat >= GUANGDONG_BOUNDS.minLat && p.lat <= GUANGDONG_BOUNDS.maxLat && p.lng >= GUANGDONG_BOUNDS.minLng && p.lng <= GUANGDONG_BOUNDS.maxLng

/**
 * Departments a township centre hands matters to (交由部门办理). The codes are the contract; their names are in the
 * catalogue (staff.department.<code>).
 */
export const DEPARTMENTS = ['labour', 'natural_resources', 'housing', 'urban_management', 'market', 'womens_federation', 'justice', 'mediation_committee'] as const
export type Department = (typeof DEPARTMENTS)[number]

/**
 * A photo the weapp put in WeChat cloud storage itself (wx.cloud.uploadFile): its fileID, stored under
 * petition/<the uploader's user id>/<random name>.<jpg|png|webp>.
 */
export const UPLOADED_PHOTO_PATTERN = /^cloud:\/\/[A-Za-z0-9._-]{1,120}\/petition\/([A-Za-z0-9_-]{10,40})\/[A-Za-z0-9_-]{8,64}\.(?:jpe?g|png|webp)$/i
/** Whose upload a fileID says it is (the user id in its path), or null if it is not one of ours. */
export const uploadedPhotoOwner = (fileId: string): string | null => UPLOADED_PHOTO_PATTERN.exec(fileId)?.[1] ?? null

export { PHONE_PATTERN } from '../phone'

const text = requiredText
const CaseId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{10,40}$/))
const FileId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{10,40}$/))
const Phone = PhoneSchema
/** A tracking number as typed: normalised, then its form and check character checked (a slip is caught here). */
const TrackingNo = v.pipe(v.string(), v.maxLength(40), v.transform(normaliseTrackingNo), v.check(isTrackingNo))
const ClaimCode = v.pipe(v.string(), v.maxLength(20), v.transform(normaliseClaimCode), v.regex(CLAIM_CODE_PATTERN))

export const petitionInput = {
  file: v.strictObject({
    kind: v.picklist(PETITION_KINDS),
    disputeType: v.optional(v.picklist(DISPUTE_TYPES)),
    otherPartyName: optionalText(50),
    otherPartyContact: optionalText(50),
    title: text(50),
    description: text(4000),
    regionCode: v.pipe(v.string(), v.regex(/^44\d{10}$/)),
    address: optionalText(200),
    location: v.optional(
      v.strictObject({
        lat: v.pipe(v.number(), v.minValue(GUANGDONG_BOUNDS.minLat), v.maxValue(GUANGDONG_BOUNDS.maxLat)),
        lng: v.pipe(v.number(), v.minValue(GUANGDONG_BOUNDS.minLng), v.maxValue(GUANGDONG_BOUNDS.maxLng))
      })
    ),
    photos: v.optional(v.pipe(v.array(FileId), v.maxLength(9))),
    contactName: text(30),
    contactPhone: Phone,
    consentVersion: v.literal(PRIVACY_NOTICE_VERSION),
    /** A grid worker files for a resident (代办): the answer carries the one-time claim code the resident claims it with. */
    onBehalf: v.optional(v.boolean()),
    subscribe: v.optional(v.boolean())
  }),
  get: v.strictObject({ id: CaseId }),
  /**
   * The owner, on the success page after filing, accepted WeChat's subscribe dialog (requestSubscribeMessage, asked
   * from their tap): progress on this case is then also sent as a subscription message.
   */
  subscribe: v.strictObject({ id: CaseId }),
  mine: v.strictObject({ cursor: v.optional(v.pipe(v.string(), v.maxLength(100))), limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50))) }),
  addInfo: v.strictObject({ id: CaseId, text: text(2000), photos: v.optional(v.pipe(v.array(FileId), v.maxLength(9))) }),
  withdraw: v.strictObject({ id: CaseId, reason: optionalText(500) }),
  rate: v.strictObject({ id: CaseId, rating: v.picklist(RATINGS), comment: optionalText(500) }),
  requestReview: v.strictObject({ id: CaseId, reason: text(2000) }),
  queue: v.strictObject({
    status: v.optional(v.picklist(CASE_STATUSES)),
    kind: v.optional(v.picklist(PETITION_KINDS)),
    regionCode: v.optional(v.pipe(v.string(), v.regex(/^44\d*$/), v.maxLength(12))),
    open: v.optional(v.boolean()),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))),
    offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100000)))
  }),
  accept: v.strictObject({ id: CaseId, note: optionalText(500) }),
  decline: v.strictObject({ id: CaseId, reason: text(500), otherRoutes: text(500) }),
  assign: v.strictObject({ id: CaseId, mediatorId: v.optional(v.pipe(v.string(), v.maxLength(40))), department: optionalText(50) }),
  transfer: v.strictObject({ id: CaseId, townshipCode: v.pipe(v.string(), v.regex(/^44\d{7}$/)), reason: text(500) }),
  escalate: v.strictObject({ id: CaseId, level: v.picklist(['county', 'city']), reason: text(500) }),
  extend: v.strictObject({ id: CaseId, days: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(30)), reason: text(500) }),
  recordSession: v.strictObject({ id: CaseId, date: v.pipe(v.string(), v.isoDate()), participants: text(200), notes: text(4000) }),
  flagRisk: v.strictObject({ id: CaseId, note: text(500) }),
  closeMediation: v.strictObject({
    id: CaseId,
    success: v.boolean(),
    agreement: optionalText(4000),
    partiesConfirmed: v.optional(v.boolean()),
    otherRoutes: optionalText(500)
  }),
  close: v.strictObject({ id: CaseId, opinion: text(4000) }),
  mediators: v.strictObject({ id: CaseId }),
  /** Records a photo the weapp stored in WeChat cloud storage itself; answers as POST /api/upload does. */
  registerPhoto: v.strictObject({ fileId: v.pipe(v.string(), v.maxLength(300), v.regex(UPLOADED_PHOTO_PATTERN)) }),
  /**
   * A resident takes a case a grid worker filed for them (代办) into their own list: its tracking number, the phone it was
   * filed with, and the one-time claim code only the resident was given (on the receipt, or by SMS).
   */
  claim: v.strictObject({ trackingNo: TrackingNo, contactPhone: Phone, claimCode: ClaimCode }),
  /**
   * Anyone, signed in or not (as the 12345 hotline does with 诉求编号 + 验证码): a case's progress by its tracking number
   * and the phone it was filed with. A wrong phone and an unknown number get the same answer; rate-limited per number
   * and per client (settings.rateLimits.lookup).
   */
  lookup: v.strictObject({ trackingNo: TrackingNo, contactPhone: Phone }),
  /** Township centre staff undo a wrong claim: the case waits for its resident again, with a new claim code. */
  undoClaim: v.strictObject({ id: CaseId, reason: text(500) }),
  /** The filing grid worker or the centre issue a new claim code for a case still unclaimed (the old one stops working). */
  reissueClaimCode: v.strictObject({ id: CaseId }),
  /**
   * 提级办理: a county or city centre takes an open case of a unit below it into its own hands, with the reason the
   * resident and the township see. Until then higher levels may read a township's case but not act on it.
   */
  takeOver: v.strictObject({ id: CaseId, reason: text(500) })
}

/**
 * What a lookup shows: where the case stands, who handles it, its deadline and the steps so far (their dates and kinds,
 * never the texts); the contact masked, nothing of the other party.
 */
export interface CaseLookup extends Omit<CaseSummary, 'id' | 'riskLevel'> {
  contactName: string
  contactPhone: string
  events: CaseEvent[]
  /** Nobody has it in their list yet: a signed-in person may claim it (petition.claim). */
  claimable: boolean
  /** It is already in the caller's list: its id, to open it. */
  mineId: string | null
}

export type CaseFlag = 'overdue' | 'due_soon' | 'ok' | 'none'

export interface CaseEvent {
  seq: number
  type: string
  at: string
  actorRole: string
  /** Human-readable details the viewer is allowed to see. */
  data: Record<string, string | number | boolean | null>
  /** Photos the step brought to the case (added information), as signed links that work for an hour. */
  photos?: CasePhoto[]
}

/**
 * A photo as a link that works for an hour. `check` is set while the photo has not passed WeChat's image check: only
 * its owner and the staff handling the case see it then ('pending'), and never anyone else once judged 'risky'.
 */
export interface CasePhoto {
  id: string
  url: string
  check?: 'pending' | 'risky'
}

export interface CaseSummary {
  id: string
  trackingNo: string
  kind: PetitionKind
  stage: CaseStage
  title: string
  status: CaseStatus
  regionName: string
  handlingUnit: string
  filedAt: string
  updatedAt: string
  nextDeadline: string | null
  nextDeadlineKind: 'acceptance' | 'handling' | 'review_request' | null
  flag: CaseFlag
  riskLevel: number
  /** In the staff queue only: assigned to the viewer and not opened by them since (the 新 mark). */
  newToMe?: boolean
}

export interface CaseDetail extends CaseSummary {
  disputeType: DisputeType | null
  description: string
  regionCode: string
  regionPath: string[]
  address: string | null
  location: { lat: number; lng: number } | null
  /** Signed links that work for an hour. */
  photos: CasePhoto[]
  contactName: string
  /** Masked for everyone but the staff handling it; empty for the other party of a dispute (they never see it). */
  contactPhone: string
  otherPartyName: string | null
  otherPartyContact: string | null
  outcome: Outcome | null
  rating: Rating | null
  extendedDays: number
  parentId: string | null
  childIds: string[]
  /** A dispute's mediation agreement has been handed to the parties (a draft too, for the staff handling it). */
  hasAgreement?: boolean
  assignee: string | null
  /** Staff only (null for anyone else): the departments this kind of matter usually goes to, the likeliest first. */
  suggestedDepartments: Department[] | null
  events: CaseEvent[]
  /** What the viewer may do now. */
  can: string[]
  /**
   * Only in the answer that issues it (a filing on someone's behalf, reissueClaimCode, undoClaim): the one-time code the
   * resident claims the case with. It is stored only as a keyed hash and never shown again.
   */
  claimCode?: string
  /** With a claim code: whether it was also sent by SMS to the phone the case was filed with. */
  claimCodeSent?: boolean
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
  total?: number
  /** `total` is a lower bound: there are more than that many. */
  totalCapped?: boolean
}

export interface MediatorOption {
  id: string
  name: string
  regionName: string
}

export interface PetitionOutput {
  file: CaseDetail
  get: CaseDetail
  mine: Page<CaseSummary>
  addInfo: CaseDetail
  withdraw: CaseDetail
  rate: CaseDetail
  requestReview: CaseDetail
  queue: Page<CaseSummary>
  accept: CaseDetail
  decline: CaseDetail
  assign: CaseDetail
  transfer: CaseDetail
  escalate: CaseDetail
  extend: CaseDetail
  recordSession: CaseDetail
  flagRisk: CaseDetail
  closeMediation: CaseDetail
  close: CaseDetail
  mediators: MediatorOption[]
  claim: CaseDetail
  registerPhoto: UploadedPhoto
  lookup: CaseLookup
  undoClaim: CaseDetail
  reissueClaimCode: CaseDetail
  takeOver: CaseDetail
  subscribe: { subscribed: true }
}

/** A stored photo, as POST /api/upload and petition.registerPhoto answer: its id goes into a filing. */
export interface UploadedPhoto {
  id: string
  mime: string
  bytes: number
}
