/**
 * Photos whose image check could not be asked are asked again (issue 15): `attempts` counts the asks made, `retry_at`
 * is when the periodic jobs ask next (null: nothing to retry), `gave_up_at` when they stopped after the last allowed
 * attempt (the photo stays hidden from others; its owner and the handling staff were told). `case_id` is the case the
 * photo was given to, so the staff handling it can be found then. Photos left hidden by a failed ask before this
 * migration are retried from now on.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('media_checks').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1)).execute()
  await db.schema.alterTable('media_checks').addColumn('retry_at', 'text').execute()
  await db.schema.alterTable('media_checks').addColumn('gave_up_at', 'text').execute()
  await db.schema.alterTable('media_checks').addColumn('case_id', 'text').execute()
  await db.schema.createIndex('media_checks_retry').on('media_checks').column('retry_at').execute()
  await sql`UPDATE media_checks SET retry_at = requested_at WHERE status = 'pending' AND trace_id IS NULL`.execute(db)
}
