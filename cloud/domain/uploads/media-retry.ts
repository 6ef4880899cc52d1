/**
 * When a photo's image check that could not be asked is asked again (issue 15). The periodic jobs run every ten
 * minutes, so the waits start there and grow: an outage of WeChat or of the network is usually over within minutes,
 * a missing setting (no public address for WeChat to fetch the photo from) takes an operator hours. After the last
 * attempt, about a day after the upload, the photo stays hidden from others and people are told.
 */

/** The wait after the n-th failed attempt (n = 1 is the ask at upload), in minutes. */
export const MEDIA_CHECK_RETRY_MINUTES: readonly number[] = [10, 30, 60, 180, 360, 720]

/** Attempts in all, the ask at upload included. */
export const MEDIA_CHECK_MAX_ATTEMPTS = MEDIA_CHECK_RETRY_MINUTES.length + 1

/** How long one job holds a retry it took, so another instance does not ask for the same photo at the same time. */
export const MEDIA_CHECK_CLAIM_MINUTES = 5

/** When to ask again after `attempts` failed attempts; null when that was the last allowed. */
export function nextMediaCheckAttempt(attempts: number, failedAt: Date): Date | null {
  if (!Number.isInteger(attempts) || attempts < 1 || attempts >= MEDIA_CHECK_MAX_ATTEMPTS) return null
  return new Date(failedAt.getTime() + MEDIA_CHECK_RETRY_MINUTES[attempts - 1] * 60_000)
}
