/**
 * A person's rights over their data, through the HTTP server on every configured database: what is stored, the
 * export, withdrawing each separate consent, and deleting the account — what goes, what is kept by law and detached,
 * and that nobody else's data is touched.
 */
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import { fixedClock } from '../../cloud/ports/clock'
import { atLocal } from '../../cloud/domain/booking/slots'
import { ERASED_MARK, ERASED_USER_ID } from '../../cloud/domain/account/erasure'
import type { Envelope, Me } from '../../types/api'
import type { DataExport, DataSummary, DeletionReport } from '../../types/functions/account'
import type { CaseDetail } from '../../types/functions/petition'
import type { Booking, OwnScreening, StationDetail } from '../../types/functions/counselling'
import type { Consultation, VillageAdvisor } from '../../types/functions/legal'
import type { Message } from '../../types/functions/messages'
import { TINY_PNG } from '../support/images'
import { siteOf } from '../../cloud/db/sealed'

/** Monday 30 November 2026, 08:00 in Shanghai: counsellor-lin works 09–12 and 14–17 on weekdays. */
const T0 = atLocal('2026-11-30', '08:00')
const DONGPING = '441302001200'
const PNG = TINY_PNG

describe.each(DATABASES)('my data on %s', (kind) => {
  let server: TestServer
  const clock = fixedClock(T0)
  let chen: string, li: string, lin: string, huang: string
  let linId: string, heId: string

  beforeAll(async () => {
    server = await startTestServer(kind, { clock })
    ;[chen, li, lin, huang] = await Promise.all(['resident-chen', 'resident-li', 'counsellor-lin', 'centre-huang'].map((a) => server.signIn(a)))
    linId = ok(await server.call<StationDetail>('counselling', 'station', { id: 'st441302001' })).counsellors.find((c) => c.displayName === '林静')!.id
    heId = ok(await server.call<VillageAdvisor>('legal', 'forVillage', { code: DONGPING })).advisor!.id
  })
  afterAll(async () => server.close())

  const ok = <T>(r: Envelope<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
    return r.data
  }
  const account = <T>(action: string, input: unknown, token: string, requestId?: string) => server.call<T>('account', action, input, token, requestId ? { requestId } : {})
  const at = (date: string, time: string) => atLocal(date, time).toISOString()
  const db = () => server.backend.services.db
  const cipher = () => server.backend.services.cipher
  async function upload(token: string): Promise<string> {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'photo.png')
    const response = await fetch(`${server.url}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })
    return ((await response.json()) as { data: { id: string } }).data.id
  }
  const stored = async (id: string) => (await server.backend.services.files.get(id)) !== null

  const screen = async (token: string) =>
    ok(await server.call<OwnScreening>('counselling', 'saveScreening', { instrument: 'phq9', answers: [1, 1, 1, 0, 0, 0, 0, 0, 0], consentVersion: '2026-11-01' }, token))

  test('summary and export: my cases, bookings, consultations, screenings and consents; nobody else’s; no way to ask for another person', async () => {
    const mine = ok(await server.call<CaseDetail>('petition', 'file', filing({ title: '路灯坏了' }), chen))
    ok(await server.call<CaseDetail>('petition', 'file', filing({ title: '李家的事', contactName: '李建国', contactPhone: '13900001234' }), li))
    await screen(chen)
    await screen(li)
    ok(await server.call<Consultation>('legal', 'ask', { advisorId: heId, villageCode: DONGPING, category: 'land_contract', text: '承包地被收回怎么办？', contactPhone: '13812345678', consentVersion: '2026-11-01' }, chen))
    const booking = ok(await server.call<Booking>('counselling', 'book', { counsellorId: linId, start: at('2026-12-02', '09:00'), mode: 'in_person', pseudonym: '小陈' }, chen))

    const summary = ok(await account<DataSummary>('summary', {}, chen))
    expect(summary.counts).toMatchObject({ cases: 1, bookings: 1, consultations: 1, screenings: 1 })
    expect(summary.cases[0]).toMatchObject({ id: mine.id, trackingNo: mine.trackingNo, status: 'submitted', keptUntil: null })
    expect(summary.bookings[0]).toMatchObject({ id: booking.id, service: 'counselling', placeName: '桥东街道社会心理服务站', status: 'booked' })
    expect(summary.account).toMatchObject({ displayName: '陈秀英', roles: ['resident'] })
    expect(summary.retention.caseRecordYears).toBe(10)
    expect(summary.canDelete).toBe(true)
    expect(summary.openCases).toBe(1)
    const kinds = summary.consents.map((c) => [c.kind, c.version, c.withdrawable])
    expect(kinds).toEqual(expect.arrayContaining([['petitionPrivacy', '2026-11-01', false], ['screening', '2026-11-01', true], ['consultationContact', '2026-11-01', true]]))
    expect(summary.consents.find((c) => c.kind === 'petitionPrivacy')).toMatchObject({ subject: mine.trackingNo, givenAt: T0.toISOString() })

    // The centre reads her case: the export tells her who (by role) read what, and when.
    ok(await server.call<CaseDetail>('petition', 'get', { id: mine.id }, huang))
    const data = ok(await account<DataExport>('export', {}, chen))
    expect(data.accessLog).toEqual([expect.objectContaining({ role: 'centre_staff', region: '441302001', action: 'petition.get', subjectKind: 'case', subjectId: mine.id })])
    expect(data).toMatchObject({ format: 'minan.personal-data', version: 1 })
    expect(data.cases).toHaveLength(1)
    // Sealed fields are opened for their owner: the contact name and phone as she gave them.
    expect(data.cases[0]).toMatchObject({ trackingNo: mine.trackingNo, contactName: '陈秀英', contactPhone: '+8613812345678' })
    expect(data.cases[0].events.map((e) => e.type)).toEqual(['file'])
    expect(data.screenings[0]).toMatchObject({ answers: [1, 1, 1, 0, 0, 0, 0, 0, 0], total: 3, band: 'minimal' })
    expect(data.consultations[0]).toMatchObject({ question: '承包地被收回怎么办？', contactPhone: '+8613812345678' })
    expect(data.bookings[0]).toMatchObject({ pseudonym: '小陈', mode: 'in_person' })
    const text = JSON.stringify(data)
    expect(text).not.toContain('李建国')
    expect(text).not.toContain('13900001234')

    // Another person's export is impossible: there is no field to name them, and the anonymous get nothing.
    expect(await account('export', { userId: summary.account.displayName }, li)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FIELD' } })
    expect(await server.call('account', 'export', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(JSON.stringify(ok(await account<DataExport>('export', {}, li)))).not.toContain('陈秀英')
  })

  test('withdrawing a consent: the screening answers are deleted, the consultation phone forgotten; other people keep theirs', async () => {
    const before = Number((await db().selectFrom('screenings').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', '!=', '').executeTakeFirstOrThrow()).n)
    const withdrawn = ok(await account<{ withdrawn: number }>('withdrawConsent', { kind: 'screening' }, chen, 'withdraw-screening-1'))
    expect(withdrawn.withdrawn).toBe(1)
    // A retry with the same request id replays the result and deletes nothing more.
    expect(ok(await account<{ withdrawn: number }>('withdrawConsent', { kind: 'screening' }, chen, 'withdraw-screening-1')).withdrawn).toBe(1)
    expect(ok(await server.call<OwnScreening[]>('counselling', 'myScreenings', {}, chen))).toEqual([])
    expect(ok(await server.call<OwnScreening[]>('counselling', 'myScreenings', {}, li))).toHaveLength(1)
    const after = Number((await db().selectFrom('screenings').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', '!=', '').executeTakeFirstOrThrow()).n)
    expect(after).toBe(before - 1)

    expect(ok(await account<{ withdrawn: number }>('withdrawConsent', { kind: 'consultationContact' }, chen)).withdrawn).toBe(1)
    const summary = ok(await account<DataSummary>('summary', {}, chen))
    expect(summary.consents.map((c) => c.kind)).toEqual(['petitionPrivacy'])
    const row = await db().selectFrom('consultations').selectAll().executeTakeFirstOrThrow()
    expect([row.contact_phone, row.consent_version]).toEqual([null, null])
    expect(await account('withdrawConsent', { kind: 'petitionPrivacy' }, chen)).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE' } })
  })

  test('deleting the account: own data gone, case records detached (closed ones without name and phone), others untouched, signed out', async () => {
    const oldId = ok(await server.call<Me>('auth', 'me', {}, chen)).userId
    // A closed case (declined by the centre), an open one, a past session with the counsellor's notes, and a future booking.
    // A photo on a case (kept with the record) and one on nothing (deleted, bytes too).
    const [onCase, loose] = [await upload(chen), await upload(chen)]
    expect([await stored(onCase), await stored(loose)]).toEqual([true, true])
    const closed = ok(await server.call<CaseDetail>('petition', 'file', filing({ title: '已办结的事', photos: [onCase] }), chen))
    ok(await server.call('petition', 'decline', { id: closed.id, reason: '不属于受理范围', otherRoutes: '可向司法所咨询' }, huang))
    const open = await db().selectFrom('cases').select(['id', 'tracking_no']).where('owner_id', '=', oldId).where('is_open', '=', 1).executeTakeFirstOrThrow()
    const past = ok(await server.call<Booking>('counselling', 'book', { counsellorId: linId, start: at('2026-11-30', '09:00'), mode: 'in_person' }, chen))
    clock.set(atLocal('2026-11-30', '10:00'))
    ok(await server.call('counselling', 'markAttendance', { id: past.id, attended: true }, lin))
    ok(await server.call('counselling', 'writeNote', { id: past.id, notes: '初次访谈，情绪平稳。' }, lin))
    const future = ok(await server.call<{ bookings: Booking[] }>('counselling', 'myBookings', {}, chen)).bookings.find((b) => b.start === at('2026-12-02', '09:00'))!
    await screen(chen)
    const liBefore = ok(await account<DataExport>('export', {}, li))

    // Staff cannot delete their own account; the confirmation is required.
    expect(await account('deleteAccount', { confirm: true }, huang)).toMatchObject({ ok: false, error: { code: 'ACCOUNT_HAS_STAFF_ROLE' } })
    expect(await account('deleteAccount', {}, chen)).toMatchObject({ ok: false, error: { code: 'MISSING_FIELD' } })

    const report = ok(await account<DeletionReport>('deleteAccount', { confirm: true }, chen))
    expect(report).toMatchObject({ cancelledBookings: 1, detachedCases: 2, openCases: 1, deleted: { screenings: 1, consultations: 1, bookings: 1, files: 1 } })
    expect([await stored(onCase), await stored(loose)]).toEqual([true, false])
    expect(await db().selectFrom('files').select('owner_id').where('id', '=', onCase).executeTakeFirstOrThrow()).toEqual({ owner_id: ERASED_USER_ID })

    // Signed out: the old token names nobody.
    expect(await server.call('auth', 'me', {}, chen)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await account('summary', {}, chen)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })

    // Nothing of hers is left under her id.
    for (const [table, column] of [
      ['users', 'id'],
      ['role_grants', 'user_id'],
      ['bookings', 'person_id'],
      ['screenings', 'person_id'],
      ['consultations', 'person_id'],
      ['messages', 'user_id'],
      ['files', 'owner_id'],
      ['waitlist', 'person_id'],
      ['cases', 'owner_id'],
      ['cases', 'filed_by'],
      ['case_events', 'actor_id']
    ] as const) {
      const n = Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where(column, '=', oldId).executeTakeFirstOrThrow()).n)
      expect([table, column, n]).toEqual([table, column, 0])
    }
    expect(Number((await db().selectFrom('idempotency').select((eb) => eb.fn.countAll<number>().as('n')).where('request_key', 'like', `${oldId}:%`).executeTakeFirstOrThrow()).n)).toBe(0)

    // The case records are kept, detached; the closed one's name and phone replaced, the open one's kept until it closes.
    const kept = await db().selectFrom('cases').selectAll().where('owner_id', '=', ERASED_USER_ID).execute()
    expect(kept).toHaveLength(2)
    const closedRow = kept.find((c) => c.id === closed.id)!
    expect([cipher().open(closedRow.contact_name, siteOf('cases', 'contact_name', closedRow)), cipher().open(closedRow.contact_phone, siteOf('cases', 'contact_phone', closedRow)), closedRow.phone_hash, cipher().open(closedRow.description, siteOf('cases', 'description', closedRow))]).toEqual([ERASED_MARK, ERASED_MARK, '', closed.description])
    const openRow = kept.find((c) => c.id === open.id)!
    expect(cipher().open(openRow.contact_name, siteOf('cases', 'contact_name', openRow))).toBe('陈秀英')
    // Staff still see the case; closing it replaces the contact details in the same write.
    const detail = ok(await server.call<CaseDetail>('petition', 'get', { id: open.id }, huang))
    expect(detail.contactName).toBe('陈秀英')
    ok(await server.call('petition', 'decline', { id: open.id, reason: '已另案处理', otherRoutes: '可向司法所咨询' }, huang))
    const nowClosed = ok(await server.call<CaseDetail>('petition', 'get', { id: open.id }, huang))
    expect([nowClosed.trackingNo, nowClosed.status, nowClosed.contactName, nowClosed.contactPhone]).toEqual([open.tracking_no, 'declined', ERASED_MARK, ERASED_MARK])
    // Nobody is told about the erased person's case.
    expect(Number((await db().selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', ERASED_USER_ID).executeTakeFirstOrThrow()).n)).toBe(0)

    // The future booking was cancelled and the counsellor told; the past session and its notes stay, detached.
    const linMessages = ok(await server.call<{ items: Message[] }>('messages', 'list', { limit: 50 }, lin)).items
    expect(linMessages.some((m) => m.kind === 'booking.cancelled')).toBe(true)
    expect(await db().selectFrom('bookings').select('id').where('id', '=', future.id).executeTakeFirst()).toBeUndefined()
    const session = await db().selectFrom('bookings').selectAll().where('id', '=', past.id).executeTakeFirstOrThrow()
    expect([session.person_id, session.pseudonym]).toEqual([ERASED_USER_ID, null])
    expect(await db().selectFrom('session_notes').select('booking_id').where('booking_id', '=', past.id).executeTakeFirst()).toBeDefined()
    // The freed slot can be booked by somebody else.
    ok(await server.call<Booking>('counselling', 'book', { counsellorId: linId, start: at('2026-12-02', '09:00'), mode: 'phone' }, li))

    // Another person's data is untouched (their booking just made aside).
    const liAfter = ok(await account<DataExport>('export', {}, li))
    expect(liAfter.cases).toEqual(liBefore.cases)
    expect(liAfter.screenings).toEqual(liBefore.screenings)

    // Signing in again makes a new, empty account.
    const again = await server.signIn('resident-chen')
    const me = ok(await server.call<Me>('auth', 'me', {}, again))
    expect(me.userId).not.toBe(oldId)
    expect(me.homeRegion).toBeNull()
    const fresh = ok(await account<DataSummary>('summary', {}, again))
    expect(fresh.counts).toEqual({ cases: 0, bookings: 0, consultations: 0, screenings: 0, messages: 0, files: 0 })
    expect(fresh.consents).toEqual([])
    // The erased person cannot be signed in as (no demo account, no WeChat openid).
    expect(await server.call('auth', 'demoSignIn', { account: ERASED_USER_ID })).toMatchObject({ ok: false })
  })

  test('two deletions of one account at once: one does it, the other finds no account', async () => {
    const { db: kdb, newId, tokens } = server.backend.services
    const id = newId()
    await kdb.insertInto('users').values({ id, display_name: '王阿婆', openid: null, demo_account: null, home_region: null, created_at: T0.toISOString() }).execute()
    await kdb.insertInto('role_grants').values({ user_id: id, role: 'resident', region_code: '', created_at: T0.toISOString() }).execute()
    const token = tokens.issue(id, clock.now()).token
    ok(await server.call<CaseDetail>('petition', 'file', filing({ contactName: '王阿婆' }), token))
    const results = await Promise.all([account('deleteAccount', { confirm: true }, token), account('deleteAccount', { confirm: true }, token)])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await kdb.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined()
  })
})
