/**
 * The booking jobs' reminders for counselling and legal on-site bookings: each sent once however often the job runs,
 * through the notifier port — and, with the WeChat notifier, as a subscription message on the booking template.
 * On every configured database.
 */
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { fixedClock } from '../../cloud/ports/clock'
import { jobsWanted, runBookingJobs } from '../../cloud/jobs/reminders'
import { atLocal } from '../../cloud/domain/booking/slots'
import type { Notification } from '../../cloud/ports/notifier'
import { KIND_TEMPLATES, kindMessage, wechatNotifier } from '../../cloud/transports/wechat/ports'
import type { Envelope } from '../../types/api'
import type { Booking, StationDetail } from '../../types/functions/counselling'
import type { OnsiteBooking, VillageAdvisor } from '../../types/functions/legal'
import type { Message } from '../../types/functions/messages'
import { until } from '../support/until'

const mockSend = jest.fn(async (_args: Record<string, unknown>): Promise<unknown> => ({ errCode: 0 }))
jest.mock('wx-server-sdk', () => ({ openapi: { subscribeMessage: { send: (args: Record<string, unknown>) => mockSend(args) } } }))

/** Monday 30 November 2026, 08:00 in Shanghai. */
const T0 = atLocal('2026-11-30', '08:00')
const HOUR = 3600_000

test('the HTTP server runs the jobs unless told not to, and not under test unless asked', () => {
  expect(jobsWanted({})).toBe(true)
  expect(jobsWanted({ NODE_ENV: 'production' })).toBe(true)
  expect(jobsWanted({ NODE_ENV: 'test' })).toBe(false)
  expect(jobsWanted({ NODE_ENV: 'test', MINAN_JOBS: '1' })).toBe(true)
  expect(jobsWanted({ NODE_ENV: 'production', MINAN_JOBS: '0' })).toBe(false)
})

test('every booking and consultation message kind has a subscription template and a short phrase', () => {
  for (const [kind, { word }] of Object.entries(KIND_TEMPLATES)) expect([kind, [...word].length <= 5]).toEqual([kind, true])
  for (const kind of ['booking.reminder', 'booking.cancelled', 'booking.cancelled_by_counsellor', 'booking.offer', 'booking.paused', 'legal.answered', 'legal.new']) {
    expect(KIND_TEMPLATES[kind]).toBeDefined()
  }
})

test('a consultation’s answer becomes a message on the legal template, opening its thread', () => {
  const n: Notification = { messageId: 'm1', userId: 'u1', caseId: null, kind: 'legal.answered', params: { title: '东平村民委员会' } }
  expect(kindMessage(n, { title: '东平村民委员会', consultationId: 'cons_00000001' }, { booking: 'TPL_BOOKING', legal: 'TPL_LEGAL' }, new Date('2026-12-01T02:30:00Z'))).toEqual({
    templateId: 'TPL_LEGAL',
    page: 'legal/pages/thread/index?id=cons_00000001',
    data: { thing1: { value: '东平村民委员会' }, phrase2: { value: '已回复' }, time3: { value: '2026-12-01 10:30' } }
  })
  // Without a configured template nothing is sent for that kind.
  expect(kindMessage(n, {}, { booking: 'TPL_BOOKING' }, new Date())).toBeNull()
  expect(kindMessage({ ...n, kind: 'booking.cancelled_by_counsellor' }, { title: '桥东街道社会心理服务站 2026-12-02 10:00', start: '2026-12-02T02:00:00.000Z' }, { booking: 'TPL_BOOKING' }, new Date())).toMatchObject({
    data: { thing1: { value: '桥东街道社会心理服务站' }, time2: { value: '2026-12-02 10:00' }, phrase3: { value: '已取消' } }
  })
})

describe.each(DATABASES)('booking reminders on %s', (kind) => {
  let server: TestServer
  const clock = fixedClock(T0)
  let seq = 0
  let linId: string, heId: string

  beforeAll(async () => {
    server = await startTestServer(kind, { clock })
    const station = ok(await server.call<StationDetail>('counselling', 'station', { id: 'st441302001' }))
    linId = station.counsellors.find((c) => c.displayName === '林静')!.id
    heId = ok(await server.call<VillageAdvisor>('legal', 'forVillage', { code: '441302001200' })).advisor!.id
  })
  afterAll(async () => server.close())

  function ok<T>(r: Envelope<T>): T {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
    return r.data
  }
  const at = (date: string, time: string) => atLocal(date, time).toISOString()

  async function resident(openid: string | null = null): Promise<{ id: string; token: string }> {
    const { db, newId, tokens } = server.backend.services
    const id = newId()
    await db.insertInto('users').values({ id, display_name: `居民${++seq}`, openid, demo_account: null, home_region: null, created_at: T0.toISOString() }).execute()
    await db.insertInto('role_grants').values({ user_id: id, role: 'resident', region_code: '', created_at: T0.toISOString() }).execute()
    return {
      id,
      get token() {
        return tokens.issue(id, clock.now()).token
      }
    }
  }
  const reminders = async (token: string) => ok(await server.call<{ items: Message[] }>('messages', 'list', { limit: 50 }, token)).items.filter((m) => m.kind === 'booking.reminder')

  test('each counselling and legal booking is reminded once, a day ahead, through the notifier, however often the job runs', async () => {
    clock.set(T0)
    const services = server.backend.services
    const pushed: Notification[] = []
    const notifier = services.notifier
    services.notifier = { push: async (batch) => void pushed.push(...batch) }
    try {
      const a = await resident()
      const b = await resident()
      // Wednesday 2 December: 林静 at 10:00 and 何文's on-site morning at 东湖社区 at 09:30.
      const session = ok(await server.call<Booking>('counselling', 'book', { counsellorId: linId, start: at('2026-12-02', '10:00'), mode: 'in_person', pseudonym: '小安' }, a.token))
      const onsite = ok(await server.call<OnsiteBooking>('legal', 'book', { advisorId: heId, start: at('2026-12-02', '09:30') }, b.token))
      // Not yet due (more than 48 hours ahead): nothing.
      expect(await runBookingJobs(services)).toEqual({ reminded: 0, offersExpired: 0 })

      clock.set(new Date(Date.parse(onsite.start) - 30 * HOUR))
      pushed.length = 0
      const first = await runBookingJobs(services)
      const second = await runBookingJobs(services)
      expect(first.reminded).toBeGreaterThanOrEqual(2)
      expect(second.reminded).toBe(0)
      const ours = pushed.filter((n) => n.userId === a.id || n.userId === b.id)
      expect(ours.map((n) => [n.userId, n.kind, n.params.title]).sort()).toEqual(
        [
          [a.id, 'booking.reminder', '桥东街道社会心理服务站 2026-12-02 10:00'],
          [b.id, 'booking.reminder', '东湖社区居委会 2026-12-02 09:30']
        ].sort()
      )
      expect(await reminders(a.token)).toHaveLength(1)
      expect(await reminders(b.token)).toHaveLength(1)
      // The message never names the pseudonym or the person, only the place and the time.
      expect(JSON.stringify(ours)).not.toContain('小安')

      // Two instances at once (the HTTP server and the WeChat timer, say) still remind once.
      const c = await resident()
      ok(await server.call<Booking>('counselling', 'book', { counsellorId: linId, start: at('2026-12-03', '14:00'), mode: 'phone' }, c.token))
      clock.set(new Date(Date.parse(at('2026-12-03', '14:00')) - 30 * HOUR))
      await Promise.all([runBookingJobs(services), runBookingJobs(services), runBookingJobs(services)])
      expect(await reminders(c.token)).toHaveLength(1)
      // Each booking row records when it was reminded.
      const rows = await services.db.selectFrom('bookings').select(['id', 'reminded_at']).where('id', 'in', [session.id, onsite.id]).execute()
      expect(rows.map((r) => r.reminded_at !== null)).toEqual([true, true])
    } finally {
      services.notifier = notifier
    }
  })

  test('with the WeChat notifier a reminder becomes a subscription message on the booking template', async () => {
    clock.set(T0)
    const services = server.backend.services
    const logs: string[] = []
    const notifier = services.notifier
    services.notifier = wechatNotifier(() => services.db, 'TPL_CASE', (e) => void logs.push(e), { booking: 'TPL_BOOKING', legal: 'TPL_LEGAL' }, () => services.cipher)
    mockSend.mockClear()
    try {
      const a = await resident(`oOPENID-${kind}-reminder`)
      const b = await resident(null)
      // A accepted the booking template on the device when booking (the client reports it): one message allowed.
      ok(await server.call('messages', 'subscribed', { templates: ['booking'] }, a.token))
      ok(await server.call<Booking>('counselling', 'book', { counsellorId: linId, start: at('2026-12-04', '09:00'), mode: 'in_person' }, a.token))
      ok(await server.call<Booking>('counselling', 'book', { counsellorId: linId, start: at('2026-12-04', '10:00'), mode: 'in_person' }, b.token))
      clock.set(new Date(Date.parse(at('2026-12-04', '09:00')) - 30 * HOUR))
      await runBookingJobs(services)
      // The push happens after commit, off the request path: wait until it has been recorded.
      const pushedTo = (userId: string) => services.db.selectFrom('messages').select('pushed_at').where('user_id', '=', userId).where('kind', '=', 'booking.reminder').executeTakeFirst()
      await until(async () => (await pushedTo(a.id))?.pushed_at, 'the reminder push to A')
      const toA = mockSend.mock.calls.map(([args]) => args).filter((args) => args.touser === `oOPENID-${kind}-reminder`)
      expect(toA).toEqual([
        {
          touser: `oOPENID-${kind}-reminder`,
          templateId: 'TPL_BOOKING',
          page: 'messages/pages/list/index',
          data: { thing1: { value: '桥东街道社会心理服务站' }, time2: { value: '2026-12-04 09:00' }, phrase3: { value: '预约提醒' } }
        }
      ])
      // Without an OPENID (signed in on the web) there is nobody to send to; the outbox still has it.
      expect(mockSend.mock.calls.some(([args]) => args.touser === null)).toBe(false)
      expect(await reminders(b.token)).toHaveLength(1)
      const row = await services.db.selectFrom('messages').select('pushed_at').where('user_id', '=', a.id).where('kind', '=', 'booking.reminder').executeTakeFirstOrThrow()
      expect(row.pushed_at).not.toBeNull()

      // A person who did not accept the template: WeChat answers 43101, which is neither an error nor a retry.
      mockSend.mockImplementationOnce(async () => Promise.reject(Object.assign(new Error('user refuse to accept the msg'), { errCode: 43101 })))
      const c = await resident(`oOPENID-${kind}-refused`)
      ok(await server.call('messages', 'subscribed', { templates: ['booking'] }, c.token))
      ok(await server.call<Booking>('counselling', 'book', { counsellorId: linId, start: at('2026-12-04', '11:00'), mode: 'in_person' }, c.token))
      await runBookingJobs(services)
      await until(() => mockSend.mock.calls.some(([args]) => args.touser === `oOPENID-${kind}-refused`), 'the reminder push to C')
      // WeChat's answer is a rejected promise: once it is handed back, its handling is microtasks, all run before this.
      await new Promise((settled) => setImmediate(settled))
      expect(logs).not.toContain('subscribe_message_failed')
      expect(await reminders(c.token)).toHaveLength(1)
      // WeChat said none is left: the count here agrees, and the next message is not tried.
      expect(ok(await server.call<Record<string, number>>('messages', 'subscriptions', {}, c.token)).booking).toBe(0)
    } finally {
      services.notifier = notifier
    }
  })

  test('the message opens the version of the mini-program the deployment names (miniprogramState)', async () => {
    clock.set(T0)
    const services = server.backend.services
    const notifier = services.notifier
    services.notifier = wechatNotifier(() => services.db, 'TPL_CASE', () => undefined, { booking: 'TPL_BOOKING', legal: 'TPL_LEGAL' }, () => services.cipher, 'trial')
    mockSend.mockClear()
    try {
      const a = await resident(`oOPENID-${kind}-trial`)
      ok(await server.call('messages', 'subscribed', { templates: ['booking'] }, a.token))
      ok(await server.call<Booking>('counselling', 'book', { counsellorId: linId, start: at('2026-12-04', '15:00'), mode: 'in_person' }, a.token))
      clock.set(new Date(Date.parse(at('2026-12-04', '15:00')) - 30 * HOUR))
      await runBookingJobs(services)
      await until(() => mockSend.mock.calls.some(([args]) => args.touser === `oOPENID-${kind}-trial`), 'the reminder push')
      const sent = mockSend.mock.calls.map(([args]) => args).find((args) => args.touser === `oOPENID-${kind}-trial`)
      expect(sent).toMatchObject({ miniprogramState: 'trial', templateId: 'TPL_BOOKING' })
    } finally {
      services.notifier = notifier
    }
  })
})
