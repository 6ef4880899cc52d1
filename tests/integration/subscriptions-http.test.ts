/**
 * Subscription messages from a self-hosted server (issue 15), against the WeChat stand-in on 127.0.0.1, on every
 * configured database: with WeChat's server API and a template set, the server sends through
 * POST /cgi-bin/message/subscribe/send with its access token, in the HTTPS API's spelling, with the same template
 * mapping and the same per-person and per-template acceptances as the cloud path; 43101 (none left) is expected and
 * zeroes the count without a log; any other errcode gives the acceptance back and is logged. Without a template or
 * without WeChat's settings, the outbox stays the only channel.
 */
import { fixedClock } from '../../cloud/ports/clock'
import { outboxOnly } from '../../cloud/ports/notifier'
import type { CaseDetail } from '../../types/functions/petition'
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import { startWechatStandIn, type WechatStandIn } from '../support/standins'
import { until } from '../support/until'

const SEND = '/cgi-bin/message/subscribe/send'

describe.each(DATABASES)('subscription messages from the self-hosted server on %s', (kind) => {
  const clock = fixedClock(new Date('2026-12-01T02:00:00Z'))
  const OPENID = `oChen-http-${kind}`
  let server: TestServer
  let wechat: WechatStandIn
  let chen: string, centre: string
  let errors: jest.SpyInstance

  beforeAll(async () => {
    wechat = await startWechatStandIn()
    server = await startTestServer(kind, {
      clock,
      config: {
        wechat: { appId: wechat.appId, secret: wechat.secret, apiBase: wechat.url },
        subscribe: { templates: { progress: 'TPL_CASE', booking: 'TPL_BOOKING', legal: 'TPL_LEGAL' }, miniprogramState: 'trial' }
      }
    })
    await server.backend.services.db.updateTable('users').set({ openid: OPENID }).where('demo_account', '=', 'resident-chen').execute()
  }, 120_000)
  beforeEach(async () => {
    ;[chen, centre] = await Promise.all(['resident-chen', 'centre-huang'].map((a) => server.signIn(a)))
    await server.backend.services.db.deleteFrom('subscriptions').execute()
    wechat.calls.length = 0
    errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  })
  afterEach(() => errors.mockRestore())
  afterAll(async () => {
    await server.close()
    await wechat.close()
  })

  const ok = <T>(r: { ok: boolean; data?: T; error?: unknown }): T => {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
    return r.data as T
  }
  const remaining = async () => ok(await server.call<Record<string, number>>('messages', 'subscriptions', {}, chen))
  const sentFor = (id: string) => wechat.calls.filter((c) => c.path === SEND && String((c.body as { page?: string }).page).includes(id)).map((c) => c.body)
  const subscribeLogs = () => errors.mock.calls.filter(([line]) => String(line).includes('subscribe_message_failed'))
  /** Files a case and has the centre accept it; the message to the owner is pushed after commit. */
  async function fileAndAccept(subscribe: boolean): Promise<string> {
    const id = ok(await server.call<CaseDetail>('petition', 'file', filing({ subscribe }), chen)).id
    ok(await server.call('petition', 'accept', { id }, centre))
    return id
  }

  test('a case’s progress goes through subscribe/send with the server’s token, in the HTTPS spelling, spending one acceptance', async () => {
    const id = await fileAndAccept(true)
    const [body] = await until(() => sentFor(id).length > 0 && sentFor(id), 'the subscription message')
    expect(body).toEqual({
      touser: OPENID,
      template_id: 'TPL_CASE',
      page: `petition/pages/detail/index?id=${id}`,
      miniprogram_state: 'trial',
      lang: 'zh_CN',
      data: { thing1: { value: expect.any(String) }, character_string2: { value: expect.stringMatching(/\S/) }, phrase3: { value: '已受理' } }
    })
    expect(wechat.calls.find((c) => c.path === SEND)?.token).toBe(wechat.tokens[wechat.tokens.length - 1])
    // Marked as pushed once WeChat took it.
    const db = server.backend.services.db
    await until(async () => (await db.selectFrom('messages').select('pushed_at').where('case_id', '=', id).where('kind', '=', 'case.accept').executeTakeFirst())?.pushed_at, 'the message marked pushed')
    expect(await remaining()).toEqual({ progress: 0, booking: 0, legal: 0 })

    // None left: nothing is tried, the in-app message is the channel.
    const next = await fileAndAccept(false)
    await until(async () => (await db.selectFrom('messages').select('id').where('case_id', '=', next).where('kind', '=', 'case.accept').executeTakeFirst()) !== undefined, 'the in-app message')
    await new Promise((r) => setTimeout(r, 150))
    expect(sentFor(next)).toEqual([])
    expect(subscribeLogs()).toEqual([])
  })

  test('an access token WeChat calls expired is refreshed and the message sent with the new one', async () => {
    ok(await server.call('messages', 'subscribed', { templates: ['progress'] }, chen))
    const before = wechat.tokens.length
    wechat.expireTokenOnce()
    const id = await fileAndAccept(false)
    await until(() => sentFor(id).length > 0, 'the subscription message')
    expect(wechat.tokens.length).toBe(before + 1)
    expect(wechat.calls.filter((c) => c.path === SEND).map((c) => c.token)).toEqual([wechat.tokens[wechat.tokens.length - 1]])
    await until(async () => (await remaining()).progress === 0, 'the acceptance spent')
    expect(subscribeLogs()).toEqual([])
  })

  test('43101 (no acceptance left on WeChat’s side) zeroes the count and logs nothing', async () => {
    ok(await server.call('messages', 'subscribed', { templates: ['progress'] }, chen))
    ok(await server.call('messages', 'subscribed', { templates: ['progress'] }, chen))
    wechat.failNext(SEND, 43101, 'user refuse to accept the msg')
    const id = await fileAndAccept(false)
    await until(() => sentFor(id).length > 0, 'the subscription message')
    await until(async () => (await remaining()).progress === 0, 'the count to go to zero')
    expect(subscribeLogs()).toEqual([])
  })

  test('another errcode gives the acceptance back and is logged', async () => {
    ok(await server.call('messages', 'subscribed', { templates: ['progress'] }, chen))
    wechat.failNext(SEND, 47003, 'argument invalid! data.thing1.value')
    const id = await fileAndAccept(false)
    await until(() => subscribeLogs().length > 0, 'the failure logged')
    expect(sentFor(id)).toHaveLength(1)
    expect(String(subscribeLogs()[0][0])).toContain('47003')
    expect(await remaining()).toEqual({ progress: 1, booking: 0, legal: 0 })
  })
})

test('without a template, or without WeChat’s settings, the self-hosted server keeps the outbox as the only channel', async () => {
  const wechat = await startWechatStandIn()
  const servers: TestServer[] = []
  try {
    servers.push(await startTestServer('sqlite', { config: { wechat: { appId: wechat.appId, secret: wechat.secret, apiBase: wechat.url } } }))
    servers.push(await startTestServer('sqlite', { config: { wechat: null, subscribe: { templates: { progress: 'TPL_CASE' }, miniprogramState: 'formal' } } }))
    for (const s of servers) expect(s.backend.services.notifier).toBe(outboxOnly)
  } finally {
    await Promise.all(servers.map((s) => s.close()))
    await wechat.close()
  }
}, 120_000)
