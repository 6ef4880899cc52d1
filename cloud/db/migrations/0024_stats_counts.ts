/**
 * The public statistics' counts as a rollup: how many cases of each kind are in each status, per city (the first 4
 * digits of the region a case concerns). With the month and close-day rollups of 0012 the public page then reads a few
 * hundred rows however many cases there are (issue 16), never the cases themselves. Kept in step with `cases` by
 * triggers like 0012's: row-level on SQLite; on PostgreSQL the same statement-level trigger functions as 0012, each
 * with one more upsert (one trigger per statement, not two).
 *
 * On PostgreSQL every rollup row is also keyed by a shard, the writing connection's slot in the server's pool (the
 * `minan.shard` setting cloud/db/database.ts gives each connection; 0 for any other writer, such as a bulk load): before,
 * concurrent filings in one township (or now one city) all updated the same rollup rows and queued on their row locks
 * until each other's commit (at 50 clients, most connections waited on `Lock:transactionid`). Now each connection adds
 * to rows of its own; the reads already sum rollup rows, so they sum the shards too (at most SHARDS rows where one was).
 * SQLite has one writer at a time and no such queue: its tables stay as they were.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely'
import { PG, PG_SOURCES, rollupSql } from './0012_staff_dashboard'

/** A case's countable key: its city, kind and status. */
const KEY = ['region_code', 'kind', 'status']
const CHANGED_ROWS = `from old_rows o join new_rows n on n.id = o.id where ${KEY.map((c) => `o.${c} is distinct from n.${c}`).join(' or ')}`
const key = (alias?: string) => KEY.map((c) => (alias ? `${alias}.${c}` : c)).join(', ')
const SOURCES = {
  insert: `(select ${key()}, 1 as s from new_rows) src`,
  delete: `(select ${key()}, -1 as s from old_rows) src`,
  update: `(select ${key('o')}, -1 as s ${CHANGED_ROWS} union all select ${key('n')}, 1 as s ${CHANGED_ROWS}) src`
}

const SHARD = `coalesce(nullif(current_setting('minan.shard', true), '')::integer, 0)`

/** One upsert adding each source row's sign `s` to the count of its (city, kind, status), in a shard on PostgreSQL. */
const countsSql = (source: string, shard?: string) =>
  `insert into stats_counts (city, kind, status${shard ? ', shard' : ''}, n)
   select substr(region_code, 1, 4), kind, status${shard ? `, ${shard}` : ''}, sum(s) from ${source} where true group by 1, 2, 3
   on conflict (city, kind, status${shard ? ', shard' : ''}) do update set n = stats_counts.n + excluded.n`

const SHARDED = { stats_months: ['township', 'month'], stats_days: ['township', 'day'], stats_close_days: ['township', 'days'] }

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema
    .createTable('stats_counts')
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // Always 0 on SQLite.
    .addColumn('shard', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_counts_pk', postgres ? ['city', 'kind', 'status', 'shard'] : ['city', 'kind', 'status'])
    .modifyEnd(postgres ? sql`` : sql`without rowid`)
    .execute()
  await sql.raw(countsSql(`(select ${key()}, 1 as s from cases) src`, postgres ? '0' : undefined)).execute(db)
  if (postgres) {
    // The rows already there are shard 0.
    for (const [table, columns] of Object.entries(SHARDED)) {
      await sql.raw(`alter table ${table} add column shard integer not null default 0`).execute(db)
      await sql.raw(`alter table ${table} drop constraint ${table}_pk, add constraint ${table}_pk primary key (${[...columns, 'shard'].join(', ')})`).execute(db)
    }
    for (const op of ['insert', 'delete', 'update'] as const) {
      const body = [...rollupSql(PG, PG_SOURCES[op], SHARD), countsSql(SOURCES[op], SHARD)].join(';\n')
      await sql.raw(`create or replace function stats_rollup_${op}() returns trigger language plpgsql as $$ begin ${body}; return null; end $$`).execute(db)
    }
  } else {
    const row = (r: 'new' | 'old', s: number) =>
      `insert into stats_counts (city, kind, status, n) values (substr(${r}.region_code, 1, 4), ${r}.kind, ${r}.status, ${s})
       on conflict (city, kind, status) do update set n = stats_counts.n + excluded.n;`
    await sql.raw(`create trigger stats_counts_insert after insert on cases begin ${row('new', 1)} end`).execute(db)
    await sql.raw(`create trigger stats_counts_delete after delete on cases begin ${row('old', -1)} end`).execute(db)
    const changed = KEY.map((c) => `old.${c} is not new.${c}`).join(' or ')
    await sql.raw(`create trigger stats_counts_update after update on cases when ${changed} begin ${row('old', -1)} ${row('new', 1)} end`).execute(db)
  }
}
