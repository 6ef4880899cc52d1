/** Petitions end to end through the HTTP server, on every configured database. */
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { createApp } from '../../cloud/app'
import { fixedClock } from '../../cloud/ports/clock'
import { type CaseDetail, type MediatorOption, type Page, type CaseSummary } from '../../types/functions/petition'

import { filing } from '../support/fixtures'

describe.each(DATABASES)('petitions on %s', (kind) => {
  let server: TestServer
  const clock = fixedClock(new Date('2026-11-27T02:00:00Z'))
  let resident: string, centre: string, mediator: string, stranger: string, otherCentre: string, county: string, grid: string

  beforeAll(async () => {
    server = await startTestServer(kind, { clock })
    ;[resident, centre, mediator, stranger, otherCentre, county, grid] = await Promise.all(
      ['resident-chen', 'centre-huang', 'mediator-zhou', 'resident-li', 'other-centre-liang', 'county-wu', 'grid-tang'].map((a) => server.signIn(a))
    )
  })
  afterAll(async () => server.close())

  const file = async (over: Record<string, unknown> = {}, token = resident, requestId?: string) =>
    server.call<CaseDetail>('petition', 'file', filing(over), token, requestId ? { requestId } : {})
  const ok = <T>(r: { ok: boolean; data?: T; error?: unknown }): T => {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
    return r.data as T
  }

  test('a filing goes to the township centre of its village, with a readable tracking number and the acceptance deadline', async () => {
    const c = ok(await file())
    expect(c.trackingNo).toMatch(/^4413-20261127-[2-9A-HJKMNP-Z]{6}$/)
    expect(c.status).toBe('submitted')
    expect(c.handlingUnit).toBe('桥东街道')
    expect(c.regionPath).toEqual(['惠州市', '惠城区', '桥东街道', '东平村民委员会'])
    expect(c.nextDeadlineKind).toBe('acceptance')
    expect(c.nextDeadline).toBe('2026-12-12T15:59:59.999Z')
    expect(c.contactPhone).toBe('138****5678')
    expect(c.events.map((e) => e.type)).toEqual(['file'])
    expect(c.can.sort()).toEqual(['addInfo', 'withdraw'])
  })

  test('the phone number is stored encrypted, with a keyed hash for look-ups', async () => {
    const c = ok(await file())
    const row = await server.backend.services.db.selectFrom('cases').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow()
    expect(row.contact_phone).not.toContain('13812345678')
    expect(row.contact_name).not.toContain('陈秀英')
    expect(row.phone_hash).toBe(server.backend.services.cipher.hash('+8613812345678'))
  })

  test('the same request id sent twice at once makes one case', async () => {
    const before = await count()
    const [a, b] = await Promise.all([file({}, resident, 'req-twice-0001'), file({}, resident, 'req-twice-0001')])
    expect(ok(a).id).toBe(ok(b).id)
    expect(await count()).toBe(before + 1)
    const again = ok(await file({}, resident, 'req-twice-0001'))
    expect(again.id).toBe(ok(a).id)
  })

  async function count(): Promise<number> {
    const r = await server.backend.services.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    return Number(r.n)
  }

  test('bad filings are refused with the field named, and nothing is stored', async () => {
    const before = await count()
    const cases: [Record<string, unknown>, string, string][] = [
      [{ title: '' }, 'INVALID_VALUE', 'title'],
      [{ description: '很'.repeat(4001) }, 'INVALID_VALUE', 'description'],
      [{ contactPhone: '12345' }, 'INVALID_VALUE', 'contactPhone'],
      [{ regionCode: '441302001' }, 'INVALID_VALUE', 'regionCode'],
      [{ regionCode: '441302001999' }, 'REGION_NOT_FOUND', 'regionCode'],
      [{ kind: 'dispute' }, 'DISPUTE_NEEDS_PARTY', 'disputeType'],
      [{ consentVersion: '2020-01-01' }, 'INVALID_VALUE', 'consentVersion'],
      [{ photos: ['nonexistentfile01'] }, 'FILE_NOT_FOUND', 'photos'],
      [{ description: '加微信看裸聊' }, 'CONTENT_REJECTED', 'description'],
      [{ onBehalf: true }, 'ON_BEHALF_NOT_ALLOWED', 'onBehalf'],
      [{ location: { lat: 39.9, lng: 116.4 } }, 'INVALID_VALUE', 'location.lat']
    ]
    for (const [over, code, field] of cases) {
      expect([over, await file(over)]).toEqual([over, expect.objectContaining({ ok: false, error: expect.objectContaining({ code, field }) })])
    }
    expect(await count()).toBe(before)
  })

  test('4,000 characters are allowed, counted as characters not bytes; HTML is kept as text', async () => {
    const c = ok(await file({ description: '<b>路灯</b>' + '灯'.repeat(3991) }))
    expect([...c.description].length).toBe(4000)
    expect(c.description.startsWith('<b>路灯</b>')).toBe(true)
  })

  test('Hong Kong and Macau numbers are accepted', async () => {
    expect(ok(await file({ contactPhone: '+852 6123 4567' })).contactPhone).toBe('+852 ****4567')
    expect(ok(await file({ contactPhone: '+85366123456' })).contactPhone).toBe('+853 ****3456')
  })

  test('full journey: accept → assign a mediator → session → success → rate; the resident sees every step', async () => {
    const point = { lat: 23.0794, lng: 114.4126 }
    const c = ok(await file({ kind: 'dispute', disputeType: 'neighbours', otherPartyName: '王某', otherPartyContact: '13900000000', location: point }))
    // The map point comes back as filed; a department is suggested to staff only.
    expect(c.location).toEqual(point)
    expect(c.suggestedDepartments).toBeNull()
    // Staff of another township cannot see it; the township centre can, with the full phone.
    expect(await server.call('petition', 'get', { id: c.id }, otherCentre)).toMatchObject({ ok: false, error: { code: 'CASE_NOT_FOUND' } })
    expect(await server.call('petition', 'get', { id: c.id }, stranger)).toMatchObject({ ok: false, error: { code: 'CASE_NOT_FOUND' } })
    const staffView = ok(await server.call<CaseDetail>('petition', 'get', { id: c.id }, centre))
    expect(staffView.contactPhone).toBe('13812345678')
    expect(staffView.otherPartyContact).toBe('13900000000')
    expect(staffView.location).toEqual(point)
    expect(staffView.suggestedDepartments).toEqual(['mediation_committee'])
    expect(ok(await server.call<CaseDetail>('petition', 'get', { id: c.id }, resident)).suggestedDepartments).toBeNull()

    const queue = ok(await server.call<Page<CaseSummary>>('petition', 'queue', {}, centre))
    expect(queue.items.some((i) => i.id === c.id)).toBe(true)
    expect(ok(await server.call<Page<CaseSummary>>('petition', 'queue', {}, otherCentre)).items.some((i) => i.id === c.id)).toBe(false)

    clock.advance(3600_000)
    const accepted = ok(await server.call<CaseDetail>('petition', 'accept', { id: c.id }, centre))
    expect(accepted.status).toBe('accepted')
    expect(accepted.nextDeadlineKind).toBe('handling')
    expect(accepted.nextDeadline).toBe('2027-01-26T15:59:59.999Z')

    const mediators = ok(await server.call<MediatorOption[]>('petition', 'mediators', { id: c.id }, centre))
    const zhou = mediators.find((m) => m.name === '周德明')!
    expect(zhou).toBeDefined()
    ok(await server.call('petition', 'assign', { id: c.id, mediatorId: zhou.id }, centre))
    ok(await server.call('petition', 'recordSession', { id: c.id, date: '2026-11-28', participants: '陈秀英、王某', notes: '双方同意各退一步' }, mediator))
    const closed = ok(
      await server.call<CaseDetail>('petition', 'closeMediation', { id: c.id, success: true, agreement: '王某三日内拆除违建围墙。', partiesConfirmed: true }, mediator)
    )
    expect(closed.status).toBe('closed')
    expect(closed.outcome).toBe('mediation_success')

    const mine = ok(await server.call<CaseDetail>('petition', 'get', { id: c.id }, resident))
    expect(mine.events.map((e) => e.type)).toEqual(['file', 'accept', 'assign', 'recordSession', 'closeMediation'])
    expect(mine.events.map((e) => e.actorRole)).toEqual(['resident', 'centre_staff', 'centre_staff', 'mediator', 'mediator'])
    // Session notes stay with staff; the resident sees the date and the agreement.
    expect(mine.events[3].data).toEqual({ date: '2026-11-28' })
    expect(mine.events[4].data).toMatchObject({ agreement: '王某三日内拆除违建围墙。' })
    expect(mine.can.sort()).toEqual(['rate', 'requestReview'])
    const rated = ok(await server.call<CaseDetail>('petition', 'rate', { id: c.id, rating: 'satisfied', comment: '处理及时' }, resident))
    expect(rated.rating).toBe('satisfied')
    expect(await server.call('petition', 'rate', { id: c.id, rating: 'unsatisfied' }, resident)).toMatchObject({ ok: false, error: { code: 'ALREADY_RATED' } })

    const messages = await server.backend.services.db.selectFrom('messages').select('kind').where('case_id', '=', c.id).where('user_id', '=', mine.events.length ? (await server.backend.services.db.selectFrom('users').select('id').where('demo_account', '=', 'resident-chen').executeTakeFirstOrThrow()).id : '').execute()
    expect(messages.map((m) => m.kind).sort()).toEqual(['case.accept', 'case.assign', 'case.closeMediation', 'case.recordSession'].sort())
  })

  test('an illegal move is refused and changes nothing', async () => {
    const c = ok(await file())
    expect(await server.call('petition', 'close', { id: c.id, opinion: '已处理' }, centre)).toMatchObject({ ok: false, error: { code: 'ILLEGAL_MOVE' } })
    expect(await server.call('petition', 'accept', { id: c.id }, resident)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const after = ok(await server.call<CaseDetail>('petition', 'get', { id: c.id }, resident))
    expect([after.status, after.events.length]).toEqual(['submitted', 1])
  })

  test('withdraw before handling; not after', async () => {
    const c = ok(await file())
    expect(ok(await server.call<CaseDetail>('petition', 'withdraw', { id: c.id }, resident)).status).toBe('withdrawn')
    const d = ok(await file())
    ok(await server.call('petition', 'accept', { id: d.id }, centre))
    expect(await server.call('petition', 'withdraw', { id: d.id }, resident)).toMatchObject({ ok: false, error: { code: 'ILLEGAL_MOVE' } })
  })

  test('decline tells the reason and the other routes', async () => {
    const c = ok(await file())
    const declined = ok(await server.call<CaseDetail>('petition', 'decline', { id: c.id, reason: '属于诉讼事项', otherRoutes: '请向惠城区人民法院起诉' }, centre))
    expect(declined.status).toBe('declined')
    expect(ok(await server.call<CaseDetail>('petition', 'get', { id: c.id }, resident)).events[1].data).toEqual({ reason: '属于诉讼事项', otherRoutes: '请向惠城区人民法院起诉' })
  })

  test('transfer to another township moves the case to that centre', async () => {
    const c = ok(await file())
    const moved = ok(await server.call<CaseDetail>('petition', 'transfer', { id: c.id, townshipCode: '441302002', reason: '属桥西街道' }, centre))
    expect(moved.handlingUnit).toBe('桥西街道')
    expect(await server.call('petition', 'accept', { id: c.id }, centre)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  test('escalate to the county; one extension with its reason shown to the resident', async () => {
    const c = ok(await file())
    ok(await server.call('petition', 'escalate', { id: c.id, level: 'county', reason: '涉及多部门' }, centre))
    ok(await server.call('petition', 'accept', { id: c.id }, county))
    const extended = ok(await server.call<CaseDetail>('petition', 'extend', { id: c.id, days: 30, reason: '需要现场勘查' }, county))
    expect(extended.extendedDays).toBe(30)
    expect(await server.call('petition', 'extend', { id: c.id, days: 5, reason: '再延' }, county)).toMatchObject({ ok: false, error: { code: 'EXTENSION_USED' } })
    const seen = ok(await server.call<CaseDetail>('petition', 'get', { id: c.id }, resident))
    expect(seen.events.at(-1)!.data).toMatchObject({ days: 30, reason: '需要现场勘查' })
  })

  test('复查 then 复核, each a linked case with its own deadlines; after 复核 the matter is final', async () => {
    const c = ok(await file({ title: '宅基地纠纷处理不公' }))
    ok(await server.call('petition', 'accept', { id: c.id }, centre))
    ok(await server.call('petition', 'close', { id: c.id, opinion: '经核查，维持原决定。' }, centre))
    const asked = ok(await server.call<CaseDetail>('petition', 'requestReview', { id: c.id, reason: '认为处理不公' }, resident))
    expect(asked.childIds).toHaveLength(1)
    const review = ok(await server.call<CaseDetail>('petition', 'get', { id: asked.childIds[0] }, resident))
    expect([review.stage, review.parentId, review.handlingUnit, review.status]).toEqual(['review', c.id, '惠城区', 'submitted'])
    ok(await server.call('petition', 'accept', { id: review.id }, county))
    expect(ok(await server.call<CaseDetail>('petition', 'get', { id: review.id }, county)).nextDeadline).toBe('2026-12-27T15:59:59.999Z')
    ok(await server.call('petition', 'close', { id: review.id, opinion: '复查维持。' }, county))
    const city = await server.signIn('city-zheng')
    const rr = ok(await server.call<CaseDetail>('petition', 'requestReview', { id: review.id, reason: '仍不服' }, resident))
    const rereview = ok(await server.call<CaseDetail>('petition', 'get', { id: rr.childIds[0] }, city))
    expect([rereview.stage, rereview.handlingUnit]).toEqual(['rereview', '惠州市'])
    ok(await server.call('petition', 'accept', { id: rereview.id }, city))
    ok(await server.call('petition', 'close', { id: rereview.id, opinion: '复核维持。' }, city))
    expect(await server.call('petition', 'requestReview', { id: rereview.id, reason: '还是不服' }, resident)).toMatchObject({ ok: false, error: { code: 'MATTER_FINAL' } })
    expect(await file({ title: '宅基地纠纷处理不公' })).toMatchObject({ ok: false, error: { code: 'MATTER_FINAL' } })
  })

  test('a grid worker files for a resident; the case has no owner yet and the worker follows it', async () => {
    const c = ok(await file({ onBehalf: true, contactName: '王阿婆', contactPhone: '13700001111' }, grid))
    expect(c.events[0].actorRole).toBe('grid_worker')
    expect(ok(await server.call<Page<CaseSummary>>('petition', 'mine', {}, grid)).items.some((i) => i.id === c.id)).toBe(true)
    expect(await server.call('petition', 'get', { id: c.id }, resident)).toMatchObject({ ok: false, error: { code: 'CASE_NOT_FOUND' } })
  })

  test('the resident claims a case filed for her with its tracking number, phone and claim code; wrong, unknown and taken look alike', async () => {
    const c = ok(await file({ onBehalf: true, contactName: '李建国', contactPhone: '13900002222' }, grid))
    const li = await server.signIn('resident-li')
    const wrong = await server.call('petition', 'claim', { trackingNo: c.trackingNo, contactPhone: '13900002223', claimCode: c.claimCode }, li)
    const unknown = await server.call('petition', 'claim', { trackingNo: '4413-20260101-9999', contactPhone: '13900002222', claimCode: c.claimCode }, li)
    expect(wrong).toEqual(unknown)
    expect(wrong).toMatchObject({ ok: false, error: { code: 'CASE_NOT_FOUND' } })
    const claimed = ok(await server.call<CaseDetail>('petition', 'claim', { trackingNo: c.trackingNo, contactPhone: '139 0000 2222', claimCode: c.claimCode }, li))
    expect(claimed.id).toBe(c.id)
    expect(claimed.events.at(-1)!.type).toBe('claim')
    expect(ok(await server.call<Page<CaseSummary>>('petition', 'mine', {}, li)).items.some((i) => i.id === c.id)).toBe(true)
    // Once claimed, nobody else can take it, even with the right phone and code.
    expect(await server.call('petition', 'claim', { trackingNo: c.trackingNo, contactPhone: '13900002222', claimCode: c.claimCode }, resident)).toMatchObject({ ok: false, error: { code: 'CASE_NOT_FOUND' } })
  })

  test('claiming: 5 wrong tries in 10 minutes per person, then RATE_LIMITED for them; the resident with the code is not blocked', async () => {
    const c = ok(await file({ onBehalf: true, contactName: '王阿婆', contactPhone: '13900003333' }, grid))
    const guesser = await server.signIn('resident-chen')
    for (let i = 0; i < 5; i++) await server.call('petition', 'claim', { trackingNo: c.trackingNo, contactPhone: '13900003333', claimCode: `ABCD-EFG${2 + i}` }, guesser)
    const limited = await server.post('petition', { action: 'claim', input: { trackingNo: c.trackingNo, contactPhone: '13900003333', claimCode: c.claimCode } }, guesser)
    expect(limited).toMatchObject({ status: 429, body: { ok: false, error: { code: 'RATE_LIMITED' } } })
    // The resident, from her own phone (another client than the guesser's).
    const li = await server.signIn('resident-li')
    const input = { trackingNo: c.trackingNo, contactPhone: '13900003333', claimCode: c.claimCode }
    const own = await createApp(server.backend.services).dispatch('petition', { action: 'claim', input }, { kind: 'token', token: li, client: 'ip:10.2.2.2' })
    expect(ok(own as { ok: boolean; data?: CaseDetail }).id).toBe(c.id)
    clock.advance(11 * 60_000)
  })

  test('my list pages by cursor, newest activity first', async () => {
    const first = ok(await server.call<Page<CaseSummary>>('petition', 'mine', { limit: 3 }, resident))
    expect(first.items).toHaveLength(3)
    const second = ok(await server.call<Page<CaseSummary>>('petition', 'mine', { limit: 3, cursor: first.nextCursor! }, resident))
    const ids = [...first.items, ...second.items].map((i) => i.id)
    expect(new Set(ids).size).toBe(ids.length)
    const times = [...first.items, ...second.items].map((i) => i.updatedAt)
    expect([...times].sort().reverse()).toEqual(times)
    expect(await server.call('petition', 'mine', { cursor: 'garbage' }, resident)).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE', field: 'cursor' } })
  })

  test('the queue puts overdue first, then the nearest deadline, with flags', async () => {
    clock.advance(20 * 24 * 3600_000)
    centre = await server.signIn('centre-huang')
    const q = ok(await server.call<Page<CaseSummary>>('petition', 'queue', { limit: 100 }, centre))
    const deadlines = q.items.map((i) => i.nextDeadline ?? '9999')
    expect([...deadlines].sort()).toEqual(deadlines)
    expect(q.items[0].flag).toBe('overdue')
  })
})
