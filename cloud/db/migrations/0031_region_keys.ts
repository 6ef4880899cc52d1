/**
 * Short village searches in rank order from one index range (issue 16). One- and two-character queries and one- and
 * two-letter pinyin or initials match thousands of names (石 815 villages, 社区 6,254, lc 2,246), and neither trigram
 * index can answer them; 0019's `region_grams` found them by code, so every match was read and sorted before LIMIT.
 *
 * `region_keys` holds, for each region, the keys such a query is looked up by, with the region's rank for that key:
 * - every one- and two-character piece of its name (not pieces of Latin letters alone, which a query always reads as
 *   pinyin): rank 0 when the piece is the whole name, 1 when the name starts with it, 2 when it is inside;
 * - the first one and two letters of its pinyin and of its initials: rank 0 when they are the whole pinyin or
 *   initials, 1 otherwise (one- and two-letter pinyin matches by prefix only).
 * Each name piece once per region, at its first place in the name (its best rank). The primary key is (key, level, rank,
 * name length, code), the search's order within a level, so `key = ? and level = ? order by rank, len, code limit n`
 * reads n index entries and stops. Triggers keep it in step with `regions` on every write path (seed, import, tests).
 * It replaces 0019's `region_grams` (dropped here), also where PostgreSQL has no pg_trgm: a long query is then
 * answered from the names holding its first two characters, which region_keys lists as well.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely'

/** The keys of the regions in `rows` (a row source with name, level, code, pinyin, initials), as two statements. */
const pgKeys = (rows: string) => [
  `insert into region_keys (key, level, rank, len, code)
    select g.k, x.level, case when g.k = x.name then 0 when g.n = 1 then 1 else 2 end, length(x.name), x.code
    from ${rows} x cross join lateral (
      select substr(x.name, n, w) as k, n from generate_series(1, length(x.name)) n, (values (1), (2)) as ws(w) where n + w - 1 <= length(x.name)
    ) g
    where strpos(x.name, g.k) = g.n and g.k ~ '[^A-Za-z]'
    on conflict do nothing`,
  `insert into region_keys (key, level, rank, len, code)
    select distinct l.k, x.level, case when l.k = x.pinyin or l.k = x.initials then 0 else 1 end, length(x.name), x.code
    from ${rows} x cross join lateral (
      select substr(x.pinyin, 1, w) as k, w from (values (1), (2)) as ws(w)
      union all select substr(x.initials, 1, w), w from (values (1), (2)) as ws(w)
    ) l
    where length(l.k) = l.w
    on conflict do nothing`
]

/**
 * The same on SQLite, for one row (`new` in a trigger, or `r` over the table with `from` naming it), as three
 * statements; region_gram_positions (0019) numbers the places in a name.
 */
function sqliteKeys(r: string, from = ''): string[] {
  const piece = `substr(${r}.name, p.n, w.w)`
  const widths = '(select 1 as w union all select 2) w'
  const latin = (column: string) => `insert or ignore into region_keys (key, level, rank, len, code)
    select substr(${r}.${column}, 1, w.w), ${r}.level, case when substr(${r}.${column}, 1, w.w) in (${r}.pinyin, ${r}.initials) then 0 else 1 end, length(${r}.name), ${r}.code
    from ${from}${widths} where length(substr(${r}.${column}, 1, w.w)) = w.w`
  return [
    `insert or ignore into region_keys (key, level, rank, len, code)
    select ${piece}, ${r}.level, case when ${piece} = ${r}.name then 0 when p.n = 1 then 1 else 2 end, length(${r}.name), ${r}.code
    from ${from}region_gram_positions p, ${widths}
    where p.n + w.w - 1 <= length(${r}.name) and instr(${r}.name, ${piece}) = p.n and ${piece} glob '*[^A-Za-z]*'`,
    latin('pinyin'),
    latin('initials')
  ]
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema
    .createTable('region_keys')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('len', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('region_keys_pk', ['key', 'level', 'rank', 'len', 'code'])
    .modifyEnd(postgres ? sql`` : sql`without rowid`)
    .execute()
  // A region's keys found by its code when it is renamed or removed.
  await db.schema.createIndex('region_keys_code').on('region_keys').column('code').execute()

  if (postgres) {
    for (const statement of pgKeys('regions')) await sql.raw(statement).execute(db)
    // Statement-level triggers over the transition tables, as 0019's: a seed's 500 rows in one statement each.
    await sql.raw(`create function region_keys_insert() returns trigger language plpgsql as $$
      begin ${pgKeys('new_rows').join('; ')}; return null; end $$`).execute(db)
    await sql.raw(`create function region_keys_delete() returns trigger language plpgsql as $$
      begin delete from region_keys k using old_rows o where k.code = o.code; return null; end $$`).execute(db)
    await sql.raw(`create function region_keys_update() returns trigger language plpgsql as $$
      begin delete from region_keys k using old_rows o where k.code = o.code; ${pgKeys('new_rows').join('; ')}; return null; end $$`).execute(db)
    await sql`create trigger regions_keys_insert after insert on regions referencing new table as new_rows for each statement execute function region_keys_insert()`.execute(db)
    await sql`create trigger regions_keys_delete after delete on regions referencing old table as old_rows for each statement execute function region_keys_delete()`.execute(db)
    await sql`create trigger regions_keys_update after update on regions referencing old table as old_rows new table as new_rows for each statement execute function region_keys_update()`.execute(db)
    // 0019's pieces go: region_keys has every two-character piece too, which is all the search without pg_trgm reads.
    await sql`drop trigger regions_grams_insert on regions`.execute(db)
    await sql`drop trigger regions_grams_delete on regions`.execute(db)
    await sql`drop trigger regions_grams_update on regions`.execute(db)
    await sql`drop function region_grams_insert(), region_grams_delete(), region_grams_update()`.execute(db)
    await sql`drop table region_grams`.execute(db)
    await sql`analyze region_keys`.execute(db)
    return
  }

  for (const statement of sqliteKeys('r', 'regions r, ')) await sql.raw(statement).execute(db)
  const keysOfNew = sqliteKeys('new').map((statement) => `${statement};`).join('\n')
  await sql.raw(`create trigger regions_keys_insert after insert on regions begin ${keysOfNew} end`).execute(db)
  await sql`create trigger regions_keys_delete after delete on regions begin
    delete from region_keys where code = old.code;
  end`.execute(db)
  await sql.raw(`create trigger regions_keys_update after update of code, name, level, pinyin, initials on regions begin
    delete from region_keys where code = old.code;
    ${keysOfNew}
  end`).execute(db)

  // 0019's pieces go (SQLite always has FTS5, and region_keys answers the short queries): its triggers are made again
  // without them, keeping the FTS table in step as before.
  await sql`drop trigger regions_search_insert`.execute(db)
  await sql`drop trigger regions_search_delete`.execute(db)
  await sql`drop trigger regions_search_update`.execute(db)
  await sql`drop table region_grams`.execute(db)
  await sql`create trigger regions_search_insert after insert on regions begin
    insert into regions_fts (rowid, name, pinyin, initials) values (cast(new.code as integer), new.name, new.pinyin, new.initials);
  end`.execute(db)
  await sql`create trigger regions_search_delete after delete on regions begin
    delete from regions_fts where rowid = cast(old.code as integer);
  end`.execute(db)
  await sql`create trigger regions_search_update after update of code, name, pinyin, initials on regions begin
    delete from regions_fts where rowid = cast(old.code as integer);
    insert into regions_fts (rowid, name, pinyin, initials) values (cast(new.code as integer), new.name, new.pinyin, new.initials);
  end`.execute(db)
}
