/** 粤心安 counselling end to end through the HTTP server, on every configured database. */
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { fixedClock } from '../../cloud/ports/clock'
import { sendReminders } from '../../cloud/jobs/reminders'
import { atLocal, COUNSELLING_RULES, generateSlots, localDay } from '../../cloud/domain/booking/slots'
import type { Envelope } from '../../types/api'
import type { Booking, FreeSlot, OwnScreening, Session, Station, StationBooking, StationDetail, WaitlistEntry } from '../../types/functions/counselling'
import type { Message } from '../../types/functions/messages'

/** Monday 30 November 2026, 08:00 in Shanghai: counsellor-lin works 09–12 and 14–17 every weekday. */
const T0 = atLocal('2026-11-30', '08:00')
const HOUR = 3600_000

describe.each(DATABASES)('counselling on %s', (kind) => {
  let server: TestServer
  const clock = fixedClock(T0)
  let chen: string, li: string, lin: string, guo: string, huang: string, otherCentre: string, county: string, admin: string
  let linId: string
  let seq = 0

  beforeAll(async () => {
    server = await startTestServer(kind, { clock })
    ;[chen, li, lin, guo, huang, otherCentre, county, admin] = await Promise.all(
      ['resident-chen', 'resident-li', 'counsellor-lin', 'city-counsellor-guo', 'centre-huang', 'other-centre-liang', 'county-wu', 'admin'].map((a) => server.signIn(a))
    )
    const station = ok(await server.call<StationDetail>('counselling', 'station', { id: 'st441302001' }))
    linId = station.counsellors.find((c) => c.displayName === '林静')!.id
  })
  afterAll(async () => server.close())
  beforeEach(() => clock.set(T0))

  const ok = <T>(r: Envelope<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
    return r.data
  }
  const call = <T>(action: string, input: unknown, token?: string, requestId?: string) => server.call<T>('counselling', action, input, token, requestId ? { requestId } : {})
  const at = (date: string, time: string) => atLocal(date, time).toISOString()
  const book = (start: string, token: string, over: Record<string, unknown> = {}) => call<Booking>('book', { counsellorId: linId, start, mode: 'in_person', ...over }, token)

  /** A signed-in resident made directly in the database (the demo has only two); the token is fresh at each use. */
  async function resident(name = `居民${++seq}`): Promise<{ id: string; token: string }> {
    const { db, newId, tokens } = server.backend.services
    const id = newId()
    await db.insertInto('users').values({ id, display_name: name, openid: null, demo_account: null, home_region: null, created_at: T0.toISOString() }).execute()
    await db.insertInto('role_grants').values({ user_id: id, role: 'resident', region_code: '', created_at: T0.toISOString() }).execute()
    return {
      id,
      get token() {
        return tokens.issue(id, clock.now()).token
      }
    }
  }
  const count = async (table: 'bookings' | 'screenings' | 'waitlist' | 'messages' | 'idempotency') =>
    Number((await server.backend.services.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const messagesOf = async (token: string) => ok(await server.call<{ items: Message[] }>('messages', 'list', { limit: 50 }, token)).items

  test('a station in every township, village rooms, found by region, by name, and nearest first', async () => {
    const db = server.backend.services.db
    const stations = Number((await db.selectFrom('stations').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'station').executeTakeFirstOrThrow()).n)
    expect(stations).toBe(1757)

    const local = ok(await call<Station[]>('stations', { regionCode: '441302001' }))
    expect(local[0]).toMatchObject({ id: 'st441302001', kind: 'station', name: '桥东街道社会心理服务站', regionPath: ['惠州市', '惠城区', '桥东街道'] })
    expect(local[0].services).toEqual(['individual', 'family', 'crisis'])
    expect(local[0].phone).toMatch(/^0752-\d{7}$/)
    expect(local.find((s) => s.regionCode === '441302001200')).toMatchObject({ kind: 'room', name: '东平村心理服务室' })
    expect(local.every((s) => s.regionCode.startsWith('441302001'))).toBe(true)

    expect(ok(await call<Station[]>('stations', { q: '桥东街道' })).map((s) => s.name)).toContain('桥东街道社会心理服务站')

    const here = local[0].location!
    const near = ok(await call<Station[]>('stations', { near: here, limit: 10 }))
    expect(near[0]).toMatchObject({ id: 'st441302001', distance: 0 })
    expect(near).toHaveLength(10)
    expect(near.map((s) => s.distance!)).toEqual([...near.map((s) => s.distance!)].sort((a, b) => a - b))
    // Within a city, nearest first too.
    const inCity = ok(await call<Station[]>('stations', { regionCode: '4401', near: { lat: 23.13, lng: 113.26 }, limit: 5 }))
    expect(inCity.every((s) => s.regionCode.startsWith('4401'))).toBe(true)

    expect(await call('stations', { regionCode: '4499' })).toMatchObject({ ok: false, error: { code: 'REGION_NOT_FOUND', field: 'regionCode' } })
    expect(await call('station', { id: 'st999999999' })).toMatchObject({ ok: false, error: { code: 'STATION_NOT_FOUND' } })

    const detail = ok(await call<StationDetail>('station', { id: 'st441302001' }))
    const linProfile = detail.counsellors.find((c) => c.id === linId)!
    expect(linProfile).toMatchObject({ displayName: '林静', modes: ['in_person', 'phone', 'video'] })
    expect(linProfile.languages).toContain('cantonese')
    expect(new Set(linProfile.hours.map((h) => h.weekday))).toEqual(new Set([1, 2, 3, 4, 5]))
    expect(detail.counsellors.length).toBeGreaterThanOrEqual(2)
  })

  test('the station’s free slots for two weeks: every counsellor’s 50-minute slots, a booked one gone', async () => {
    const detail = ok(await call<StationDetail>('station', { id: 'st441302001' }))
    const slots = ok(await call<FreeSlot[]>('slots', { stationId: 'st441302001' }))
    for (const c of detail.counsellors) {
      const expected = generateSlots(c.hours, T0, COUNSELLING_RULES).map((s) => s.start.toISOString())
      expect(slots.filter((s) => s.counsellorId === c.id).map((s) => s.start)).toEqual(expected)
    }
    const lins = slots.filter((s) => s.counsellorId === linId)
    // Ten weekdays from Monday 30 November to Friday 11 December, six slots a day.
    expect(lins).toHaveLength(60)
    expect(lins[0]).toEqual({ counsellorId: linId, counsellorName: '林静', start: at('2026-11-30', '09:00'), end: at('2026-11-30', '09:50') })
    expect(lins[59].start).toBe(at('2026-12-11', '16:00'))
    expect(slots.map((s) => s.start)).toEqual([...slots.map((s) => s.start)].sort())

    const me = await resident()
    const taken = ok(await book(at('2026-12-11', '16:00'), me.token))
    expect(taken).toMatchObject({ status: 'booked', stationName: '桥东街道社会心理服务站', counsellorName: '林静', canCancel: true, cancelBy: at('2026-12-10', '16:00') })
    const after = ok(await call<FreeSlot[]>('slots', { stationId: 'st441302001', counsellorId: linId }))
    expect(after).toHaveLength(59)
    expect(after.some((s) => s.start === taken.start)).toBe(false)
    expect(ok(await call<Booking>('cancel', { id: taken.id }, me.token)).status).toBe('cancelled')
    expect(ok(await call<FreeSlot[]>('slots', { stationId: 'st441302001', counsellorId: linId }))).toHaveLength(60)
  })

  test('200 residents booking 20 slots at once: exactly 20 bookings, every other request SLOT_TAKEN', async () => {
    // The 20 first slots of the second week, each wanted by 10 different signed-in residents, all at the same moment.
    const week2 = generateSlots(JSON.parse(JSON.stringify(ok(await call<StationDetail>('station', { id: 'st441302001' })).counsellors.find((c) => c.id === linId)!.hours)), T0, COUNSELLING_RULES)
      .filter((s) => localDay(s.start).date >= '2026-12-07')
      .slice(0, 20)
      .map((s) => s.start.toISOString())
    const people = await Promise.all(Array.from({ length: 200 }, () => resident()))
    const before = await count('bookings')
    const replies = await Promise.all(people.map((p, i) => book(week2[i % 20], p.token, { pseudonym: `来访${i}` })))
    const won = replies.filter((r) => r.ok) as { ok: true; data: Booking }[]
    expect(won).toHaveLength(20)
    expect(replies.filter((r) => !r.ok).map((r) => (r as { error: { code: string } }).error.code)).toEqual(Array(180).fill('SLOT_TAKEN'))
    expect(new Set(won.map((w) => w.data.start))).toEqual(new Set(week2))
    expect(await count('bookings')).toBe(before + 20)
    const rows = await server.backend.services.db.selectFrom('bookings').select('starts_at').where('provider_id', '=', linId).where('starts_at', 'in', week2).where('status', '<>', 'cancelled').execute()
    expect(rows.map((r) => r.starts_at).sort()).toEqual([...week2].sort())
  })

  test('the same request id twice books once', async () => {
    const me = await resident()
    const before = await count('bookings')
    const [a, b] = await Promise.all([
      server.call<Booking>('counselling', 'book', { counsellorId: linId, start: at('2026-12-11', '09:00'), mode: 'phone' }, me.token, { requestId: 'book-twice-0001' }),
      server.call<Booking>('counselling', 'book', { counsellorId: linId, start: at('2026-12-11', '09:00'), mode: 'phone' }, me.token, { requestId: 'book-twice-0001' })
    ])
    expect(ok(a).id).toBe(ok(b).id)
    expect(await count('bookings')).toBe(before + 1)
  })

  test('book → cancel → the first person waiting is offered the slot, holds it, and takes it; a lapsed offer passes on', async () => {
    const day = '2026-12-01'
    const full = generateSlots([{ weekday: 2, start: '09:00', end: '12:00' }, { weekday: 2, start: '14:00', end: '17:00' }], T0, COUNSELLING_RULES)
      .filter((s) => localDay(s.start).date === day)
      .map((s) => s.start.toISOString())
    expect(full).toHaveLength(6)
    // A day with free slots needs no waitlist.
    expect(await call('joinWaitlist', { counsellorId: linId, date: day }, chen)).toMatchObject({ ok: false, error: { code: 'SLOTS_AVAILABLE', field: 'date' } })
    const holders = await Promise.all(full.map(() => resident()))
    const booked = await Promise.all(full.map((start, i) => book(start, holders[i].token)))
    booked.forEach(ok)

    const chenWaits = ok(await call<WaitlistEntry>('joinWaitlist', { counsellorId: linId, date: day, pseudonym: '阿英' }, chen))
    expect(chenWaits).toMatchObject({ status: 'waiting', counsellorName: '林静', date: day, offeredStart: null })
    // Joining twice keeps one place in the queue.
    expect(ok(await call<WaitlistEntry>('joinWaitlist', { counsellorId: linId, date: day }, chen)).id).toBe(chenWaits.id)
    clock.advance(60_000)
    const liWaits = ok(await call<WaitlistEntry>('joinWaitlist', { counsellorId: linId, date: day }, li))
    expect(await call('joinWaitlist', { counsellorId: linId, date: '2026-12-05' }, li)).toMatchObject({ ok: false, error: { code: 'DAY_NOT_OFFERED' } })

    // The 10:00 booking is cancelled: 陈秀英, first in the queue, is offered it for 12 hours.
    ok(await call('cancel', { id: ok(booked[1]).id, reason: '临时有事' }, holders[1].token))
    const offered = ok(await call<{ waitlist: WaitlistEntry[] }>('myBookings', {}, chen)).waitlist.find((w) => w.id === chenWaits.id)!
    expect(offered).toMatchObject({ status: 'offered', offeredStart: full[1], offerExpiresAt: new Date(clock.now().getTime() + 12 * HOUR).toISOString() })
    expect((await messagesOf(chen)).some((m) => m.kind === 'booking.offer' && m.title?.includes('桥东街道社会心理服务站 2026-12-01 10:00'))).toBe(true)
    // Held for her: nobody else can book it, and it is not shown as free.
    const stranger = await resident()
    expect(await book(full[1], stranger.token)).toMatchObject({ ok: false, error: { code: 'SLOT_TAKEN' } })
    expect(ok(await call<FreeSlot[]>('slots', { stationId: 'st441302001', counsellorId: linId })).some((s) => s.start === full[1])).toBe(false)
    // Only she can take it.
    expect(await call('takeOffer', { id: chenWaits.id }, li)).toMatchObject({ ok: false, error: { code: 'OFFER_NOT_FOUND' } })
    const taken = ok(await call<Booking>('takeOffer', { id: chenWaits.id }, chen))
    expect(taken).toMatchObject({ start: full[1], status: 'booked', pseudonym: '阿英', counsellorName: '林静' })
    const mine = ok(await call<{ bookings: Booking[]; waitlist: WaitlistEntry[] }>('myBookings', {}, chen))
    expect(mine.bookings.map((b) => b.id)).toContain(taken.id)
    expect(mine.waitlist.find((w) => w.id === chenWaits.id)!.status).toBe('taken')

    // The 11:00 booking is cancelled: 李建国 is next; he lets the offer lapse, and the slot is free again.
    ok(await call('cancel', { id: ok(booked[2]).id }, holders[2].token))
    expect(ok(await call<{ waitlist: WaitlistEntry[] }>('myBookings', {}, li)).waitlist.find((w) => w.id === liWaits.id)!.status).toBe('offered')
    clock.advance(12 * HOUR + 1000)
    expect(await call('takeOffer', { id: liWaits.id }, li)).toMatchObject({ ok: false, error: { code: 'OFFER_EXPIRED' } })
    expect(ok(await call<FreeSlot[]>('slots', { stationId: 'st441302001', counsellorId: linId })).some((s) => s.start === full[2])).toBe(true)
    expect(ok(await call<{ waitlist: WaitlistEntry[] }>('myBookings', {}, li)).waitlist.find((w) => w.id === liWaits.id)!.status).toBe('expired')
  })

  test('a lapsed offer goes to the next person waiting', async () => {
    const day = '2026-12-04'
    const starts = generateSlots([{ weekday: 5, start: '09:00', end: '12:00' }, { weekday: 5, start: '14:00', end: '17:00' }], T0, COUNSELLING_RULES).map((s) => s.start.toISOString()).filter((s) => localDay(new Date(s)).date === day)
    const holders = await Promise.all(starts.map(() => resident()))
    const booked = (await Promise.all(starts.map((s, i) => book(s, holders[i].token)))).map(ok)
    const [first, second] = [await resident(), await resident()]
    const w1 = ok(await call<WaitlistEntry>('joinWaitlist', { counsellorId: linId, date: day }, first.token))
    clock.advance(1000)
    const w2 = ok(await call<WaitlistEntry>('joinWaitlist', { counsellorId: linId, date: day, mode: 'phone' }, second.token))
    ok(await call('cancel', { id: booked[0].id }, holders[0].token))
    clock.advance(12 * HOUR + 1000)
    // The next read passes the lapsed offer on to the second person.
    const theirs = ok(await call<{ waitlist: WaitlistEntry[] }>('myBookings', {}, second.token)).waitlist.find((w) => w.id === w2.id)!
    expect(theirs).toMatchObject({ status: 'offered', offeredStart: starts[0] })
    expect(ok(await call<{ waitlist: WaitlistEntry[] }>('myBookings', {}, first.token)).waitlist.find((w) => w.id === w1.id)!.status).toBe('expired')
    expect(ok(await call<Booking>('takeOffer', { id: w2.id }, second.token))).toMatchObject({ start: starts[0], mode: 'phone' })
  })

  test('cancel up to 24 hours before; after that, CANCEL_WINDOW_CLOSED says so and nothing changes', async () => {
    const me = await resident()
    const early = ok(await book(at('2026-12-02', '09:00'), me.token))
    const late = ok(await book(at('2026-12-02', '10:00'), me.token))
    // Exactly 24 hours before the first: still allowed.
    clock.set(new Date(Date.parse(early.start) - 24 * HOUR))
    expect(ok(await call<Booking>('cancel', { id: early.id }, me.token)).status).toBe('cancelled')
    expect(await call('cancel', { id: early.id }, me.token)).toMatchObject({ ok: false, error: { code: 'BOOKING_CANCELLED' } })
    // 23 h 59 min before the second: too late, and the booking stands.
    clock.set(new Date(Date.parse(late.start) - 24 * HOUR + 60_000))
    const refused = await call('cancel', { id: late.id }, me.token, 'cancel-late-0001')
    expect(refused).toMatchObject({ ok: false, error: { code: 'CANCEL_WINDOW_CLOSED', field: 'id' } })
    expect(!refused.ok && refused.error.message).toContain('24')
    expect(await call('reschedule', { id: late.id, start: at('2026-12-03', '15:00') }, me.token)).toMatchObject({ ok: false, error: { code: 'CANCEL_WINDOW_CLOSED' } })
    const mine = ok(await call<{ bookings: Booking[] }>('myBookings', {}, me.token)).bookings.find((b) => b.id === late.id)!
    expect(mine).toMatchObject({ status: 'booked', canCancel: false })
  })

  test('reschedule moves a booking in one step; to a taken slot it fails and the old booking stands', async () => {
    const me = await resident()
    const other = await resident()
    const first = ok(await book(at('2026-12-03', '09:00'), me.token, { pseudonym: '小王' }))
    const blocker = ok(await book(at('2026-12-03', '10:00'), other.token))
    expect(await call('reschedule', { id: first.id, start: blocker.start }, me.token)).toMatchObject({ ok: false, error: { code: 'SLOT_TAKEN' } })
    expect(ok(await call<{ bookings: Booking[] }>('myBookings', {}, me.token)).bookings.find((b) => b.id === first.id)!.status).toBe('booked')
    const moved = ok(await call<Booking>('reschedule', { id: first.id, start: at('2026-12-03', '11:00') }, me.token))
    expect(moved).toMatchObject({ start: at('2026-12-03', '11:00'), status: 'booked', pseudonym: '小王' })
    expect(moved.id).not.toBe(first.id)
    const free = ok(await call<FreeSlot[]>('slots', { stationId: 'st441302001', counsellorId: linId })).map((s) => s.start)
    expect(free).toContain(first.start)
    expect(free).not.toContain(moved.start)
  })

  test('bad bookings are refused with a clear code, and nothing is stored', async () => {
    const me = await resident()
    const before = await count('bookings')
    const cases: [Record<string, unknown>, string, string][] = [
      [{ start: at('2026-11-29', '09:00') }, 'SLOT_IN_PAST', 'start'],
      [{ start: at('2026-11-30', '10:30') }, 'SLOT_NOT_OFFERED', 'start'],
      [{ start: at('2026-12-05', '10:00') }, 'SLOT_NOT_OFFERED', 'start'],
      [{ start: at('2026-12-21', '10:00') }, 'SLOT_NOT_OFFERED', 'start'],
      [{ start: at('2026-11-30', '12:00') }, 'SLOT_NOT_OFFERED', 'start'],
      [{ start: 'tomorrow' }, 'INVALID_VALUE', 'start'],
      [{ counsellorId: 'pv9999999999' }, 'COUNSELLOR_NOT_FOUND', 'counsellorId'],
      [{ mode: 'chat' }, 'INVALID_VALUE', 'mode'],
      [{ pseudonym: '名'.repeat(21) }, 'INVALID_VALUE', 'pseudonym']
    ]
    for (const [over, code, field] of cases) {
      const reply = await call('book', { counsellorId: linId, start: at('2026-12-02', '16:00'), mode: 'in_person', ...over }, me.token)
      expect([over, reply]).toEqual([over, expect.objectContaining({ ok: false, error: expect.objectContaining({ code, field }) })])
    }
    // Shanghai wall-clock time written with its offset is the same slot.
    expect(ok(await book('2026-12-02T16:00:00+08:00', me.token)).start).toBe(at('2026-12-02', '16:00'))
    expect(await count('bookings')).toBe(before + 1)
    expect(await call('book', { counsellorId: linId, start: at('2026-12-02', '16:00'), mode: 'in_person' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  test('three no-shows within 90 days pause booking for 30 days, and the refusal says until when', async () => {
    const me = await resident()
    const starts = [at('2026-11-30', '14:00'), at('2026-11-30', '15:00'), at('2026-11-30', '16:00')]
    const bookings = []
    for (const s of starts) bookings.push(ok(await book(s, me.token)))
    // One person holds at most three upcoming bookings.
    expect(await book(at('2026-12-02', '15:00'), me.token)).toMatchObject({ ok: false, error: { code: 'BOOKING_LIMIT' } })
    expect(await call('markAttendance', { id: bookings[0].id, attended: false }, lin)).toMatchObject({ ok: false, error: { code: 'SESSION_NOT_STARTED' } })
    clock.set(new Date(Date.parse(starts[2]) + HOUR))
    for (const b of bookings) expect(ok(await call<Session>('markAttendance', { id: b.id, attended: false }, lin)).status).toBe('no_show')
    const until = new Date(Date.parse(starts[2]) + 30 * 24 * HOUR)
    const refused = await book(at('2026-12-02', '15:00'), me.token)
    expect(refused).toMatchObject({ ok: false, error: { code: 'BOOKING_PAUSED' } })
    expect(!refused.ok && refused.error.message).toContain('2026-12-30 16:00')
    const en = await server.call('counselling', 'book', { counsellorId: linId, start: at('2026-12-02', '15:00'), mode: 'in_person' }, me.token, { locale: 'en' })
    expect(!en.ok && en.error.message).toContain('paused until 2026-12-30 16:00')
    expect(ok(await call<{ pausedUntil: string | null }>('myBookings', {}, me.token)).pausedUntil).toBe(until.toISOString())
    expect((await messagesOf(me.token)).filter((m) => m.kind === 'booking.paused')).toHaveLength(1)
    // A fourth no-show changes nothing more; the pause ends on its date.
    clock.set(new Date(until.getTime() + 60_000))
    expect(ok(await call<{ pausedUntil: string | null }>('myBookings', {}, me.token)).pausedUntil).toBeNull()
  })

  test('screening: kept only with consent, encrypted, shared with one booking’s counsellor as a score, deleted on withdrawal', async () => {
    const me = await resident('王小红')
    const before = { screenings: await count('screenings'), messages: await count('messages') }
    const bad: [Record<string, unknown>, string][] = [
      [{ instrument: 'phq9', answers: [1, 1, 1, 1, 1, 1, 1, 1] }, 'WRONG_ANSWER_COUNT'],
      [{ instrument: 'gad7', answers: [1, 1, 1, 1, 1, 1, 4] }, 'ANSWER_OUT_OF_RANGE'],
      [{ instrument: 'gad7', answers: [1, 1, 1, 1, 1, 1, -1] }, 'ANSWER_OUT_OF_RANGE'],
      [{ instrument: 'gad7', answers: [1, 1, 1, 1, 1, 1, 1.5] }, 'ANSWER_OUT_OF_RANGE'],
      [{ instrument: 'phq9', answers: [1, 1, 1, 1, 1, 1, 1, 1, 1], consentVersion: '2020-01-01' }, 'INVALID_VALUE']
    ]
    for (const [over, code] of bad) {
      expect(await call('saveScreening', { consentVersion: '2026-11-01', ...over }, me.token)).toMatchObject({ ok: false, error: { code } })
    }
    const wrong = await call('saveScreening', { instrument: 'phq9', answers: [0, 0], consentVersion: '2026-11-01' }, me.token)
    expect(!wrong.ok && wrong.error.message).toContain('9')
    expect(await count('screenings')).toBe(before.screenings)

    const answers = [2, 2, 3, 1, 2, 1, 2, 1, 1]
    const phq = ok(await call<OwnScreening>('saveScreening', { instrument: 'phq9', answers, consentVersion: '2026-11-01' }, me.token))
    expect(phq).toMatchObject({ instrument: 'phq9', total: 15, band: 'moderately_severe', crisis: true, suggestCounselling: true, answers, consentVersion: '2026-11-01' })
    const gad = ok(await call<OwnScreening>('saveScreening', { instrument: 'gad7', answers: [1, 1, 0, 0, 1, 0, 0], consentVersion: '2026-11-01' }, me.token))
    expect(gad).toMatchObject({ total: 3, band: 'minimal', crisis: false })
    expect(ok(await call<OwnScreening[]>('myScreenings', {}, me.token))).toHaveLength(2)
    const stored = await server.backend.services.db.selectFrom('screenings').selectAll().where('person_id', '=', me.id).execute()
    for (const row of stored) {
      expect(row.data).not.toMatch(/answers|total|2,2,3/)
      expect(row.data.startsWith('v2.')).toBe(true)
    }

    const session = ok(await book(at('2026-12-03', '14:00'), me.token, { pseudonym: '小红' }))
    expect(await call('shareScreening', { screeningId: phq.id, bookingId: 'nosuchbooking01' }, me.token)).toMatchObject({ ok: false, error: { code: 'BOOKING_NOT_FOUND', field: 'bookingId' } })
    expect(await call('shareScreening', { screeningId: phq.id, bookingId: session.id }, li)).toMatchObject({ ok: false, error: { code: 'SCREENING_NOT_FOUND' } })
    ok(await call('shareScreening', { screeningId: phq.id, bookingId: session.id }, me.token))
    const seen = ok(await call<Session[]>('schedule', { from: '2026-12-03', days: 1 }, lin)).find((s) => s.id === session.id)!
    expect(seen.client).toBe('小红')
    expect(seen.sharedScreening).toEqual({ id: phq.id, instrument: 'phq9', total: 15, band: 'moderately_severe', crisis: true, suggestCounselling: true, createdAt: phq.createdAt })
    expect(JSON.stringify(seen)).not.toContain('answers')
    // Station staff see the booking, not the screening.
    const staffView = await call<StationBooking[]>('stationBookings', { stationId: 'st441302001', from: '2026-12-03', days: 1 }, huang)
    expect(ok(staffView).find((b) => b.id === session.id)).toEqual({ id: session.id, start: session.start, end: session.end, mode: 'in_person', counsellorName: '林静', client: '小红', status: 'booked' })
    expect(JSON.stringify(staffView)).not.toMatch(/moderately_severe|sharedScreening|total/)

    const withdrawn = ok(await call<{ deleted: number }>('withdrawScreeningConsent', {}, me.token, 'withdraw-0001'))
    expect(withdrawn).toEqual({ deleted: 2 })
    // A retry reports the same, and a second withdrawal finds nothing.
    expect(ok(await call<{ deleted: number }>('withdrawScreeningConsent', {}, me.token, 'withdraw-0001'))).toEqual({ deleted: 2 })
    expect(ok(await call<{ deleted: number }>('withdrawScreeningConsent', {}, me.token))).toEqual({ deleted: 0 })
    expect(ok(await call<OwnScreening[]>('myScreenings', {}, me.token))).toEqual([])
    expect(await count('screenings')).toBe(before.screenings)
    expect(ok(await call<Session[]>('schedule', { from: '2026-12-03', days: 1 }, lin)).find((s) => s.id === session.id)!.sharedScreening).toBeNull()
    // Nothing of them remains anywhere else: no message, no request record carries them.
    const db = server.backend.services.db
    const messages = await db.selectFrom('messages').select('params').where('user_id', '=', me.id).execute()
    expect(JSON.stringify(messages)).not.toMatch(/phq|moderately|answers/)
    const records = await db.selectFrom('idempotency').select(['request_key', 'response']).where('request_key', 'like', `${me.id}:%`).execute()
    expect(JSON.stringify(records)).not.toMatch(/\[2,2,3|answers/)
  })

  test('confidentiality: notes for their counsellor only; another counsellor, resident, centre staff or admin sees nothing', async () => {
    const me = await resident('赵丽')
    const session = ok(await book(at('2026-12-02', '14:00'), me.token))
    const note = '来访者提到近期失眠与家庭矛盾，评估为低风险，建议转介社区医院精神科进一步评估。'
    const written = ok(await call<Session>('writeNote', { id: session.id, notes: note, risk: true, referral: '惠州市第二人民医院心理科' }, lin))
    expect(written).toMatchObject({ id: session.id, notes: note, risk: true, referral: '惠州市第二人民医院心理科', client: '赵丽' })
    const row = await server.backend.services.db.selectFrom('session_notes').selectAll().where('booking_id', '=', session.id).executeTakeFirstOrThrow()
    expect(row.notes).not.toContain('失眠')
    expect(row.referral).not.toContain('医院')

    // Another counsellor, even with a profile of their own in the same city, does not see lin's sessions.
    expect(ok(await call<Session[]>('schedule', {}, guo))).toEqual([])
    ok(await call('setHours', { stationId: 'st441302002', hours: [{ weekday: 1, start: '09:00', end: '12:00' }] }, guo))
    expect(ok(await call<Session[]>('schedule', { from: '2026-12-02', days: 1 }, guo))).toEqual([])
    const replies: Envelope<unknown>[] = [
      await call('writeNote', { id: session.id, notes: '试图覆盖' }, guo),
      await call('markAttendance', { id: session.id, attended: true }, guo),
      await call('cancel', { id: session.id }, li),
      await call('reschedule', { id: session.id, start: at('2026-12-02', '15:00') }, li),
      await call('writeNote', { id: session.id, notes: '试图覆盖' }, li),
      await call('writeNote', { id: session.id, notes: '试图覆盖' }, huang),
      await call('writeNote', { id: session.id, notes: '试图覆盖' }, admin),
      await call('schedule', {}, huang),
      await call('stationBookings', { stationId: 'st441302001' }, otherCentre),
      await call('stationBookings', { stationId: 'st441302001' }, county),
      await call('stationBookings', { stationId: 'st441302001' }, admin),
      await call('stationBookings', { stationId: 'st441302001' }, lin),
      await call('stationBookings', { stationId: 'st441302001' }, li),
      await call('stationBookings', { stationId: 'st441302001', from: '2026-12-02', days: 1 }, huang)
    ]
    expect(replies.slice(0, 4).map((r) => !r.ok && r.error.code)).toEqual(['BOOKING_NOT_FOUND', 'BOOKING_NOT_FOUND', 'BOOKING_NOT_FOUND', 'BOOKING_NOT_FOUND'])
    expect(replies.slice(4, 13).map((r) => !r.ok && r.error.code)).toEqual(Array(9).fill('FORBIDDEN'))
    // The township's staff see who comes when, never the notes, the risk flag or the referral.
    expect(ok(replies[13] as Envelope<StationBooking[]>).find((b) => b.id === session.id)).toMatchObject({ client: '赵丽', counsellorName: '林静' })
    for (const r of replies) expect(JSON.stringify(r)).not.toMatch(/失眠|医院|risk|notes/)
    // The note is untouched, and the person's own view of the booking carries none of it.
    expect(ok(await call<Session[]>('schedule', { from: '2026-12-02', days: 1 }, lin)).find((s) => s.id === session.id)!.notes).toBe(note)
    expect(JSON.stringify(await call('myBookings', {}, me.token))).not.toMatch(/失眠|医院/)
  })

  test('the workbench: today’s and the week’s sessions, hours checked, leave cancels bookings with a message offering to rebook', async () => {
    const [a, b] = [await resident('孙一'), await resident('周二')]
    const first = ok(await book(at('2026-12-10', '11:00'), a.token, { pseudonym: '阿一' }))
    const second = ok(await book(at('2026-12-10', '15:00'), b.token, { mode: 'video', priority: true }))
    const week = ok(await call<Session[]>('schedule', { from: '2026-12-07', days: 7 }, lin))
    expect(week.map((s) => s.start)).toEqual([...week.map((s) => s.start)].sort())
    expect(week.find((s) => s.id === second.id)).toMatchObject({ client: '周二', mode: 'video', priority: true, status: 'booked', notes: null })
    const today = ok(await call<Session[]>('schedule', { days: 1 }, lin))
    expect(today.every((s) => localDay(new Date(s.start)).date === '2026-11-30')).toBe(true)

    expect(await call('setHours', { hours: [{ weekday: 1, start: '09:00', end: '12:00' }, { weekday: 1, start: '11:00', end: '13:00' }] }, lin)).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE', field: 'hours' } })
    expect(await call('setHours', { hours: [{ weekday: 1, start: '12:00', end: '09:00' }] }, lin)).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE', field: 'hours' } })
    expect(await call('setHours', { hours: [] }, li)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('addLeave', { from: '2026-11-29', to: '2026-11-30' }, lin)).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE', field: 'from' } })
    expect(await call('addLeave', { from: '2026-12-10', to: '2026-12-09' }, lin)).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE', field: 'to' } })

    const leave = ok(await call<{ cancelled: number }>('addLeave', { from: '2026-12-10', to: '2026-12-10', reason: '外出培训' }, lin))
    expect(leave.cancelled).toBeGreaterThanOrEqual(2)
    for (const [person, booking] of [
      [a, first],
      [b, second]
    ] as const) {
      const mine = ok(await call<{ bookings: Booking[] }>('myBookings', {}, person.token)).bookings.find((x) => x.id === booking.id)!
      expect(mine.status).toBe('cancelled')
      expect((await messagesOf(person.token)).filter((m) => m.kind === 'booking.cancelled_by_counsellor' && m.title?.includes('2026-12-10'))).toHaveLength(1)
    }
    const free = ok(await call<FreeSlot[]>('slots', { stationId: 'st441302001', counsellorId: linId }))
    expect(free.some((s) => localDay(new Date(s.start)).date === '2026-12-10')).toBe(false)
    expect(await book(at('2026-12-10', '10:00'), a.token)).toMatchObject({ ok: false, error: { code: 'SLOT_NOT_OFFERED' } })

    // New hours apply to new bookings: Saturday mornings now open.
    const hours = [...JSON.parse(JSON.stringify(ok(await call<StationDetail>('station', { id: 'st441302001' })).counsellors.find((c) => c.id === linId)!.hours)), { weekday: 6, start: '09:00', end: '11:00' }]
    expect(ok(await call<{ hours: unknown[] }>('setHours', { hours }, lin)).hours).toHaveLength(11)
    expect(ok(await book(at('2026-12-05', '10:00'), a.token)).start).toBe(at('2026-12-05', '10:00'))
  })

  test('the reminder job reminds once, a day ahead, through the outbox', async () => {
    const me = await resident()
    const soon = ok(await book(at('2026-12-03', '15:00'), me.token))
    const later = ok(await book(at('2026-12-11', '14:00'), me.token))
    const reminders = async () => (await messagesOf(me.token)).filter((m) => m.kind === 'booking.reminder')
    // 36 hours before the first booking: it is due, the later one is not.
    clock.set(new Date(Date.parse(soon.start) - 36 * HOUR))
    const services = server.backend.services
    expect(await sendReminders(services)).toBeGreaterThanOrEqual(1)
    expect(await sendReminders(services)).toBe(0)
    const [one] = await reminders()
    expect(one.title).toBe('桥东街道社会心理服务站 2026-12-03 15:00')
    expect(await reminders()).toHaveLength(1)
    // Two runs at once still remind once.
    clock.set(new Date(Date.parse(later.start) - 30 * HOUR))
    await Promise.all([sendReminders(services), sendReminders(services)])
    expect(await reminders()).toHaveLength(2)
  })
})
