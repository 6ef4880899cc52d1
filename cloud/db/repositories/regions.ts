/** Reads of the region tree. */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../schema'
import type { Region } from '../../../types/functions/regions'
import type { RegionLevel } from '../../../types/roles'
import { ancestorCodes } from '../../domain/regions'

type Row = Database['regions']

/** Escapes LIKE wildcards so that a typed % or _ matches itself. */
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`)

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

  async search(q: string, options: { level?: RegionLevel; within?: string; limit: number }): Promise<Region[]> {
    const pattern = `%${escapeLike(q)}%`
    let query = this.db
      .selectFrom('regions')
      .selectAll()
      .where(sql<boolean>`name like ${pattern} escape '\\'`)
    if (options.level) query = query.where('level', '=', options.level)
    if (options.within) query = query.where('code', 'like', `${options.within}%`)
    // Exact and prefix matches first, then shorter names, then by code.
    const rows = await query
      .orderBy(sql`case when name = ${q} then 0 when name like ${`${escapeLike(q)}%`} escape '\\' then 1 else 2 end`)
      .orderBy(sql`length(name)`)
      .orderBy('code')
      .limit(options.limit)
      .execute()
    return rows.map(toRegion)
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    return Number(row.n)
  }

  async insertMany(rows: Row[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      // Idempotent: two containers starting on a new database may both seed.
      await this.db
        .insertInto('regions')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.column('code').doNothing())
        .execute()
    }
  }
}
