/**
 * The village legal advisors' directory: which advisor serves each village (one row per village, so the look-up by
 * village is a primary-key read), advisors' profiles over the booking engine's providers, villages with their advisors
 * by code (after a name search of the region table) and by location. Reference data: written only by the seed (or a
 * roster import).
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database, LegalAdvisorsTable, LegalVillagesTable } from '../schema'
import type { ProviderRow } from './bookings'
import { fixed } from './statements'
import { isPostgres } from '../dialect'
import { RegionRepository } from './regions'

type Db = Kysely<Database> | Transaction<Database>

export type LegalAdvisorRow = LegalAdvisorsTable
export type LegalVillageRow = LegalVillagesTable

export const LEGAL_SERVICE = 'legal'

/** An advisor: the provider's row with their legal profile. */
export interface AdvisorRecord extends ProviderRow {
  firm: string
  practice_areas: string
  phone: string
  township_code: string
}

/** A village with its advisor, if the directory has one (left joins: the village is there either way). */
export interface VillageWithAdvisor {
  village_code: string
  village_name: string
  /** City, county and township names, those that exist (东莞 and 中山 have no county). */
  path: string[]
  lat: number | null
  lng: number | null
  advisor: AdvisorRecord | null
}

/**
 * The advisors of villages, as fixed SQL, for forVillages: the service is the first parameter, the codes follow. The
 * villages' own and their path's names come from the region tree kept in memory (RegionRepository): joining the region
 * table three more times made PostgreSQL spend longer planning the statement (1-2 ms) than running it.
 */
const ADVISORS = `select lv.village_code, lv.lat, lv.lng, p.id, p.service, p.user_id, p.station_id, p.display_name, p.qualification,
  p.languages, p.modes, p.hours, p.active, p.created_at, p.updated_at, la.firm, la.practice_areas, la.phone, la.township_code
  from legal_villages lv
  left join providers p on p.id = lv.provider_id and p.active = 1 and p.service = ?
  left join legal_advisors la on la.provider_id = p.id
  where lv.village_code in`

export class LegalDirectoryRepository {
  constructor(private readonly db: Db) {}

  private villages() {
    return this.db
      .selectFrom('regions as r')
      .leftJoin('legal_villages as lv', 'lv.village_code', 'r.code')
      .leftJoin('providers as p', (j) => j.onRef('p.id', '=', 'lv.provider_id').on('p.active', '=', 1).on('p.service', '=', LEGAL_SERVICE))
      .leftJoin('legal_advisors as la', 'la.provider_id', 'p.id')
      // The path's names in the same statement: each a primary-key read.
      .leftJoin('regions as ci', (j) => j.on('ci.code', '=', sql<string>`substr(r.code, 1, 4)`))
      .leftJoin('regions as co', (j) => j.on('co.code', '=', sql<string>`substr(r.code, 1, 6)`))
      .leftJoin('regions as tw', (j) => j.on('tw.code', '=', sql<string>`substr(r.code, 1, 9)`))
      .where('r.level', '=', 'village')
      .select([
        'r.code as village_code',
        'r.name as village_name',
        'ci.name as city_name',
        'co.name as county_name',
        'tw.name as township_name',
        'lv.lat',
        'lv.lng',
        'p.id',
        'p.service',
        'p.user_id',
        'p.station_id',
        'p.display_name',
        'p.qualification',
        'p.languages',
        'p.modes',
        'p.hours',
        'p.active',
        'p.created_at',
        'p.updated_at',
        'la.firm',
        'la.practice_areas',
        'la.phone',
        'la.township_code'
      ])
  }

  private static shape(row: {
    village_code: string
    village_name: string
    city_name: string | null
    county_name: string | null
    township_name: string | null
    lat: number | null
    lng: number | null
    id: string | null
    firm: string | null
  }): VillageWithAdvisor {
    const { village_code, village_name, city_name, county_name, township_name, lat, lng, ...advisor } = row
    return {
      village_code,
      village_name,
      path: [city_name, county_name, township_name].filter((n): n is string => n !== null),
      lat,
      lng,
      advisor: advisor.id !== null && advisor.firm !== null ? (advisor as AdvisorRecord) : null
    }
  }

  /** One village and its advisor, in one statement of primary-key reads; null when there is no such village. */
  async forVillage(code: string): Promise<VillageWithAdvisor | null> {
    const row = await this.villages().where('r.code', '=', code).executeTakeFirst()
    return row ? LegalDirectoryRepository.shape(row) : null
  }

  /** Villages by code, each with its advisor, in the order given. */
  async forVillages(codes: string[]): Promise<VillageWithAdvisor[]> {
    if (!codes.length) return []
    const regions = new RegionRepository(this.db as Kysely<Database>)
    const [villages, paths, rows] = await Promise.all([
      regions.byCodes(codes),
      regions.paths(codes),
      fixed<Omit<Parameters<typeof LegalDirectoryRepository.shape>[0], 'village_name' | 'city_name' | 'county_name' | 'township_name'>>(
        this.db as Kysely<Database>,
        `${ADVISORS} (${codes.map(() => '?').join(', ')})`,
        [LEGAL_SERVICE, ...codes]
      )
    ])
    const advisors = new Map(rows.map((r) => [r.village_code, r]))
    return codes.flatMap((code) => {
      const village = villages.get(code)
      if (village?.level !== 'village') return []
      const names = (paths.get(code) ?? []).filter((r) => r.level !== 'province')
      const name = (level: string) => names.find((r) => r.level === level)?.name ?? null
      const row = advisors.get(code)
      return [
        LegalDirectoryRepository.shape({
          ...(row ?? { village_code: code, lat: null, lng: null, id: null, firm: null }),
          village_code: code,
          village_name: village.name,
          city_name: name('city'),
          county_name: name('county'),
          township_name: name('township')
        })
      ]
    })
  }

  /**
   * Villages whose office lies in a box, from the spatial index (migration 0020: SQLite R*Tree, PostgreSQL GiST on the
   * point): code and location only, for measuring; the nearest are then read whole with forVillages.
   */
  async locatedIn(box: { minLat: number; maxLat: number; minLng: number; maxLng: number }): Promise<{ village_code: string; lat: number; lng: number }[]> {
    return isPostgres(this.db)
      ? fixed(this.db as Kysely<Database>, 'select village_code, lat, lng from legal_villages where point(lng, lat) <@ box(point(?, ?), point(?, ?))', [box.minLng, box.minLat, box.maxLng, box.maxLat])
      : fixed(
          this.db as Kysely<Database>,
          'select v.village_code, v.lat, v.lng from legal_villages_rtree t join legal_villages v on v.village_code = cast(t.id as text) where t.max_lat >= ? and t.min_lat <= ? and t.max_lng >= ? and t.min_lng <= ?',
          [box.minLat, box.maxLat, box.minLng, box.maxLng]
        )
  }

  async advisor(id: string): Promise<AdvisorRecord | null> {
    const row = await this.db
      .selectFrom('providers as p')
      .innerJoin('legal_advisors as la', 'la.provider_id', 'p.id')
      .selectAll('p')
      .select(['la.firm', 'la.practice_areas', 'la.phone', 'la.township_code'])
      .where('p.id', '=', id)
      .where('p.service', '=', LEGAL_SERVICE)
      .where('p.active', '=', 1)
      .executeTakeFirst()
    return row ?? null
  }

  async advisorOfUser(userId: string): Promise<AdvisorRecord | null> {
    const row = await this.db
      .selectFrom('providers as p')
      .innerJoin('legal_advisors as la', 'la.provider_id', 'p.id')
      .selectAll('p')
      .select(['la.firm', 'la.practice_areas', 'la.phone', 'la.township_code'])
      .where('p.user_id', '=', userId)
      .where('p.service', '=', LEGAL_SERVICE)
      .executeTakeFirst()
    return row ?? null
  }

  /** Who serves a village: the provider id, or null. */
  async providerOfVillage(code: string): Promise<string | null> {
    const row = await this.db.selectFrom('legal_villages').select('provider_id').where('village_code', '=', code).executeTakeFirst()
    return row?.provider_id ?? null
  }

  /** An advisor's villages with their names, by code. */
  async villagesOf(providerId: string): Promise<{ code: string; name: string }[]> {
    return this.db
      .selectFrom('legal_villages as lv')
      .innerJoin('regions as r', 'r.code', 'lv.village_code')
      .select(['r.code', 'r.name'])
      .where('lv.provider_id', '=', providerId)
      .orderBy('r.code')
      .execute()
  }

  async villageCount(): Promise<number> {
    const row = await this.db.selectFrom('legal_villages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /** Seed or roster import: skips rows that exist, so two instances starting at once write each row once. */
  async insertAdvisors(rows: LegalAdvisorRow[]): Promise<number> {
    let inserted = 0
    for (let i = 0; i < rows.length; i += 1000) {
      const result = await this.db
        .insertInto('legal_advisors')
        .values(rows.slice(i, i + 1000))
        .onConflict((oc) => oc.column('provider_id').doNothing())
        .executeTakeFirst()
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0)
    }
    return inserted
  }

  async insertVillages(rows: LegalVillageRow[]): Promise<number> {
    let inserted = 0
    for (let i = 0; i < rows.length; i += 1000) {
      const result = await this.db
        .insertInto('legal_villages')
        .values(rows.slice(i, i + 1000))
        .onConflict((oc) => oc.column('village_code').doNothing())
        .executeTakeFirst()
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0)
    }
    return inserted
  }
}
