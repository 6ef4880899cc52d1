/** 我的事项 (one merged list of everything a person started) and the lookup without signing in, on every configured database. */
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { fixedClock } from '../../cloud/ports/clock'
import { atLocal } from '../../cloud/domain/booking/slots'
import type { Envelope } from '../../types/api'
import type { MatterItem, MattersPage } from '../../types/functions/matters'
import type { CaseDetail, CaseLookup } from '../../types/functions/petition'
import type { StationDetail, Booking } from '../../types/functions/counselling'
import type { Consultation, OnsiteBooking, VillageAdvisor } from '../../types/functions/legal'
import type { Message } from '../../types/functions/messages'
import { filing } from '../support/fixtures'
import { openRow, sealRow } from '../../cloud/db/sealed'

/** Monday 30 November 2026, 08:00 in Shanghai. */
const T0 = atLocal('2026-11-30', '08:00')
const MINUTE = 60_000
const DONGPING = '441302001200'

describe.each(DATABASES)('my matters and lookup on %s', (kind) => {
  let server: TestServer
  const clock = fixedClock(T0)
  let grid: string, centre: string, he: string
  let linId: string, heId: string
  let seq = 0

  beforeAll(async () => {
    // Behind a trusted proxy, so that each test client can be a different address (X-Forwarded-For).
    server = await startTestServer(kind, { clock, config: { trustProxy: true } })
    ;[grid, centre, he] = await Promise.all(['grid-tang', 'centre-huang', 'advisor-he'].map((a) => server.signIn(a)))
    linId = ok(await server.call<StationDetail>('counselling', 'station', { id: 'st441302001' })).counsellors.find((c) => c.displayName === '林静')!.id
    heId = ok(await server.call<VillageAdvisor>('legal', 'forVillage', { code: DONGPING })).advisor!.id
  })
  afterAll(async () => server.close())

  function ok<T>(r: Envelope<T>): T {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
    return r.data
  }
  const db = () => server.backend.services.db
  const at = (date: string, time: string) => atLocal(date, time).toISOString()
  const mine = (token: string, input: Record<string, unknown> = {}) => server.call<MattersPage>('matters', 'mine', input, token)

  /** A resident made directly in the database; the token is fresh at each use. */
  async function resident(name = `居民${++seq}`): Promise<{ id: string; token: string }> {
    const { newId, tokens } = server.backend.services
    const id = newId()
    await db().insertInto('users').values({ id, display_name: name, openid: null, demo_account: null, home_region: null, created_at: T0.toISOString() }).execute()
    await db().insertInto('role_grants').values({ user_id: id, role: 'resident', region_code: '', created_at: T0.toISOString() }).execute()
    return {
      id,
      get token() {
        return tokens.issue(id, clock.now()).token
      }
    }
  }

  /** One matter of each kind, a minute apart: a case, a counselling booking, an on-site booking, a question. */
  async function oneOfEach(token: string, day = '2026-12-01', onsiteAt = '09:30') {
    const c = ok(await server.call<CaseDetail>('petition', 'file', filing(), token))
    clock.advance(MINUTE)
    const b = ok(await server.call<Booking>('counselling', 'book', { counsellorId: linId, start: at(day, '09:00'), mode: 'in_person' }, token))
    clock.advance(MINUTE)
    const o = ok(await server.call<OnsiteBooking>('legal', 'book', { advisorId: heId, start: at('2026-12-02', onsiteAt) }, token))
    clock.advance(MINUTE)
    const q = ok(await server.call<Consultation>('legal', 'ask', { advisorId: heId, villageCode: DONGPING, category: 'land_contract', text: '我家承包的两亩水田，村里说要收回重新分配，合同还有八年到期，可以吗？' }, token))
    clock.advance(MINUTE)
    return { c, b, o, q }
  }

  /** Every item, page by page. */
  async function allPages(token: string, limit: number): Promise<MatterItem[]> {
    const items: MatterItem[] = []
    let cursor: string | undefined
    for (let i = 0; i < 100; i++) {
      const page = ok(await mine(token, cursor ? { limit, cursor } : { limit }))
      expect(page.items.length).toBeLessThanOrEqual(limit)
      items.push(...page.items)
      if (!page.nextCursor) return items
      cursor = page.nextCursor
    }
    throw new Error('paging did not end')
  }

  describe('我的事项', () => {
    beforeAll(() => clock.set(T0))

    test('someone who started nothing gets an empty list', async () => {
      const me = await resident()
      expect(ok(await mine(me.token))).toEqual({ items: [], nextCursor: null })
      expect(await server.call('matters', 'mine', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    })

    test('every kind in one list, newest activity first, each with its status and next step; a change moves it to the top', async () => {
      clock.set(T0)
      const me = await resident()
      const { c, b, o, q } = await oneOfEach(me.token)
      const page = ok(await mine(me.token))
      expect(page.nextCursor).toBeNull()
      expect(page.items.map((i) => [i.kind, i.id])).toEqual([
        ['legal_question', q.id],
        ['legal_onsite', o.id],
        ['counselling', b.id],
        ['case', c.id]
      ])
      const [question, onsite, counselling, kase] = page.items
      expect(kase).toMatchObject({ type: 'complaint', title: '村口路灯坏了三个月', status: 'submitted', trackingNo: c.trackingNo, next: { step: 'acceptance', at: c.nextDeadline, flag: 'ok' } })
      // Tomorrow 09:00: due soon.
      expect(counselling).toMatchObject({ type: null, status: 'booked', title: expect.stringContaining('林静'), next: { step: 'attend', at: b.start, flag: 'due_soon' } })
      expect(counselling.title).toContain('桥东街道社会心理服务站')
      expect(onsite).toMatchObject({ status: 'booked', title: expect.stringContaining(o.advisorName), next: { step: 'attend', at: o.start, flag: 'ok' } })
      expect(onsite.title).toContain(o.villageName)
      expect(question).toMatchObject({ type: 'land_contract', status: 'waiting', title: `${[...q.question].slice(0, 30).join('')}…`, next: { step: 'answer', at: q.dueAt, flag: 'ok' } })

      // The centre accepts the case: it comes first, with the handling deadline. The advisor answers: the person's turn.
      const accepted = ok(await server.call<CaseDetail>('petition', 'accept', { id: c.id }, centre))
      clock.advance(MINUTE)
      ok(await server.call('legal', 'reply', { id: q.id, text: '合同期内发包方不得收回承包地。' }, he))
      const after = ok(await mine(me.token)).items
      expect(after.map((i) => i.kind)).toEqual(['legal_question', 'case', 'legal_onsite', 'counselling'])
      expect(after[0]).toMatchObject({ status: 'answered', next: { step: 'reply', at: null, flag: 'none' } })
      expect(after[1]).toMatchObject({ status: 'accepted', next: { step: 'handling', at: accepted.nextDeadline, flag: 'ok' } })

      // Someone else sees none of it.
      const other = await resident()
      expect(ok(await mine(other.token)).items).toEqual([])
    })

    test('pages by cursor through equal times across kinds: every item once, in one stable order', async () => {
      clock.set(T0)
      const me = await resident()
      const { c, b, o, q } = await oneOfEach(me.token, '2026-12-03', '10:00')
      // Clones of each row, all at one of two instants, so that many items tie on their activity time.
      const times = ['2026-11-30T00:10:00.000Z', '2026-11-30T00:20:00.000Z']
      const { newId, cipher } = server.backend.services
      // Sealed values are bound to their row: each clone is opened from the original and sealed again for its own id.
      const caseRow = openRow(cipher, 'cases', await db().selectFrom('cases').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow())
      const bookingRows = (await db().selectFrom('bookings').selectAll().where('id', 'in', [b.id, o.id]).execute()).map((r) => openRow(cipher, 'bookings', r))
      const questionRow = openRow(cipher, 'consultations', await db().selectFrom('consultations').selectAll().where('id', '=', q.id).executeTakeFirstOrThrow())
      for (let i = 0; i < 6; i++) {
        const updated_at = times[i % 2]
        await db().insertInto('cases').values(sealRow(cipher, 'cases', { ...caseRow, id: newId(), tracking_no: `${caseRow.tracking_no}-${i}`, public_id: newId(), updated_at })).execute()
        for (const row of bookingRows) await db().insertInto('bookings').values(sealRow(cipher, 'bookings', { ...row, id: newId(), status: 'cancelled', cancelled_at: updated_at, updated_at })).execute()
        await db().insertInto('consultations').values(sealRow(cipher, 'consultations', { ...questionRow, id: newId(), updated_at })).execute()
      }
      // And the originals tie too.
      await db().updateTable('cases').set({ updated_at: times[0] }).where('id', '=', c.id).execute()
      await db().updateTable('bookings').set({ updated_at: times[1] }).where('id', 'in', [b.id, o.id]).execute()
      await db().updateTable('consultations').set({ updated_at: times[0] }).where('id', '=', q.id).execute()

      const whole = ok(await mine(me.token, { limit: 50 }))
      expect(whole.nextCursor).toBeNull()
      expect(whole.items).toHaveLength(28)
      // Newest first; on equal times by kind, then id, both descending (code-unit order).
      for (let i = 1; i < whole.items.length; i++) {
        const [a, z] = [whole.items[i - 1], whole.items[i]]
        const key = (m: MatterItem) => [m.activityAt, m.kind, m.id]
        const before = a.activityAt > z.activityAt || (a.activityAt === z.activityAt && (a.kind > z.kind || (a.kind === z.kind && a.id > z.id)))
        expect([key(a), key(z), before]).toEqual([key(a), key(z), true])
      }
      expect(new Set(whole.items.map((m) => m.kind))).toEqual(new Set(['case', 'counselling', 'legal_onsite', 'legal_question']))
      const cancelled = whole.items.find((m) => m.kind === 'counselling' && m.status === 'cancelled')!
      expect(cancelled.next).toBeNull()

      for (const limit of [1, 3, 5, 7]) {
        const paged = await allPages(me.token, limit)
        expect([limit, paged.map((m) => `${m.kind}:${m.id}`)]).toEqual([limit, whole.items.map((m) => `${m.kind}:${m.id}`)])
      }
    })

    test('a cursor that is not ours is refused', async () => {
      const me = await resident()
      expect(await mine(me.token, { cursor: 'bm90LWEtY3Vyc29y' })).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE', field: 'cursor' } })
    })
  })

  describe('lookup without signing in', () => {
    let client = 0
    /** A call from its own address (a new client each time unless one is given), signed in or not. */
    async function lookup(input: { trackingNo: string; contactPhone: string }, from = `10.0.0.${++client}`, token?: string) {
      const response = await fetch(`${server.url}/api/petition`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ action: 'lookup', input })
      })
      return { status: response.status, body: (await response.json()) as Envelope<CaseLookup> }
    }
    const fileFor = async (phone: string) =>
      ok(
        await server.call<CaseDetail>(
          'petition',
          'file',
          filing({ onBehalf: true, kind: 'dispute', disputeType: 'neighbours', otherPartyName: '张大军', otherPartyContact: '13811110000', contactName: '李建国', contactPhone: phone }),
          grid
        )
      )

    beforeEach(() => clock.advance(11 * MINUTE))

    test('the right number and phone show where the case stands, masked, with nothing of the other party or what anyone wrote', async () => {
      const c = await fileFor('13900002222')
      ok(await server.call('petition', 'accept', { id: c.id, note: '已联系张大军了解情况' }, centre))
      const { status, body } = await lookup({ trackingNo: c.trackingNo, contactPhone: '139 0000 2222' })
      expect(status).toBe(200)
      const view = ok(body)
      expect(view).toMatchObject({
        trackingNo: c.trackingNo,
        kind: 'dispute',
        title: c.title,
        status: 'accepted',
        handlingUnit: '桥东街道',
        nextDeadlineKind: 'handling',
        contactName: '李**',
        contactPhone: '139****2222',
        claimable: true,
        mineId: null
      })
      expect(view).not.toHaveProperty('riskLevel')
      expect(view).not.toHaveProperty('id')
      expect(view.events.map((e) => e.type)).toEqual(['file', 'accept'])
      expect(view.events[1].data).toEqual({ handlingDue: view.nextDeadline })
      const text = JSON.stringify(view)
      for (const secret of ['张大军', '13811110000', '13900002222', '李建国', c.id, '已联系', c.description]) expect([secret, text.includes(secret)]).toEqual([secret, false])
    })

    test('a wrong phone and an unknown number get the same answer', async () => {
      const c = await fileFor('13900003333')
      const wrong = await lookup({ trackingNo: c.trackingNo, contactPhone: '13900003334' })
      const unknown = await lookup({ trackingNo: '4413-20260101-9999', contactPhone: '13900003333' })
      expect(wrong).toEqual(unknown)
      expect(wrong).toMatchObject({ status: 404, body: { ok: false, error: { code: 'CASE_NOT_FOUND', field: 'trackingNo' } } })
    })

    test('wrong guesses count against the guessing client, never the number: the owner from their own phone still gets in', async () => {
      const c = await fileFor('13900004444')
      const stranger = '10.8.8.8'
      for (let i = 0; i < 5; i++) expect((await lookup({ trackingNo: c.trackingNo, contactPhone: `1390000000${i}` }, stranger)).status).toBe(404)
      // The guesser waits, even with the right phone.
      expect(await lookup({ trackingNo: c.trackingNo, contactPhone: '13900004444' }, stranger)).toMatchObject({ status: 429, body: { ok: false, error: { code: 'RATE_LIMITED' } } })
      // The owner, from another client, is not blocked.
      expect((await lookup({ trackingNo: c.trackingNo, contactPhone: '13900004444' })).status).toBe(200)
      clock.advance(11 * MINUTE)
      expect((await lookup({ trackingNo: c.trackingNo, contactPhone: '13900004444' }, stranger)).status).toBe(200)
    })

    test('5 tries per client in 10 minutes, whatever the numbers', async () => {
      const cases = await Promise.all(['13900006660', '13900006661', '13900006662', '13900006663', '13900006664', '13900006665'].map((p) => fileFor(p)))
      const from = '10.9.9.9'
      for (const c of cases.slice(0, 5)) expect((await lookup({ trackingNo: c.trackingNo, contactPhone: '13700000000' }, from)).status).toBe(404)
      expect(await lookup({ trackingNo: cases[5].trackingNo, contactPhone: '13900006665' }, from)).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } })
      // Another client can still look it up.
      expect((await lookup({ trackingNo: cases[5].trackingNo, contactPhone: '13900006665' })).status).toBe(200)
    })

    test('signed in: claim it into my list, after which the lookup says it is mine and no longer claimable', async () => {
      const c = await fileFor('13900007777')
      const me = await resident()
      const before = ok((await lookup({ trackingNo: c.trackingNo, contactPhone: '13900007777' }, undefined, me.token)).body)
      expect(before).toMatchObject({ claimable: true, mineId: null })
      ok(await server.call('petition', 'claim', { trackingNo: c.trackingNo, contactPhone: '13900007777', claimCode: c.claimCode }, me.token))
      const after = ok((await lookup({ trackingNo: c.trackingNo, contactPhone: '13900007777' }, undefined, me.token)).body)
      expect(after).toMatchObject({ claimable: false, mineId: c.id })
      expect(after.events.map((e) => e.type)).toEqual(['file', 'claim'])
      expect(ok(await mine(me.token)).items).toEqual([expect.objectContaining({ kind: 'case', id: c.id, status: 'submitted' })])
      // The centre accepts: it moves, and the resident has a message about it.
      ok(await server.call('petition', 'accept', { id: c.id }, centre))
      expect(ok(await mine(me.token)).items[0]).toMatchObject({ id: c.id, status: 'accepted', next: { step: 'handling' } })
      const messages = ok(await server.call<{ items: Message[] }>('messages', 'list', { limit: 10 }, me.token)).items
      expect(messages.some((m) => m.caseId === c.id)).toBe(true)
    })
  })
})
