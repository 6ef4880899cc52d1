/**
 * The one clock and calendar of 民安, for the cloud functions and the mini-program alike: which Asia/Shanghai day,
 * weekday and wall-clock time an instant falls on, and which instant a Shanghai date and time is. Instants are stored
 * in UTC; days, deadlines and opening hours are Shanghai's, wherever the server or the phone is.
 *
 * Asia/Shanghai has been UTC+8 all year since 1991 (no daylight saving), so a fixed offset is exact for every date
 * the service handles. That is why this is plain Date arithmetic and not a time-zone database or dayjs's timezone
 * plugin: nothing to load into the mini-program bundle, and the same answer on a phone set to any zone.
 * Dates are 'YYYY-MM-DD', months 'YYYY-MM', times 'HH:mm'. No I/O: "now" is always passed in.
 */

/** China Standard Time (Hong Kong and Macau keep the same clock), in minutes east of UTC. */
export const SHANGHAI_OFFSET_MINUTES = 480

const OFFSET_MS = SHANGHAI_OFFSET_MINUTES * 60_000
const DAY_MS = 86_400_000

const msOf = (instant: Date | string): number => (typeof instant === 'string' ? Date.parse(instant) : instant.getTime())

/** The instant shifted so that its UTC fields read Shanghai's wall clock, as an ISO string. */
const wallClock = (instant: Date | string): string => new Date(msOf(instant) + OFFSET_MS).toISOString()

/** The Shanghai calendar date of an instant (a Date or an ISO timestamp). */
export const shanghaiDate = (instant: Date | string): string => wallClock(instant).slice(0, 10)

/** The Shanghai month of an instant. */
export const shanghaiMonth = (instant: Date | string): string => wallClock(instant).slice(0, 7)

/** The Shanghai wall-clock time of an instant, HH:mm (seconds dropped). */
export const shanghaiTime = (instant: Date | string): string => wallClock(instant).slice(11, 16)

/** 'YYYY-MM-DD HH:mm' in Shanghai: how a time is written into a message, the same for every reader. */
export const shanghaiDateTime = (instant: Date | string): string => wallClock(instant).slice(0, 16).replace('T', ' ')

/** The instant of a Shanghai wall-clock time (HH:mm) on a date. */
export const atShanghai = (date: string, hhmm: string): Date => new Date(Date.parse(`${date}T${hhmm}:00Z`) - OFFSET_MS)

/** The instant a Shanghai calendar date begins (its midnight). */
export const startOfShanghaiDay = (date: string): Date => new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS)

/** The last millisecond of a Shanghai calendar date: a deadline "on" a date runs to here. */
export const endOfShanghaiDay = (date: string): Date => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - 1 - OFFSET_MS)

/** The calendar date `n` days after `date` (n may be negative); a date the calendar lacks (2026-02-30) rolls over. */
export const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  const day = new Date(Date.parse(`${date}T00:00:00Z`)).getUTCDay()
  return day === 0 ? 7 : day
}

/** False for dates a loose ISO check lets through but the calendar does not have (2026-02-30, 2026-13-01). */
export const isRealDate = (date: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && addDays(date, 0) === date

/** The month `n` months after `month` (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))]
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7)
}

/** How many days a month has. */
export function daysInMonth(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate()
}
