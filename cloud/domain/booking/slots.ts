/**
 * Bookable slots from a weekly schedule, in Asia/Shanghai wall-clock time (UTC+8 all year), and the booking rules
 * shared by counselling sessions and legal advisors' on-site hours: the cancellation window and the no-show pause.
 */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

const OFFSET_MINUTES = 8 * 60

/** One weekly opening: weekday 1 = Monday … 7 = Sunday, local times HH:mm. */
export interface WeeklyHours {
  weekday: number
  start: string
  end: string
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

export interface Slot {
  start: Date
  end: Date
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** The local (Shanghai) calendar date and ISO weekday of an instant. */
export function localDay(instant: Date): { date: string; weekday: number } {
  const local = dayjs.utc(instant).add(OFFSET_MINUTES, 'minute')
  return { date: local.format('YYYY-MM-DD'), weekday: local.day() === 0 ? 7 : local.day() }
}

/** The instant of a Shanghai wall-clock time on a date. */
export const atLocal = (date: string, hhmm: string): Date => dayjs.utc(`${date}T${hhmm}:00Z`).subtract(OFFSET_MINUTES, 'minute').toDate()

/**
 * Every slot from `from` (exclusive of slots already started) to the horizon, skipping dates on leave.
 * A slot must end within its opening hours.
 */
export function generateSlots(hours: WeeklyHours[], from: Date, rules: SlotRules, leave: (date: string) => boolean = () => false): Slot[] {
  const slots: Slot[] = []
  const first = localDay(from).date
  for (let d = 0; d < rules.horizonDays; d++) {
    const date = dayjs.utc(first).add(d, 'day').format('YYYY-MM-DD')
    if (leave(date)) continue
    const weekday = localDay(atLocal(date, '12:00')).weekday
    for (const h of hours.filter((x) => x.weekday === weekday)) {
      for (let m = minutesOf(h.start); m + rules.slotMinutes <= minutesOf(h.end); m += rules.stepMinutes) {
        const start = atLocal(date, `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`)
        if (start.getTime() <= from.getTime()) continue
        slots.push({ start, end: new Date(start.getTime() + rules.slotMinutes * 60_000) })
      }
    }
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime())
}

/** True when `start` is one of the schedule's slot starts (a booking must name a real slot). */
export function isScheduledSlot(hours: WeeklyHours[], start: Date, rules: SlotRules): boolean {
  const { weekday } = localDay(start)
  const local = dayjs.utc(start).add(OFFSET_MINUTES, 'minute')
  const minute = local.hour() * 60 + local.minute()
  if (local.second() !== 0 || local.millisecond() !== 0) return false
  return hours.some((h) => h.weekday === weekday && minute >= minutesOf(h.start) && minute + rules.slotMinutes <= minutesOf(h.end) && (minute - minutesOf(h.start)) % rules.stepMinutes === 0)
}

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
