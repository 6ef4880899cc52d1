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

  /** Records that a photo's check was asked (or answered at once); a second record of the same photo is ignored. */
  async record(row: { fileId: string; ownerId: string; traceId: string | null; status: MediaChecksTable['status']; at: string }): Promise<void> {
    await this.db
      .insertInto('media_checks')
      .values({ file_id: row.fileId, owner_id: row.ownerId, trace_id: row.traceId, status: row.status, requested_at: row.at, decided_at: row.status === 'pending' ? null : row.at })
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
}
