/**
 * The staff workbench and the regional dashboard, through the HTTP server on both databases: the figures equal what
 * the seeded cases imply (computed here straight from the cases table), they follow the cases as staff move them,
 * the drill-down goes city → county → township, and nobody sees outside their jurisdiction.
 */
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import type { Envelope } from '../../types/api'
import type { Dashboard, Workbench } from '../../types/functions/stats'
import type { CaseDetail } from '../../types/functions/petition'
import { localDate } from '../../cloud/domain/petition/deadlines'
import { DEFAULT_DEADLINES } from '../../cloud/domain/petition/deadlines'
import { filing } from '../support/fixtures'
import { fixedClock } from '../../cloud/ports/clock'

function ok<T>(result: Envelope<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.data
}

const DAY = 86_400_000
const round1 = (x: number) => Math.round(x * 10) / 10

/** The dashboard's figures for a region, computed the slow way from every case row. */
async function expected(server: TestServer, prefix: string, now: Date) {
  const rows = (await server.backend.services.db.selectFrom('cases').selectAll().execute()).filter((r) => r.region_code.startsWith(prefix))
  const today = localDate(now)
  const last30From = localDate(new Date(Date.parse(`${today}T12:00:00+08:00`) - 29 * DAY))
  const soonEnd = Date.parse(`${localDate(new Date(Date.parse(`${today}T12:00:00+08:00`) + (DEFAULT_DEADLINES.dueSoonDays + 1) * DAY))}T00:00:00+08:00`)
  const open = rows.filter((r) => r.is_open === 1)
  const resolved = rows.filter((r) => r.status === 'closed' && r.closed_at)
  const days = resolved
    .map((r) => (Date.parse(`${localDate(new Date(r.closed_at!))}T00:00:00Z`) - Date.parse(`${localDate(new Date(r.filed_at))}T00:00:00Z`)) / DAY)
    .sort((a, b) => a - b)
  const median = days.length ? (days.length % 2 ? days[(days.length - 1) / 2] : round1((days[days.length / 2 - 1] + days[days.length / 2]) / 2)) : null
  const rated = (rating: string) => resolved.filter((r) => r.rating === rating).length
  const ratedAll = rated('satisfied') + rated('basically_satisfied') + rated('unsatisfied')
  return {
    newThisMonth: rows.filter((r) => localDate(new Date(r.filed_at)).slice(0, 7) === today.slice(0, 7)).length,
    newLast30Days: rows.filter((r) => localDate(new Date(r.filed_at)) >= last30From).length,
    open: open.length,
    overdue: open.filter((r) => r.due_at! < now.toISOString()).length,
    dueSoon: open.filter((r) => r.due_at! >= now.toISOString() && Date.parse(r.due_at!) < soonEnd).length,
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
    filedThisMonthChart: rows.filter((r) => localDate(new Date(r.filed_at)).slice(0, 7) === today.slice(0, 7)).length
  }
}

const figuresOf = (d: Dashboard) => ({
  newThisMonth: d.newThisMonth,
  newLast30Days: d.newLast30Days,
  open: d.open,
  overdue: d.overdue,
  dueSoon: d.dueSoon,
  closed: d.closed,
  resolvedAtTownshipShare: d.resolvedAtTownshipShare,
  medianDaysToClose: d.medianDaysToClose,
  satisfaction: d.satisfaction,
  filedThisMonthChart: d.byMonth[11].filed
})

describe.each(DATABASES)('staff workbench and dashboard on %s', (kind) => {
  let server: TestServer
  const tokens: Record<string, string> = {}
  const dashboard = (account: string, regionCode?: string) => server.call<Dashboard>('stats', 'dashboard', regionCode ? { regionCode } : {}, tokens[account])

  // One instant for the server and for the figures the test expects: a run across midnight (or a month's end) in
  // Shanghai would otherwise count "overdue" and "the last 30 days" at two different times.
  const clock = fixedClock(new Date())

  beforeAll(async () => {
    server = await startTestServer(kind, { clock, config: { demoCases: true } })
    for (const account of ['centre-huang', 'county-wu', 'city-zheng', 'other-centre-liang', 'mediator-zhou', 'counsellor-lin', 'advisor-he', 'grid-tang', 'resident-chen', 'admin']) {
      tokens[account] = await server.signIn(account)
    }
  })
  afterAll(async () => server.close())

  test('a city dashboard equals what its seeded cases imply, and its counties add up to it', async () => {
    const d = ok(await dashboard('city-zheng'))
    expect([d.code, d.name, d.level]).toEqual(['4413', '惠州市', 'city'])
    expect(d.path).toEqual([{ code: '4413', name: '惠州市' }])
    expect(d.open + d.closed).toBeGreaterThan(0)
    expect(figuresOf(d)).toEqual(await expected(server, '4413', clock.now()))
    expect(d.byMonth).toHaveLength(12)
    expect(d.children.map((c) => c.code)).toContain('441302')
    for (const key of ['newLast30Days', 'open', 'overdue', 'closed'] as const) {
      expect([key, d.children.reduce((s, c) => s + c[key], 0)]).toEqual([key, d[key]])
    }
    expect(JSON.stringify(d)).not.toMatch(/1[3-9]\d{9}|陈秀英/)
  })

  test('drill-down: city → county → township, each equal to its own cases, with the way back up', async () => {
    const county = ok(await dashboard('city-zheng', '441302'))
    expect([county.level, county.path.map((p) => p.code)]).toEqual(['county', ['4413', '441302']])
    expect(figuresOf(county)).toEqual(await expected(server, '441302', clock.now()))
    expect(county.children.map((c) => c.code)).toContain('441302001')
    const qiaodong = county.children.find((c) => c.code === '441302001')!
    const township = ok(await dashboard('city-zheng', '441302001'))
    expect([township.level, township.name, township.children]).toEqual(['township', '桥东街道', []])
    expect(township.path.map((p) => p.code)).toEqual(['4413', '441302', '441302001'])
    expect(figuresOf(township)).toEqual(await expected(server, '441302001', clock.now()))
    expect({ open: township.open, overdue: township.overdue, closed: township.closed, newLast30Days: township.newLast30Days }).toEqual({
      open: qiaodong.open,
      overdue: qiaodong.overdue,
      closed: qiaodong.closed,
      newLast30Days: qiaodong.newLast30Days
    })
    // The county's own staff start at the county: their path starts there too.
    expect(ok(await dashboard('county-wu', '441302001')).path.map((p) => p.code)).toEqual(['441302', '441302001'])
    expect(ok(await dashboard('centre-huang')).code).toBe('441302001')
  })

  test('nobody sees outside their jurisdiction', async () => {
    const refused = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code)
    // Up, sideways, another city: FORBIDDEN, the same whether the region exists or not.
    expect(refused(await dashboard('centre-huang', '441302'))).toBe('FORBIDDEN')
    expect(refused(await dashboard('centre-huang', '441302002'))).toBe('FORBIDDEN')
    expect(refused(await dashboard('county-wu', '4413'))).toBe('FORBIDDEN')
    expect(refused(await dashboard('county-wu', '441303'))).toBe('FORBIDDEN')
    expect(refused(await dashboard('city-zheng', '4401'))).toBe('FORBIDDEN')
    expect(refused(await dashboard('city-zheng', '440106001'))).toBe('FORBIDDEN')
    expect(refused(await dashboard('other-centre-liang', '441302001'))).toBe('FORBIDDEN')
    // Roles without a centre jurisdiction have no dashboard at all.
    for (const account of ['mediator-zhou', 'counsellor-lin', 'advisor-he', 'grid-tang', 'resident-chen']) {
      expect([account, refused(await dashboard(account))]).toEqual([account, 'FORBIDDEN'])
    }
    // Inside the jurisdiction but no such region: not found. A village or the province is not a dashboard level.
    expect(refused(await dashboard('city-zheng', '441302999'))).toBe('REGION_NOT_FOUND')
    expect(refused(await dashboard('city-zheng', '441302001200'))).toBe('INVALID_VALUE')
    expect(refused(await dashboard('city-zheng', '44'))).toBe('INVALID_VALUE')
    expect(refused(await server.call('stats', 'dashboard', {}))).toBe('UNAUTHENTICATED')
  })

  test('the figures follow the cases: filed, accepted, closed at the township and rated', async () => {
    const before = ok(await dashboard('centre-huang'))
    const resident = tokens['resident-chen']
    const c = ok(await server.call<CaseDetail>('petition', 'file', filing({ title: '仪表盘测试：路灯' }), resident))
    const filed = ok(await dashboard('centre-huang'))
    expect([filed.newThisMonth - before.newThisMonth, filed.newLast30Days - before.newLast30Days, filed.open - before.open]).toEqual([1, 1, 1])
    ok(await server.call('petition', 'accept', { id: c.id }, tokens['centre-huang']))
    ok(await server.call('petition', 'close', { id: c.id, opinion: '已修复路灯。' }, tokens['centre-huang']))
    const closed = ok(await dashboard('centre-huang'))
    expect([closed.open - before.open, closed.closed - before.closed, closed.byMonth[11].closed - before.byMonth[11].closed]).toEqual([0, 1, 1])
    ok(await server.call('petition', 'rate', { id: c.id, rating: 'unsatisfied' }, resident))
    const rated = ok(await dashboard('centre-huang'))
    expect([rated.satisfaction.rated - before.satisfaction.rated, rated.satisfaction.unsatisfied - before.satisfaction.unsatisfied]).toEqual([1, 1])
    expect(figuresOf(rated)).toEqual(await expected(server, '441302001', clock.now()))
    // The county and the city see the same change.
    expect(figuresOf(ok(await dashboard('city-zheng')))).toEqual(await expected(server, '4413', clock.now()))
  })

  test('the workbench counts each queue of each role, equal to the queues themselves', async () => {
    const db = server.backend.services.db
    const now = clock.now().toISOString()
    const huang = ok(await server.call<Workbench>('stats', 'workbench', {}, tokens['centre-huang']))
    const cases = huang.queues.find((q) => q.kind === 'cases')!
    expect([cases.role, cases.regionCode, cases.regionName]).toEqual(['centre_staff', '441302001', '桥东街道'])
    const open = await db.selectFrom('cases').select(['due_at']).where('h_township', '=', '441302001').where('is_open', '=', 1).execute()
    expect([cases.total, cases.overdue]).toEqual([open.length, open.filter((r) => r.due_at! < now).length])
    const queue = ok(await server.call<{ total: number }>('petition', 'queue', {}, tokens['centre-huang']))
    expect(cases.total).toBe(queue.total)
    expect(huang.dashboards).toEqual([{ code: '441302001', name: '桥东街道' }])

    const city = ok(await server.call<Workbench>('stats', 'workbench', {}, tokens['city-zheng']))
    const cityOpen = await db.selectFrom('cases').select(['due_at']).where('h_city', '=', '4413').where('is_open', '=', 1).execute()
    expect(city.queues.find((q) => q.kind === 'cases')).toMatchObject({ total: cityOpen.length, overdue: cityOpen.filter((r) => r.due_at! < now).length })
    expect(city.dashboards).toEqual([{ code: '4413', name: '惠州市' }])

    const zhou = ok(await server.call<Workbench>('stats', 'workbench', {}, tokens['mediator-zhou']))
    const zhouId = (await db.selectFrom('users').select('id').where('demo_account', '=', 'mediator-zhou').executeTakeFirstOrThrow()).id
    const assigned = await db.selectFrom('cases').select('id').where('assignee_id', '=', zhouId).where('is_open', '=', 1).execute()
    expect(zhou.queues).toEqual([expect.objectContaining({ kind: 'assigned', total: assigned.length })])
    expect(zhou.dashboards).toEqual([])

    const lin = ok(await server.call<Workbench>('stats', 'workbench', {}, tokens['counsellor-lin']))
    const he = ok(await server.call<Workbench>('stats', 'workbench', {}, tokens['advisor-he']))
    const heId = (await db.selectFrom('users').select('id').where('demo_account', '=', 'advisor-he').executeTakeFirstOrThrow()).id
    const provider = await db.selectFrom('providers').select('id').where('user_id', '=', heId).where('service', '=', 'legal').executeTakeFirst()
    const waiting = provider ? await db.selectFrom('consultations').select('due_at').where('provider_id', '=', provider.id).where('status', '=', 'waiting').execute() : []
    expect(he.queues.filter((q) => q.kind === 'questions').map((q) => [q.total, q.overdue])).toEqual(provider ? [[waiting.length, waiting.filter((r) => r.due_at! < now).length]] : [])
    for (const q of [...lin.queues, ...he.queues, ...huang.queues]) expect(q.overdue + q.dueSoon).toBeLessThanOrEqual(q.total)
    expect(ok(await server.call<Workbench>('stats', 'workbench', {}, tokens['grid-tang'])).queues.map((q) => q.kind)).toEqual(['filed'])
    expect(await server.call('stats', 'workbench', {}, tokens['resident-chen'])).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
