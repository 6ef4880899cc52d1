/**
 * The staff queue's 新 mark, through the HTTP server on every configured database: a case assigned to a mediator is
 * new to them until they open it (reading the queue is not opening it); it is never new to anyone else; the mark is
 * kept on the server, so it is the same on any phone and after signing out and in again.
 */
import { fixedClock } from '../../cloud/ports/clock'
import type { Envelope } from '../../types/api'
import type { CaseDetail, CaseSummary, MediatorOption, Page } from '../../types/functions/petition'
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'

const ok = <T>(r: Envelope<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
  return r.data
}

describe.each(DATABASES)('the 新 mark of a newly assigned case on %s', (kind) => {
  const clock = fixedClock(new Date('2026-11-30T00:00:00.000Z'))
  let server: TestServer
  const tokens: Record<string, string> = {}

  beforeAll(async () => {
    server = await startTestServer(kind, { clock })
    for (const account of ['resident-chen', 'centre-huang', 'mediator-zhou']) tokens[account] = await server.signIn(account)
  })
  afterAll(async () => server.close())

  const call = <T>(fn: string, action: string, input: unknown, account: string, token = tokens[account]) => server.call<T>(fn, action, input, token)
  const rowOf = async (id: string, account: string, token?: string) =>
    ok(await call<Page<CaseSummary>>('petition', 'queue', { limit: 100 }, account, token)).items.find((i) => i.id === id)

  test('new to the mediator it was assigned to until they open it; never new to the centre', async () => {
    const c = ok(await call<CaseDetail>('petition', 'file', filing({ title: '新分派的事项' }), 'resident-chen'))
    ok(await call('petition', 'accept', { id: c.id }, 'centre-huang'))
    const zhou = ok(await call<MediatorOption[]>('petition', 'mediators', { id: c.id }, 'centre-huang')).find((m) => m.name === '周德明')!
    clock.advance(60_000)
    ok(await call('petition', 'assign', { id: c.id, mediatorId: zhou.id }, 'centre-huang'))

    expect((await rowOf(c.id, 'mediator-zhou'))?.newToMe).toBe(true)
    // Reading the list again is not opening the case.
    expect((await rowOf(c.id, 'mediator-zhou'))?.newToMe).toBe(true)
    expect((await rowOf(c.id, 'centre-huang'))?.newToMe).toBe(false)
    // The centre opening it does not clear the mediator's mark.
    ok(await call('petition', 'get', { id: c.id }, 'centre-huang'))
    expect((await rowOf(c.id, 'mediator-zhou'))?.newToMe).toBe(true)

    clock.advance(60_000)
    ok(await call('petition', 'get', { id: c.id }, 'mediator-zhou'))
    expect((await rowOf(c.id, 'mediator-zhou'))?.newToMe).toBe(false)
    // Signed in again (another phone): still seen.
    const again = await server.signIn('mediator-zhou')
    expect((await rowOf(c.id, 'mediator-zhou', again))?.newToMe).toBe(false)
    // Opening it is not a change of the case: its version and last update stay as the assignment left them.
    const stored = await server.backend.services.db.selectFrom('cases').select(['version', 'updated_at', 'assignee_seen_at']).where('id', '=', c.id).executeTakeFirstOrThrow()
    expect(stored.assignee_seen_at).toBe(clock.now().toISOString())
    expect(stored.updated_at).not.toBe(clock.now().toISOString())
  })
})
