/**
 * Calendar arithmetic for bookings in Asia/Shanghai: a local day's bounds, leave ranges, checks of weekly hours,
 * when a waitlist offer lapses and which bookings are due a reminder. Pure: time is passed in.
 */
import { addDays, isRealDate, shanghaiDate, shanghaiDateTime, startOfShanghaiDay } from '../../../types/shanghai'
import type { SlotRules, WeeklyHours } from './slots'

const HOUR = 3_600_000

/** Calendar days, real dates and how a time is written into a message: the shared calendar's, by their names here. */
export { addDays, isRealDate, shanghaiDateTime as localDateTime }

/** [start, end) of a Shanghai calendar day as instants. */
export const dayBounds = (date: string): { start: Date; end: Date } => ({ start: startOfShanghaiDay(date), end: startOfShanghaiDay(addDays(date, 1)) })

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** Sorted weekly hours, or what is wrong with them: an opening that ends before it starts, or two that overlap. */
export function normaliseHours(hours: WeeklyHours[]): WeeklyHours[] | 'inverted' | 'overlap' {
  const sorted = [...hours].sort((a, b) => a.weekday - b.weekday || minutes(a.start) - minutes(b.start))
  for (let i = 0; i < sorted.length; i++) {
    if (minutes(sorted[i].end) <= minutes(sorted[i].start)) return 'inverted'
    const next = sorted[i + 1]
    if (next && next.weekday === sorted[i].weekday && minutes(next.start) < minutes(sorted[i].end)) return 'overlap'
  }
  return sorted.map(({ weekday, start, end }) => ({ weekday, start, end }))
}

/**
 * The part of a counsellor's weekly hours that falls within where they work's opening hours, day by day: a
 * station open 周二至周六 cannot offer a Monday, nor 14:00 when it opens at 14:30. Sorted, empty pieces dropped.
 */
export function withinOpening(hours: WeeklyHours[], opening: WeeklyHours[]): WeeklyHours[] {
  const pieces: WeeklyHours[] = []
  for (const h of hours) {
    for (const o of opening.filter((x) => x.weekday === h.weekday)) {
      const start = Math.max(minutes(h.start), minutes(o.start))
      const end = Math.min(minutes(h.end), minutes(o.end))
      if (end > start) pieces.push({ weekday: h.weekday, start: start === minutes(h.start) ? h.start : o.start, end: end === minutes(h.end) ? h.end : o.end })
    }
  }
  return pieces.sort((a, b) => a.weekday - b.weekday || minutes(a.start) - minutes(b.start))
}

/**
 * Every date of a leave from `from` to `to` inclusive. Leave starts today or later (the past cannot be changed),
 * ends on or after its start and spans at most `maxDays`; otherwise the field that is wrong.
 */
export function leaveDates(from: string, to: string, now: Date, maxDays = 90): string[] | { field: 'from' | 'to' } {
  if (!isRealDate(from) || from < shanghaiDate(now)) return { field: 'from' }
  if (!isRealDate(to) || to < from || to > addDays(from, maxDays - 1)) return { field: 'to' }
  const dates: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d)
  return dates
}

/** True when `date` is a day that slots are offered for now: today up to the end of the horizon. */
export function withinHorizon(date: string, now: Date, rules: SlotRules): boolean {
  const today = shanghaiDate(now)
  return date >= today && date < addDays(today, rules.horizonDays)
}

/** The last moment a booking can still be cancelled. */
export const cancelBy = (start: Date, rules: SlotRules): Date => new Date(start.getTime() - rules.cancelHours * HOUR)

/**
 * A freed slot offered from the waitlist is held for `offerHours`, but never past the slot's own start.
 */
export const offerExpiry = (now: Date, slotStart: Date, rules: SlotRules): Date => new Date(Math.min(now.getTime() + rules.offerHours * HOUR, slotStart.getTime()))

/**
 * Bookings due a reminder now: starting between `reminderLeadHours` and a day more from now. Reminding at least a
 * cancellation window ahead means the person can still cancel without it counting against them.
 */
export const reminderWindow = (now: Date, rules: SlotRules): { from: Date; to: Date } => ({
  from: new Date(now.getTime() + rules.reminderLeadHours * HOUR),
  to: new Date(now.getTime() + (rules.reminderLeadHours + 24) * HOUR)
})
