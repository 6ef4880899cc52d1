/**
 * Public statistics from rollups (issue 16), through the HTTP server on both databases: the page equals what the cases
 * imply (computed here the slow way, from every case row) after filings, moves and closures; a crowd refreshing one key
 * at once costs one read; and anyone's reads are rate-limited per client with a clear 429 that leaves others alone.
 */
import { DATABASES, RELAXED_LIMITS, startTestServer, type TestServer } from '../support/backend'
import { createApp } from '../../cloud/app'
import type { Envelope } from '../../types/api'
import type { PublicStats } from '../../types/functions/stats'
import type { CaseDetail } from '../../types/functions/petition'
import { PETITION_KINDS } from '../../types/functions/petition'
import { localDate } from '../../cloud/domain/petition/deadlines'
import { windows } from '../../cloud/domain/stats-staff'
import { fixedClock } from '../../cloud/ports/clock'
import { filing } from '../support/fixtures'

function ok<T>(result: Envelope<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.data
}

const DAY = 86_400_000
const round1 = (x: number) => Math.round(x * 10) / 10

/** The public page computed from every case row, for the province or a city (the region the cases concern). */
async function expected(server: TestServer, now: Date, cityCode?: string): Promise<Omit<PublicStats, 'generatedAt'>> {
  const all = await server.backend.services.db.selectFrom('cases').select(['kind', 'status', 'region_code', 'filed_at', 'closed_at', 'handling_region', 'rating']).execute()
  const rows = all.filter((r) => !cityCode || r.region_code.startsWith(cityCode))
  const resolved = rows.filter((r) => r.status === 'closed' && r.closed_at)
  const days = resolved.map((r) => (Date.parse(`${localDate(new Date(r.closed_at!))}T00:00:00Z`) - Date.parse(`${localDate(new Date(r.filed_at))}T00:00:00Z`)) / DAY).sort((a, b) => a - b)
  const median = days.length ? (days.length % 2 ? days[(days.length - 1) / 2] : round1((days[days.length / 2 - 1] + days[days.length / 2]) / 2)) : null
  const rated = (rating: string) => resolved.filter((r) => r.rating === rating).length
  const ratedAll = rated('satisfied') + rated('basically_satisfied') + rated('unsatisfied')
  const cities = await server.backend.services.db.selectFrom('regions').select(['code', 'name']).where('parent_code', '=', '44').orderBy('code').execute()
  return {
    total: rows.length,
    open: rows.filter((r) => ['submitted', 'accepted', 'assigned'].includes(r.status)).length,
    closed: resolved.length,
    resolvedAtTownshipShare: resolved.length ? round1((100 * resolved.filter((r) => r.handling_region.length >= 9).length) / resolved.length) : null,
    medianDaysToClose: median,
    satisfaction: {
      rated: ratedAll,
      satisfied: rated('satisfied'),
      basicallySatisfied: rated('basically_satisfied'),
      unsatisfied: rated('unsatisfied'),
      satisfiedShare: ratedAll ? round1((100 * (rated('satisfied') + rated('basically_satisfied'))) / ratedAll) : null
    },
    byMonth: windows(now, 0).months.map((month) => ({
      month,
      filed: rows.filter((r) => localDate(new Date(r.filed_at)).startsWith(month)).length,
      closed: resolved.filter((r) => localDate(new Date(r.closed_at!)).startsWith(month)).length
    })),
    byCity: cities.map((c) => {
      const inCity = rows.filter((r) => r.region_code.startsWith(c.code))
      return { code: c.code, name: c.name, filed: inCity.length, closed: inCity.filter((r) => r.status === 'closed').length }
    }),
    byKind: PETITION_KINDS.map((kind) => ({ kind, count: rows.filter((r) => r.kind === kind).length })),
    agreements: await expectedAgreements(server, cityCode)
  }
}

/** The agreement figures computed from every agreement row: per city, or per county of a city. */
async function expectedAgreements(server: TestServer, cityCode?: string): Promise<PublicStats['agreements']> {
  const db = server.backend.services.db
  const all = await db.selectFrom('agreements').select(['region_code', 'status', 'confirmed_at', 'performed_at']).execute()
  const rows = all.filter((a) => a.status === 'effective' && (!cityCode || a.region_code.startsWith(cityCode)))
  const areas = await db.selectFrom('regions').select(['code', 'name']).where('parent_code', '=', cityCode ?? '44').orderBy('code').execute()
  const figures = (list: typeof rows) => ({ agreements: list.length, confirmed: list.filter((a) => a.confirmed_at).length, performed: list.filter((a) => a.performed_at).length })
  return {
    ...figures(rows),
    byRegion: areas.map((r) => ({ code: r.code, name: r.name, ...figures(rows.filter((a) => a.region_code.startsWith(r.code))) })).filter((r) => r.agreements > 0)
  }
}

const withoutTime = ({ generatedAt: _, ...rest }: PublicStats) => rest

describe.each(DATABASES)('public statistics from rollups on %s', (kind) => {
  let server: TestServer
  const clock = fixedClock(new Date())
  beforeAll(async () => {
    // Every request reads the rollups (no minute's cache), so each one shows the cases as they are.
    server = await startTestServer(kind, { clock, config: { demoCases: true, statsCacheSeconds: 0 } })
  })
  afterAll(async () => server.close())

  const page = async (cityCode?: string) => withoutTime(ok(await server.call<PublicStats>('stats', 'public', cityCode ? { cityCode } : {})))

  test('the page equals the counts of the cases, after filings, moves and closures', async () => {
    expect((await page()).total).toBeGreaterThan(300)
    expect(await page()).toEqual(await expected(server, clock.now()))

    const [resident, centre, county] = await Promise.all(['resident-chen', 'centre-huang', 'county-wu'].map((a) => server.signIn(a)))
    const file = async (over: Record<string, unknown> = {}) => ok(await server.call<CaseDetail>('petition', 'file', filing(over), resident))
    const a = await file()
    const b = await file({ kind: 'suggestion', title: '建议增设公交站' })
    const c = await file()
    const d = await file()
    const e = await file()
    ok(await server.call('petition', 'accept', { id: a.id }, centre))
    ok(await server.call('petition', 'close', { id: a.id, opinion: '已修复路灯。' }, centre))
    ok(await server.call('petition', 'rate', { id: a.id, rating: 'basically_satisfied' }, resident))
    ok(await server.call('petition', 'transfer', { id: b.id, townshipCode: '441302002', reason: '属桥西街道' }, centre))
    ok(await server.call('petition', 'escalate', { id: c.id, level: 'county', reason: '涉及多部门' }, centre))
    ok(await server.call('petition', 'accept', { id: c.id }, county))
    ok(await server.call('petition', 'close', { id: c.id, opinion: '已协调处理。' }, county))
    ok(await server.call('petition', 'decline', { id: d.id, reason: '属于诉讼事项', otherRoutes: '请向惠城区人民法院起诉' }, centre))
    ok(await server.call('petition', 'withdraw', { id: e.id }, resident))

    // Mediation agreements in three counties of two cities, in effect or not, confirmed and performed or not.
    const agreement = (n: number, region: string, status: string, confirmed: boolean, performed: boolean) => ({
      id: `agreementStats${String(n).padStart(8, '0')}`,
      case_id: `caseForAgreement${String(n).padStart(6, '0')}`,
      doc_no: `DOC-${n}`,
      kind: 'written',
      status,
      version: 1,
      content: '{}',
      region_code: region,
      mediator_id: 'someone',
      created_at: clock.now().toISOString(),
      updated_at: clock.now().toISOString(),
      effective_at: status === 'effective' ? clock.now().toISOString() : null,
      confirmed_at: confirmed ? clock.now().toISOString() : null,
      performed_at: performed ? clock.now().toISOString() : null
    })
    await server.backend.services.db
      .insertInto('agreements')
      .values([
        agreement(1, '441302001200', 'effective', true, true),
        agreement(2, '441302002001', 'effective', false, true),
        agreement(3, '441303001001', 'effective', false, false),
        agreement(4, '440305001001', 'effective', true, false),
        agreement(5, '441302001200', 'signing', false, false)
      ])
      .execute()

    const after = await page()
    expect(after).toEqual(await expected(server, clock.now()))
    expect(after.agreements).toMatchObject({ agreements: 4, confirmed: 2, performed: 2 })
    expect(after.agreements.byRegion.map((r) => [r.code, r.agreements])).toEqual([
      ['4403', 1],
      ['4413', 3]
    ])
    expect((await page('4413')).agreements.byRegion.map((r) => [r.code, r.agreements, r.confirmed, r.performed])).toEqual([
      ['441302', 2, 1, 2],
      ['441303', 1, 0, 0]
    ])
    expect(await page('4413')).toEqual(await expected(server, clock.now(), '4413'))
    expect(await page('4401')).toEqual(await expected(server, clock.now(), '4401'))
  })

  test('a crowd refreshing one key at once costs one read of the rollups', async () => {
    const services = server.backend.services
    // Its own app over the same services, with a cache, and a city no test asked for yet: the first caller's read is
    // shared by everyone arriving meanwhile.
    const app = createApp({ ...services, config: { ...services.config, statsCacheSeconds: 60 } })
    const reads = jest.spyOn(services.db, 'selectFrom')
    try {
      const results = await Promise.all(Array.from({ length: 20 }, () => app.dispatch('stats', { action: 'public', input: { cityCode: '4403' } }, { kind: 'anonymous', client: 'ip:10.0.0.9' })))
      expect(results.every((r) => r.ok)).toBe(true)
      expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1)
      const countReads = reads.mock.calls.filter(([table]) => table === 'stats_counts').length
      expect(countReads).toBe(1)
      // Once refreshed, the minute's value answers without reading again.
      ok(await app.dispatch('stats', { action: 'public', input: { cityCode: '4403' } }, { kind: 'anonymous', client: 'ip:10.0.0.9' }))
      expect(reads.mock.calls.filter(([table]) => table === 'stats_counts').length).toBe(1)
    } finally {
      reads.mockRestore()
    }
  })
})

describe.each(DATABASES)('public rate limit on %s', (kind) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer(kind, { config: { trustProxy: true }, settings: { rateLimits: { ...RELAXED_LIMITS.rateLimits, public: { attempts: 5, minutes: 1 } } } })
  })
  afterAll(async () => server.close())

  const ask = (client: string, locale = 'zh-CN') =>
    fetch(`${server.url}/api/stats`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': client, 'accept-language': locale }, body: JSON.stringify({ action: 'public', input: {} }) })

  test('a client over its limit is answered 429 with a message in its language; other clients are not affected', async () => {
    for (let i = 0; i < 5; i++) expect((await ask('10.1.0.1')).status).toBe(200)
    const refused = await ask('10.1.0.1')
    expect(refused.status).toBe(429)
    expect(await refused.json()).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: '操作太频繁，请 1 分钟后再试。' } })
    expect(await (await ask('10.1.0.1', 'en')).json()).toMatchObject({ error: { code: 'RATE_LIMITED', message: 'Too many attempts. Please try again in 1 minutes.' } })
    // The same limit covers the other public reads and Open311.
    const search = await fetch(`${server.url}/api/regions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.1.0.1' }, body: JSON.stringify({ action: 'search', input: { q: '东平' } }) })
    expect(search.status).toBe(429)
    expect((await fetch(`${server.url}/open311/v2/requests.json`, { headers: { 'x-forwarded-for': '10.1.0.1' } })).status).toBe(429)
    // Another client still gets its answers, and a signed-in person's own actions are not public reads.
    expect((await ask('10.1.0.2')).status).toBe(200)
    const token = await server.signIn('resident-chen')
    const mine = await fetch(`${server.url}/api/petition`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.1.0.1', authorization: `Bearer ${token}` }, body: JSON.stringify({ action: 'mine', input: {} }) })
    expect(mine.status).toBe(200)
  })
})
