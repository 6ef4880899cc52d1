/** What each reader gets back: rows turned into the contract's shapes, opening and masking only what that reader may see. */
import type { Language } from '../../../types/functions/counselling'
import type {
  AdvisorBooking,
  AdvisorSummary,
  Consultation,
  ConsultationPost,
  ConsultationStatus,
  ConsultationSummary,
  LegalCategory,
  OnsiteBooking,
  OnsiteBookingStatus,
  OnsiteDay,
  OnsiteSlot,
  VillageAdvisor
} from '../../../types/functions/legal'
import type { Rating } from '../../../types/functions/petition'
import type { FieldCipher } from '../../core/crypto'
import { openRow, siteOf } from '../../db/sealed'
import type { BookingRow, ProviderRow } from '../../db/repositories/bookings'
import type { AdvisorRecord } from '../../db/repositories/legal'
import type { ConsultationRow, PostRow } from '../../db/repositories/legal-consultations'
import { cancelBy } from '../../domain/booking/calendar'
import { canCancel, datesOf, localDay, type SlotRules, type WeeklyHours } from '../../domain/booking/slots'
import { allowedMoves, isOverdue, type Viewer } from '../../domain/legal/thread'
import { maskName, maskPhone } from '../../domain/petition/tracking'
import { displayPhone } from '../../../types/phone'
import type { FreeSlot } from '../../application/booking/engine'
import type { ConsultationNames } from '../../application/legal/consultations'
import type { SeenBooking } from '../../application/legal/service'

const list = <T>(json: string): T[] => JSON.parse(json) as T[]

/** Where an advisor receives people on their on-site day. */
export const placeOf = (villageName: string) => `${villageName}办公室`

export const hoursOf = (p: ProviderRow): WeeklyHours[] => list<WeeklyHours>(p.hours)

export function onsiteDay(rule: WeeklyHours, villageName: string, now: Date): OnsiteDay {
  return {
    villageCode: rule.place ?? '',
    villageName,
    nth: rule.nth ?? 0,
    weekday: rule.weekday,
    start: rule.start,
    end: rule.end,
    place: placeOf(villageName),
    nextDates: nextDates(rule, now)
  }
}

/**
 * A rule's next three dates, a pure function of its weekday and occurrence and of today: a page of twenty villages asks
 * for the same few over and over, and working each out costs more than the rest of the row. Kept for the day asked
 * (a handful of keys: 7 weekdays × 6 occurrences at most), and the day of the last instant asked.
 */
const datesKept = new Map<string, readonly string[]>()
let dayOf: { at: number; date: string } = { at: NaN, date: '' }
function nextDates(rule: WeeklyHours, now: Date): string[] {
  if (dayOf.at !== now.getTime()) dayOf = { at: now.getTime(), date: localDay(now).date }
  const key = `${dayOf.date} ${rule.weekday} ${rule.nth ?? ''}`
  let dates = datesKept.get(key)
  if (!dates) {
    if (datesKept.size >= 256) datesKept.clear()
    dates = datesOf(rule, dayOf.date, 3)
    datesKept.set(key, dates)
  }
  return [...dates]
}

/** An advisor's on-site days in the villages they serve (by code, with their names); hours elsewhere are not shown. */
export const onsiteDays = (advisor: ProviderRow, villageNames: Map<string, string>, now: Date): OnsiteDay[] =>
  hoursOf(advisor).flatMap((rule) => {
    const name = rule.place ? villageNames.get(rule.place) : undefined
    return name === undefined ? [] : [onsiteDay(rule, name, now)]
  })

export const advisorSummary = (a: AdvisorRecord, townshipName: string): AdvisorSummary => ({
  id: a.id,
  name: a.display_name,
  firm: a.firm,
  practiceAreas: list<LegalCategory>(a.practice_areas),
  languages: list<Language>(a.languages),
  phone: a.phone,
  townshipCode: a.township_code,
  townshipName
})

export function villageAdvisor(code: string, name: string, path: string[], advisor: AdvisorRecord | null, now: Date, distance: number | null = null): VillageAdvisor {
  const rule = advisor ? hoursOf(advisor).find((h) => h.place === code) : undefined
  return {
    code,
    name,
    path,
    advisor: advisor ? advisorSummary(advisor, path[path.length - 1] ?? '') : null,
    onsite: rule ? onsiteDay(rule, name, now) : null,
    distance
  }
}

export const onsiteSlot = (s: FreeSlot, villageNames: Map<string, string>): OnsiteSlot => ({
  advisorId: s.provider.id,
  advisorName: s.provider.display_name,
  villageCode: s.place ?? '',
  villageName: villageNames.get(s.place ?? '') ?? '',
  place: placeOf(villageNames.get(s.place ?? '') ?? ''),
  start: s.start.toISOString(),
  end: s.end.toISOString()
})

export function onsiteBooking(row: BookingRow, provider: ProviderRow | undefined, villageName: string, now: Date, rules: SlotRules): OnsiteBooking {
  const start = new Date(row.starts_at)
  return {
    id: row.id,
    advisorId: row.provider_id,
    advisorName: provider?.display_name ?? '',
    villageCode: row.place_code ?? '',
    villageName,
    place: placeOf(villageName),
    start: row.starts_at,
    end: row.ends_at,
    status: row.status as OnsiteBookingStatus,
    canCancel: row.status === 'booked' && canCancel(start, now, rules),
    cancelBy: cancelBy(start, rules).toISOString()
  }
}

export const advisorBooking = ({ row, villageName, client }: SeenBooking): AdvisorBooking => ({
  id: row.id,
  start: row.starts_at,
  end: row.ends_at,
  villageName,
  client,
  status: row.status as OnsiteBookingStatus
})

/** An admin supervises without learning who asked anonymously; the person and the advisor see the name. */
const askerAs = (row: ConsultationRow, viewer: Viewer, name: string) => (viewer === 'admin' && row.anonymous === 1 ? maskName(name) : name)

export function consultationSummary(row: ConsultationRow, viewer: Viewer, names: ConsultationNames, question: string, now: Date): ConsultationSummary {
  const dueAt = row.due_at ? new Date(row.due_at) : null
  return {
    id: row.id,
    category: row.category as LegalCategory,
    status: row.status as ConsultationStatus,
    villageCode: row.village_code,
    villageName: names.villageName,
    advisorId: row.provider_id,
    advisorName: names.advisorName,
    askerName: askerAs(row, viewer, names.askerName),
    anonymous: row.anonymous === 1,
    excerpt: [...question].slice(0, 40).join(''),
    askedAt: row.asked_at,
    updatedAt: row.updated_at,
    dueAt: row.due_at,
    overdue: isOverdue({ status: row.status as ConsultationStatus, dueAt }, now),
    rating: row.rating as Rating | null,
    caseId: row.case_id
  }
}

export interface ConsultationParts {
  row: ConsultationRow
  posts: PostRow[]
  viewer: Viewer
  names: ConsultationNames
  caseTrackingNo: string | null
  cipher: FieldCipher
  photoUrl(id: string): string
  now: Date
}

export function consultation({ row: sealed, posts, viewer, names, caseTrackingNo, cipher, photoUrl, now }: ConsultationParts): Consultation {
  const row = openRow(cipher, 'consultations', sealed)
  const question = row.question
  const phone = row.contact_phone
  // Photos are for the person and their advisor: the supervising admin reads the words only.
  const photos = (json: string) => (viewer === 'admin' ? [] : list<string>(json).map((id) => ({ id, url: photoUrl(id) })))
  const thread: ConsultationPost[] = posts.map((p) => ({ seq: p.seq, from: p.author as ConsultationPost['from'], text: cipher.open(p.text, siteOf('consultation_posts', 'text', p)), photos: photos(p.photos), at: p.at }))
  return {
    ...consultationSummary(row, viewer, names, question, now),
    question,
    photos: photos(row.photos),
    thread,
    contactPhone: phone && (viewer === 'admin' ? maskPhone(phone) : displayPhone(phone)),
    caseTrackingNo,
    ratingComment: row.rating_comment,
    can: allowedMoves({ status: row.status as ConsultationStatus, dueAt: row.due_at ? new Date(row.due_at) : null, rated: row.rating !== null, caseId: row.case_id }, viewer)
  }
}
