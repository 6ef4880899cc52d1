/**
 * Who acts on a case, through the HTTP server on every configured database: the unit that handles it. The county and
 * the city read a township's case (audited) but act on it only once it is theirs — escalated, transferred, or taken
 * over in a recorded step (提级办理) that the resident and the township see; admins read only through the audited path
 * and never act.
 */
import { atLocal } from '../../cloud/domain/booking/slots'
import { fixedClock } from '../../cloud/ports/clock'
import type { Envelope } from '../../types/api'
import type { Message } from '../../types/functions/messages'
import type { CaseDetail } from '../../types/functions/petition'
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'

/** Monday 30 November 2026, 08:00 in Shanghai. */
const T0 = atLocal('2026-11-30', '08:00')

const ok = <T>(r: Envelope<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
  return r.data
}
const refused = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code)

describe.each(DATABASES)('who acts on a case on %s', (kind) => {
  const clock = fixedClock(T0)
  let server: TestServer
  const tokens: Record<string, string> = {}
  const ids = new Map<string, string>()

  beforeAll(async () => {
    server = await startTestServer(kind, { clock })
    for (const account of ['resident-chen', 'centre-huang', 'county-wu', 'city-zheng', 'mediator-zhou', 'admin']) tokens[account] = await server.signIn(account)
    for (const u of await server.backend.services.db.selectFrom('users').select(['id', 'demo_account']).where('demo_account', 'is not', null).execute()) ids.set(u.demo_account!, u.id)
  })
  afterAll(async () => server.close())

  const call = <T>(fn: string, action: string, input: unknown, account: string) => server.call<T>(fn, action, input, tokens[account])
  const file = async (over: Record<string, unknown> = {}, account = 'resident-chen') => ok(await call<CaseDetail>('petition', 'file', filing(over), account))
  const auditRows = (where: { action?: string; actor?: string; subject?: string }) => {
    let q = server.backend.services.db.selectFrom('audit_log').selectAll()
    if (where.action) q = q.where('action', '=', where.action)
    if (where.actor) q = q.where('actor_id', '=', ids.get(where.actor)!)
    if (where.subject) q = q.where('subject_id', '=', where.subject)
    return q.orderBy('at').orderBy('id').execute()
  }
  const messagesOf = async (account: string) => ok(await call<{ items: Message[] }>('messages', 'list', {}, account)).items

  test('the county and the city read it, audited under their grant, and are refused every move but a take-over', async () => {
    const c = await file()
    for (const [account, region] of [['county-wu', '441302'], ['city-zheng', '4413']] as const) {
      clock.advance(1000)
      const seen = ok(await call<CaseDetail>('petition', 'get', { id: c.id }, account))
      expect(seen.can).toEqual(['takeOver'])
      expect(await auditRows({ actor: account, subject: c.id })).toEqual([expect.objectContaining({ action: 'petition.get', actor_role: 'centre_staff', actor_region: region, person_id: ids.get('resident-chen') })])
      expect(refused(await call('petition', 'accept', { id: c.id }, account))).toBe('FORBIDDEN')
      expect(refused(await call('petition', 'decline', { id: c.id, reason: '不属于受理范围', otherRoutes: '向法院起诉' }, account))).toBe('FORBIDDEN')
      expect(refused(await call('petition', 'transfer', { id: c.id, townshipCode: '441302002', reason: '属地' }, account))).toBe('FORBIDDEN')
      expect(refused(await call('petition', 'escalate', { id: c.id, level: 'city', reason: '复杂' }, account))).toBe('FORBIDDEN')
      expect(refused(await call('petition', 'flagRisk', { id: c.id, note: '情绪激动' }, account))).toBe('FORBIDDEN')
    }
    ok(await call('petition', 'accept', { id: c.id }, 'centre-huang'))
    for (const account of ['county-wu', 'city-zheng']) {
      expect(refused(await call('petition', 'assign', { id: c.id, department: '司法所' }, account))).toBe('FORBIDDEN')
      expect(refused(await call('petition', 'extend', { id: c.id, days: 10, reason: '复杂' }, account))).toBe('FORBIDDEN')
      expect(refused(await call('petition', 'close', { id: c.id, opinion: '已办结' }, account))).toBe('FORBIDDEN')
    }
    const after = ok(await call<CaseDetail>('petition', 'get', { id: c.id }, 'resident-chen'))
    expect([after.status, after.handlingUnit, after.events.map((e) => e.type)]).toEqual(['accepted', '桥东街道', ['file', 'accept']])
  })

  test('a take-over needs a reason, moves the case to the county, and is told to the resident and the township', async () => {
    const c = await file({ title: '征地补偿款迟迟未发' })
    ok(await call('petition', 'accept', { id: c.id }, 'centre-huang'))
    const assigned = ok(await call<CaseDetail>('petition', 'assign', { id: c.id, mediatorId: ids.get('mediator-zhou') }, 'centre-huang'))
    const blank = await call('petition', 'takeOver', { id: c.id, reason: '   ' }, 'county-wu')
    expect(blank).toMatchObject({ ok: false, error: { field: 'reason' } })
    // The township cannot take over its own case; nor can anyone outside the county's line.
    expect(refused(await call('petition', 'takeOver', { id: c.id, reason: '重大' }, 'centre-huang'))).toBe('FORBIDDEN')
    expect(refused(await call('petition', 'takeOver', { id: c.id, reason: '重大' }, 'mediator-zhou'))).toBe('FORBIDDEN')

    clock.advance(60_000)
    const taken = ok(await call<CaseDetail>('petition', 'takeOver', { id: c.id, reason: '涉及多个部门，区里直接办理' }, 'county-wu'))
    // Back to accepted for the county to assign again; the 60-day handling deadline runs on from the acceptance.
    expect([taken.handlingUnit, taken.status, taken.assignee, taken.nextDeadline]).toEqual(['惠城区', 'accepted', null, assigned.nextDeadline])
    expect(taken.can).toEqual(expect.arrayContaining(['assign', 'close', 'extend']))
    expect(taken.can).not.toContain('takeOver')
    expect(taken.events.at(-1)).toMatchObject({ type: 'takeOver', actorRole: 'centre_staff', data: { takenBy: 'county', reason: '涉及多个部门，区里直接办理' } })

    // The resident sees the step and its reason on the timeline, and gets a message.
    const mine = ok(await call<CaseDetail>('petition', 'get', { id: c.id }, 'resident-chen'))
    expect(mine.events.at(-1)).toMatchObject({ type: 'takeOver', data: { takenBy: 'county', reason: '涉及多个部门，区里直接办理' } })
    expect((await messagesOf('resident-chen')).filter((m) => m.caseId === c.id).map((m) => m.kind)).toContain('case.takeOver')
    // The township sees it too (it still reads the case of its village), is told, and no longer acts on it.
    const township = ok(await call<CaseDetail>('petition', 'get', { id: c.id }, 'centre-huang'))
    expect(township.events.at(-1)!.type).toBe('takeOver')
    expect(township.can).toEqual([])
    expect((await messagesOf('centre-huang')).filter((m) => m.caseId === c.id).map((m) => m.kind)).toContain('case.taken_over')
    expect(refused(await call('petition', 'close', { id: c.id, opinion: '已办结' }, 'centre-huang'))).toBe('FORBIDDEN')
    // The mediator the township had assigned is no longer on it.
    expect(refused(await call('petition', 'recordSession', { id: c.id, date: '2026-11-30', participants: '双方', notes: '调解' }, 'mediator-zhou'))).not.toBe('ok')

    // Now the county acts; the city can take it further, and then only the city acts.
    ok(await call('petition', 'extend', { id: c.id, days: 10, reason: '需要会商' }, 'county-wu'))
    const byCity = ok(await call<CaseDetail>('petition', 'takeOver', { id: c.id, reason: '市里统筹' }, 'city-zheng'))
    expect([byCity.handlingUnit, byCity.events.at(-1)!.data.takenBy]).toEqual(['惠州市', 'city'])
    expect(refused(await call('petition', 'close', { id: c.id, opinion: '已办结' }, 'county-wu'))).toBe('FORBIDDEN')
    ok(await call('petition', 'close', { id: c.id, opinion: '已统筹办结' }, 'city-zheng'))
  })

  test('a take-over keeps the statutory clock: the acceptance deadline stays where the township’s was', async () => {
    const c = await file()
    clock.advance(3 * 86_400_000)
    const taken = ok(await call<CaseDetail>('petition', 'takeOver', { id: c.id, reason: '群众多次反映' }, 'city-zheng'))
    expect([taken.status, taken.handlingUnit, taken.nextDeadlineKind, taken.nextDeadline]).toEqual(['submitted', '惠州市', 'acceptance', c.nextDeadline])
    ok(await call('petition', 'accept', { id: c.id }, 'city-zheng'))
  })

  test('after an escalation the county acts without a take-over, and the township no longer does', async () => {
    const c = await file()
    ok(await call('petition', 'escalate', { id: c.id, level: 'county', reason: '跨街道' }, 'centre-huang'))
    expect(refused(await call('petition', 'accept', { id: c.id }, 'centre-huang'))).toBe('FORBIDDEN')
    expect(refused(await call('petition', 'accept', { id: c.id }, 'city-zheng'))).toBe('FORBIDDEN')
    ok(await call('petition', 'accept', { id: c.id }, 'county-wu'))
  })

  test('an admin reads a case only through the audited path, and never acts on it or takes it over', async () => {
    const c = await file()
    clock.advance(1000)
    ok(await call<CaseDetail>('petition', 'get', { id: c.id }, 'admin'))
    expect(await auditRows({ actor: 'admin', subject: c.id })).toEqual([expect.objectContaining({ action: 'petition.get', actor_role: 'admin', actor_region: '44' })])
    for (const [action, input] of [
      ['accept', {}],
      ['takeOver', { reason: '管理员' }],
      ['flagRisk', { note: '风险' }]
    ] as const) {
      expect(refused(await call('petition', action, { id: c.id, ...input }, 'admin'))).toBe('FORBIDDEN')
    }
  })
})
