/**
 * WeChat cloud-function transport for timed work: `main(event)` of the `reminders` function, which its timer trigger
 * (config.json, written by scripts/build-cloud.mjs) calls every few minutes. It runs the booking engine's jobs — the
 * day-before reminders and passing lapsed waitlist offers on — and removes uploads never attached to anything, with
 * the same services as the API functions, so the messages leave through the WeChat notifier as subscription messages.
 *
 * A timer call carries no OPENID; a call from the mini-program does, and is refused: nobody can make it run on demand.
 */
import * as cloud from 'wx-server-sdk'
import type { Envelope } from '../../../types/api'
import { runTimedJobs, type TimedJobsResult } from '../../jobs/reminders'
import { failure } from '../../dispatch'
import { closeStarted, ensureStarted } from './entry'

const log = (event: string, detail: Record<string, unknown>) => console.error(JSON.stringify({ at: new Date().toISOString(), event, ...detail }))

export type JobsResult = TimedJobsResult
export type JobsMain = ((event: unknown, context?: unknown) => Promise<Envelope<JobsResult>>) & { close(): Promise<void> }

export function createJobsMain(): JobsMain {
  const main = async (_event: unknown): Promise<Envelope<JobsResult>> => {
    // ensureStarted() initialises wx-server-sdk; the caller's context must be read before any await.
    const starting = ensureStarted()
    const openid = cloud.getWXContext().OPENID
    if (openid) {
      starting.catch(() => undefined)
      return failure('FORBIDDEN', 'zh-CN')
    }
    try {
      const { backend } = await starting
      const result = await runTimedJobs(backend.services)
      log('booking_jobs', result)
      return { ok: true, data: result }
    } catch (e) {
      // The next tick tries again: reminders are claimed one by one, so nothing is sent twice.
      log('booking_jobs_failed', { error: e instanceof Error ? e.stack : String(e) })
      return failure('INTERNAL', 'zh-CN')
    }
  }
  return Object.assign(main, { close: closeStarted })
}
