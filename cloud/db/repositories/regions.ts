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

export class RegionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(code: string): Promise<Region | null> {
    const row = await this.db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst()
    return row ? toRegion(row) : null
  }

  async children(code: string | null): Promise<Region[]> {
    const query = this.db.selectFrom('regions').selectAll()
    const rows = await (code === null ? query.where('parent_code', 'is', null) : query.where('parent_code', '=', code))
      .orderBy('code')
      .execute()
    return rows.map(toRegion)
  }

  async byCodes(codes: string[]): Promise<Map<string, Region>> {
    const wanted = [...new Set(codes)]
    const rows = wanted.length ? await this.db.selectFrom('regions').selectAll().where('code', 'in', wanted).execute() : []
    return new Map(rows.map((r) => [r.code, toRegion(r)]))
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
