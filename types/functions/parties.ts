/**
 * parties: both parties of a dispute at the table (issue #17). The other party joins by a one-time invitation,
 * accepts or declines mediation, may ask for another mediator or to end it, gives their own account; the mediator
 * schedules sessions both parties confirm, and records who came.
 */
import * as v from 'valibot'
import { READABLE_ALPHABET, normaliseClaimCode } from '../tracking'
import { optionalText, requiredText } from '../text'
import type { CasePhoto } from './petition'

export const INVITATION_CODE_LENGTH = 10
export const INVITATION_CODE_PATTERN = new RegExp(`^[${READABLE_ALPHABET}]{${INVITATION_CODE_LENGTH}}$`)
/** How an invitation code is printed and read out: XXXXX-XXXXX. */
export const formatInvitationCode = (code: string): string => `${code.slice(0, 5)}-${code.slice(5)}`
/** The invitation page, as a link (H5) and as the mini-program page its code opens (the scene carries the code). */
export const INVITATION_PAGE = 'parties/pages/join/index'

export const CONSENTS = ['pending', 'accepted', 'declined'] as const
export type Consent = (typeof CONSENTS)[number]
export const SESSION_MODES = ['in_person', 'phone', 'video'] as const
export type SessionMode = (typeof SESSION_MODES)[number]
export const SESSION_STATUSES = ['proposed', 'confirmed', 'rescheduling', 'held', 'cancelled'] as const
export type SessionStatus = (typeof SESSION_STATUSES)[number]
export type SessionAnswer = 'pending' | 'confirmed' | 'another_time'
export type Side = 'applicant' | 'respondent'

const CaseId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{10,40}$/))
const SessionId = CaseId
const FileId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{10,40}$/))
/** As typed: dashes, spaces and lower case are fine; a wrong shape is answered like an unknown code (never "malformed"). */
const InvitationCode = v.pipe(v.string(), v.maxLength(40), v.transform(normaliseClaimCode))
const Instant = v.pipe(v.string(), v.isoTimestamp())

export const partiesInput = {
  view: v.strictObject({ id: CaseId }),
  invite: v.strictObject({ id: CaseId }),
  join: v.strictObject({ invitationCode: InvitationCode }),
  consent: v.strictObject({ id: CaseId, answer: v.picklist(['accept', 'decline']), reason: optionalText(500) }),
  anotherMediator: v.strictObject({ id: CaseId, reason: requiredText(500) }),
  endMediation: v.strictObject({ id: CaseId, reason: optionalText(500) }),
  account: v.strictObject({ id: CaseId, text: requiredText(2000), photos: v.optional(v.pipe(v.array(FileId), v.maxLength(9))) }),
  privatePhotos: v.strictObject({ id: CaseId, photos: v.pipe(v.array(FileId), v.maxLength(30)) }),
  schedule: v.strictObject({ id: CaseId, mode: v.picklist(SESSION_MODES), startsAt: Instant, place: requiredText(200) }),
  reschedule: v.strictObject({ id: CaseId, sessionId: SessionId, mode: v.picklist(SESSION_MODES), startsAt: Instant, place: requiredText(200) }),
  cancelSession: v.strictObject({ id: CaseId, sessionId: SessionId, reason: optionalText(500) }),
  answer: v.strictObject({ id: CaseId, sessionId: SessionId, answer: v.picklist(['confirm', 'another_time']), note: optionalText(500) }),
  attendance: v.strictObject({ id: CaseId, sessionId: SessionId, applicant: v.boolean(), respondent: v.boolean() })
}

export interface PartyView {
  side: Side
  /** Someone is in the app for this side (the applicant owns the case; the respondent joined). */
  joined: boolean
  joinedAt: string | null
  consent: Consent
  consentAt: string | null
  anotherMediatorAt: string | null
  anotherMediatorReason: string | null
  endRequestedAt: string | null
  /** Their own account of the dispute (the other party gives theirs here; the applicant's is the filing). */
  account: string | null
  accountAt: string | null
  photos: CasePhoto[]
}

export interface SessionView {
  id: string
  mode: SessionMode
  startsAt: string
  /** The place, or the joining details of a phone or video session. */
  place: string
  status: SessionStatus
  applicant: SessionAnswer
  respondent: SessionAnswer
  answerNote: string | null
  answerDueAt: string
  attendance: { applicant: boolean; respondent: boolean } | null
}

export interface InvitationState {
  state: 'none' | 'open' | 'used' | 'expired'
  expiresAt: string | null
}

/** The mediation of a dispute with both parties, as the viewer may see it. */
export interface MediationView {
  caseId: string
  trackingNo: string
  title: string
  status: string
  viewer: Side | 'staff'
  applicant: PartyView
  respondent: PartyView
  sessions: SessionView[]
  /** Staff only: the other party's invitation. */
  invitation: InvitationState | null
  /** The applicant only: their photos the other party does not see. */
  privatePhotos: string[] | null
  /** What the viewer may do now: consent, anotherMediator, endMediation, account, privatePhotos, invite, schedule, answer, attendance. */
  can: string[]
}

/** An invitation just made: shown once to the staff who hand it over; only its hash is kept. */
export interface Invitation {
  code: string
  /** The H5 link that opens the invitation with the code filled in. */
  link: string
  /** The mini-program code's scene (wxacode.getUnlimited), which opens the invitation page. */
  scene: string
  /** The mini-program code as a data: URL where the platform makes one (WeChat); null elsewhere. */
  miniCode: string | null
  expiresAt: string
  /** Also sent by SMS to the other party's phone given in the filing. */
  smsSent: boolean
}

export interface PartiesOutput {
  view: MediationView
  invite: Invitation
  join: { caseId: string }
  consent: MediationView
  anotherMediator: MediationView
  endMediation: MediationView
  account: MediationView
  privatePhotos: MediationView
  schedule: MediationView
  reschedule: MediationView
  cancelSession: MediationView
  answer: MediationView
  attendance: MediationView
}
