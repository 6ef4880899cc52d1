/**
 * Real rosters (issue 15): which rows came from an operator's roster file rather than the generated demo data, and
 * each row's natural key, so a re-import updates in place instead of adding. One row per imported record:
 * - a station: key = its id (st + region code: one 服务站 per township, one 服务室 per village);
 * - a counsellor or a legal advisor: key = the keyed hash of their mobile number (E.164), never the number itself;
 *   a counsellor's number is kept sealed here (it is not shown to residents; an advisor's is public in legal_advisors).
 */
import type { Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('roster_entries')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('natural_key', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('roster_entries_pk', ['kind', 'record_id'])
    .execute()
  await db.schema.createIndex('roster_entries_key').on('roster_entries').columns(['kind', 'natural_key']).unique().execute()
}
