/**
 * WeChat's image check per photo (migration 0026): pending until the verdict message arrives, then pass, risky or
 * review. Only the first verdict counts: a repeated message changes nothing.
 */
import type { Kysely } from 'kysely'
import type { Database, MediaChecksTable } from '../schema'

export interface MediaCheckRow {
  file_id: string
  owner_id: string
  status: MediaChecksTable['status']
}

export class MediaCheckRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Records that a photo's check was asked (or answered at once), or, with `retryAt`, that it could not be asked and
   * when to ask again; a second record of the same photo is ignored.
   */
  async record(row: { fileId: string; ownerId: string; traceId: string | null; status: MediaChecksTable['status']; at: string; retryAt?: string | null }): Promise<void> {
    await this.db
      .insertInto('media_checks')
      .values({ file_id: row.fileId, owner_id: row.ownerId, trace_id: row.traceId, status: row.status, requested_at: row.at, decided_at: row.status === 'pending' ? null : row.at, attempts: 1, retry_at: row.retryAt ?? null, gave_up_at: null, case_id: null })
      .onConflict((oc) => oc.column('file_id').doNothing())
      .execute()
  }

  async byTrace(traceId: string): Promise<MediaCheckRow | null> {
    return (await this.db.selectFrom('media_checks').select(['file_id', 'owner_id', 'status']).where('trace_id', '=', traceId).executeTakeFirst()) ?? null
  }

  /** Sets the verdict of a check still pending; false when it was decided already (the first verdict counts). */
  async decide(fileId: string, verdict: MediaChecksTable['status'], at: string): Promise<boolean> {
    const updated = await this.db.updateTable('media_checks').set({ status: verdict, decided_at: at }).where('file_id', '=', fileId).where('status', '=', 'pending').executeTakeFirst()
    return Number(updated.numUpdatedRows) > 0
  }

  /** The photos among `ids` that have not passed. */
  async notPassed(ids: string[]): Promise<MediaCheckRow[]> {
    if (!ids.length) return []
    return this.db.selectFrom('media_checks').select(['file_id', 'owner_id', 'status']).where('file_id', 'in', ids).where('status', '!=', 'pass').execute()
  }

  /** Notes the case photos were given to (the first case counts), so its handling staff can be found later. */
  async givenTo(ids: string[], caseId: string): Promise<void> {
    if (!ids.length) return
    await this.db.updateTable('media_checks').set({ case_id: caseId }).where('file_id', 'in', ids).where('case_id', 'is', null).execute()
  }

  /** Checks that could not be asked and are due to be asked again, oldest first, with the photo's storage (if it is still there). */
  async dueRetries(now: string, limit: number): Promise<DueRetry[]> {
    return this.db
      .selectFrom('media_checks')
      .leftJoin('files', 'files.id', 'media_checks.file_id')
      .select(['media_checks.file_id', 'media_checks.owner_id', 'media_checks.attempts', 'media_checks.retry_at', 'media_checks.case_id', 'files.id as present', 'files.storage_ref'])
      .where('media_checks.retry_at', '<=', now)
      .where('media_checks.status', '=', 'pending')
      .where('media_checks.trace_id', 'is', null)
      .orderBy('media_checks.retry_at')
      .limit(limit)
      .execute() as Promise<DueRetry[]>
  }

  /** Takes a due retry until `until`; false when another job took it (or it changed) first. */
  async claimRetry(row: Pick<DueRetry, 'file_id' | 'attempts' | 'retry_at'>, until: string): Promise<boolean> {
    const r = await this.db.updateTable('media_checks').set({ retry_at: until }).where('file_id', '=', row.file_id).where('attempts', '=', row.attempts).where('retry_at', '=', row.retry_at).executeTakeFirst()
    return Number(r.numUpdatedRows) > 0
  }

  /** The retry asked the check: the trace id it answered (or the verdict, from a checker that decides at once). */
  async retryAsked(fileId: string, attempts: number, answer: { traceId: string } | { verdict: MediaChecksTable['status'] }, at: string): Promise<void> {
    const set = 'traceId' in answer ? { trace_id: answer.traceId } : { status: answer.verdict, decided_at: at }
    await this.db.updateTable('media_checks').set({ ...set, attempts: attempts + 1, retry_at: null }).where('file_id', '=', fileId).where('attempts', '=', attempts).where('trace_id', 'is', null).execute()
  }

  /** The retry could not ask either: when to try next, or (`next` null) never again; false when it changed meanwhile. */
  async retryFailed(fileId: string, attempts: number, next: string | null, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('media_checks')
      .set({ attempts: attempts + 1, retry_at: next, gave_up_at: next ? null : at })
      .where('file_id', '=', fileId)
      .where('attempts', '=', attempts)
      .where('trace_id', 'is', null)
      .where('status', '=', 'pending')
      .executeTakeFirst()
    return Number(r.numUpdatedRows) > 0
  }

  /** A photo whose upload is gone (never attached, removed): nothing left to check. */
  async dropRetry(fileId: string): Promise<void> {
    await this.db.updateTable('media_checks').set({ retry_at: null }).where('file_id', '=', fileId).execute()
  }
}

export interface DueRetry {
  file_id: string
  owner_id: string
  attempts: number
  retry_at: string
  case_id: string | null
  /** The photo's id when its upload still exists, null when it was removed. */
  present: string | null
  storage_ref: string | null
}
