/**
 * The staff dashboard's rollups: per township (the first 9 digits of a case's region) the cases filed and resolved
 * per month and filed per day, and how many days resolved cases took. The database keeps them in step with `cases`
 * through triggers, so every write path (handlers, seeds, bulk loads, deletions) counts, and a region's figures over a
 * million cases read a few thousand rollup rows instead of its cases. Live figures (open, overdue) read `cases` through
 * the (is_open, region_code, due_at) index added here.
 *
 * Days are Asia/Shanghai calendar days (UTC+8, no daylight saving since 1991). "Resolved" is status 'closed' with a
 * closing time, as on the public statistics page; "at township level or below" is a handling unit of 9+ digits.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  // On SQLite each rollup is one B-tree clustered by its key (no rowid table beside a key index): half the writes.
  const clustered = postgres ? sql`` : sql`without rowid`
  await db.schema
    .createTable('stats_months')
    .addColumn('township', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('filed', 'integer', (c) => c.notNull())
    .addColumn('closed', 'integer', (c) => c.notNull())
    .addColumn('closed_township', 'integer', (c) => c.notNull())
    .addColumn('satisfied', 'integer', (c) => c.notNull())
    .addColumn('basically_satisfied', 'integer', (c) => c.notNull())
    .addColumn('unsatisfied', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_months_pk', ['township', 'month'])
    .modifyEnd(clustered)
    .execute()
  await db.schema
    .createTable('stats_days')
    .addColumn('township', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('filed', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_days_pk', ['township', 'day'])
    .modifyEnd(clustered)
    .execute()
  await db.schema
    .createTable('stats_close_days')
    .addColumn('township', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_close_days_pk', ['township', 'days'])
    .modifyEnd(clustered)
    .execute()
  await db.schema.createIndex('cases_dash_open').on('cases').columns(['is_open', 'region_code', 'due_at']).execute()

  const d = postgres ? PG : SQLITE
  // The cases already there, then the triggers that keep the rollups in step from now on.
  for (const statement of rollupSql(d, `(select ${columns()}, 1 as s from cases) src`)) await sql.raw(statement).execute(db)
  if (postgres) {
    for (const [op, source] of Object.entries(PG_SOURCES)) {
      await sql.raw(`create function stats_rollup_${op}() returns trigger language plpgsql as $$ begin ${rollupSql(PG, source).join(';\n')}; return null; end $$`).execute(db)
      const referencing = op === 'insert' ? 'new table as new_rows' : op === 'delete' ? 'old table as old_rows' : 'old table as old_rows new table as new_rows'
      await sql.raw(`create trigger stats_rollup_${op} after ${op} on cases referencing ${referencing} for each statement execute function stats_rollup_${op}()`).execute(db)
    }
  } else {
    // Row-level on SQLite (it has no statement triggers): plain upserts of one row's values, no grouping.
    await sql.raw(`create trigger stats_rollup_insert after insert on cases begin ${rowSql('new', 1)} end`).execute(db)
    await sql.raw(`create trigger stats_rollup_delete after delete on cases begin ${rowSql('old', -1)} end`).execute(db)
    const changed = CHANGED.map((c) => `old.${c} is not new.${c}`).join(' or ')
    await sql.raw(`create trigger stats_rollup_update after update on cases when ${changed} begin ${rowSql('old', -1)} ${rowSql('new', 1)} end`).execute(db)
  }
}

/** The columns the rollups depend on: an update that changes none of them changes no figure. */
const CHANGED = ['region_code', 'filed_at', 'status', 'closed_at', 'handling_region', 'rating']

/**
 * Days are kept only for cases filed in the last DAYS_KEPT days (by the database's clock): the dashboard reads the
 * last 30, and a bulk load of years of cases then writes a few days' rows instead of one per township and day.
 * An older row is never read again, so a case filed earlier leaves it alone, when inserted and when deleted alike.
 */
const DAYS_KEPT = 62

export interface Dialect {
  month(col: string): string
  day(col: string): string
  /** Whole Shanghai calendar days from filing to closing. */
  days: string
  /** The ISO instant DAYS_KEPT days ago. */
  recent: string
}

const SQLITE: Dialect = {
  month: (col) => `strftime('%Y-%m', ${col}, '+8 hours')`,
  day: (col) => `date(${col}, '+8 hours')`,
  days: `cast(julianday(date(closed_at, '+8 hours')) - julianday(date(filed_at, '+8 hours')) as integer)`,
  recent: `strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-${DAYS_KEPT} days')`
}

const shanghai = (col: string) => `((${col})::timestamptz at time zone 'Asia/Shanghai')`
export const PG: Dialect = {
  month: (col) => `to_char(${shanghai(col)}, 'YYYY-MM')`,
  day: (col) => `to_char(${shanghai(col)}, 'YYYY-MM-DD')`,
  days: `(${shanghai('closed_at')}::date - ${shanghai('filed_at')}::date)`,
  recent: `to_char((now() - interval '${DAYS_KEPT} days') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
}

const ROLLUP_COLUMNS = ['region_code', 'filed_at', 'status', 'closed_at', 'handling_region', 'rating']
const columns = (alias?: string) => ROLLUP_COLUMNS.map((c) => (alias ? `${alias}.${c}` : c)).join(', ')
/** The rows an update changed in a way that matters, before (o) and after (n). */
const CHANGED_ROWS = `from old_rows o join new_rows n on n.id = o.id where ${CHANGED.map((c) => `o.${c} is distinct from n.${c}`).join(' or ')}`
/** Statement-level on PostgreSQL: a bulk insert of a million cases updates each rollup row once, not a million times. */
export const PG_SOURCES = {
  insert: `(select ${columns()}, 1 as s from new_rows) src`,
  delete: `(select ${columns()}, -1 as s from old_rows) src`,
  update: `(select ${columns('o')}, -1 as s ${CHANGED_ROWS} union all select ${columns('n')}, 1 as s ${CHANGED_ROWS}) src`
}

/**
 * Three upserts adding each source row's contribution, times its sign `s`, to the rollups. With `shard` (an SQL
 * expression; migration 0024 on PostgreSQL), each rollup row is also keyed by that shard, so concurrent writers add to
 * rows of their own instead of queueing on one.
 */
export function rollupSql(d: Dialect, source: string, shard?: string): string[] {
  const sc = shard ? ', shard' : ''
  const sv = shard ? `, ${shard}` : ''
  const resolved = `status = 'closed' and closed_at is not null`
  const when = (cond: string) => `sum(case when ${cond} then s else 0 end)`
  return [
    `insert into stats_months (township, month${sc}, filed, closed, closed_township, satisfied, basically_satisfied, unsatisfied)
     select township, month${sv}, sum(filed), sum(closed), sum(closed_township), sum(satisfied), sum(basically_satisfied), sum(unsatisfied) from (
       select substr(region_code, 1, 9) as township, ${d.month('filed_at')} as month, sum(s) as filed, 0 as closed, 0 as closed_township, 0 as satisfied, 0 as basically_satisfied, 0 as unsatisfied
         from ${source} group by 1, 2
       union all
       select substr(region_code, 1, 9), ${d.month('closed_at')}, 0, sum(s), ${when('length(handling_region) >= 9')}, ${when(`rating = 'satisfied'`)}, ${when(`rating = 'basically_satisfied'`)}, ${when(`rating = 'unsatisfied'`)}
         from ${source} where ${resolved} group by 1, 2
     ) parts where true group by township, month
     on conflict (township, month${sc}) do update set ${MONTH_SET}`,
    `insert into stats_days (township, day${sc}, filed)
     select substr(region_code, 1, 9), ${d.day('filed_at')}${sv}, sum(s) from ${source} where filed_at >= ${d.recent} group by 1, 2
     on conflict (township, day${sc}) do update set filed = stats_days.filed + excluded.filed`,
    `insert into stats_close_days (township, days${sc}, n)
     select substr(region_code, 1, 9), ${d.days}${sv}, sum(s) from ${source} where ${resolved} group by 1, 2
     on conflict (township, days${sc}) do update set n = stats_close_days.n + excluded.n`
  ]
}

const MONTH_SET = `filed = stats_months.filed + excluded.filed, closed = stats_months.closed + excluded.closed,
  closed_township = stats_months.closed_township + excluded.closed_township, satisfied = stats_months.satisfied + excluded.satisfied,
  basically_satisfied = stats_months.basically_satisfied + excluded.basically_satisfied, unsatisfied = stats_months.unsatisfied + excluded.unsatisfied`

/** SQLite trigger statements adding one row's (`new` or `old`) contribution times `s`. */
function rowSql(r: 'new' | 'old', s: number): string {
  const col = (c: string) => `${r}.${c}`
  const township = `substr(${col('region_code')}, 1, 9)`
  const resolved = `${col('status')} = 'closed' and ${col('closed_at')} is not null`
  const flag = (cond: string) => `(case when ${cond} then ${s} else 0 end)`
  const days = `cast(julianday(date(${col('closed_at')}, '+8 hours')) - julianday(date(${col('filed_at')}, '+8 hours')) as integer)`
  return [
    `insert into stats_months (township, month, filed, closed, closed_township, satisfied, basically_satisfied, unsatisfied)
     values (${township}, ${SQLITE.month(col('filed_at'))}, ${s}, 0, 0, 0, 0, 0) on conflict (township, month) do update set ${MONTH_SET};`,
    `insert into stats_days (township, day, filed) select ${township}, ${SQLITE.day(col('filed_at'))}, ${s} where ${col('filed_at')} >= ${SQLITE.recent}
     on conflict (township, day) do update set filed = stats_days.filed + excluded.filed;`,
    `insert into stats_months (township, month, filed, closed, closed_township, satisfied, basically_satisfied, unsatisfied)
     select ${township}, ${SQLITE.month(col('closed_at'))}, 0, ${s}, ${flag(`length(${col('handling_region')}) >= 9`)}, ${flag(`${col('rating')} = 'satisfied'`)},
       ${flag(`${col('rating')} = 'basically_satisfied'`)}, ${flag(`${col('rating')} = 'unsatisfied'`)} where ${resolved}
     on conflict (township, month) do update set ${MONTH_SET};`,
    `insert into stats_close_days (township, days, n) select ${township}, ${days}, ${s} where ${resolved}
     on conflict (township, days) do update set n = stats_close_days.n + excluded.n;`
  ].join('\n')
}
