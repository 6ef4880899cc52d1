/**
 * The Open311 feed (cloud/domain/open311.ts) lists original cases filed in a window, newest first, a page at a time,
 * ordered by (filed_at, public_id). Without an index each page sorted every case of the table; this one serves the
 * window and the order straight from the index.
 */
import type { Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('cases_open311_feed').on('cases').columns(['stage', 'filed_at', 'public_id']).execute()
}

