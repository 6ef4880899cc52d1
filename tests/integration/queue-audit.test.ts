/**
 * Staff queue reads, through the HTTP server on every configured database: a queue page shows other people's case
 * titles, so each case on it is audited as read through petition.queue, under the grant that let the caller see it —
 * "who saw case X's title" is a question of the audit log, answered like "who opened case X".
 */
import { atLocal } from '../../cloud/domain/booking/slots'
import { fixedClock } from '../../cloud/ports/clock'
import type { Envelope } from '../../types/api'
import type { DataExport } from '../../types/functions/account'
import type { AuditEntry } from '../../types/functions/admin'
import type { CaseDetail, CaseSummary, Page } from '../../types/functions/petition'
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'

/** Monday 30 November 2026, 08:00 in Shanghai. */
const T0 = atLocal('2026-11-30', '08:00')

const ok = <T>(r: Envelope<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
  return r.data
}

describe.each(DATABASES)('queue reads in the audit log on %s', (kind) => {
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
  const file = async (over: Record<string, unknown> = {}) => ok(await call<CaseDetail>('petition', 'file', filing(over), 'resident-chen'))
  /** The queue rows of the log written at the clock's present moment (the clock moves before each read). */
  const queueRows = async (actor?: string) => {
    let q = server.backend.services.db.selectFrom('audit_log').selectAll().where('action', '=', 'petition.queue').where('at', '=', clock.now().toISOString())
    if (actor) q = q.where('actor_id', '=', ids.get(actor)!)
    return q.orderBy('id').execute()
  }

  test('a queue page is audited like opening each case on it: who, under which grant, whose case — and only the cases shown', async () => {
    const filed = [await file({ title: '队列审计一' }), await file({ title: '队列审计二' }), await file({ title: '队列审计三' })]
    clock.advance(1000)
    const page = ok(await call<Page<CaseSummary>>('petition', 'queue', { limit: 2, status: 'submitted' }, 'centre-huang'))
    expect(page.items).toHaveLength(2)
    expect(page.total).toBeGreaterThanOrEqual(3)
    const rows = await queueRows()
    expect(rows.map((r) => r.subject_id).sort()).toEqual(page.items.map((i) => i.id).sort())
    for (const r of rows) {
      expect(r).toMatchObject({ actor_id: ids.get('centre-huang'), actor_role: 'centre_staff', actor_region: '441302001', subject_kind: 'case', person_id: ids.get('resident-chen') })
    }

    // "Who saw case X's title": the admin's filter on the case answers it, and the person's own export shows it.
    const listed = page.items[0]
    const byCase = ok(await call<{ items: AuditEntry[] }>('admin', 'audit', { subjectId: listed.id, action: 'petition.queue' }, 'admin')).items
    expect(byCase).toEqual([expect.objectContaining({ actorId: ids.get('centre-huang'), action: 'petition.queue', subjectId: listed.id, personId: ids.get('resident-chen') })])
    const shown = filed.find((c) => page.items.some((i) => i.id === c.id))
    if (shown) {
      const exported = ok(await call<DataExport>('account', 'export', {}, 'resident-chen'))
      expect(exported.accessLog).toContainEqual(expect.objectContaining({ action: 'petition.queue', subjectId: shown.id, role: 'centre_staff', region: '441302001' }))
    }

    // The county's and the city's queues are audited under their own grants; an admin's under the admin grant.
    for (const [account, role, region] of [['county-wu', 'centre_staff', '441302'], ['city-zheng', 'centre_staff', '4413'], ['admin', 'admin', '44']] as const) {
      clock.advance(1000)
      const items = ok(await call<Page<CaseSummary>>('petition', 'queue', { limit: 5 }, account)).items
      expect(items.length).toBeGreaterThan(0)
      const mine = await queueRows(account)
      expect(mine.map((r) => r.subject_id).sort()).toEqual(items.map((i) => i.id).sort())
      for (const r of mine) expect([r.actor_role, r.actor_region]).toEqual([role, region])
    }
  })

  test('a mediator’s queue is audited under the mediator grant; an empty page writes nothing', async () => {
    const c = await file({ kind: 'dispute', disputeType: 'neighbours', otherPartyName: '王某' })
    ok(await call('petition', 'accept', { id: c.id }, 'centre-huang'))
    ok(await call('petition', 'assign', { id: c.id, mediatorId: ids.get('mediator-zhou') }, 'centre-huang'))
    clock.advance(1000)
    ok(await call<Page<CaseSummary>>('petition', 'queue', {}, 'mediator-zhou'))
    expect(await queueRows('mediator-zhou')).toContainEqual(expect.objectContaining({ subject_id: c.id, actor_role: 'mediator' }))

    clock.advance(1000)
    expect(ok(await call<Page<CaseSummary>>('petition', 'queue', { status: 'withdrawn', regionCode: '441302001201' }, 'centre-huang')).items).toEqual([])
    expect(await queueRows()).toEqual([])
  })
})
