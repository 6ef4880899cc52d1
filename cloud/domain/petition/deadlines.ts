/**
 * Statutory deadlines of 信访工作条例, as settings: day counting (calendar or working days) and the day counts.
 * Days are Asia/Shanghai days (UTC+8 all year, no daylight saving); a deadline is the end of its local day.
 */
import { addDays, daysBetween, endOfShanghaiDay, shanghaiDate, weekdayOf } from '../../../types/shanghai'

export type DayCounting = 'calendar' | 'working'

export interface DeadlineSettings {
  /** Plain 日 in the regulation is read as calendar days (unconfirmed; keep it a setting). */
  counting: DayCounting
  /** Art. 22/23: register, route and tell acceptance within 15 days. */
  acceptDays: number
  /** Art. 34: finish within 60 days of acceptance. */
  handlingDays: number
  /** Art. 34: one extension of at most 30 days. */
  maxExtensionDays: number
  /** Art. 35/36: ask for 复查 / 复核 within 30 days of the reply. */
  reviewRequestDays: number
  /** Art. 35/36: decide 复查 / 复核 within 30 days. */
  reviewDecisionDays: number
  /** Art. 23: a wrongly routed matter is objected to within 5 working days. */
  transferObjectionWorkingDays: number
  /** Lists flag a case due within this many days. */
  dueSoonDays: number
  /** Public holidays (YYYY-MM-DD) and make-up working days, for working-day counting. */
  holidays: string[]
  workdays: string[]
}

export const DEFAULT_DEADLINES: DeadlineSettings = {
  counting: 'calendar',
  acceptDays: 15,
  handlingDays: 60,
  maxExtensionDays: 30,
  reviewRequestDays: 30,
  reviewDecisionDays: 30,
  transferObjectionWorkingDays: 5,
  dueSoonDays: 3,
  holidays: [],
  workdays: []
}

/** The Shanghai calendar date of an instant and the last millisecond of a date: the shared calendar's, by their names here. */
export { shanghaiDate as localDate, endOfShanghaiDay as endOfLocalDay }

export function isWorkingDay(date: string, settings: Pick<DeadlineSettings, 'holidays' | 'workdays'>): boolean {
  if (settings.workdays.includes(date)) return true
  if (settings.holidays.includes(date)) return false
  return weekdayOf(date) < 6
}

/**
 * The deadline `days` days after `from`: the day of `from` is day zero, and the deadline is the end of day N
 * (counting only working days when asked to).
 */
export function dueAfter(from: Date, days: number, settings: Pick<DeadlineSettings, 'holidays' | 'workdays'>, counting: DayCounting): Date {
  let date = shanghaiDate(from)
  if (counting === 'calendar') return endOfShanghaiDay(addDays(date, days))
  let left = days
  while (left > 0) {
    date = addDays(date, 1)
    if (isWorkingDay(date, settings)) left--
  }
  return endOfShanghaiDay(date)
}

export const acceptanceDue = (filedAt: Date, s: DeadlineSettings) => dueAfter(filedAt, s.acceptDays, s, s.counting)

export const handlingDue = (acceptedAt: Date, stage: 'original' | 'review' | 'rereview', extendedDays: number, s: DeadlineSettings) =>
  dueAfter(acceptedAt, (stage === 'original' ? s.handlingDays : s.reviewDecisionDays) + extendedDays, s, s.counting)

export const reviewRequestDue = (repliedAt: Date, s: DeadlineSettings) => dueAfter(repliedAt, s.reviewRequestDays, s, s.counting)

export const transferObjectionDue = (routedAt: Date, s: DeadlineSettings) => dueAfter(routedAt, s.transferObjectionWorkingDays, s, 'working')

export type DeadlineFlag = 'overdue' | 'due_soon' | 'ok' | 'none'

/** Overdue once the deadline has passed; due soon when it falls within `dueSoonDays` Shanghai days. */
export function deadlineFlag(deadline: Date | null, now: Date, s: Pick<DeadlineSettings, 'dueSoonDays'>): DeadlineFlag {
  if (!deadline) return 'none'
  if (now.getTime() > deadline.getTime()) return 'overdue'
  const daysLeft = daysBetween(shanghaiDate(now), shanghaiDate(deadline))
  return daysLeft <= s.dueSoonDays ? 'due_soon' : 'ok'
}
