/**
 * Subscription messages (issue 15), with the WeChat notifier, on every configured database: each acceptance on the
 * device allows one message, so the server counts acceptances per person and template, spends one per message sent
 * and sends nothing when none is left (the in-app message is still there); the client reports a new acceptance at the
 * next step the person cares about; WeChat's 43101 (no quota) is expected, never logged, and zeroes the count; any
 * other failure gives the acceptance back; every message opens the version of the mini-program the deployment names.
 */
import { fixedClock } from '../../cloud/ports/clock'
import { wechatNotifier } from '../../cloud/transports/wechat/ports'
import type { CaseDetail } from '../../types/functions/petition'
import type { Message } from '../../types/functions/messages'
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import { until } from '../support/until'

const mockSend = jest.fn(async (_args: Record<string, unknown>): Promise<unknown> => ({ errCode: 0 }))
jest.mock('wx-server-sdk', () => ({ openapi: { subscribeMessage: { send: (args: Record<string, unknown>) => mockSend(args) } } }))

describe.each(DATABASES)('subscription quotas on %s', (kind) => {
  const clock = fixedClock(new Date('2026-12-01T02:00:00Z'))
  const OPENID = `oChen-${kind}`
  let server: TestServer
  let chen: string, centre: string
  const logs: { event: string; detail: Record<string, unknown> }[] = []

  beforeAll(async () => {
    server = await startTestServer(kind, { clock })
    const services = server.backend.services
    services.notifier = wechatNotifier(() => services.db, 'TPL_CASE', (event, detail) => void logs.push({ event, detail }), { booking: 'TPL_BOOKING', legal: 'TPL_LEGAL' }, () => services.cipher, 'trial')
    await services.db.updateTable('users').set({ openid: OPENID }).where('demo_account', '=', 'resident-chen').execute()
  }, 120_000)
  beforeEach(async () => {
    ;[chen, centre] = await Promise.all(['resident-chen', 'centre-huang'].map((a) => server.signIn(a)))
    mockSend.mockClear()
    logs.length = 0
  })
  afterAll(async () => server.close())

  const ok = <T>(r: { ok: boolean; data?: T; error?: unknown }): T => {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
    return r.data as T
  }
  const remaining = async () => ok(await server.call<Record<string, number>>('messages', 'subscriptions', {}, chen))
  const file = async (subscribe: boolean) => ok(await server.call<CaseDetail>('petition', 'file', filing({ subscribe }), chen)).id
  /** The centre accepts the case; the owner's message is pushed after commit: wait until the notifier is done with it. */
  async function accept(id: string): Promise<void> {
    ok(await server.call('petition', 'accept', { id }, centre))
    const db = server.backend.services.db
    await until(async () => {
      const row = await db.selectFrom('messages').select('id').where('case_id', '=', id).where('kind', '=', 'case.accept').executeTakeFirst()
      return row !== undefined
    }, 'the in-app message')
    // The push runs after commit on its own: give its database round trips time to finish.
    await new Promise((r) => setTimeout(r, 150))
  }
  const sentFor = (id: string) => mockSend.mock.calls.map(([args]) => args).filter((a) => String(a.page).includes(id))
  const spent = async () => (await server.backend.services.db.selectFrom('subscriptions').select(['template', 'remaining']).where('user_id', '=', (await server.backend.services.db.selectFrom('users').select('id').where('demo_account', '=', 'resident-chen').executeTakeFirstOrThrow()).id).execute())

  test('asking when filing is one acceptance: one message is sent, the next step stays in the app until the person accepts again', async () => {
    await server.backend.services.db.deleteFrom('subscriptions').execute()
    const a = await file(true)
    expect(await remaining()).toEqual({ progress: 1, booking: 0, legal: 0 })
    await accept(a)
    expect(sentFor(a)).toEqual([expect.objectContaining({ touser: OPENID, templateId: 'TPL_CASE', miniprogramState: 'trial', page: `petition/pages/detail/index?id=${a}` })])
    expect(await remaining()).toEqual({ progress: 0, booking: 0, legal: 0 })

    // No acceptance left: nothing is tried, the in-app message is the channel.
    const b = await file(false)
    await accept(b)
    expect(sentFor(b)).toEqual([])
    const messages = ok(await server.call<{ items: Message[] }>('messages', 'list', {}, chen)).items
    expect(messages.filter((m) => m.kind === 'case.accept').map((m) => m.caseId)).toEqual(expect.arrayContaining([a, b]))

    // At the next step the person cares about, the client asks again and reports the acceptance.
    expect(ok(await server.call<Record<string, number>>('messages', 'subscribed', { templates: ['progress'] }, chen))).toEqual({ progress: 1, booking: 0, legal: 0 })
    const c = await file(false)
    await accept(c)
    expect(sentFor(c)).toHaveLength(1)
    expect(await remaining()).toEqual({ progress: 0, booking: 0, legal: 0 })
    expect(logs).toEqual([])
  })

  test('WeChat’s 43101 (no quota left) is expected: nothing is logged and the count goes to zero', async () => {
    await server.backend.services.db.deleteFrom('subscriptions').execute()
    ok(await server.call('messages', 'subscribed', { templates: ['progress'] }, chen))
    ok(await server.call('messages', 'subscribed', { templates: ['progress'] }, chen))
    expect((await remaining()).progress).toBe(2)
    mockSend.mockImplementationOnce(async () => Promise.reject(Object.assign(new Error('user refuse to accept the msg'), { errCode: 43101 })))
    const a = await file(false)
    await accept(a)
    expect(sentFor(a)).toHaveLength(1)
    expect(logs).toEqual([])
    expect((await remaining()).progress).toBe(0)
  })

  test('another failure gives the acceptance back and is logged; the in-app message stays', async () => {
    await server.backend.services.db.deleteFrom('subscriptions').execute()
    ok(await server.call('messages', 'subscribed', { templates: ['progress', 'booking'] }, chen))
    mockSend.mockImplementationOnce(async () => Promise.reject(Object.assign(new Error('system busy'), { errCode: -1 })))
    const a = await file(false)
    await accept(a)
    expect(logs.map((l) => l.event)).toEqual(['subscribe_message_failed'])
    expect(await remaining()).toEqual({ progress: 1, booking: 1, legal: 0 })
    expect(await spent()).toHaveLength(2)
  })

  test('only the three templates can be reported, and only by a signed-in person', async () => {
    expect(await server.call('messages', 'subscribed', { templates: ['everything'] }, chen)).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE' } })
    expect(await server.call('messages', 'subscribed', { templates: [] }, chen)).toMatchObject({ ok: false })
    expect(await server.call('messages', 'subscribed', { templates: ['progress'] })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})
