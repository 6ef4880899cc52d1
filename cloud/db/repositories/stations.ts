/** 粤心安 stations: reference data, found by region, by name, or within a box around a point. */
import { sql, type Kysely } from 'kysely'
import type { Database, StationsTable } from '../schema'
import { fixed } from './statements'
import { isPostgres } from '../dialect'

export type StationRow = StationsTable

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`)

export interface Box {
  minLat: number
  maxLat: number
  minLng: number
  maxLng: number
}

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
    // Fixed SQL: the nearest stations are read by id on every request, and Kysely's building cost more than the read.
    const rows = wanted.length ? await fixed<StationRow>(this.db, `select * from "stations" where "id" in (${wanted.map(() => '?').join(', ')})`, wanted) : []
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

  /**
   * Stations with a location inside a box, from the spatial index (migration 0020: SQLite R*Tree, PostgreSQL GiST on
   * the point): their id and location only, for measuring; the few nearest are then read whole by id.
   */
  async locatedIn(box: Box): Promise<{ id: string; lat: number; lng: number }[]> {
    return isPostgres(this.db)
      ? fixed(this.db, 'select id, lat, lng from stations where point(lng, lat) <@ box(point(?, ?), point(?, ?))', [box.minLng, box.minLat, box.maxLng, box.maxLat])
      : fixed(
          this.db,
          'select s.id, s.lat, s.lng from stations_rtree t join stations s on s.id = t.station_id where t.max_lat >= ? and t.min_lat <= ? and t.max_lng >= ? and t.min_lng <= ?',
          [box.minLat, box.maxLat, box.minLng, box.maxLng]
        )
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
