/** 粤心安 stations: reference data, found by region, by name, or within a box around a point. */
import { sql, type Kysely } from 'kysely'
import type { Database, StationsTable } from '../schema'
import { fixed } from './statements'

export type StationRow = StationsTable

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`)

export interface StationFilter {
  /** Stations within this region (the region itself or below). */
  regionCode?: string
  q?: string
  box?: { minLat: number; maxLat: number; minLng: number; maxLng: number }
  limit: number
}

export class StationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async byId(id: string): Promise<StationRow | null> {
    return (await fixed<StationRow>(this.db, 'select * from "stations" where "id" = ?', [id]))[0] ?? null
  }

  async byIds(ids: string[]): Promise<Map<string, StationRow>> {
    const wanted = [...new Set(ids)]
    const rows = wanted.length ? await this.db.selectFrom('stations').selectAll().where('id', 'in', wanted).execute() : []
    return new Map(rows.map((r) => [r.id, r]))
  }

  async find(filter: StationFilter): Promise<StationRow[]> {
    let query = this.db.selectFrom('stations').selectAll()
    // Codes are digits, so "within" is a range on the index: '4413' ≤ code < '4413~'.
    if (filter.regionCode) query = query.where('region_code', '>=', filter.regionCode).where('region_code', '<', `${filter.regionCode}~`)
    if (filter.q) query = query.where(sql<boolean>`name like ${`%${escapeLike(filter.q)}%`} escape '\\'`)
    if (filter.box) {
      const b = filter.box
      query = query.where('lat', '>=', b.minLat).where('lat', '<=', b.maxLat).where('lng', '>=', b.minLng).where('lng', '<=', b.maxLng)
    }
    return query.orderBy('region_code').limit(filter.limit).execute()
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('stations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    return Number(row.n)
  }

  async insertMany(rows: StationRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await this.db
        .insertInto('stations')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
    }
  }
}
