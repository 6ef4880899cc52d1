/**
 * legal: 一村（居）一法律顾问 — every village and community's legal advisor: find them (by village, name, nearest or
 * one's own village), ask them a question and follow it up in a thread, book their on-site hours (驻村日), and turn a
 * consultation into a dispute-mediation case in one step. The advisor's workbench and the township centre's count of
 * overdue questions.
 */
import * as v from 'valibot'
import { optionalRequiredText, optionalText } from '../text'
import { DISPUTE_TYPES, PRIVACY_NOTICE_VERSION, RATINGS, type DisputeType, type Rating } from './petition'
import { PhoneSchema } from '../phone'
import type { Language } from './counselling'

/** What a question is about; an advisor's practice areas use the same list. */
export const LEGAL_CATEGORIES = ['land_contract', 'labour', 'marriage_family', 'inheritance', 'neighbours', 'consumer', 'other'] as const
export type LegalCategory = (typeof LEGAL_CATEGORIES)[number]

/** waiting: the advisor owes an answer · answered: the person's turn · closed by the person · converted into a case. */
export const CONSULTATION_STATUSES = ['waiting', 'answered', 'closed', 'converted'] as const
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number]

/** Characters (Unicode code points after NFC normalisation), not bytes or UTF-16 units: 𠀀 counts one. */
export const MAX_QUESTION_CHARS = 2000
export const MAX_CONSULTATION_PHOTOS = 6

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{10,40}$/))
const VillageCode = v.pipe(v.string(), v.regex(/^44\d{10}$/))
const RegionCode = v.pipe(v.string(), v.regex(/^44(\d{2}|\d{4}|\d{7}|\d{10})?$/))
const Instant = v.pipe(v.string(), v.isoTimestamp())
const Phone = PhoneSchema
/**
 * A question or a reply. The schema only bounds the work; the server counts characters after NFC (≤ 2,000, else
 * TEXT_TOO_LONG) and refuses an empty text (INVALID_VALUE), so the rule is the same whatever the client counts.
 */
const Text = v.pipe(v.string(), v.maxLength(4 * MAX_QUESTION_CHARS))
const Photos = v.optional(v.pipe(v.array(Id), v.maxLength(MAX_CONSULTATION_PHOTOS)))
const Limit = (max: number) => v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(max)))

export const legalInput = {
  // Directory (public)
  /** The advisor of one village or community: one indexed look-up. */
  forVillage: v.strictObject({ code: VillageCode }),
  /** Villages and communities by name, each with its advisor; `within` narrows to a region. */
  search: v.strictObject({ q: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(30)), within: v.optional(RegionCode), limit: Limit(50) }),
  /** The villages nearest to a point, each with its advisor. */
  near: v.strictObject({ lat: v.pipe(v.number(), v.minValue(20), v.maxValue(26)), lng: v.pipe(v.number(), v.minValue(109), v.maxValue(118)), limit: Limit(50) }),
  /** An advisor's page: who they are, their villages and on-site days, and their next free on-site slots. */
  advisor: v.strictObject({ id: Id }),
  /** Free on-site slots of an advisor to the horizon, optionally at one of their villages. */
  slots: v.strictObject({ advisorId: Id, villageCode: v.optional(VillageCode) }),

  // A person
  /** The advisor of the caller's home village (auth.setHomeRegion); `village` is null unless a village is set. */
  myAdvisor: v.strictObject({}),
  book: v.strictObject({ advisorId: Id, start: Instant }),
  cancel: v.strictObject({ id: Id, reason: optionalText(200) }),
  myBookings: v.strictObject({}),
  /**
   * A question to the advisor of `villageCode` (the advisor must serve it: ADVISOR_NOT_FOR_VILLAGE). `photos` are
   * the caller's own uploads. `anonymous` hides the name from everyone but the advisor. A phone given with the
   * privacy notice's consent lets the advisor turn the question into a mediation case without asking again.
   */
  ask: v.strictObject({
    advisorId: Id,
    villageCode: VillageCode,
    category: v.picklist(LEGAL_CATEGORIES),
    text: Text,
    photos: Photos,
    anonymous: v.optional(v.boolean()),
    contactPhone: v.optional(Phone),
    consentVersion: v.optional(v.literal(PRIVACY_NOTICE_VERSION))
  }),
  consultation: v.strictObject({ id: Id }),
  myConsultations: v.strictObject({ limit: Limit(50) }),
  /** The advisor answers, or the person follows up: the thread's next post. */
  reply: v.strictObject({ id: Id, text: Text, photos: Photos }),
  /** The person ends the consultation, rating it now or later. */
  close: v.strictObject({ id: Id, rating: v.optional(v.picklist(RATINGS)), comment: optionalText(500) }),
  rate: v.strictObject({ id: Id, rating: v.picklist(RATINGS), comment: optionalText(500) }),
  /** What the case would say, prefilled from the thread, and what is still needed to file it. */
  caseDraft: v.strictObject({ id: Id }),
  /**
   * One stop: the consultation becomes a 矛盾纠纷 case at the village's township centre, linked both ways. The person
   * gives their phone (unless they gave it when asking) and consents to the privacy notice; the advisor can convert
   * only a consultation whose person already did both (CASE_CONSENT_REQUIRED otherwise). Other fields override the draft.
   */
  toCase: v.strictObject({
    id: Id,
    otherPartyName: optionalText(50),
    otherPartyContact: optionalText(50),
    disputeType: v.optional(v.picklist(DISPUTE_TYPES)),
    title: optionalRequiredText(50),
    contactName: optionalRequiredText(30),
    contactPhone: v.optional(Phone),
    consentVersion: v.optional(v.literal(PRIVACY_NOTICE_VERSION))
  }),

  // The advisor
  /** Open questions (overdue first, then oldest), today's on-site bookings, and their villages. */
  workbench: v.strictObject({ limit: Limit(100) }),
  /** The advisor's on-site bookings from `from` (a Shanghai date, default today) for `days` days. */
  schedule: v.strictObject({ from: v.optional(v.pipe(v.string(), v.isoDate())), days: Limit(62) }),
  /** Once an on-site appointment has started, whether the person came (no-shows pause booking, as for counselling). */
  markAttendance: v.strictObject({ id: Id, attended: v.boolean() }),

  // Township centre staff (and admin)
  /** Overdue and waiting questions in each of the caller's jurisdictions: counts only, never content. */
  overdue: v.strictObject({}),
  /**
   * The same, advisor by advisor, so that the township centre knows whom to chase: names, counts and the oldest
   * question's date — never a question, a name of the person asking or a photo. Within `regionCode` when given
   * (it must lie within one of the caller's jurisdictions), most overdue first.
   */
  overdueList: v.strictObject({ regionCode: v.optional(RegionCode), limit: Limit(100) })
}

/** An on-site day: the nth weekday of each month (nth -1 = the last), at the village committee's office. */
export interface OnsiteDay {
  villageCode: string
  villageName: string
  /** 1–5, or -1 for the last such weekday of the month. */
  nth: number
  /** 1 = Monday … 7 = Sunday. */
  weekday: number
  /** Local (Asia/Shanghai) HH:mm. */
  start: string
  end: string
  /** Where: the village committee's office. */
  place: string
  /** The next dates (YYYY-MM-DD, Shanghai), soonest first. */
  nextDates: string[]
}

export interface AdvisorSummary {
  id: string
  name: string
  firm: string
  practiceAreas: LegalCategory[]
  languages: Language[]
  phone: string
  townshipCode: string
  townshipName: string
}

export interface OnsiteSlot {
  advisorId: string
  advisorName: string
  villageCode: string
  villageName: string
  place: string
  start: string
  end: string
}

export interface AdvisorDetail extends AdvisorSummary {
  villages: OnsiteDay[]
  nextSlots: OnsiteSlot[]
}

/** A village or community and its advisor (null only when the directory has none for it). */
export interface VillageAdvisor {
  code: string
  name: string
  /** City, county and township names. */
  path: string[]
  advisor: AdvisorSummary | null
  onsite: OnsiteDay | null
  /** Metres from the point asked about, for `near`. */
  distance: number | null
}

export type OnsiteBookingStatus = 'booked' | 'cancelled' | 'attended' | 'no_show'

export interface OnsiteBooking {
  id: string
  advisorId: string
  advisorName: string
  villageCode: string
  villageName: string
  place: string
  start: string
  end: string
  status: OnsiteBookingStatus
  canCancel: boolean
  cancelBy: string
}

/** What the advisor sees of an on-site booking. */
export interface AdvisorBooking {
  id: string
  start: string
  end: string
  villageName: string
  client: string
  status: OnsiteBookingStatus
}

export interface ConsultationPost {
  seq: number
  from: 'person' | 'advisor'
  text: string
  photos: { id: string; url: string }[]
  at: string
}

export interface ConsultationSummary {
  id: string
  category: LegalCategory
  status: ConsultationStatus
  villageCode: string
  villageName: string
  advisorId: string
  advisorName: string
  /** The asker's name as this viewer may see it: masked for a supervising admin when they asked anonymously. */
  askerName: string
  anonymous: boolean
  /** The first 40 characters of the question. */
  excerpt: string
  askedAt: string
  updatedAt: string
  /** When the advisor's answer is due, while it is the advisor's turn. */
  dueAt: string | null
  overdue: boolean
  rating: Rating | null
  /** The dispute-mediation case it became. */
  caseId: string | null
}

export interface Consultation extends ConsultationSummary {
  question: string
  photos: { id: string; url: string }[]
  thread: ConsultationPost[]
  /** The person's phone, for the person and the advisor; masked for an admin; null when not given. */
  contactPhone: string | null
  caseTrackingNo: string | null
  ratingComment: string | null
  /** What the viewer may do now: reply, close, rate, toCase. */
  can: string[]
}

export interface CaseDraft {
  title: string
  description: string
  disputeType: DisputeType
  contactName: string
  /** The person gave a phone (and consent) when asking. */
  contactPhoneKnown: boolean
  /** Fields `toCase` still needs from this viewer. */
  needs: ('otherPartyName' | 'contactPhone' | 'consentVersion')[]
}

export interface Workbench {
  villages: OnsiteDay[]
  open: ConsultationSummary[]
  /** Open questions past their response target. */
  overdue: number
  today: AdvisorBooking[]
}

export interface OverdueCount {
  regionCode: string
  regionName: string
  /** Waiting for the advisor past the response target. */
  overdue: number
  /** Waiting for the advisor at all. */
  waiting: number
}

/** One advisor's questions still waiting for an answer, as the township centre sees them. */
export interface AdvisorOverdue {
  advisorId: string
  advisorName: string
  firm: string
  townshipCode: string
  townshipName: string
  /** Past the response target. */
  overdue: number
  waiting: number
  /** When the oldest waiting question was asked. */
  oldestAskedAt: string
}

export interface LegalOutput {
  forVillage: VillageAdvisor
  search: VillageAdvisor[]
  near: VillageAdvisor[]
  advisor: AdvisorDetail
  slots: OnsiteSlot[]
  myAdvisor: { homeRegion: string | null; village: VillageAdvisor | null }
  book: OnsiteBooking
  cancel: OnsiteBooking
  myBookings: OnsiteBooking[]
  ask: Consultation
  consultation: Consultation
  myConsultations: ConsultationSummary[]
  reply: Consultation
  close: Consultation
  rate: Consultation
  caseDraft: CaseDraft
  toCase: Consultation
  workbench: Workbench
  schedule: AdvisorBooking[]
  markAttendance: AdvisorBooking
  overdue: OverdueCount[]
  overdueList: AdvisorOverdue[]
}
