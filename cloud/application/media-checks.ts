/**
 * WeChat's image check of photos (issue 15): asked when a photo is taken in, its verdict recorded when WeChat's
 * `wxa_media_check` message arrives. Until a photo passes, only its owner and the staff handling the case see it; a
 * risky verdict keeps it so for good and tells the owner plainly (an in-app message). A check that could not even be
 * asked fails closed: the photo stays hidden from others.
 */
import type { Kysely } from 'kysely'
import type { Services } from '../core/context'
import type { Database, MediaChecksTable } from '../db/schema'
import { MediaCheckRepository } from '../db/repositories/media-checks'
import type { MediaVerdict } from '../ports/media'
import type { Notification } from '../ports/notifier'
import { pushAfterCommit, writeMessages } from './outbox'

const log = (event: string, detail: Record<string, unknown>) => console.error(JSON.stringify({ at: new Date().toISOString(), event, ...detail }))

/** What a viewer who may see an unchecked photo is told of it: still being checked, or judged risky. */
export type PhotoCheck = 'pending' | 'risky'

/** Asks for the check of a photo just stored and records where it stands; never fails the upload. */
export async function requestMediaCheck(services: Services, fileId: string, ownerId: string, url: string | null, now: Date): Promise<void> {
  let status: MediaChecksTable['status'] = 'pending'
  let traceId: string | null = null
  try {
    const r = await services.media.submit({ fileId, url }, ownerId)
    if ('verdict' in r) status = r.verdict
    else traceId = r.traceId
  } catch (e) {
    log('media_check_unavailable', { fileId, error: e instanceof Error ? e.message : String(e) })
  }
  await new MediaCheckRepository(services.db).record({ fileId, ownerId, traceId, status, at: now.toISOString() })
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
