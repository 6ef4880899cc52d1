/**
 * Bookable slots from a schedule, in Asia/Shanghai wall-clock time (UTC+8 all year), and the booking rules shared by
 * counselling sessions and legal advisors' on-site hours: the cancellation window and the no-show pause. A schedule
 * is a list of openings that repeat every week, or only on the nth weekday of each month (a village legal advisor's
 * 驻村日, "每月第二个星期二 09:00–12:00"), each optionally at a place of its own.
 */
import { addDays, addMonths, atShanghai, daysInMonth, shanghaiDate, shanghaiTime, weekdayOf } from '../../../types/shanghai'

/** One opening: weekday 1 = Monday … 7 = Sunday, local times HH:mm; every week unless `nth` says which one. */
export interface WeeklyHours {
  weekday: number
  start: string
  end: string
  /** Only on the nth such weekday of the month (1–5), or on the last one (-1). Absent: every week. */
  nth?: number
  /** Where these hours are kept, for a provider who keeps hours in several places (a legal advisor's village code). */
  place?: string
}

export interface SlotRules {
  /** Session length: counselling sessions are about 50 minutes. */
  slotMinutes: number
  /** Time between the starts of consecutive slots (a 10-minute break after a 50-minute session). */
  stepMinutes: number
  /** How far ahead slots are offered. */
  horizonDays: number
  /** A booking can be cancelled up to this many hours before it starts. */
  cancelHours: number
  /** No-shows within the window that pause booking, and for how long. */
  noShowLimit: number
  noShowWindowDays: number
  pauseDays: number
  /** How long a person offered a freed slot from the waitlist has to take it. */
  offerHours: number
  /** Upcoming bookings one person may hold at once, so that nobody can hoard a counsellor's week. */
  maxUpcoming: number
  /** The reminder goes out when the start is between this many hours and a day more away. */
  reminderLeadHours: number
}

export const COUNSELLING_RULES: SlotRules = {
  slotMinutes: 50,
  stepMinutes: 60,
  horizonDays: 14,
  cancelHours: 24,
  noShowLimit: 3,
  noShowWindowDays: 90,
  pauseDays: 30,
  offerHours: 12,
  maxUpcoming: 3,
  reminderLeadHours: 24
}

/** 村（居）法律顾问 on-site hours: half-hour slots, two months ahead (an on-site day comes once a month per village). */
export const LEGAL_ONSITE_RULES: SlotRules = {
  slotMinutes: 30,
  stepMinutes: 30,
  horizonDays: 62,
  cancelHours: 24,
  noShowLimit: 3,
  noShowWindowDays: 90,
  pauseDays: 30,
  offerHours: 12,
  maxUpcoming: 2,
  reminderLeadHours: 24
}

export interface Slot {
  start: Date
  end: Date
  /** The opening's place, when it names one. */
  place?: string
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** The local (Shanghai) calendar date and ISO weekday of an instant. */
export function localDay(instant: Date): { date: string; weekday: number } {
  const date = shanghaiDate(instant)
  return { date, weekday: weekdayOf(date) }
}

/** The instant of a Shanghai wall-clock time on a date (the shared calendar's atShanghai). */
export { atShanghai as atLocal }

/**
 * Which occurrence of its weekday a calendar date is within its month: 2026-12-08 is a Tuesday, the 2nd of December,
 * and not the last (2026-12-29 is). The date is a Shanghai calendar date, so no time zone enters here.
 */
export function weekdayOccurrence(date: string): { weekday: number; nth: number; last: boolean } {
  const d = Number(date.slice(8, 10))
  return { weekday: weekdayOf(date), nth: Math.ceil(d / 7), last: d + 7 > daysInMonth(date.slice(0, 7)) }
}

/** True when an opening is kept on a Shanghai calendar date. */
export function opensOn(hours: WeeklyHours, date: string): boolean {
  const o = weekdayOccurrence(date)
  if (hours.weekday !== o.weekday) return false
  return hours.nth === undefined || hours.nth === o.nth || (hours.nth === -1 && o.last)
}

/** The next `count` dates from `from` (inclusive) on which an opening is kept; a 5th weekday skips months without one. */
export function datesOf(hours: WeeklyHours, from: string, count: number): string[] {
  const dates: string[] = []
  if (hours.nth === undefined) {
    const first = addDays(from, (hours.weekday - weekdayOf(from) + 7) % 7)
    for (let i = 0; i < count; i++) dates.push(addDays(first, 7 * i))
    return dates
  }
  // Month by month, the date computed outright; two years bound a rule that never falls (a 6th weekday).
  for (let k = 0; dates.length < count && k < 24; k++) {
    const month = addMonths(from.slice(0, 7), k)
    const firstOfMonth = `${month}-01`
    const monthDays = daysInMonth(month)
    const firstMatch = 1 + ((hours.weekday - weekdayOf(firstOfMonth) + 7) % 7)
    const day = hours.nth === -1 ? firstMatch + 7 * Math.floor((monthDays - firstMatch) / 7) : firstMatch + 7 * (hours.nth - 1)
    const date = addDays(firstOfMonth, day - 1)
    if (day <= monthDays && date >= from) dates.push(date)
  }
  return dates
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`

/**
 * Every slot from `from` (exclusive of slots already started) to the horizon, skipping dates on leave.
 * A slot must end within its opening hours.
 */
export function generateSlots(hours: WeeklyHours[], from: Date, rules: SlotRules, leave: (date: string) => boolean = () => false): Slot[] {
  const slots: Slot[] = []
  const first = localDay(from).date
  for (let d = 0; d < rules.horizonDays; d++) {
    const date = addDays(first, d)
    if (leave(date)) continue
    for (const h of hours.filter((x) => opensOn(x, date))) {
      for (let m = minutesOf(h.start); m + rules.slotMinutes <= minutesOf(h.end); m += rules.stepMinutes) {
        const start = atShanghai(date, hhmm(m))
        if (start.getTime() <= from.getTime()) continue
        slots.push({ start, end: new Date(start.getTime() + rules.slotMinutes * 60_000), ...(h.place ? { place: h.place } : {}) })
      }
    }
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime())
}

/** The opening that `start` is a slot start of, or null (a booking must name a real slot). */
export function scheduledOpening(hours: WeeklyHours[], start: Date, rules: SlotRules): WeeklyHours | null {
  // A slot starts on a whole minute (the offset is whole minutes, so UTC and Shanghai agree on the seconds).
  if (start.getTime() % 60_000 !== 0) return null
  const date = shanghaiDate(start)
  const minute = minutesOf(shanghaiTime(start))
  return (
    hours.find(
      (h) => opensOn(h, date) && minute >= minutesOf(h.start) && minute + rules.slotMinutes <= minutesOf(h.end) && (minute - minutesOf(h.start)) % rules.stepMinutes === 0
    ) ?? null
  )
}

/** True when `start` is one of the schedule's slot starts. */
export const isScheduledSlot = (hours: WeeklyHours[], start: Date, rules: SlotRules): boolean => scheduledOpening(hours, start, rules) !== null

export const canCancel = (slotStart: Date, now: Date, rules: SlotRules) => slotStart.getTime() - now.getTime() >= rules.cancelHours * 3600_000

/**
 * Booking is paused for `pauseDays` after the no-show that made `noShowLimit` within `noShowWindowDays`.
 * Returns the end of the pause, or null when booking is open.
 */
export function pausedUntil(noShows: Date[], now: Date, rules: SlotRules): Date | null {
  const sorted = [...noShows].sort((a, b) => a.getTime() - b.getTime())
  let until: Date | null = null
  for (let i = rules.noShowLimit - 1; i < sorted.length; i++) {
    const first = sorted[i - rules.noShowLimit + 1]
    if (sorted[i].getTime() - first.getTime() <= rules.noShowWindowDays * 86_400_000) {
      const end = new Date(sorted[i].getTime() + rules.pauseDays * 86_400_000)
      if (!until || end > until) until = end
    }
  }
  return until && until.getTime() > now.getTime() ? until : null
}
