/**
 * Village, community and township search on an index of the database engine rather than a scan of 28,745 names
 * (issue 16):
 * - `regions.pinyin` / `regions.initials`: full pinyin and initials (东平村 → dongpingcun, dpc), computed by the server
 *   with pinyin-pro (cloud/domain/region-search) here for the rows already there, and by the seed or an import for new
 *   ones. B-tree indexes on them and on the name answer exact and prefix matches (a range on the index).
 * - Contains, three characters or more: on SQLite an FTS5 table with the trigram tokenizer over name, pinyin and
 *   initials, its rowid the region code as an integer (codes are digits, so it is stable, unlike an implicit rowid,
 *   which VACUUM may renumber); on PostgreSQL a pg_trgm GIN index over the same three columns.
 * - Contains, one or two characters (trigrams cannot answer them): `region_grams`, every one- and two-character piece
 *   of each name with its code, so 平 or 平村 is one range of a primary key.
 * Triggers keep the FTS table and the pieces in step with `regions` on every write path (seed, import, tests).
 *
 * PostgreSQL: pg_trgm is a contrib extension. Where it cannot be created (not installed, or no right to create it),
 * the migration goes on without it and the search answers contains-queries of three or more characters from
 * `region_grams` (the query's first two characters, then the whole query on those few rows): still an index, and
 * tests/integration/region-search.test.ts checks that path.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely'
import { searchKeys } from '../../domain/region-pinyin'

/** Longer than any name in the tree (22 characters): the positions a name's pieces start at. */
const MAX_NAME = 64

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function fillKeys(db: Kysely<any>): Promise<void> {
  const rows: { code: string; name: string }[] = await db.selectFrom('regions').select(['code', 'name']).execute()
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000)
    await Promise.all(
      batch.map((r) => {
        const keys = searchKeys(r.name)
        return db.updateTable('regions').set({ pinyin: keys.pinyin, initials: keys.initials }).where('code', '=', r.code).execute()
      })
    )
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema.alterTable('regions').addColumn('pinyin', 'text').execute()
  await db.schema.alterTable('regions').addColumn('initials', 'text').execute()
  await fillKeys(db)
  await db.schema.createTable('region_grams').addColumn('gram', 'text', (c) => c.notNull()).addColumn('code', 'text', (c) => c.notNull()).addPrimaryKeyConstraint('region_grams_pk', ['gram', 'code']).modifyEnd(postgres ? sql`` : sql`without rowid`).execute()
  await db.schema.createIndex('region_grams_code').on('region_grams').column('code').execute()

  if (postgres) {
    // Byte order ("C") so that a prefix is a range of the index whatever the database's collation.
    await sql`create index regions_name on regions (name collate "C")`.execute(db)
    await sql`create index regions_pinyin on regions (pinyin collate "C")`.execute(db)
    await sql`create index regions_initials on regions (initials collate "C")`.execute(db)
    await sql`insert into region_grams (gram, code)
      select distinct substr(r.name, n, w), r.code from regions r, generate_series(1, length(r.name)) n, (values (1), (2)) as widths(w)
      where n + w - 1 <= length(r.name) on conflict do nothing`.execute(db)
    // Statement-level triggers over the transition tables: a seed's insert of 500 regions adds their pieces in one
    // statement, not 500 trigger calls.
    const pieces = (rows: string) => `insert into region_grams (gram, code)
      select distinct substr(x.name, n, w), x.code from ${rows} x, generate_series(1, length(x.name)) n, (values (1), (2)) as widths(w)
      where n + w - 1 <= length(x.name) on conflict do nothing`
    await sql.raw(`create function region_grams_insert() returns trigger language plpgsql as $$
      begin ${pieces('new_rows')}; return null; end $$`).execute(db)
    await sql.raw(`create function region_grams_delete() returns trigger language plpgsql as $$
      begin delete from region_grams g using old_rows o where g.code = o.code; return null; end $$`).execute(db)
    await sql.raw(`create function region_grams_update() returns trigger language plpgsql as $$
      begin delete from region_grams g using old_rows o where g.code = o.code; ${pieces('new_rows')}; return null; end $$`).execute(db)
    await sql`create trigger regions_grams_insert after insert on regions referencing new table as new_rows for each statement execute function region_grams_insert()`.execute(db)
    await sql`create trigger regions_grams_delete after delete on regions referencing old table as old_rows for each statement execute function region_grams_delete()`.execute(db)
    await sql`create trigger regions_grams_update after update on regions referencing old table as old_rows new table as new_rows for each statement execute function region_grams_update()`.execute(db)
    // The migration runs in a transaction: a refused CREATE EXTENSION is rolled back to this savepoint alone.
    await sql`savepoint region_trgm`.execute(db)
    try {
      await sql`create extension if not exists pg_trgm`.execute(db)
      await sql`create index regions_trgm on regions using gin (name gin_trgm_ops, pinyin gin_trgm_ops, initials gin_trgm_ops)`.execute(db)
      await sql`release savepoint region_trgm`.execute(db)
    } catch (e) {
      await sql`rollback to savepoint region_trgm`.execute(db)
      console.warn(`pg_trgm is not available (${String(e)}): region search answers long queries from region_grams`)
    }
    return
  }

  await db.schema.createIndex('regions_name').on('regions').column('name').execute()
  await db.schema.createIndex('regions_pinyin').on('regions').column('pinyin').execute()
  await db.schema.createIndex('regions_initials').on('regions').column('initials').execute()
  await sql`create table region_gram_positions (n integer primary key)`.execute(db)
  const positions = Array.from({ length: MAX_NAME }, (_, i) => `(${i + 1})`).join(', ')
  await sql`insert into region_gram_positions (n) values ${sql.raw(positions)}`.execute(db)
  await sql`create virtual table regions_fts using fts5(name, pinyin, initials, tokenize = 'trigram')`.execute(db)
  await sql`insert into regions_fts (rowid, name, pinyin, initials) select cast(code as integer), name, pinyin, initials from regions`.execute(db)
  const pieces = (row: string) => sql.raw(`
    insert or ignore into region_grams (gram, code) select substr(${row}.name, n, 1), ${row}.code from region_gram_positions where n <= length(${row}.name);
    insert or ignore into region_grams (gram, code) select substr(${row}.name, n, 2), ${row}.code from region_gram_positions where n < length(${row}.name);`)
  await sql`insert or ignore into region_grams (gram, code) select substr(r.name, p.n, 1), r.code from regions r join region_gram_positions p on p.n <= length(r.name)`.execute(db)
  await sql`insert or ignore into region_grams (gram, code) select substr(r.name, p.n, 2), r.code from regions r join region_gram_positions p on p.n < length(r.name)`.execute(db)
  await sql`create trigger regions_search_insert after insert on regions begin
    insert into regions_fts (rowid, name, pinyin, initials) values (cast(new.code as integer), new.name, new.pinyin, new.initials);
    ${pieces('new')}
  end`.execute(db)
  await sql`create trigger regions_search_delete after delete on regions begin
    delete from regions_fts where rowid = cast(old.code as integer);
    delete from region_grams where code = old.code;
  end`.execute(db)
  await sql`create trigger regions_search_update after update of code, name, pinyin, initials on regions begin
    delete from regions_fts where rowid = cast(old.code as integer);
    delete from region_grams where code = old.code;
    insert into regions_fts (rowid, name, pinyin, initials) values (cast(new.code as integer), new.name, new.pinyin, new.initials);
    ${pieces('new')}
  end`.execute(db)
}
