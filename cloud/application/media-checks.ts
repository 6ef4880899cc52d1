/**
 * WeChat's image check of photos (issue 15): asked when a photo is taken in, its verdict recorded when WeChat's
 * `wxa_media_check` message arrives. Until a photo passes, only its owner and the staff handling the case see it; a
 * risky verdict keeps it so for good and tells the owner plainly (an in-app message). A check that could not even be
 * asked fails closed: the photo stays hidden from others, and the periodic jobs ask again with growing waits
 * (domain/uploads/media-retry.ts; jobs/media-checks.ts); after the last attempt it stays hidden for good, and its owner
 * and the staff handling its case are told.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Services } from '../core/context'
import type { Database, MediaChecksTable } from '../db/schema'
import { MediaCheckRepository, type DueRetry } from '../db/repositories/media-checks'
import { CaseRepository } from '../db/repositories/cases'
import { nextMediaCheckAttempt } from '../domain/uploads/media-retry'
import type { MediaSubmission, MediaVerdict } from '../ports/media'
import type { Notification } from '../ports/notifier'
import { pushAfterCommit, writeMessages } from './outbox'

const log = (event: string, detail: Record<string, unknown>) => console.error(JSON.stringify({ at: new Date().toISOString(), event, ...detail }))

/** What a viewer who may see an unchecked photo is told of it: still being checked, or judged risky. */
export type PhotoCheck = 'pending' | 'risky'

/** Asks for the check of a photo just stored and records where it stands; never fails the upload. */
export async function requestMediaCheck(services: Services, fileId: string, ownerId: string, url: string | null, now: Date): Promise<void> {
  let status: MediaChecksTable['status'] = 'pending'
  let traceId: string | null = null
  let retryAt: string | null = null
  try {
    const r = await services.media.submit({ fileId, url }, ownerId)
    if ('verdict' in r) status = r.verdict
    else traceId = r.traceId
  } catch (e) {
    log('media_check_unavailable', { fileId, attempt: 1, error: e instanceof Error ? e.message : String(e) })
    retryAt = nextMediaCheckAttempt(1, now)?.toISOString() ?? null
  }
  await new MediaCheckRepository(services.db).record({ fileId, ownerId, traceId, status, at: now.toISOString(), retryAt })
}

/** Notes, in the write that gives photos to a case, which case that is: its handling staff are told if the check is given up. */
export async function photosGivenTo(trx: Kysely<Database> | Transaction<Database>, ids: string[], caseId: string): Promise<void> {
  await new MediaCheckRepository(trx).givenTo([...new Set(ids)], caseId)
}

/**
 * Asks once more for the check of a photo whose earlier asks failed (`row`, taken by the caller's claim), with a link
 * WeChat can fetch it from. Answered: recorded as the first ask would have been. Not answered: the next attempt is
 * set, or, after the last one, the photo stays hidden for good and its owner and the staff handling its case are told
 * (once: only the job whose update lands writes the messages). Returns what happened.
 */
export async function askMediaCheckAgain(services: Services, row: DueRetry, url: string | null, now: Date): Promise<'asked' | 'later' | 'given_up' | 'changed'> {
  let answer: MediaSubmission | null = null
  try {
    answer = await services.media.submit({ fileId: row.file_id, url }, row.owner_id)
  } catch (e) {
    log('media_check_unavailable', { fileId: row.file_id, attempt: row.attempts + 1, error: e instanceof Error ? e.message : String(e) })
  }
  const at = now.toISOString()
  if (answer) {
    await new MediaCheckRepository(services.db).retryAsked(row.file_id, row.attempts, answer, at)
    if ('verdict' in answer && answer.verdict === 'risky') await tellOwner(services, row, 'photo.hidden', now)
    return 'asked'
  }
  const next = nextMediaCheckAttempt(row.attempts + 1, now)
  if (next) return (await new MediaCheckRepository(services.db).retryFailed(row.file_id, row.attempts, next.toISOString(), at)) ? 'later' : 'changed'
  const sent: Notification[] = []
  const gaveUp = await services.db.transaction().execute(async (trx) => {
    if (!(await new MediaCheckRepository(trx).retryFailed(row.file_id, row.attempts, null, at))) return false
    const scope = { services, now, userId: null }
    await writeMessages(trx, scope, sent, [row.owner_id], { kind: 'photo.unchecked', caseId: null, params: {}, push: {} })
    const handled = row.case_id ? await new CaseRepository(trx, services.cipher).byId(row.case_id) : null
    // The staff handling the case see the photo (marked as not checked); nobody has taken a case still in a queue.
    if (handled?.assignee_id) {
      const params = { trackingNo: handled.tracking_no, title: handled.title, status: handled.status }
      await writeMessages(trx, scope, sent, [handled.assignee_id], { kind: 'photo.unchecked_staff', caseId: handled.id, params, push: params })
    }
    return true
  })
  pushAfterCommit(services, sent)
  if (gaveUp) log('media_check_given_up', { fileId: row.file_id, attempts: row.attempts + 1 })
  return gaveUp ? 'given_up' : 'changed'
}

async function tellOwner(services: Services, row: Pick<DueRetry, 'owner_id'>, kind: string, now: Date): Promise<void> {
  const sent: Notification[] = []
  await writeMessages(services.db, { services, now, userId: null }, sent, [row.owner_id], { kind, caseId: null, params: {}, push: {} })
  pushAfterCommit(services, sent)
}

/** WeChat's suggestion as a verdict: anything but 'pass' or 'risky' is 'review' (hidden, like a pending check). */
export const verdictOf = (suggest: unknown): MediaVerdict => (suggest === 'pass' ? 'pass' : suggest === 'risky' ? 'risky' : 'review')

/**
 * Records the verdict for a trace id; false when no photo has it. WeChat repeats a message it thinks was not received:
 * only the first verdict counts, and the owner is told of a risky one once.
 */
export async function recordMediaVerdict(services: Services, traceId: string, verdict: MediaVerdict, now: Date): Promise<boolean> {
  const sent: Notification[] = []
  const known = await services.db.transaction().execute(async (trx) => {
    const checks = new MediaCheckRepository(trx)
    const row = await checks.byTrace(traceId)
    if (!row) return false
    if (row.status !== 'pending') return true
    if ((await checks.decide(row.file_id, verdict, now.toISOString())) && verdict === 'risky') {
      await writeMessages(trx, { services, now, userId: null }, sent, [row.owner_id], { kind: 'photo.hidden', caseId: null, params: {}, push: {} })
    }
    return true
  })
  pushAfterCommit(services, sent)
  return known
}

export interface UncheckedPhoto {
  ownerId: string
  check: PhotoCheck
}

/** The photos among `ids` that have not passed the check, with their owners (a photo absent here may be shown). */
export async function uncheckedPhotos(db: Kysely<Database>, ids: string[]): Promise<Map<string, UncheckedPhoto>> {
  const unique = [...new Set(ids)]
  if (!unique.length) return new Map()
  const rows = await new MediaCheckRepository(db).notPassed(unique)
  return new Map(rows.map((r) => [r.file_id, { ownerId: r.owner_id, check: r.status === 'risky' ? 'risky' : 'pending' }]))
}

/**
 * Whether the viewer may see a photo, and what they are told of its check: everyone sees a photo that passed; one
 * that has not is seen only by its owner and by staff who handle the case (`handling`).
 */
export function photoVisibility(unchecked: Map<string, UncheckedPhoto>, viewerId: string, handling: boolean): (id: string) => { shown: boolean; check?: PhotoCheck } {
  return (id) => {
    const u = unchecked.get(id)
    if (!u) return { shown: true }
    return u.ownerId === viewerId || handling ? { shown: true, check: u.check } : { shown: false }
  }
}
