/**
 * Rate limits on filing and signing in, through the real HTTP server on both databases: past the limit the answer is
 * RATE_LIMITED (HTTP 429) with a message that says when to try again, and nothing is stored; a retry with the same
 * request id is not a new attempt; the window passes and the limit lifts.
 */
import { createApp } from '../../cloud/app'
import { fixedClock } from '../../cloud/ports/clock'
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import type { CaseDetail } from '../../types/functions/petition'

const count = async (server: TestServer, table: 'cases' | 'idempotency') =>
  Number((await server.backend.services.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

describe.each(DATABASES)('rate limits on %s', (kind) => {
  const clock = fixedClock(new Date('2026-11-20T02:00:00Z'))
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer(kind, { clock, settings: { rateLimits: { file: { attempts: 3, minutes: 60 }, signIn: { attempts: 4, minutes: 10 } } } })
  })
  afterAll(async () => server.close())

  test('filing: 3 per hour per person; a retry is free; the 4th is refused with RATE_LIMITED and stores nothing; the window passes', async () => {
    // Sign-ins go through the HTTP server's one client address: two accounts here, the sign-in test uses the rest.
    const [chen, li] = await Promise.all([server.signIn('resident-chen'), server.signIn('resident-li')])
    const first = await server.call<CaseDetail>('petition', 'file', filing({ title: '限流 1' }), chen, { requestId: 'limit-file-0001' })
    const retry = await server.call<CaseDetail>('petition', 'file', filing({ title: '限流 1' }), chen, { requestId: 'limit-file-0001' })
    expect(first.ok && retry.ok && first.data.id === retry.data.id).toBe(true)
    for (const n of [2, 3]) expect((await server.call('petition', 'file', filing({ title: `限流 ${n}` }), chen, { requestId: `limit-file-000${n}` })).ok).toBe(true)
    const [cases, requests] = [await count(server, 'cases'), await count(server, 'idempotency')]

    const refused = await server.post('petition', { action: 'file', requestId: 'limit-file-0004', input: filing({ title: '限流 4' }), locale: 'zh-CN' }, chen)
    expect(refused.status).toBe(429)
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: '操作太频繁，请 60 分钟后再试。' } })
    const english = await server.call('petition', 'file', filing({ title: '限流 4' }), chen, { requestId: 'limit-file-0005', locale: 'en' })
    expect(english).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: 'Too many attempts. Please try again in 60 minutes.' } })
    expect([await count(server, 'cases'), await count(server, 'idempotency')]).toEqual([cases, requests])
    // The first request can still be retried: its answer was given, so it is replayed, not refused.
    const late = await server.call<CaseDetail>('petition', 'file', filing({ title: '限流 1' }), chen, { requestId: 'limit-file-0001' })
    expect(late.ok && first.ok && late.data.id === first.data.id).toBe(true)

    // Another person's limit is their own.
    expect((await server.call('petition', 'file', filing({ title: '李的事' }), li)).ok).toBe(true)

    clock.advance(61 * 60_000)
    expect((await server.call('petition', 'file', filing({ title: '限流 5' }), chen)).ok).toBe(true)
  })

  test('filing under concurrency: 10 at once against a limit of 3 → exactly 3 cases', async () => {
    // A token straight from the token service: the sign-in test below counts this client's sign-ins.
    const { db, tokens } = server.backend.services
    const wu = tokens.issue((await db.selectFrom('users').select('id').where('demo_account', '=', 'county-wu').executeTakeFirstOrThrow()).id, clock.now()).token
    const before = await count(server, 'cases')
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => server.call('petition', 'file', filing({ title: `并发 ${i}` }), wu, { requestId: `limit-burst-${i}-000` })))
    expect(replies.filter((r) => r.ok)).toHaveLength(3)
    expect(replies.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(Array(7).fill('RATE_LIMITED'))
    expect(await count(server, 'cases')).toBe(before + 3)
  })

  test('sign-in: per account and per client; every try counts, an unknown account too', async () => {
    const app = createApp(server.backend.services)
    const signIn = (account: string, client: string) => app.dispatch('auth', { action: 'demoSignIn', input: { account } }, { kind: 'anonymous', client })
    // Per account: four from different places, then the account is closed for ten minutes wherever the fifth comes from.
    for (const c of ['a', 'b', 'c', 'd']) expect((await signIn('centre-huang', `ip:10.0.0.${c.charCodeAt(0)}`)).ok).toBe(true)
    expect(await signIn('centre-huang', 'ip:10.0.1.1')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    expect((await signIn('mediator-zhou', 'ip:10.0.1.1')).ok).toBe(true)

    // Per client: one address trying many accounts (and accounts that do not exist) is stopped at four.
    expect((await signIn('no-such-account', 'ip:10.0.2.1'))).toMatchObject({ ok: false, error: { code: 'ACCOUNT_NOT_FOUND' } })
    for (const account of ['grid-tang', 'county-wu', 'city-zheng']) expect((await signIn(account, 'ip:10.0.2.1')).ok).toBe(true)
    const stopped = await signIn('admin', 'ip:10.0.2.1')
    expect(stopped).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: '操作太频繁，请 10 分钟后再试。' } })

    // Over HTTP the client is the peer address (the first test's sign-ins are an hour old by now): four, then no more.
    for (const account of ['advisor-he', 'counsellor-lin', 'city-counsellor-guo', 'city-mediator-xu']) expect((await server.call('auth', 'demoSignIn', { account })).ok).toBe(true)
    const http = await server.post('auth', { action: 'demoSignIn', input: { account: 'city-advisor-feng' } })
    expect(http.status).toBe(429)
    expect(http.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    expect(JSON.stringify(http.body)).not.toContain('token')

    clock.advance(11 * 60_000)
    expect((await signIn('admin', 'ip:10.0.2.1')).ok).toBe(true)
    expect((await server.call('auth', 'demoSignIn', { account: 'city-advisor-feng' })).ok).toBe(true)
  })
})
