/**
 * account: a person's rights over their own personal information (PIPL Arts. 15, 44–47): see what is stored, take
 * it all as one file, withdraw each separate consent, and delete the account. Case records the law requires to keep
 * are detached from the person rather than deleted (see cloud/domain/account/erasure.ts).
 */
import * as v from 'valibot'
import type { CaseStatus } from './petition'
import type { BookingStatus } from './counselling'
import type { ConsultationStatus, LegalCategory } from './legal'
import type { Role } from '../roles'

/** Consents a person can withdraw here. The privacy notice of a filed case cannot be: the record is kept by law. */
export const WITHDRAWABLE_CONSENTS = ['screening', 'consultationContact'] as const
export type WithdrawableConsent = (typeof WITHDRAWABLE_CONSENTS)[number]
export type ConsentKind = 'petitionPrivacy' | WithdrawableConsent

export const accountInput = {
  summary: v.strictObject({}),
  export: v.strictObject({}),
  withdrawConsent: v.strictObject({ kind: v.picklist(WITHDRAWABLE_CONSENTS) }),
  /** `confirm: true` is the person's explicit confirmation; the screen asks before it sends it. */
  deleteAccount: v.strictObject({ confirm: v.literal(true) })
}

export interface ConsentRecord {
  kind: ConsentKind
  /** The version of the notice consented to. */
  version: string
  /** When it was first given. */
  givenAt: string
  /** What it covers: a case's tracking number, or how many kept results / consultations. */
  subject: string
  count: number
  withdrawable: boolean
}

export interface MyCase {
  id: string
  trackingNo: string
  title: string
  status: CaseStatus
  filedAt: string
  closedAt: string | null
  /** Until when the record is kept after closing (the retention setting); null while it is open. */
  keptUntil: string | null
}

export interface MyBooking {
  id: string
  service: 'counselling' | 'legal'
  start: string
  status: BookingStatus | 'held'
  placeName: string
}

export interface MyConsultation {
  id: string
  category: LegalCategory
  status: ConsultationStatus
  askedAt: string
  /** Set when it became a mediation case (then it is kept with the case). */
  caseId: string | null
}

export interface MyScreening {
  id: string
  instrument: 'phq9' | 'gad7'
  createdAt: string
}

export interface DataSummary {
  account: { displayName: string; createdAt: string; homeRegion: string | null; roles: Role[] }
  counts: { cases: number; bookings: number; consultations: number; screenings: number; messages: number; files: number }
  cases: MyCase[]
  bookings: MyBooking[]
  consultations: MyConsultation[]
  screenings: MyScreening[]
  consents: ConsentRecord[]
  /** How long case records are kept after they close (a setting). */
  retention: { caseRecordYears: number }
  /** Staff accounts are not deleted by their holder: their roles are withdrawn by an administrator first. */
  canDelete: boolean
  openCases: number
}

/** Everything about the person, readable (sealed fields opened for them only), as one JSON document. */
export interface DataExport {
  format: 'minan.personal-data'
  version: 1
  exportedAt: string
  account: DataSummary['account'] & { userId: string }
  consents: ConsentRecord[]
  cases: (MyCase & {
    kind: string
    description: string
    regionCode: string
    address: string | null
    contactName: string
    contactPhone: string
    otherPartyName: string | null
    rating: string | null
    ratingComment: string | null
    photos: string[]
    events: { type: string; at: string; data: Record<string, unknown> }[]
  })[]
  bookings: (MyBooking & { mode: string; pseudonym: string | null; cancelReason: string | null; sharedScreeningId: string | null })[]
  waitlist: { id: string; service: string; date: string; status: string; createdAt: string }[]
  screenings: (MyScreening & { consentVersion: string; answers: number[]; total: number; band: string })[]
  consultations: (MyConsultation & { question: string; contactPhone: string | null; consentVersion: string | null; posts: { author: string; text: string; at: string }[] })[]
  messages: { kind: string; params: Record<string, unknown>; createdAt: string; readAt: string | null }[]
  files: { id: string; mime: string; bytes: number; createdAt: string }[]
  /** Who else read my records (by role and the region of their grant), when, and through what: from the audit log. */
  accessLog: { at: string; role: string; region: string | null; action: string; subjectKind: string; subjectId: string }[]
}

export interface DeletionReport {
  deleted: { bookings: number; screenings: number; consultations: number; messages: number; files: number; waitlist: number }
  cancelledBookings: number
  /** Case records kept by law, now detached from the person. */
  detachedCases: number
  /** Of those, still being handled: their contact details are replaced when they close. */
  openCases: number
}

export interface AccountOutput {
  summary: DataSummary
  export: DataExport
  withdrawConsent: { kind: WithdrawableConsent; withdrawn: number }
  deleteAccount: DeletionReport
}
