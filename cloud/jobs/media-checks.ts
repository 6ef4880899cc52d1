/**
 * Asks again for the image check of photos whose check could not be asked (issue 15; application/media-checks.ts),
 * on the same timer as the booking jobs (jobs/reminders.ts runTimedJobs): the HTTP server's job loop and the WeChat
 * `reminders` function. Safe on several instances at once: each photo is claimed by a conditional update before it is
 * asked, and every outcome is written only if nothing changed the row meanwhile.
 */
import type { Services } from '../core/context'
import { MediaCheckRepository } from '../db/repositories/media-checks'
import { MEDIA_CHECK_CLAIM_MINUTES } from '../domain/uploads/media-retry'
import { askMediaCheckAgain } from '../application/media-checks'
import { checkLink } from '../application/photo-links'

const BATCH = 50

export interface MediaRetryResult {
  /** Checks asked this time (a trace id or a verdict came back). */
  asked: number
  /** Checks that failed again and will be asked later. */
  later: number
  /** Checks given up for good (people told). */
  givenUp: number
}

/** One pass over the checks due now; each one at most once per pass. */
export async function retryMediaChecks(services: Services, now: Date = services.clock.now()): Promise<MediaRetryResult> {
  const repo = new MediaCheckRepository(services.db)
  const result: MediaRetryResult = { asked: 0, later: 0, givenUp: 0 }
  const until = new Date(now.getTime() + MEDIA_CHECK_CLAIM_MINUTES * 60_000).toISOString()
  for (const row of await repo.dueRetries(now.toISOString(), BATCH)) {
    if (!row.present) {
      // The upload was removed (never attached to anything): nobody will see it, nothing to check.
      await repo.dropRetry(row.file_id)
      continue
    }
    if (!(await repo.claimRetry(row, until))) continue
    const outcome = await askMediaCheckAgain(services, { ...row, retry_at: until }, await checkLink(services, row.file_id, row.storage_ref, now), now)
    if (outcome === 'asked') result.asked++
    else if (outcome === 'later') result.later++
    else if (outcome === 'given_up') result.givenUp++
  }
  return result
}
