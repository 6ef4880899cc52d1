/** Reads of the region tree. */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../schema'
import type { Region } from '../../../types/functions/regions'
import type { RegionLevel } from '../../../types/roles'
import { ancestorCodes } from '../../domain/regions'
import { parseRegionQuery, TRIGRAM_MIN, type RegionQuery, type SearchKeys } from '../../domain/region-search'
import { isPostgres } from '../dialect'
import { fixed } from './statements'

type Row = Database['regions']


const toRegion = (r: Row): Region => ({
  code: r.code,
  name: r.name,
  level: r.level as RegionLevel,
  parentCode: r.parent_code
})

/**
 * The region tree does not change while the app runs (it is seeded before the app serves), so each database's regions,
 * once read, are kept in memory: every filing, case view and station list looks up the same few thousand codes.
 * Keyed by the database's query adapter, which a transaction shares with the database it runs on. Only regions that
 * exist are kept (a code not found is asked again), and they are frozen, being shared.
 */
const known = new WeakMap<object, { byCode: Map<string, Region>; children: Map<string, Region[]> }>()

function cacheOf(db: Kysely<Database>) {
  const key = db.getExecutor().adapter
  let cache = known.get(key)
  if (!cache) known.set(key, (cache = { byCode: new Map(), children: new Map() }))
  return cache
}

export class RegionRepository {
  private readonly cache: { byCode: Map<string, Region>; children: Map<string, Region[]> }

  constructor(private readonly db: Kysely<Database>) {
    this.cache = cacheOf(db)
  }

  private keep(row: Row): Region {
    const region = Object.freeze(toRegion(row))
    this.cache.byCode.set(region.code, region)
    return region
  }

  async get(code: string): Promise<Region | null> {
    const hit = this.cache.byCode.get(code)
    if (hit) return hit
    const row = await this.db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst()
    return row ? this.keep(row) : null
  }

  async children(code: string | null): Promise<Region[]> {
    const key = code ?? ''
    const hit = this.cache.children.get(key)
    if (hit) return [...hit]
    const query = this.db.selectFrom('regions').selectAll()
    const rows = await (code === null ? query.where('parent_code', 'is', null) : query.where('parent_code', '=', code))
      .orderBy('code')
      .execute()
    const list = rows.map((r) => this.keep(r))
    // A village has no children, and that is not worth keeping; a parent's list, once read, is complete.
    if (list.length) this.cache.children.set(key, list)
    return [...list]
  }

  async byCodes(codes: string[]): Promise<Map<string, Region>> {
    const out = new Map<string, Region>()
    const missing: string[] = []
    for (const code of new Set(codes)) {
      const hit = this.cache.byCode.get(code)
      if (hit) out.set(code, hit)
      else missing.push(code)
    }
    if (missing.length) {
      const rows = await this.db.selectFrom('regions').selectAll().where('code', 'in', missing).execute()
      for (const row of rows) out.set(row.code, this.keep(row))
    }
    return out
  }

  /** Ancestors of each code, keyed by code, ordered from the province down. */
  async paths(codes: string[]): Promise<Map<string, Region[]>> {
    const byCode = await this.byCodes(codes.flatMap(ancestorCodes))
    return new Map(
      codes.map((code) => [
        code,
        ancestorCodes(code)
          .reverse()
          .flatMap((c) => byCode.get(c) ?? [])
      ])
    )
  }

  /**
   * Regions whose name (or pinyin, or initials) matches, from indexes only. One or two characters or letters: the
   * region_keys range of the query, already in rank order (migration 0031), so a page reads a page of entries. Three or
   * more: exact matches, prefixes (a range of the name, pinyin or initials index) and contains (FTS5 trigram / pg_trgm,
   * migration 0019), each path reading at most a few dozen rows. Ranked exact, then prefix, then contains; within
   * each, the person's own county first, then shorter names, then by code.
   */
  async search(q: string, options: { level?: RegionLevel; within?: string; limit: number; county?: string | null }): Promise<Region[]> {
    const query = parseRegionQuery(q)
    if (!query.length) return []
    const { text, params } = searchStatement(query, {
      postgres: isPostgres(this.db),
      trigram: await hasTrigramIndex(this.db),
      level: options.level ?? '',
      within: options.within ?? '',
      county: options.county ?? '',
      limit: options.limit
    })
    const rows = await fixed<Row>(this.db, text, params)
    return rows.map((r) => this.cache.byCode.get(r.code) ?? this.keep(r))
  }

  /**
   * Seed or import: the pinyin keys of rows written without them (none, once the seed has run). `keysOf` is
   * domain/region-pinyin's searchKeys, passed in so that a bundle that only searches does not carry its dictionary.
   */
  async fillSearchKeys(keysOf: (name: string) => SearchKeys): Promise<number> {
    const rows = await this.db.selectFrom('regions').select(['code', 'name']).where('pinyin', 'is', null).execute()
    for (const r of rows) await this.db.updateTable('regions').set(keysOf(r.name)).where('code', '=', r.code).execute()
    return rows.length
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    return Number(row.n)
  }

  async insertMany(rows: Row[], keysOf: (name: string) => SearchKeys): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      // Idempotent: two containers starting on a new database may both seed.
      await this.db
        .insertInto('regions')
        .values(rows.slice(i, i + 500).map((r) => (r.pinyin == null ? { ...r, ...keysOf(r.name) } : r)))
        .onConflict((oc) => oc.column('code').doNothing())
        .execute()
    }
  }
}

/** Rows each search path reads at most: enough to rank a page of 50 well, few enough to stay a few index pages. */
const CAP = 60
/** Above every character: `name >= t and name < t || TOP` is the prefix range of t on an index in byte order. */
const TOP = '\u{10FFFF}'

/** Whether PostgreSQL has the pg_trgm index (migration 0019 goes on without it where the extension is refused). */
const trigramIndex = new WeakMap<object, Promise<boolean>>()
function hasTrigramIndex(db: Kysely<Database>): Promise<boolean> {
  if (!isPostgres(db)) return Promise.resolve(true)
  const key = db.getExecutor().adapter
  let known = trigramIndex.get(key)
  if (!known) {
    known = sql<{ n: number }>`select count(*)::int as n from pg_indexes where indexname = 'regions_trgm' and schemaname = current_schema()`
      .execute(db)
      .then((r) => r.rows[0].n > 0)
    trigramIndex.set(key, known)
    known.catch(() => trigramIndex.delete(key))
  }
  return known
}

const likeContains = (t: string) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
const ftsPhrase = (t: string) => `"${t.replace(/"/g, '""')}"`

/**
 * The one statement of a search, in fixed SQL with `?` placeholders (named below, bound in order). Optional filters
 * are written so that an empty value lets every row through: level '' (any), within '' (the range '' to '~': all
 * codes are digits), county '' (the empty range: nobody's county).
 */
export function searchStatement(
  query: RegionQuery,
  o: { postgres: boolean; trigram: boolean; level: string; within: string; county: string; limit: number }
): { text: string; params: unknown[] } {
  const t = query.term
  const latin = query.kind === 'latin'
  const long = query.length >= TRIGRAM_MIN
  const values: Record<string, unknown> = {
    t,
    top: t + TOP,
    n: query.length,
    level: o.level,
    within: o.within,
    withinTop: o.within ? `${o.within}~` : '~',
    county: o.county,
    countyTop: o.county ? `${o.county}~` : '',
    limit: o.limit,
    like: likeContains(t),
    fts: `${latin ? '{pinyin initials}' : 'name'} : ${ftsPhrase(t)}`,
    first2: [...t].slice(0, 2).join(''),
    // Own county on the FTS table: its rowid is the code as a number, and a county's villages are one range of it.
    villageLo: o.county ? Number(o.county) * 1_000_000 : 0,
    villageHi: o.county ? Number(o.county) * 1_000_000 + 999_999 : -1
  }
  const C = o.postgres ? ' collate "C"' : ''
  const filters = (alias: string) => `(:level = '' or ${alias}.level = :level) and ${alias}.code >= :within and ${alias}.code < :withinTop`
  const capped = (select: string, name: string) => `select code from (${select} limit ${CAP}) as ${name}`
  const none = `select cast(null as text) as code where 1 = 0`

  const exact = latin
    ? `select code from regions where pinyin${C} = :t union all select code from regions where initials${C} = :t`
    : `select code from regions where name${C} = :t`
  const prefix = (column: string, name: string) => capped(`select r.code from regions r where r.${column}${C} >= :t and r.${column}${C} < :top and ${filters('r')}`, name)
  const prefixes = latin ? `${prefix('pinyin', 'pp')} union all ${prefix('initials', 'pi')}` : prefix('name', 'pn')

  /** Contains, three characters or more (shorter queries are shortStatement's), anywhere or in the person's county (`own`). */
  const contains = (own: boolean, name: string): string => {
    const county = own ? ' and r.code >= :county and r.code < :countyTop' : ''
    if (!o.postgres) {
      const range = own ? ' and regions_fts.rowid between :villageLo and :villageHi' : ''
      return capped(`select r.code from regions_fts join regions r on r.code = cast(regions_fts.rowid as text) where regions_fts match :fts${range} and ${filters('r')}`, name)
    }
    if (o.trigram) {
      const match = latin ? `(r.pinyin like :like or r.initials like :like)` : `r.name like :like`
      return capped(`select r.code from regions r where ${match}${county} and ${filters('r')}`, name)
    }
    // No pg_trgm: region_keys finds the names holding the query's first two characters, then the whole query.
    if (latin) return none
    return capped(`select k.code from region_keys k join regions r on r.code = k.code where k.key = :first2 and r.name like :like${county.replace(/r\.code/g, 'k.code')} and ${filters('r')}`, name)
  }

  if (!long) return shortStatement(query, o, values, filters)

  const rank = latin
    ? `case when r.pinyin = :t or r.initials = :t then 0 when substr(r.pinyin, 1, :n) = :t or substr(r.initials, 1, :n) = :t then 1 else 2 end`
    : `case when r.name = :t then 0 when substr(r.name, 1, :n) = :t then 1 else 2 end`
  // The county's own matches only for someone who has one: for anyone else the range is empty, but FTS5 and pg_trgm
  // would still read the query's whole posting lists before filtering by it (half the cost of an anonymous search).
  const own = o.county ? ` union all ${contains(true, 'co')}` : ''
  const template = `select r.code, r.name, r.level, r.parent_code from regions r
    where r.code in (${exact} union all ${prefixes} union all ${contains(false, 'ca')}${own}) and ${filters('r')}
    order by ${rank}, case when r.code >= :county and r.code < :countyTop then 0 else 1 end, length(r.name), r.code
    limit :limit`
  return bind(template, values)
}

/** `:name` placeholders as `?`, their values in order. */
function bind(template: string, values: Record<string, unknown>): { text: string; params: unknown[] } {
  const params: unknown[] = []
  const text = template.replace(/:([a-zA-Z0-9]+)\b/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`search statement: no value for :${key}`)
    params.push(values[key])
    return '?'
  })
  return { text, params }
}

/**
 * One or two characters, or one or two letters (migration 0031): the region_keys range of the query, in the search's
 * own order (rank, name length, code) within the level asked, so LIMIT stops after a page however many names match;
 * and, for a signed-in person, the matches in their county (a range of the region table's primary key, a few hundred
 * rows at most), which go first within each rank. The final order is the same as ranking every match: a match from
 * outside the county that makes the page has at most `limit` matches before it in the key order.
 */
function shortStatement(
  query: RegionQuery,
  o: { postgres: boolean; level: string },
  values: Record<string, unknown>,
  filters: (alias: string) => string
): { text: string; params: unknown[] } {
  const latin = query.kind === 'latin'
  // With a level, `level = ?` keeps the index in the search's order; without one, the key's rows are sorted.
  const level = o.level ? 'k.level = :level' : '1 = 1'
  // Within a region only when asked: an always-true range on the code would lead SQLite to the code index instead.
  const within = values.within ? ' and k.code >= :within and k.code < :withinTop' : ''
  const keys = `select code from (select k.code from region_keys k where k.key = :t and ${level}${within}
    order by k.rank, k.len, k.code limit :limit) as kk`
  const has = o.postgres ? 'strpos(r.name, :t) > 0' : 'instr(r.name, :t) > 0'
  const match = latin ? 'substr(r.pinyin, 1, :n) = :t or substr(r.initials, 1, :n) = :t' : has
  const county = `select r.code from regions r where r.code >= :county and r.code < :countyTop and (${match}) and ${filters('r')}`
  const rank = latin
    ? `case when r.pinyin = :t or r.initials = :t then 0 when substr(r.pinyin, 1, :n) = :t or substr(r.initials, 1, :n) = :t then 1 else 2 end`
    : `case when r.name = :t then 0 when substr(r.name, 1, :n) = :t then 1 else 2 end`
  return bind(
    `select r.code, r.name, r.level, r.parent_code from regions r
    where r.code in (${keys} union all ${county})
    order by ${rank}, case when r.code >= :county and r.code < :countyTop then 0 else 1 end, length(r.name), r.code
    limit :limit`,
    values
  )
}
