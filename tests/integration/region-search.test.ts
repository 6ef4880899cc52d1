/**
 * Village, community and township search on the database's own indexes (issue 16), and nearest stations and advisors
 * from a spatial index, through the HTTP server on every configured database: characters, pinyin, initials, one and
 * two characters, the ranking, the person's own county first, the answers against a brute-force pass over every row,
 * and the query plans (the FTS5 / pg_trgm / pieces / R*Tree / GiST index, not a scan).
 */
import { sql, type Kysely } from 'kysely'
import { DATABASES, createPgDatabase, PG_URL, startTestServer, type TestServer } from '../support/backend'
import { searchStatement } from '../../cloud/db/repositories/regions'
import { fixed } from '../../cloud/db/repositories/statements'
import { parseRegionQuery } from '../../cloud/domain/region-search'
import { searchKeys } from '../../cloud/domain/region-pinyin'
import { haversineMetres } from '../../cloud/domain/counselling/geo'
import { openDatabase } from '../../cloud/db/database'
import { migrate } from '../../cloud/db/migrations'
import { seedRegions } from '../../cloud/seed/regions'
import type { Database } from '../../cloud/db/schema'
import type { Envelope } from '../../types/api'
import type { RegionWithPath } from '../../types/functions/regions'
import type { VillageAdvisor } from '../../types/functions/legal'
import type { Station } from '../../types/functions/counselling'

const DONGPING = '441302001200'

function ok<T>(r: Envelope<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
  return r.data
}

interface Row {
  code: string
  name: string
  level: string
  pinyin: string | null
  initials: string | null
}

/** The ranking the brief asks for, computed over every row: exact, prefix, contains; own county; shorter; by code. */
function bruteForce(rows: Row[], q: string, o: { level?: string; county?: string | null; limit: number }): string[] {
  const query = parseRegionQuery(q)
  const t = query.term
  const keys = (r: Row) => (query.kind === 'latin' ? [r.pinyin ?? '', r.initials ?? ''] : [r.name])
  const cls = (r: Row) => (keys(r).some((k) => k === t) ? 0 : keys(r).some((k) => k.startsWith(t)) ? 1 : keys(r).some((k) => k.includes(t)) ? 2 : 3)
  const own = (r: Row) => (o.county && r.code.startsWith(o.county) ? 0 : 1)
  // Contains for one- and two-letter pinyin is answered by prefix only (the initials of the person's county aside).
  const found = rows.filter((r) => (!o.level || r.level === o.level) && cls(r) < (query.kind === 'latin' && query.length < 3 ? 2 : 3))
  return found
    .sort((a, b) => cls(a) - cls(b) || own(a) - own(b) || [...a.name].length - [...b.name].length || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .slice(0, o.limit)
    .map((r) => r.code)
}

describe.each(DATABASES)('region search and nearest places on %s', (kind) => {
  let server: TestServer
  let rows: Row[]
  let chen: string
  const db = () => server.backend.services.db

  beforeAll(async () => {
    server = await startTestServer(kind)
    chen = await server.signIn('resident-chen')
    rows = (await db().selectFrom('regions').select(['code', 'name', 'level', 'pinyin', 'initials']).execute()).map((r) => ({ ...r, pinyin: r.pinyin ?? null, initials: r.initials ?? null }))
  })
  afterAll(async () => server.close())

  const search = (input: Record<string, unknown>, token?: string) => server.call<RegionWithPath[]>('regions', 'search', input, token)
  const names = async (input: Record<string, unknown>, token?: string) => ok(await search(input, token)).map((r) => r.name)

  it('stores every region with its pinyin and initials, computed on the server', () => {
    const dongping = rows.find((r) => r.code === DONGPING)!
    expect(dongping).toMatchObject({ name: '东平村民委员会', pinyin: 'dongpingcunminweiyuanhui', initials: 'dpcmwyh' })
    expect(rows.filter((r) => r.pinyin === null)).toEqual([])
  })

  it('finds by characters, by full pinyin and by initials', async () => {
    expect(await names({ q: '东平村', level: 'village' })).toContain('东平村民委员会')
    const byPinyin = ok(await search({ q: 'dongping', level: 'village' })).map((r) => r.code)
    expect(byPinyin).toContain(DONGPING)
    expect(ok(await search({ q: 'Dong Ping', level: 'village' })).map((r) => r.code)).toEqual(byPinyin)
    expect(ok(await search({ q: 'dp', level: 'village', limit: 50 }, chen)).map((r) => r.code)).toContain(DONGPING)
    expect(ok(await search({ q: 'dpcmwyh', level: 'village', limit: 50 })).map((r) => r.code)).toContain(DONGPING)
    // Pinyin in the middle of a name (contains), three letters or more.
    expect(ok(await search({ q: 'pingcunmin', level: 'village', limit: 50 })).map((r) => r.code)).toContain(DONGPING)
    // A path comes with each, as before.
    expect(ok(await search({ q: '东平村', level: 'village' }))[0].path.map((p) => p.level)).toContain('city')
  })

  it('answers one and two characters, anywhere in the name, from an index', async () => {
    const two = await names({ q: '平村', level: 'village', limit: 50 })
    expect(two.length).toBeGreaterThan(0)
    expect(two.every((n) => n.includes('平村'))).toBe(true)
    const one = await names({ q: '坪', limit: 50 })
    expect(one.length).toBe(50)
    expect(one.every((n) => n.includes('坪'))).toBe(true)
  })

  it('ranks exact, then prefix, then contains, and the same as a pass over every row', async () => {
    // Fewer matches than each index path reads: the answer is exactly the brute-force ranking.
    for (const q of ['东平镇', '东平', '平社区', '宁西', '石角', 'dongping', 'dpcm', 'hzs', 'shijiao', 'xinhuacun', '𬭎']) {
      for (const level of [undefined, 'village']) {
        const got = ok(await search({ q, level, limit: 50 })).map((r) => r.code)
        expect({ q, level, got }).toEqual({ q, level, got: bruteForce(rows, q, { level, limit: 50 }) })
      }
    }
    const dongping = await names({ q: '东平镇' })
    expect(dongping[0]).toBe('东平镇')
  })

  it('ranks one and two characters or letters exactly, however many names match (thousands)', async () => {
    // 社区 is in 6,254 village names, 石 in 815, lc starts 2,246 initials: the page is still the brute-force ranking,
    // anonymous and with the person's county first, with a level and without, and within a city.
    for (const q of ['石', '社区', '坪', '新村', 'lc', 'dp', 'sk', '村']) {
      for (const level of [undefined, 'village']) {
        const got = ok(await search({ q, level, limit: 50 })).map((r) => r.code)
        expect({ q, level, got }).toEqual({ q, level, got: bruteForce(rows, q, { level, limit: 50 }) })
      }
      const mine = ok(await search({ q, level: 'village', limit: 20 }, chen)).map((r) => r.code)
      expect({ q, mine }).toEqual({ q, mine: bruteForce(rows, q, { level: 'village', county: '441302', limit: 20 }) })
      const within = ok(await search({ q, level: 'village', within: '4413', limit: 20 })).map((r) => r.code)
      const inCity = rows.filter((r) => r.code.startsWith('4413'))
      expect({ q, within }).toEqual({ q, within: bruteForce(inCity, q, { level: 'village', limit: 20 }) })
    }
  })

  it("puts the person's own county first, when they are signed in and have a home village", async () => {
    const anonymous = ok(await search({ q: '东平', level: 'village', limit: 20 })).map((r) => r.code)
    const signedIn = ok(await search({ q: '东平', level: 'village', limit: 20 }, chen)).map((r) => r.code)
    expect(anonymous[0]).not.toBe(DONGPING)
    expect(signedIn[0]).toBe(DONGPING)
    expect(signedIn).toEqual(bruteForce(rows, '东平', { level: 'village', county: '441302', limit: 20 }))
    // The advisor directory's search ranks the same way.
    const legal = ok(await server.call<VillageAdvisor[]>('legal', 'search', { q: 'dongping' }, chen))
    expect(legal[0].code).toBe(DONGPING)
  })

  it('keeps the index in step with the region table: a region added, renamed, removed', async () => {
    const code = '441302001299'
    await db()
      .insertInto('regions')
      .values({ code, parent_code: '441302001', level: 'village', name: '䶮试验村', ...searchKeys('䶮试验村') })
      .execute()
    expect(ok(await search({ q: '䶮试验' })).map((r) => r.code)).toEqual([code])
    expect(ok(await search({ q: '䶮' })).map((r) => r.code)).toEqual([code])
    await db().updateTable('regions').set({ name: '䶮验证村', ...searchKeys('䶮验证村') }).where('code', '=', code).execute()
    expect(ok(await search({ q: '䶮试验' }))).toEqual([])
    expect(ok(await search({ q: '验证村' })).map((r) => r.code)).toEqual([code])
    await db().deleteFrom('regions').where('code', '=', code).execute()
    expect(ok(await search({ q: '䶮' }))).toEqual([])
  })

  it('refuses bad input with a message and no search', async () => {
    expect(await search({ q: '   ' })).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE' } })
    expect(await search({ q: 'x'.repeat(31) })).toMatchObject({ ok: false })
    // Wildcards and quotes are characters like any other.
    expect(ok(await search({ q: '%_"' }))).toEqual([])
  })

  it('uses the index, never a scan of the region table', async () => {
    const postgres = kind === 'postgres'
    const plan = async (q: string, county = '') => {
      const { text, params } = searchStatement(parseRegionQuery(q), { postgres, trigram: true, level: 'village', within: '', county, limit: 20 })
      if (!postgres) return (await fixed<{ detail: string }>(db(), `explain query plan ${text}`, params)).map((r) => r.detail).join('\n')
      return planOnPostgres(db(), text, params)
    }
    const fts = postgres ? 'regions_trgm' : 'SCAN regions_fts VIRTUAL TABLE INDEX 0:M'
    // One and two characters or letters: the keys' range in rank order within the level (migration 0031).
    const keys = postgres ? 'region_keys_pk' : 'SEARCH k USING PRIMARY KEY (key=? AND level=?)'
    for (const [q, index] of [
      ['东平村', fts],
      ['dongping', fts],
      ['平村', keys],
      ['平', keys],
      ['dp', keys]
    ]) {
      const text = await plan(q, '441302')
      expect({ q, text }).toEqual({ q, text: expect.stringContaining(index) })
      // Every read of the region table is by an index: no full scan of it.
      expect({ q, text }).not.toEqual({ q, text: expect.stringMatching(postgres ? /Seq Scan on regions\b/ : /SCAN (r|regions)\b(?! VIRTUAL)/) })
    }
  })

  it('finds the nearest stations from the spatial index, the same as measuring every station', async () => {
    const all = await db().selectFrom('stations').select(['id', 'lat', 'lng']).where('lat', 'is not', null).execute()
    for (const here of [
      { lat: 23.1115, lng: 114.4152 },
      { lat: 23.13, lng: 113.26 },
      { lat: 21.2, lng: 110.4 },
      { lat: 25.3, lng: 116.1 }
    ]) {
      for (const limit of [1, 10, 50]) {
        const got = ok(await server.call<Station[]>('counselling', 'stations', { near: here, limit }))
        const expected = all
          .map((s) => ({ id: s.id, d: Math.round(haversineMetres(here, { lat: s.lat!, lng: s.lng! })) }))
          .sort((a, b) => a.d - b.d)
          .slice(0, limit)
        expect(got.map((s) => s.distance)).toEqual(expected.map((e) => e.d))
        // Stations at the same distance (a room in its township's building) may come in either order at the edge.
        const last = expected[expected.length - 1].d
        expect(got.filter((s) => s.distance! < last).map((s) => s.id).sort()).toEqual(expected.filter((e) => e.d < last).map((e) => e.id).sort())
      }
    }
    const plan =
      kind === 'postgres'
        ? await planOnPostgres(db(), 'select id, lat, lng from stations where point(lng, lat) <@ box(point($1, $2), point($3, $4))', [114, 23, 114.5, 23.5])
        : (await sql<{ detail: string }>`explain query plan select s.id from stations_rtree join stations s on s.id = stations_rtree.station_id where max_lat >= 23 and min_lat <= 23.5 and max_lng >= 114 and min_lng <= 114.5`.execute(db())).rows
            .map((r) => r.detail)
            .join('\n')
    expect(plan).toContain(kind === 'postgres' ? 'stations_geo' : 'stations_rtree VIRTUAL TABLE INDEX')
  })

  it('finds the nearest villages with their advisors, the same as measuring every village', async () => {
    const all = await db().selectFrom('legal_villages').select(['village_code', 'lat', 'lng']).where('lat', 'is not', null).execute()
    for (const here of [
      { lat: 23.1115, lng: 114.4152 },
      { lat: 22.55, lng: 114.05 },
      { lat: 24.8, lng: 113.6 }
    ]) {
      const got = ok(await server.call<VillageAdvisor[]>('legal', 'near', { ...here, limit: 10 }))
      const expected = all
        .map((v) => ({ code: v.village_code, d: Math.round(haversineMetres(here, { lat: v.lat!, lng: v.lng! })) }))
        .sort((a, b) => a.d - b.d)
        .slice(0, 10)
      expect(got.map((v) => v.distance)).toEqual(expected.map((e) => e.d))
      expect(got.every((v) => v.advisor !== null)).toBe(true)
    }
  })
})

/** The plan of a statement on PostgreSQL, sequential scans discouraged so that a small table still shows its index. */
async function planOnPostgres(db: Kysely<Database>, text: string, params: unknown[]): Promise<string> {
  return db.connection().execute(async (c) => {
    await sql`set enable_seqscan = off`.execute(c)
    try {
      const numbered = text.replace(/\?/g, ((n) => () => `$${++n}`)(0))
      const literal = numbered.replace(/\$(\d+)/g, (_, i: string) => {
        const v = params[Number(i) - 1]
        return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`
      })
      return (await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(literal)}`.execute(c)).rows.map((r) => r['QUERY PLAN']).join('\n')
    } finally {
      await sql`set enable_seqscan = on`.execute(c)
    }
  })
}

/** Without pg_trgm (a server where the extension cannot be created), search still answers from an index. */
;(PG_URL ? describe : describe.skip)('region search on PostgreSQL without pg_trgm', () => {
  it('answers long queries from the pieces index, with the same results', async () => {
    const pg = await createPgDatabase()
    const handle = openDatabase({ databaseUrl: pg.url, dataDir: '/tmp' })
    try {
      await migrate(handle.db)
      await seedRegions(handle.db)
      // As if CREATE EXTENSION had been refused: the migration leaves the index out (0019_region_search).
      await sql`drop index regions_trgm`.execute(handle.db)
      const { RegionRepository } = await import('../../cloud/db/repositories/regions')
      const repo = new RegionRepository(handle.db)
      const found = await repo.search('东平村', { level: 'village', limit: 20 })
      expect(found.length).toBeGreaterThan(0)
      expect(found.every((r) => r.name.includes('东平村'))).toBe(true)
      const { text, params } = searchStatement(parseRegionQuery('东平村'), { postgres: true, trigram: false, level: 'village', within: '', county: '', limit: 20 })
      expect(await planOnPostgres(handle.db, text, params)).toContain('region_keys')
    } finally {
      await handle.close()
      await pg.drop()
    }
  })
})
