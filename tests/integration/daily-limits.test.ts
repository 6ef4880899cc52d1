/**
 * Per-person daily limits (settings.rateLimits ask, addInfo, book) through the HTTP server on every configured
 * database: past the limit the answer is RATE_LIMITED (HTTP 429) and nothing is stored; a retry with the same request
 * id is not a new attempt, nor is a refused request; another person has their own count; the day passes and it lifts.
 */
import { atLocal } from '../../cloud/domain/booking/slots'
import { fixedClock } from '../../cloud/ports/clock'
import type { Envelope } from '../../types/api'
import type { Booking, StationDetail } from '../../types/functions/counselling'
import type { VillageAdvisor } from '../../types/functions/legal'
import type { CaseDetail } from '../../types/functions/petition'
import { DATABASES, RELAXED_LIMITS, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'

/** Monday 30 November 2026, 08:00 in Shanghai: counsellor 林静 works 09–12 and 14–17 every weekday. */
const T0 = atLocal('2026-11-30', '08:00')
const DAY = 24 * 3600_000
const DONGPING = '441302001200'
const twice = { attempts: 2, minutes: 24 * 60 }

describe.each(DATABASES)('daily limits on %s', (kind) => {
  const clock = fixedClock(T0)
  let server: TestServer
  let chen: string, li: string, linId: string, heId: string

  beforeAll(async () => {
    server = await startTestServer(kind, { clock, settings: { rateLimits: { ...RELAXED_LIMITS.rateLimits, ask: twice, addInfo: twice, book: twice } } })
    ;[chen, li] = await Promise.all(['resident-chen', 'resident-li'].map((a) => server.signIn(a)))
    linId = ok(await server.call<StationDetail>('counselling', 'station', { id: 'st441302001' })).counsellors.find((c) => c.displayName === '林静')!.id
    heId = ok(await server.call<VillageAdvisor>('legal', 'forVillage', { code: DONGPING })).advisor!.id
  })
  afterAll(async () => server.close())

  const ok = <T>(r: Envelope<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
    return r.data
  }
  const count = async (table: 'consultations' | 'case_events' | 'bookings') =>
    Number((await server.backend.services.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const limited = { status: 429, body: { ok: false, error: { code: 'RATE_LIMITED', message: '操作太频繁，请 1440 分钟后再试。' } } }

  test('legal questions: two a day per person; a retry is free; the third waits a day', async () => {
    const ask = (token: string, n: number, requestId = `ask-limit-${n}-0000`) =>
      server.post('legal', { action: 'ask', requestId, input: { advisorId: heId, villageCode: DONGPING, category: 'land_contract', text: `第 ${n} 个问题：承包地的事。` } }, token)
    expect((await ask(chen, 1)).body.ok).toBe(true)
    expect((await ask(chen, 1)).body.ok).toBe(true)
    expect((await ask(chen, 2)).body.ok).toBe(true)
    const before = await count('consultations')
    expect(await ask(chen, 3)).toMatchObject(limited)
    expect(await count('consultations')).toBe(before)
    expect((await ask(li, 4)).body.ok).toBe(true)
    clock.advance(DAY + 60_000)
    expect((await ask(chen, 5)).body.ok).toBe(true)
  })

  test('adding information: two a day per person; a refused addition does not count', async () => {
    clock.set(T0)
    const c = ok(await server.call<CaseDetail>('petition', 'file', filing(), chen))
    const add = (text: string, requestId: string) => server.post('petition', { action: 'addInfo', requestId, input: { id: c.id, text } }, chen)
    // Someone else's case is refused before it counts.
    expect((await server.post('petition', { action: 'addInfo', input: { id: c.id, text: '别人的' } }, li)).body).toMatchObject({ ok: false, error: { code: 'CASE_NOT_FOUND' } })
    expect((await add('补充一', 'add-limit-1-0000')).body.ok).toBe(true)
    expect((await add('补充一', 'add-limit-1-0000')).body.ok).toBe(true)
    expect((await add('补充二', 'add-limit-2-0000')).body.ok).toBe(true)
    const before = await count('case_events')
    expect(await add('补充三', 'add-limit-3-0000')).toMatchObject(limited)
    expect(await count('case_events')).toBe(before)
    clock.advance(DAY + 60_000)
    expect((await add('补充四', 'add-limit-4-0000')).body.ok).toBe(true)
  })

  test('bookings: two a day per person, however many are cancelled in between', async () => {
    clock.set(T0)
    const book = (time: string, requestId: string) =>
      server.post('counselling', { action: 'book', requestId, input: { counsellorId: linId, start: atLocal('2026-12-02', time).toISOString(), mode: 'in_person' } }, li)
    const first = ok((await book('09:00', 'book-limit-1-0000')).body as Envelope<Booking>)
    expect((await book('09:00', 'book-limit-1-0000')).body.ok).toBe(true)
    ok(await server.call('counselling', 'cancel', { id: first.id }, li))
    const second = ok((await book('10:00', 'book-limit-2-0000')).body as Envelope<Booking>)
    ok(await server.call('counselling', 'cancel', { id: second.id }, li))
    const before = await count('bookings')
    expect(await book('11:00', 'book-limit-3-0000')).toMatchObject(limited)
    expect(await count('bookings')).toBe(before)
    clock.advance(DAY + 60_000)
    expect((await book('11:00', 'book-limit-4-0000')).body.ok).toBe(true)
  })
})
