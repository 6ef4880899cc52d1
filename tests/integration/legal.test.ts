/** 一村（居）一法律顾问 end to end through the HTTP server, on every configured database. */
import { sql } from 'kysely'
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { fixedClock } from '../../cloud/ports/clock'
import { createApp } from '../../cloud/app'
import { sendReminders } from '../../cloud/jobs/reminders'
import { seedLegal } from '../../cloud/seed/legal'
import { atLocal } from '../../cloud/domain/booking/slots'
import type { Envelope } from '../../types/api'
import type { AdvisorDetail, CaseDraft, Consultation, ConsultationSummary, OnsiteBooking, OnsiteSlot, OverdueCount, VillageAdvisor, Workbench } from '../../types/functions/legal'
import type { CaseDetail, CaseSummary, Page } from '../../types/functions/petition'
import type { Message } from '../../types/functions/messages'
import { TINY_PNG } from '../support/images'

/** Monday 30 November 2026, 08:00 in Shanghai. 何文's on-site days: 东湖社区 1st Wednesday, 东平村 2nd Tuesday, 文头岭村 4th Thursday. */
const T0 = atLocal('2026-11-30', '08:00')
const HOUR = 3600_000
const DAY = 24 * HOUR
const DONGPING = '441302001200'
const WENTOULING = '441302001202'
const DONGHU = '441302001001'
const PNG = TINY_PNG

describe.each(DATABASES)('legal advisors on %s', (kind) => {
  let server: TestServer
  const clock = fixedClock(T0)
  let chen: string, li: string, he: string, feng: string, huang: string, county: string, otherCentre: string, admin: string
  let heId: string
  let seq = 0

  beforeAll(async () => {
    server = await startTestServer(kind, { clock })
    ;[chen, li, he, feng, huang, county, otherCentre, admin] = await Promise.all(
      ['resident-chen', 'resident-li', 'advisor-he', 'city-advisor-feng', 'centre-huang', 'county-wu', 'other-centre-liang', 'admin'].map((a) => server.signIn(a))
    )
    heId = ok(await server.call<VillageAdvisor>('legal', 'forVillage', { code: DONGPING })).advisor!.id
  })
  afterAll(async () => server.close())
  beforeEach(() => clock.set(T0))

  function ok<T>(r: Envelope<T>): T {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
    return r.data
  }
  const call = <T>(action: string, input: unknown, token?: string, requestId?: string) => server.call<T>('legal', action, input, token, requestId ? { requestId } : {})
  const at = (date: string, time: string) => atLocal(date, time).toISOString()
  const db = () => server.backend.services.db
  const count = async (table: 'consultations' | 'consultation_posts' | 'bookings' | 'cases' | 'messages') => Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const messagesOf = async (token: string) => ok(await server.call<{ items: Message[] }>('messages', 'list', { limit: 50 }, token)).items
  const ask = (over: Record<string, unknown> = {}, token = chen, requestId?: string) =>
    call<Consultation>('ask', { advisorId: heId, villageCode: DONGPING, category: 'land_contract', text: '我家承包的两亩水田，村里说要收回重新分配，合同还有八年到期，可以吗？', ...over }, token, requestId)

  /** A signed-in resident made directly in the database; the token is fresh at each use. */
  async function resident(name = `居民${++seq}`, role: 'resident' | 'legal_advisor' = 'resident', region = ''): Promise<{ id: string; token: string }> {
    const { newId, tokens } = server.backend.services
    const id = newId()
    await db().insertInto('users').values({ id, display_name: name, openid: null, demo_account: null, home_region: null, created_at: T0.toISOString() }).execute()
    await db().insertInto('role_grants').values({ user_id: id, role, region_code: region, created_at: T0.toISOString() }).execute()
    return {
      id,
      get token() {
        return tokens.issue(id, clock.now()).token
      }
    }
  }

  async function upload(token: string): Promise<string> {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'photo.png')
    const response = await fetch(`${server.url}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })
    return ((await response.json()) as { data: { id: string } }).data.id
  }

  const p95 = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.ceil(samples.length * 0.95) - 1]

  test('the directory is seeded in one quick transaction, and a second start seeds nothing', async () => {
    const services = server.backend.services
    // Seed again from empty, timed: the demo start does exactly this.
    await db().transaction().execute(async (trx) => {
      await trx.deleteFrom('legal_villages').execute()
      await trx.deleteFrom('legal_advisors').execute()
      await trx.deleteFrom('providers').where('service', '=', 'legal').execute()
    })
    const t = Date.now()
    const made = await seedLegal({ db: db(), demo: true, demoConsultations: false, cipher: services.cipher, newId: services.newId, now: T0 })
    const took = Date.now() - t
    expect(made.villages).toBe(26_842)
    expect(made.advisors).toBeGreaterThanOrEqual(10_000)
    expect(made.advisors).toBeLessThanOrEqual(15_000)
    console.log(`legal seed on ${kind}: ${made.advisors} advisors for ${made.villages} villages in ${took} ms`)
    expect(await seedLegal({ db: db(), demo: true, demoConsultations: false, cipher: services.cipher, newId: services.newId, now: T0 })).toEqual({ advisors: 0, villages: 0, consultations: 0 })
    heId = ok(await call<VillageAdvisor>('forVillage', { code: DONGPING })).advisor!.id
  })

  test('every one of the 26,842 villages and communities resolves to an active advisor', async () => {
    const { rows } = await sql<{ villages: number; unserved: number }>`
      select count(*) as villages, sum(case when p.id is null or la.provider_id is null then 1 else 0 end) as unserved
      from regions r
      left join legal_villages lv on lv.village_code = r.code
      left join providers p on p.id = lv.provider_id and p.service = 'legal' and p.active = 1
      left join legal_advisors la on la.provider_id = p.id
      where r.level = 'village'`.execute(db())
    expect({ villages: Number(rows[0].villages), unserved: Number(rows[0].unserved) }).toEqual({ villages: 26_842, unserved: 0 })
    // Each advisor serves 1–3 villages, all in one township, and keeps an on-site day in each.
    const { rows: groups } = await sql<{ n: number; townships: number }>`
      select count(*) as n, count(distinct township_code) as townships from legal_villages group by provider_id`.execute(db())
    expect(groups.every((g) => Number(g.n) >= 1 && Number(g.n) <= 3 && Number(g.townships) === 1)).toBe(true)
    const providers = await db().selectFrom('providers').innerJoin('legal_villages', 'legal_villages.provider_id', 'providers.id').select(['providers.hours', 'legal_villages.village_code']).where('legal_villages.township_code', '=', '440106001').execute()
    for (const p of providers) expect((JSON.parse(p.hours) as { place: string }[]).filter((h) => h.place === p.village_code)).toHaveLength(1)
  })

  test('a village’s advisor in one indexed look-up: who, firm, areas, languages, phone, on-site day and place', async () => {
    const found = ok(await call<VillageAdvisor>('forVillage', { code: DONGPING }))
    expect(found).toMatchObject({ code: DONGPING, name: '东平村民委员会', path: ['惠州市', '惠城区', '桥东街道'], distance: null })
    expect(found.advisor).toMatchObject({ name: '何文', firm: '广东惠正律师事务所', phone: '13809881234', townshipCode: '441302001', townshipName: '桥东街道' })
    expect(found.advisor!.practiceAreas).toEqual(['land_contract', 'labour', 'marriage_family', 'inheritance', 'neighbours', 'consumer', 'other'])
    expect(found.advisor!.languages).toEqual(['mandarin', 'cantonese', 'hakka'])
    expect(found.onsite).toEqual({ villageCode: DONGPING, villageName: '东平村民委员会', nth: 2, weekday: 2, start: '09:00', end: '12:00', place: '东平村民委员会办公室', nextDates: ['2026-12-08', '2027-01-12', '2027-02-09'] })
    // A community elsewhere, a township code, a code that does not exist.
    const other = ok(await call<VillageAdvisor>('forVillage', { code: '440106001001' }))
    expect(other.advisor!.firm).toMatch(/^广东穗.律师事务所$/)
    expect(other.advisor!.phone).toMatch(/^1\d{10}$/)
    expect(other.onsite!.villageCode).toBe('440106001001')
    expect(await call('forVillage', { code: '441302001' })).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE', field: 'code' } })
    expect(await call('forVillage', { code: '441302001999' })).toMatchObject({ ok: false, error: { code: 'REGION_NOT_FOUND', field: 'code' } })

    // Every village across the province answers with its advisor (its p95 budget is checked by `npm run bench`).
    const app = createApp(server.backend.services)
    const codes = (await db().selectFrom('legal_villages').select('village_code').orderBy('village_code').execute()).map((r) => r.village_code).filter((_, i) => i % 89 === 0)
    for (const code of codes.slice(0, 20)) await app.dispatch('legal', { action: 'forVillage', input: { code } }, { kind: 'anonymous' })
    const samples: number[] = []
    for (const code of codes) {
      const t = performance.now()
      const reply = await app.dispatch('legal', { action: 'forVillage', input: { code } }, { kind: 'anonymous' })
      samples.push(performance.now() - t)
      expect(reply.ok && (reply.data as VillageAdvisor).advisor).toBeTruthy()
    }
    console.log(`legal.forVillage on ${kind}: p95 ${p95(samples).toFixed(2)} ms over ${samples.length}`)
  })

  test('search by village name over the province, each with its advisor; nearest to a point; my own village', async () => {
    const local = ok(await call<VillageAdvisor[]>('search', { q: '东平', within: '4413' }))
    expect(local[0]).toMatchObject({ code: DONGPING, advisor: { id: heId } })
    expect(local.every((v) => v.code.startsWith('4413') && v.advisor !== null)).toBe(true)
    const wide = ok(await call<VillageAdvisor[]>('search', { q: '村民委员会', limit: 50 }))
    expect(wide).toHaveLength(50)
    expect(await call('search', { q: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE', field: 'q' } })
    expect(ok(await call<VillageAdvisor[]>('search', { q: '%_' }))).toEqual([])

    const app = createApp(server.backend.services)
    const samples: number[] = []
    for (const q of ['东平', '新村', '社区', '石', '文头岭', '水口', '东湖社区居委会', '龙', '南山', '沙']) {
      await app.dispatch('legal', { action: 'search', input: { q } }, { kind: 'anonymous' })
      for (let i = 0; i < 5; i++) {
        const t = performance.now()
        const reply = await app.dispatch('legal', { action: 'search', input: { q } }, { kind: 'anonymous' })
        samples.push(performance.now() - t)
        expect(reply.ok).toBe(true)
      }
    }
    console.log(`legal.search on ${kind}: p95 ${p95(samples).toFixed(2)} ms`)

    const office = await db().selectFrom('legal_villages').select(['lat', 'lng']).where('village_code', '=', DONGPING).executeTakeFirstOrThrow()
    const near = ok(await call<VillageAdvisor[]>('near', { lat: office.lat!, lng: office.lng!, limit: 5 }))
    expect(near[0]).toMatchObject({ code: DONGPING, distance: 0, advisor: { id: heId } })
    expect(near).toHaveLength(5)
    expect(near.map((v) => v.distance!)).toEqual([...near.map((v) => v.distance!)].sort((a, b) => a - b))

    expect(ok(await call<{ homeRegion: string; village: VillageAdvisor }>('myAdvisor', {}, chen))).toMatchObject({ homeRegion: DONGPING, village: { code: DONGPING, advisor: { id: heId } } })
    expect(ok(await call('myAdvisor', {}, li))).toEqual({ homeRegion: null, village: null })
    expect(await call('myAdvisor', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  test('the advisor’s page: villages with their on-site days, and the next free slots across them', async () => {
    const page = ok(await call<AdvisorDetail>('advisor', { id: heId }))
    expect(page.villages.map((v) => [v.villageCode, v.nth, v.weekday, v.start, v.end, v.nextDates[0]])).toEqual([
      [DONGPING, 2, 2, '09:00', '12:00', '2026-12-08'],
      [WENTOULING, 4, 4, '14:30', '17:30', '2026-12-24'],
      [DONGHU, 1, 3, '09:00', '12:00', '2026-12-02']
    ])
    expect(page.villages[2].place).toBe('东湖社区居委会办公室')
    expect(page.nextSlots[0]).toEqual({ advisorId: heId, advisorName: '何文', villageCode: DONGHU, villageName: '东湖社区居委会', place: '东湖社区居委会办公室', start: at('2026-12-02', '09:00'), end: at('2026-12-02', '09:30') })
    const slots = ok(await call<OnsiteSlot[]>('slots', { advisorId: heId }))
    // Two months ahead: December's and January's three on-site days, six half-hour slots each.
    expect(slots).toHaveLength(36)
    expect(ok(await call<OnsiteSlot[]>('slots', { advisorId: heId, villageCode: DONGPING })).map((s) => s.start).slice(0, 7)).toEqual([
      ...['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'].map((t) => at('2026-12-08', t)),
      at('2027-01-12', '09:00')
    ])
    expect(await call('advisor', { id: 'lg999999999001' })).toMatchObject({ ok: false, error: { code: 'ADVISOR_NOT_FOUND' } })
    // A counsellor is not an advisor.
    const lin = await db().selectFrom('providers').select('id').where('service', '=', 'counselling').executeTakeFirstOrThrow()
    expect(await call('advisor', { id: lin.id })).toMatchObject({ ok: false, error: { code: 'ADVISOR_NOT_FOUND' } })
  })

  test('50 residents booking 5 on-site slots at once: exactly 5 bookings, every other request SLOT_TAKEN', async () => {
    const five = ['09:00', '09:30', '10:00', '10:30', '11:00'].map((t) => at('2026-12-08', t))
    const people = await Promise.all(Array.from({ length: 50 }, () => resident()))
    const before = await count('bookings')
    const replies = await Promise.all(people.map((p, i) => call<OnsiteBooking>('book', { advisorId: heId, start: five[i % 5] }, p.token)))
    const won = replies.filter((r) => r.ok) as { ok: true; data: OnsiteBooking }[]
    expect(won).toHaveLength(5)
    expect(replies.filter((r) => !r.ok).map((r) => (r as { error: { code: string } }).error.code)).toEqual(Array(45).fill('SLOT_TAKEN'))
    expect(new Set(won.map((w) => w.data.start))).toEqual(new Set(five))
    expect(won[0].data).toMatchObject({ advisorName: '何文', villageCode: DONGPING, villageName: '东平村民委员会', place: '东平村民委员会办公室', status: 'booked', canCancel: true })
    expect(await count('bookings')).toBe(before + 5)
    const rows = await db().selectFrom('bookings').select(['place_code', 'service', 'station_id']).where('provider_id', '=', heId).where('status', '=', 'booked').execute()
    expect(rows.every((r) => r.place_code === DONGPING && r.service === 'legal' && r.station_id === 'st441302001')).toBe(true)
    const free = ok(await call<OnsiteSlot[]>('slots', { advisorId: heId, villageCode: DONGPING })).map((s) => s.start)
    expect(free.filter((s) => s.startsWith('2026-12-08'))).toEqual([at('2026-12-08', '11:30')])
    // The advisor is told; the counselling side never sees on-site bookings.
    expect((await messagesOf(he)).filter((m) => m.kind === 'booking.new' && m.title === '东平村民委员会 2026-12-08 09:00')).toHaveLength(1)
    expect(ok(await server.call<{ bookings: unknown[] }>('counselling', 'myBookings', {}, people[replies.indexOf(won[0])].token)).bookings).toEqual([])
    const station = ok(await server.call<unknown[]>('counselling', 'stationBookings', { stationId: 'st441302001', from: '2026-12-08', days: 1 }, huang))
    expect(JSON.stringify(station)).not.toContain('何文')
  })

  test('the same rules as counselling: off-day refused, cancellation window, limit, reminder a day ahead', async () => {
    const me = await resident()
    const before = await count('bookings')
    const refusals: [string, string][] = [
      [at('2026-12-09', '09:00'), 'ONSITE_SLOT_NOT_OFFERED'],
      [at('2026-12-15', '09:00'), 'ONSITE_SLOT_NOT_OFFERED'],
      [at('2026-12-08', '09:15'), 'ONSITE_SLOT_NOT_OFFERED'],
      [at('2027-02-09', '09:00'), 'ONSITE_SLOT_NOT_OFFERED'],
      [at('2026-11-29', '09:00'), 'SLOT_IN_PAST']
    ]
    for (const [start, code] of refusals) expect([start, await call('book', { advisorId: heId, start }, me.token)]).toEqual([start, expect.objectContaining({ ok: false, error: expect.objectContaining({ code, field: 'start' }) })])
    const refused = await call('book', { advisorId: heId, start: at('2026-12-09', '09:00') }, me.token)
    expect(!refused.ok && refused.error.message).toContain('法律顾问')
    expect(await call('book', { advisorId: 'lg999999999001', start: at('2026-12-02', '09:00') }, me.token)).toMatchObject({ ok: false, error: { code: 'ADVISOR_NOT_FOUND', field: 'advisorId' } })
    expect(await count('bookings')).toBe(before)

    const wed = ok(await call<OnsiteBooking>('book', { advisorId: heId, start: at('2026-12-02', '09:30') }, me.token))
    expect(wed).toMatchObject({ villageName: '东湖社区居委会', cancelBy: at('2026-12-01', '09:30'), canCancel: true })
    const jan = ok(await call<OnsiteBooking>('book', { advisorId: heId, start: at('2027-01-28', '15:00') }, me.token))
    expect(jan.villageName).toBe('文头岭村民委员会')
    // Two upcoming on-site bookings at most.
    expect(await call('book', { advisorId: heId, start: at('2026-12-24', '15:00') }, me.token)).toMatchObject({ ok: false, error: { code: 'BOOKING_LIMIT' } })

    // The day-before reminder, through the same job, titled by the village.
    clock.set(new Date(Date.parse(wed.start) - 36 * HOUR))
    expect(await sendReminders(server.backend.services)).toBeGreaterThanOrEqual(1)
    expect((await messagesOf(me.token)).filter((m) => m.kind === 'booking.reminder').map((m) => m.title)).toEqual(['东湖社区居委会 2026-12-02 09:30'])

    // Less than 24 hours before: not online any more, and the message says whom to call.
    clock.set(new Date(Date.parse(wed.start) - 23 * HOUR))
    const late = await call('cancel', { id: wed.id }, me.token)
    expect(late).toMatchObject({ ok: false, error: { code: 'ONSITE_CANCEL_WINDOW_CLOSED', field: 'id' } })
    expect(!late.ok && late.error.message).toContain('24')
    expect(ok(await call<OnsiteBooking>('cancel', { id: jan.id, reason: '有事' }, me.token)).status).toBe('cancelled')
    expect(await call('cancel', { id: jan.id }, me.token)).toMatchObject({ ok: false, error: { code: 'BOOKING_CANCELLED' } })
    // Somebody else's booking does not exist for them; nor does a counselling booking id for legal.
    expect(await call('cancel', { id: wed.id }, li)).toMatchObject({ ok: false, error: { code: 'BOOKING_NOT_FOUND' } })
    expect(ok(await call<OnsiteBooking[]>('myBookings', {}, me.token)).map((b) => [b.id, b.status])).toEqual([
      [jan.id, 'cancelled'],
      [wed.id, 'booked']
    ])
    expect((await messagesOf(he)).some((m) => m.kind === 'booking.cancelled' && m.title === '文头岭村民委员会 2027-01-28 15:00')).toBe(true)
  })

  test('the advisor sees who comes and records who came; three no-shows pause on-site booking, and the refusal says whom to call', async () => {
    const me = await resident('孙阿姨')
    const first = ok(await call<OnsiteBooking>('book', { advisorId: heId, start: at('2026-12-02', '10:00') }, me.token))
    const second = ok(await call<OnsiteBooking>('book', { advisorId: heId, start: at('2026-12-02', '10:30') }, me.token))
    const day = ok(await call<{ id: string; client: string; villageName: string }[]>('schedule', { from: '2026-12-02', days: 1 }, he))
    expect(day.filter((b) => [first.id, second.id].includes(b.id)).map((b) => [b.client, b.villageName])).toEqual([
      ['孙阿姨', '东湖社区居委会'],
      ['孙阿姨', '东湖社区居委会']
    ])
    expect(await call('markAttendance', { id: first.id, attended: false }, he)).toMatchObject({ ok: false, error: { code: 'SESSION_NOT_STARTED' } })
    expect(await call('schedule', {}, chen)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    clock.set(atLocal('2026-12-02', '11:00'))
    const advisor = await server.signIn('advisor-he')
    for (const b of [first, second]) expect(ok(await call<{ status: string }>('markAttendance', { id: b.id, attended: false }, advisor)).status).toBe('no_show')
    // Another advisor cannot mark them.
    expect(await call('markAttendance', { id: first.id, attended: true }, await server.signIn('city-advisor-feng'))).toMatchObject({ ok: false, error: { code: 'BOOKING_NOT_FOUND' } })
    const third = ok(await call<OnsiteBooking>('book', { advisorId: heId, start: at('2027-01-06', '09:00') }, me.token))
    clock.set(atLocal('2027-01-06', '10:00'))
    ok(await call('markAttendance', { id: third.id, attended: false }, await server.signIn('advisor-he')))
    const paused = await call('book', { advisorId: heId, start: at('2027-01-12', '09:00') }, me.token)
    expect(paused).toMatchObject({ ok: false, error: { code: 'ONSITE_BOOKING_PAUSED' } })
    expect(!paused.ok && paused.error.message).toContain('12348')
    // Thirty days from the third missed appointment.
    expect(!paused.ok && paused.error.message).toContain('2027-02-05 09:00')
    expect((await messagesOf(me.token)).filter((m) => m.kind === 'booking.paused')).toHaveLength(1)
  })

  test('a consultation’s thread: asked, answered, followed up, answered, closed and rated — messages both ways', async () => {
    const photo = await upload(chen)
    const asked = ok(await ask({ photos: [photo] }, chen, 'ask-thread-0001'))
    expect(asked).toMatchObject({ status: 'waiting', category: 'land_contract', villageName: '东平村民委员会', advisorName: '何文', askerName: '陈秀英', anonymous: false, dueAt: new Date(T0.getTime() + 3 * DAY).toISOString(), overdue: false, caseId: null, thread: [] })
    expect(asked.can).toEqual(['reply', 'close', 'toCase'])
    expect(asked.photos).toEqual([{ id: photo, url: expect.stringMatching(/^\/api\/files\//) }])
    // A retry with the same request id asks once.
    const before = await count('consultations')
    expect(ok(await ask({ photos: [photo] }, chen, 'ask-thread-0001')).id).toBe(asked.id)
    expect(await count('consultations')).toBe(before)
    // Sealed at rest.
    const stored = await db().selectFrom('consultations').select('question').where('id', '=', asked.id).executeTakeFirstOrThrow()
    expect(stored.question).not.toContain('水田')

    clock.advance(HOUR)
    const answered = ok(await call<Consultation>('reply', { id: asked.id, text: '合同期内发包方不得收回承包地（农村土地承包法第二十七条）。' }, he))
    expect(answered).toMatchObject({ status: 'answered', dueAt: null, overdue: false })
    expect(answered.can).toEqual(['reply', 'toCase'])
    expect(answered.thread.map((p) => [p.seq, p.from])).toEqual([[1, 'advisor']])
    clock.advance(2 * DAY)
    const followed = ok(await call<Consultation>('reply', { id: asked.id, text: '村里开了会，说是多数人同意的，这样也不行吗？' }, chen))
    expect(followed).toMatchObject({ status: 'waiting', dueAt: new Date(clock.now().getTime() + 3 * DAY).toISOString() })
    ok(await call('reply', { id: asked.id, text: '村民会议决定也不能违反法律。可以申请村里的人民调解委员会调解。' }, he))
    const closed = ok(await call<Consultation>('close', { id: asked.id, rating: 'satisfied', comment: '讲得很清楚' }, chen))
    expect(closed).toMatchObject({ status: 'closed', rating: 'satisfied', ratingComment: '讲得很清楚', dueAt: null })
    expect(closed.thread.map((p) => p.from)).toEqual(['advisor', 'person', 'advisor'])
    expect(closed.can).toEqual([])

    expect(await call('rate', { id: asked.id, rating: 'unsatisfied' }, chen)).toMatchObject({ ok: false, error: { code: 'ALREADY_RATED' } })
    expect(await call('reply', { id: asked.id, text: '还有一个问题' }, chen)).toMatchObject({ ok: false, error: { code: 'CONSULTATION_CLOSED' } })
    expect(await call('reply', { id: asked.id, text: '补充' }, he)).toMatchObject({ ok: false, error: { code: 'CONSULTATION_CLOSED' } })
    expect(await call('close', { id: asked.id }, he)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    const heKinds = (await messagesOf(he)).filter((m) => m.title === '东平村民委员会').map((m) => m.kind)
    expect(heKinds).toEqual(expect.arrayContaining(['legal.new', 'legal.followup', 'legal.closed']))
    expect((await messagesOf(chen)).filter((m) => m.kind === 'legal.answered')).toHaveLength(2)
    // Messages name the village, never the question.
    expect(JSON.stringify(await messagesOf(he))).not.toContain('水田')
    const mine = ok(await call<ConsultationSummary[]>('myConsultations', {}, chen))
    expect(mine.find((c) => c.id === asked.id)).toMatchObject({ status: 'closed', rating: 'satisfied', excerpt: expect.stringContaining('两亩水田') })
  })

  test('overdue questions rise to the top of the advisor’s queue; the township centre gets the count', async () => {
    const me = await resident('赵大婶')
    const first = ok(await ask({ category: 'inheritance', text: '父亲去世没留遗嘱，宅基地上的房子兄弟几个怎么分？' }, me.token))
    clock.advance(2 * DAY)
    const second = ok(await ask({ category: 'neighbours', text: '邻居建房占了我家的排水沟，怎么办？' }, me.token))
    clock.advance(1 * DAY + HOUR)
    // The first is past its 3 days; the second is not yet.
    const bench = ok(await call<Workbench>('workbench', {}, he))
    const mine = bench.open.filter((c) => [first.id, second.id].includes(c.id))
    expect(mine.map((c) => [c.id, c.overdue])).toEqual([
      [first.id, true],
      [second.id, false]
    ])
    expect(bench.open[0].overdue).toBe(true)
    const waiting = bench.open.filter((c) => c.status === 'waiting')
    expect(bench.open.slice(0, waiting.length)).toEqual(waiting)
    expect(waiting.map((c) => c.dueAt)).toEqual([...waiting.map((c) => c.dueAt)].sort())
    expect(bench.overdue).toBe(bench.open.filter((c) => c.overdue).length)
    expect(bench.villages.map((v) => v.villageCode)).toEqual([DONGPING, WENTOULING, DONGHU])
    expect(bench.open.find((c) => c.id === first.id)!.askerName).toBe('赵大婶')

    const counts = ok(await call<OverdueCount[]>('overdue', {}, huang))
    expect(counts).toEqual([{ regionCode: '441302001', regionName: '桥东街道', overdue: bench.overdue, waiting: waiting.length }])
    expect(ok(await call<OverdueCount[]>('overdue', {}, county))[0]).toMatchObject({ regionCode: '441302', overdue: bench.overdue })
    expect(ok(await call<OverdueCount[]>('overdue', {}, otherCentre))).toEqual([{ regionCode: '440106001', regionName: '五山街道', overdue: 0, waiting: 0 }])
    expect(JSON.stringify(counts)).not.toMatch(/宅基地|赵/)
    for (const token of [chen, he, li]) expect(await call('overdue', {}, token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    // Answered, it leaves the overdue count.
    ok(await call('reply', { id: first.id, text: '按法定继承，同一顺序继承人原则上均等分配。' }, he))
    expect(ok(await call<OverdueCount[]>('overdue', {}, huang))[0].overdue).toBe(bench.overdue - 1)
    // Today's on-site bookings are on the workbench on the day.
    const visitor = await resident('钱先生')
    const booked = ok(await call<OnsiteBooking>('book', { advisorId: heId, start: at('2026-12-08', '11:30') }, visitor.token))
    clock.set(atLocal('2026-12-08', '08:00'))
    // A week on, sign in again (sessions last seven days).
    const heToday = await server.signIn('advisor-he')
    expect(ok(await call<Workbench>('workbench', {}, heToday)).today.find((b) => b.id === booked.id)).toEqual({ id: booked.id, start: booked.start, end: booked.end, villageName: '东平村民委员会', client: '钱先生', status: 'booked' })
    expect(await call('workbench', {}, await server.signIn('resident-chen'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // An advisor without a directory profile has an empty workbench.
    expect(ok(await call<Workbench>('workbench', {}, await server.signIn('city-advisor-feng')))).toEqual({ villages: [], open: [], overdue: 0, today: [] })
  })

  test('one stop: the person turns a consultation into a mediation case, linked both ways, in their matters and the centre’s queue', async () => {
    const photo = await upload(chen)
    const c = ok(await ask({ photos: [photo], text: '隔壁承包户把我家地界的田埂挖掉了，多占了半亩地，村里调解过没用。' }))
    ok(await call('reply', { id: c.id, text: '建议申请矛盾纠纷调解，带上承包合同和地界图。' }, he))
    const draft = ok(await call<CaseDraft>('caseDraft', { id: c.id }, chen))
    expect(draft).toMatchObject({ title: '土地承包纠纷：隔壁承包户把我家地界的田埂挖掉了，多占了半亩地，村里调解过没用。', disputeType: 'land', contactName: '陈秀英', contactPhoneKnown: false, needs: ['otherPartyName', 'contactPhone', 'consentVersion'] })
    expect(draft.description).toContain('法律顾问意见：建议申请矛盾纠纷调解')

    const cases = await count('cases')
    // Missing the other party, the phone or the consent: refused, nothing stored, the consultation untouched.
    const bad: [Record<string, unknown>, string, string][] = [
      [{ contactPhone: '13812345678', consentVersion: '2026-11-01' }, 'DISPUTE_NEEDS_PARTY', 'otherPartyName'],
      [{ otherPartyName: '林某', consentVersion: '2026-11-01' }, 'MISSING_FIELD', 'contactPhone'],
      [{ otherPartyName: '林某', contactPhone: '13812345678' }, 'MISSING_FIELD', 'consentVersion'],
      [{ otherPartyName: '林某', contactPhone: '123', consentVersion: '2026-11-01' }, 'INVALID_VALUE', 'contactPhone']
    ]
    for (const [over, code, field] of bad) expect([over, await call('toCase', { id: c.id, ...over }, chen)]).toEqual([over, expect.objectContaining({ ok: false, error: expect.objectContaining({ code, field }) })])
    expect(await count('cases')).toBe(cases)
    expect(ok(await call<Consultation>('consultation', { id: c.id }, chen)).status).toBe('answered')

    const converted = ok(await call<Consultation>('toCase', { id: c.id, otherPartyName: '林某', contactPhone: '13812345678', consentVersion: '2026-11-01' }, chen, 'to-case-00001'))
    expect(converted).toMatchObject({ status: 'converted', caseId: expect.any(String), caseTrackingNo: expect.stringMatching(/^4413-20261130-[2-9A-HJKMNP-Z]{6}$/), dueAt: null })
    expect(converted.can).toEqual(['rate'])
    expect(await count('cases')).toBe(cases + 1)
    // A retry returns the same; a second conversion is refused.
    expect(ok(await call<Consultation>('toCase', { id: c.id, otherPartyName: '林某', contactPhone: '13812345678', consentVersion: '2026-11-01' }, chen, 'to-case-00001')).caseId).toBe(converted.caseId)
    expect(await call('toCase', { id: c.id, otherPartyName: '林某', contactPhone: '13812345678', consentVersion: '2026-11-01' }, chen)).toMatchObject({ ok: false, error: { code: 'CONSULTATION_CONVERTED' } })
    expect(await call('reply', { id: c.id, text: '补充' }, he)).toMatchObject({ ok: false, error: { code: 'CONSULTATION_CONVERTED' } })
    expect(await count('cases')).toBe(cases + 1)

    // The case: a dispute at 东平村, prefilled, pointing back to the consultation, tracked like any other.
    const kase = ok(await server.call<CaseDetail>('petition', 'get', { id: converted.caseId }, chen))
    expect(kase).toMatchObject({ kind: 'dispute', disputeType: 'land', regionCode: DONGPING, handlingUnit: '桥东街道', status: 'submitted', title: draft.title, contactName: '陈秀英', contactPhone: '138****5678', otherPartyName: '林某' })
    expect(kase.description).toBe(draft.description)
    expect(kase.photos.map((p) => p.id)).toEqual([photo])
    expect(kase.events[0]).toMatchObject({ type: 'file', actorRole: 'resident', data: { kind: 'dispute', source: 'legal_consultation', consultationId: c.id } })
    const row = await db().selectFrom('consultations').select(['case_id', 'status']).where('id', '=', c.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ case_id: converted.caseId, status: 'converted' })
    expect(ok(await server.call<Page<CaseSummary>>('petition', 'mine', {}, chen)).items.map((i) => i.id)).toContain(converted.caseId)
    expect(ok(await server.call<Page<CaseSummary>>('petition', 'queue', { limit: 100 }, huang)).items.map((i) => i.id)).toContain(converted.caseId)
    expect((await messagesOf(huang)).some((m) => m.kind === 'case.new' && m.caseId === converted.caseId)).toBe(true)
    expect((await messagesOf(he)).some((m) => m.kind === 'legal.converted' && m.caseId === converted.caseId && m.trackingNo === converted.caseTrackingNo)).toBe(true)
    // The centre accepts it as any case; the person can still rate the advice.
    expect(ok(await server.call<CaseDetail>('petition', 'accept', { id: converted.caseId }, huang)).status).toBe('accepted')
    expect(ok(await call<Consultation>('rate', { id: c.id, rating: 'basically_satisfied' }, chen)).rating).toBe('basically_satisfied')
  })

  test('the advisor converts only what the person consented to: with phone and consent given when asking, it is one tap', async () => {
    const plain = ok(await ask({ text: '打工的工厂拖欠三个月工资，老板跑了怎么办？', category: 'labour' }, li))
    expect(ok(await call<CaseDraft>('caseDraft', { id: plain.id }, he)).needs).toEqual(['otherPartyName', 'contactPhone', 'consentVersion'])
    expect(await call('toCase', { id: plain.id, otherPartyName: '某电子厂' }, he)).toMatchObject({ ok: false, error: { code: 'CASE_CONSENT_REQUIRED' } })
    expect(await call('toCase', { id: plain.id, otherPartyName: '某电子厂', contactPhone: '13912345678', consentVersion: '2026-11-01' }, he)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', field: 'contactPhone' } })

    const consented = ok(await ask({ text: '工厂拖欠工资四个月，工友们都没拿到。', category: 'labour', contactPhone: '139 1234 5678', consentVersion: '2026-11-01', anonymous: true }, li))
    expect(consented.contactPhone).toBe('13912345678')
    expect(ok(await call<CaseDraft>('caseDraft', { id: consented.id }, he))).toMatchObject({ contactPhoneKnown: true, needs: ['otherPartyName'], disputeType: 'labour', contactName: '李建国' })
    const converted = ok(await call<Consultation>('toCase', { id: consented.id, otherPartyName: '惠州某电子厂', disputeType: 'labour' }, he))
    expect(converted.status).toBe('converted')
    const kase = ok(await server.call<CaseDetail>('petition', 'get', { id: converted.caseId }, li))
    expect(kase).toMatchObject({ kind: 'dispute', disputeType: 'labour', contactName: '李建国', contactPhone: '139****5678', otherPartyName: '惠州某电子厂' })
    expect(kase.events[0]).toMatchObject({ actorRole: 'legal_advisor', data: { consultationId: consented.id } })
    expect(ok(await server.call<Page<CaseSummary>>('petition', 'mine', {}, li)).items.map((i) => i.id)).toContain(converted.caseId)
    expect((await messagesOf(li)).some((m) => m.kind === 'legal.converted' && m.caseId === converted.caseId)).toBe(true)
  })

  test('privacy: only the person, their advisor and a supervising admin see a consultation; others learn nothing', async () => {
    const secret = '丈夫长期家暴，我想离婚但怕他报复，孩子的抚养权怎么争取？'
    const c = ok(await ask({ category: 'marriage_family', text: secret, anonymous: true, contactPhone: '13812345678', consentVersion: '2026-11-01' }))
    // Another advisor of the same township, with an account of their own.
    const other = await resident('郭律师', 'legal_advisor', '441302001')
    await db().updateTable('providers').set({ user_id: other.id }).where('id', '=', 'lg441302001002').execute()
    const replies: Envelope<unknown>[] = []
    for (const token of [li, other.token, feng, huang, county]) {
      replies.push(await call('consultation', { id: c.id }, token))
      replies.push(await call('reply', { id: c.id, text: '试图回复' }, token))
      replies.push(await call('caseDraft', { id: c.id }, token))
      replies.push(await call('toCase', { id: c.id, otherPartyName: '某' }, token))
      replies.push(await call('close', { id: c.id }, token))
    }
    replies.push(await call('consultation', { id: 'nosuchconsult01' }, chen))
    expect(replies.map((r) => !r.ok && r.error.code)).toEqual(Array(replies.length).fill('CONSULTATION_NOT_FOUND'))
    for (const r of replies) expect(JSON.stringify(r)).not.toMatch(/家暴|陈|138/)
    expect(ok(await call<Workbench>('workbench', {}, other.token)).open.some((o) => o.id === c.id)).toBe(false)

    // The advisor sees who asked (anonymity is towards everyone else) and the phone.
    expect(ok(await call<Consultation>('consultation', { id: c.id }, he))).toMatchObject({ askerName: '陈秀英', anonymous: true, question: secret, contactPhone: '13812345678' })
    // The supervising admin sees the thread, with the name and the phone masked, and can do nothing in it.
    const supervised = ok(await call<Consultation>('consultation', { id: c.id }, admin))
    expect(supervised).toMatchObject({ askerName: '陈**', question: secret, contactPhone: '138****5678', can: [] })
    expect(await call('reply', { id: c.id, text: '督导意见' }, admin)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('caseDraft', { id: c.id }, admin)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(ok(await call<Consultation>('consultation', { id: c.id }, chen)).thread).toEqual([])
  })

  test('bad questions are refused with a clear code, and nothing is stored', async () => {
    const mine = await upload(chen)
    const theirs = await upload(li)
    const before = { consultations: await count('consultations'), messages: await count('messages') }
    const cases: [Record<string, unknown>, string, string][] = [
      [{ text: '' }, 'INVALID_VALUE', 'text'],
      [{ text: '   \n  ' }, 'INVALID_VALUE', 'text'],
      [{ text: '问'.repeat(2001) }, 'TEXT_TOO_LONG', 'text'],
      [{ text: 'x'.repeat(9000) }, 'INVALID_VALUE', 'text'],
      [{ text: undefined }, 'MISSING_FIELD', 'text'],
      [{ category: 'divorce' }, 'INVALID_VALUE', 'category'],
      [{ photos: [theirs] }, 'FILE_NOT_FOUND', 'photos'],
      [{ photos: [mine, 'nosuchfile0001'] }, 'FILE_NOT_FOUND', 'photos'],
      [{ photos: Array(7).fill(mine) }, 'INVALID_VALUE', 'photos'],
      [{ villageCode: '440106001001' }, 'ADVISOR_NOT_FOR_VILLAGE', 'villageCode'],
      [{ villageCode: '441302001003' }, 'ADVISOR_NOT_FOR_VILLAGE', 'villageCode'],
      [{ villageCode: '441302001999' }, 'REGION_NOT_FOUND', 'villageCode'],
      [{ advisorId: 'lg999999999001' }, 'ADVISOR_NOT_FOUND', 'advisorId'],
      [{ contactPhone: '13812345678' }, 'MISSING_FIELD', 'consentVersion'],
      [{ consentVersion: '2020-01-01' }, 'INVALID_VALUE', 'consentVersion'],
      [{ text: '加微信看裸聊' }, 'CONTENT_REJECTED', 'text']
    ]
    for (const [over, code, field] of cases) {
      expect([over, await ask(over)]).toEqual([over, expect.objectContaining({ ok: false, error: expect.objectContaining({ code, field }) })])
    }
    const long = await ask({ text: '问'.repeat(2001) })
    expect(!long.ok && long.error.message).toContain('2000')
    expect(await count('consultations')).toBe(before.consultations)
    expect(await count('messages')).toBe(before.messages)
    expect(await server.call('legal', 'ask', { advisorId: heId, villageCode: DONGPING, category: 'other', text: '问' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })

    // Characters, not bytes or UTF-16 units: 2,000 CJK extension characters (4,000 units) fit, as do 2,000 decomposed é.
    expect(ok(await ask({ text: '𠀀'.repeat(2000) })).question).toHaveLength(4000)
    expect(ok(await ask({ text: 'e\u0301'.repeat(2000) })).question).toBe('\u00e9'.repeat(2000))
    const c = ok(await ask({ photos: [mine] }))
    const posts = await count('consultation_posts')
    expect(await call('reply', { id: c.id, text: '问'.repeat(2001) }, he)).toMatchObject({ ok: false, error: { code: 'TEXT_TOO_LONG', field: 'text' } })
    expect(await call('reply', { id: c.id, text: '看图', photos: [mine] }, he)).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND', field: 'photos' } })
    expect(await call('rate', { id: c.id, rating: 'satisfied' }, chen)).toMatchObject({ ok: false, error: { code: 'CONSULTATION_OPEN' } })
    expect(await call('close', { id: c.id, rating: 'great' }, chen)).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE', field: 'rating' } })
    expect(await count('consultation_posts')).toBe(posts)
    expect(ok(await call<Consultation>('consultation', { id: c.id }, chen))).toMatchObject({ status: 'waiting', thread: [] })
  })
})
