/** counselling: 粤心安 stations, counsellors, bookings, the waitlist, self-screening and the counsellor's workbench. */
import * as v from 'valibot'
import { optionalRequiredText, optionalText, requiredText } from '../text'

export const LANGUAGES = ['mandarin', 'cantonese', 'hakka', 'teochew'] as const
export type Language = (typeof LANGUAGES)[number]
export const MODES = ['in_person', 'phone', 'video'] as const
export type Mode = (typeof MODES)[number]
export const STATION_SERVICES = ['individual', 'family', 'crisis'] as const
export type StationService = (typeof STATION_SERVICES)[number]

export const SCREENING_CONSENT_VERSION = '2026-11-01'

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{10,40}$/))
const RegionCode = v.pipe(v.string(), v.regex(/^44(\d{2}|\d{4}|\d{7}|\d{10})?$/))
const Instant = v.pipe(v.string(), v.isoTimestamp())
const Pseudonym = optionalRequiredText(20)

export const counsellingInput = {
  stations: v.strictObject({
    regionCode: v.optional(RegionCode),
    q: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(30))),
    near: v.optional(v.strictObject({ lat: v.pipe(v.number(), v.minValue(20), v.maxValue(26)), lng: v.pipe(v.number(), v.minValue(109), v.maxValue(118)) })),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)))
  }),
  station: v.strictObject({ id: Id }),
  /** Free slots of a station (any counsellor) or of one counsellor, from now to the horizon. */
  slots: v.strictObject({ stationId: Id, counsellorId: v.optional(Id) }),
  book: v.strictObject({ counsellorId: Id, start: Instant, mode: v.picklist(MODES), pseudonym: Pseudonym, priority: v.optional(v.boolean()) }),
  cancel: v.strictObject({ id: Id, reason: optionalText(200) }),
  reschedule: v.strictObject({ id: Id, start: Instant }),
  myBookings: v.strictObject({}),
  /** Only for a day the counsellor works that has no free slot left; `mode` is used when an offer is taken (default: the counsellor's first). */
  joinWaitlist: v.strictObject({ counsellorId: Id, date: v.pipe(v.string(), v.isoDate()), pseudonym: Pseudonym, mode: v.optional(v.picklist(MODES)) }),
  takeOffer: v.strictObject({ id: Id }),
  /** Screening: scored on the server only when the person consented to keeping the answers; else on the device. */
  /** The count of answers is the domain's rule (WRONG_ANSWER_COUNT); the schema only bounds the work. */
  saveScreening: v.strictObject({ instrument: v.picklist(['phq9', 'gad7']), answers: v.pipe(v.array(v.number()), v.maxLength(50)), consentVersion: v.literal(SCREENING_CONSENT_VERSION) }),
  myScreenings: v.strictObject({}),
  withdrawScreeningConsent: v.strictObject({}),
  shareScreening: v.strictObject({ screeningId: Id, bookingId: Id }),
  // Counsellor's workbench
  schedule: v.strictObject({ from: v.optional(v.pipe(v.string(), v.isoDate())), days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(14))) }),
  markAttendance: v.strictObject({ id: Id, attended: v.boolean() }),
  writeNote: v.strictObject({ id: Id, notes: requiredText(4000), risk: v.optional(v.boolean()), referral: optionalText(200) }),
  /** `stationId` is needed only the first time, by a counsellor whose grant is not a township (it must lie within the grant). */
  setHours: v.strictObject({ stationId: v.optional(Id), hours: v.pipe(v.array(v.strictObject({ weekday: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7)), start: v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/)), end: v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/)) })), v.maxLength(21)) }),
  /** Cancels the counsellor's bookings on those days (each person is told and offered to rebook). At most 90 days. */
  addLeave: v.strictObject({ from: v.pipe(v.string(), v.isoDate()), to: v.pipe(v.string(), v.isoDate()), reason: optionalText(200) }),
  // Station staff (centre_staff of the station's township): who comes when, never notes or screening results.
  stationBookings: v.strictObject({ stationId: Id, from: v.optional(v.pipe(v.string(), v.isoDate())), days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(14))) })
}

export interface WeeklyHours {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number
  /** Local (Asia/Shanghai) time, HH:mm. */
  start: string
  end: string
}

export interface Station {
  id: string
  kind: 'station' | 'room'
  name: string
  regionCode: string
  regionPath: string[]
  address: string
  hours: string
  phone: string
  services: StationService[]
  languages: Language[]
  location: { lat: number; lng: number } | null
  /** Metres from `near`, when asked. */
  distance: number | null
}

export interface Counsellor {
  id: string
  stationId: string
  displayName: string
  qualification: string
  languages: Language[]
  modes: Mode[]
  hours: WeeklyHours[]
}

export interface StationDetail extends Station {
  counsellors: Counsellor[]
}

export interface FreeSlot {
  counsellorId: string
  counsellorName: string
  start: string
  end: string
}

export type BookingStatus = 'booked' | 'cancelled' | 'attended' | 'no_show'

export interface Booking {
  id: string
  stationId: string
  stationName: string
  stationAddress: string
  counsellorId: string
  counsellorName: string
  start: string
  end: string
  mode: Mode
  pseudonym: string | null
  status: BookingStatus
  canCancel: boolean
  /** Until when cancelling is allowed. */
  cancelBy: string
  /** The screening result shared with the counsellor for this booking, if any. */
  sharedScreeningId: string | null
}

export interface WaitlistEntry {
  id: string
  counsellorId: string
  counsellorName: string
  date: string
  status: 'waiting' | 'offered' | 'taken' | 'expired'
  offeredStart: string | null
  offerExpiresAt: string | null
}

export type ScreeningBand = 'minimal' | 'mild' | 'moderate' | 'moderately_severe' | 'severe'

/** A kept screening result as a counsellor it was shared with sees it: the score, never the answers. */
export interface ScreeningRecord {
  id: string
  instrument: 'phq9' | 'gad7'
  total: number
  band: ScreeningBand
  crisis: boolean
  suggestCounselling: boolean
  createdAt: string
}

/** The person's own kept screening, with the answers (only ever returned to them). */
export interface OwnScreening extends ScreeningRecord {
  answers: number[]
  consentVersion: string
}

/** What a counsellor sees of a session: time, the person's pseudonym or name, notes only their own. */
export interface Session {
  id: string
  start: string
  end: string
  mode: Mode
  client: string
  status: BookingStatus
  priority: boolean
  /** The person's reason, when they cancelled. */
  cancelReason: string | null
  notes: string | null
  risk: boolean
  referral: string | null
  sharedScreening: ScreeningRecord | null
}

/** What station staff see of a booking. */
export interface StationBooking {
  id: string
  start: string
  end: string
  mode: Mode
  counsellorName: string
  /** The pseudonym, or the person's display name when they gave none. */
  client: string
  status: BookingStatus
}

export interface CounsellingOutput {
  stations: Station[]
  station: StationDetail
  slots: FreeSlot[]
  book: Booking
  cancel: Booking
  reschedule: Booking
  myBookings: { bookings: Booking[]; waitlist: WaitlistEntry[]; pausedUntil: string | null }
  joinWaitlist: WaitlistEntry
  takeOffer: Booking
  saveScreening: OwnScreening
  myScreenings: OwnScreening[]
  withdrawScreeningConsent: { deleted: number }
  shareScreening: { shared: true }
  schedule: Session[]
  markAttendance: Session
  writeNote: Session
  setHours: { hours: WeeklyHours[] }
  addLeave: { cancelled: number }
  stationBookings: StationBooking[]
}
