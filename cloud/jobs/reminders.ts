/**
 * Timed work of the booking engine: the day-before reminder, and passing lapsed waitlist offers on. The HTTP server
 * runs it every 10 minutes (cloud/transports/http/main.ts); on WeChat the `reminders` cloud function's timer trigger
 * does (cloud/transports/wechat/timer.ts, built by scripts/build-cloud.mjs). Either way messages leave through the
 * notifier port after commit: the outbox locally, subscription messages on WeChat.
 * Safe to run on several instances at once: each reminder is claimed by a conditional update before it is written.
 * The same timer also removes uploads never attached to anything (jobs/uploads.ts).
 */
import type { Services } from '../core/context'
import { BookingRepository } from '../db/repositories/bookings'
import { reminderWindow } from '../domain/booking/calendar'
import { expireLapsedOffers, notify, titleOf, type Engine } from '../application/booking/engine'
import { pushAfterCommit } from '../application/outbox'
import type { Notification } from '../ports/notifier'
import { removeUnattachedPhotos } from './uploads'
import { sendAgreementReminders } from './agreements'
import { runSessionJobs } from './sessions'
import { retryMediaChecks } from './media-checks'

export const JOB_INTERVAL_MS = 10 * 60_000

const enginesOf = (services: Services): Engine[] => [
  { service: 'counselling', rules: services.settings.counselling },
  { service: 'legal', rules: services.settings.legalOnsite }
]

/** Reminds everyone whose booking starts 24–48 hours from now and who has not been reminded; returns how many. */
export async function sendReminders(services: Services, now: Date = services.clock.now()): Promise<number> {
  let total = 0
  for (const engine of enginesOf(services)) {
    const { from, to } = reminderWindow(now, engine.rules)
    for (;;) {
      const sent: Notification[] = []
      const count = await services.db.transaction().execute(async (trx) => {
        const claimed = await new BookingRepository(trx).claimReminders(engine.service, from.toISOString(), to.toISOString(), now.toISOString(), 200)
        for (const b of claimed) {
          await notify(trx, { services, now, userId: null }, sent, [b.person_id], 'booking.reminder', { title: await titleOf(trx, b.station_id, b.starts_at, b.place_code ?? null), start: b.starts_at })
        }
        return claimed.length
      })
      pushAfterCommit(services, sent)
      total += count
      if (count < 200) break
    }
  }
  return total
}

export async function runBookingJobs(services: Services, now: Date = services.clock.now()): Promise<{ reminded: number; offersExpired: number }> {
  let offersExpired = 0
  for (const engine of enginesOf(services)) offersExpired += await expireLapsedOffers(services, now, engine)
  return { reminded: await sendReminders(services, now), offersExpired }
}

export type TimedJobsResult = { reminded: number; offersExpired: number; unattachedPhotos: number; agreementReminders: number; sessionReminders: number; mediaChecksRetried: number }

/**
 * Everything the timer runs: the booking jobs, removing uploads never attached to anything (jobs/uploads.ts), the
 * reminders of mediation sessions (jobs/sessions.ts; `sessionReminders` counts every message sent), and asking again
 * for image checks that could not be asked (jobs/media-checks.ts; `mediaChecksRetried` counts the photos tried).
 */
export async function runTimedJobs(services: Services, now: Date = services.clock.now()): Promise<TimedJobsResult> {
  const booking = await runBookingJobs(services, now)
  const unattachedPhotos = await removeUnattachedPhotos(services, now)
  const agreementReminders = await sendAgreementReminders(services, now)
  const sessions = await runSessionJobs(services, now)
  const media = await retryMediaChecks(services, now)
  return { ...booking, unattachedPhotos, agreementReminders, sessionReminders: sessions.answerReminders + sessions.unanswered + sessions.sessionReminders, mediaChecksRetried: media.asked + media.later + media.givenUp }
}

/**
 * Whether the HTTP server process runs the jobs: on by default, off under NODE_ENV=test (a test's clock decides when
 * they run) unless MINAN_JOBS=1, and off anywhere with MINAN_JOBS=0 (e.g. when only the WeChat timer should send).
 */
export const jobsWanted = (env: NodeJS.ProcessEnv): boolean => (env.MINAN_JOBS ? env.MINAN_JOBS !== '0' : env.NODE_ENV !== 'test')

/**
 * Runs the jobs now and every interval on a timer that does not keep the process alive. Returns a stop function whose
 * promise settles once a run under way has finished, so that a server closes its database only after the last run.
 */
export function startBookingJobs(
  services: Services,
  log: (event: string, detail: Record<string, unknown>) => void,
  every = JOB_INTERVAL_MS,
  run: (services: Services) => Promise<TimedJobsResult> = runTimedJobs
): () => Promise<void> {
  let running: Promise<void> | null = null
  let stopped = false
  const tick = () => {
    if (running || stopped) return
    running = run(services)
      .then((r) => (r.reminded || r.offersExpired || r.unattachedPhotos || r.agreementReminders || r.sessionReminders || r.mediaChecksRetried ? log('booking_jobs', r) : undefined))
      .catch((e: unknown) => log('booking_jobs_failed', { error: e instanceof Error ? e.message : String(e) }))
      .finally(() => (running = null))
  }
  const timer = setInterval(tick, every)
  timer.unref()
  tick()
  return () => {
    stopped = true
    clearInterval(timer)
    return running ?? Promise.resolve()
  }
}
