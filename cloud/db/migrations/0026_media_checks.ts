/**
 * Photos through WeChat's image check (issue 15): one row per checked photo. The check is asynchronous
 * (security.mediaCheckAsync answers a trace id; the verdict arrives later as a message naming it), so the row is
 * 'pending' until then, 'pass', 'risky' or 'review' after. A photo with no row (taken in before this migration) is
 * shown as before. `trace_id` is null when the check could not even be asked: such a photo stays hidden from others.
 */
import type { Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('media_checks')
    .addColumn('file_id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('trace_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute()
  await db.schema.createIndex('media_checks_trace').on('media_checks').column('trace_id').execute()
}
