/**
 * Stopping the HTTP server's job loop: the stop function's promise settles only once a run under way has finished, so
 * the server closes its database after the last run (a run cut off by a closed database logged booking_jobs_failed).
 */
import { startBookingJobs, type TimedJobsResult } from '../../cloud/jobs/reminders'
import type { Services } from '../../cloud/core/context'

const none: TimedJobsResult = { reminded: 0, offersExpired: 0, unattachedPhotos: 0, agreementReminders: 0, sessionReminders: 0, mediaChecksRetried: 0 }

test('stop waits for the run under way, and no run starts after it', async () => {
  let finish: (r: TimedJobsResult) => void = () => undefined
  const run = jest.fn(() => new Promise<TimedJobsResult>((resolve) => (finish = resolve)))
  const log = jest.fn()
  const stop = startBookingJobs({} as Services, log, 5, run)
  expect(run).toHaveBeenCalledTimes(1)

  let stopped = false
  const done = stop().then(() => (stopped = true))
  await new Promise((r) => setTimeout(r, 30))
  expect(stopped).toBe(false)

  finish(none)
  await done
  expect(stopped).toBe(true)
  await new Promise((r) => setTimeout(r, 30))
  expect(run).toHaveBeenCalledTimes(1)
  expect(log).not.toHaveBeenCalled()
})

test('stop with no run under way settles at once', async () => {
  const run = jest.fn(async () => none)
  const stop = startBookingJobs({} as Services, jest.fn(), 60_000, run)
  await new Promise((r) => setTimeout(r, 0))
  await expect(stop()).resolves.toBeUndefined()
})
