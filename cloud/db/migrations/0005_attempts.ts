/** Attempts at guarded actions (claiming a case by tracking number and phone), for rate limits that hold across processes. */
import type { Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attempts')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('attempts_scope').on('attempts').columns(['scope', 'at']).execute()
}
