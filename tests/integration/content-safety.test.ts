/**
 * Every text an input gives that someone other than its writer sees passes the content check: a refused text is
 * refused on its own field with nothing written, and when the check cannot run the request is refused with
 * CONTENT_CHECK_UNAVAILABLE (HTTP 503, retry) and nothing is written — never published unchecked.
 */
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { fixedClock } from '../../cloud/ports/clock'
import type { LocalContentChecker } from '../../cloud/ports/content'
import type { CaseDetail } from '../../types/functions/petition'
import type { Consultation, VillageAdvisor } from '../../types/functions/legal'
import { filing } from '../support/fixtures'

const BAD = '加微信看裸聊'
const DONGPING = '441302001200'
const NO_SUCH_ID = 'AAAAAAAAAAAAAAAAAAAAAA'

describe.each(DATABASES)('content safety on %s', (kind) => {
  let server: TestServer
  let resident: string, centre: string
  let caseId: string

  beforeAll(async () => {
    server = await startTestServer(kind, { clock: fixedClock(new Date('2026-11-27T02:00:00Z')) })
    ;[resident, centre] = await Promise.all(['resident-chen', 'centre-huang'].map((a) => server.signIn(a)))
    caseId = ok(await server.call<CaseDetail>('petition', 'file', filing(), resident)).id
  })
  afterAll(async () => server.close())

  const ok = <T>(r: { ok: boolean; data?: T; error?: unknown }): T => {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
    return r.data as T
  }
  const db = () => server.backend.services.db
  const count = async (table: 'cases' | 'case_events' | 'bookings' | 'waitlist' | 'consultations'): Promise<number> =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const written = async () => Promise.all([count('cases'), count('case_events'), count('bookings'), count('waitlist'), count('consultations')])
  const refusedOn = (field: string) => ({ ok: false, error: expect.objectContaining({ code: 'CONTENT_REJECTED', field }) })

  test('each text of a filing is checked and a refused one is named, nothing filed', async () => {
    const before = await written()
    for (const field of ['title', 'description', 'otherPartyName', 'otherPartyContact', 'address', 'contactName']) {
      const r = await server.call('petition', 'file', filing({ kind: 'dispute', disputeType: 'neighbours', otherPartyName: '林某', [field]: BAD }), resident)
      expect([field, r]).toEqual([field, refusedOn(field)])
    }
    expect(await written()).toEqual(before)
  })

  test('each text of a case step is checked, the refused one named, the case unchanged', async () => {
    const steps: [string, Record<string, unknown>, string, string][] = [
      ['addInfo', { text: BAD }, 'text', resident],
      ['withdraw', { reason: BAD }, 'reason', resident],
      ['rate', { rating: 'satisfied', comment: BAD }, 'comment', resident],
      ['requestReview', { reason: BAD }, 'reason', resident],
      ['accept', { note: BAD }, 'note', centre],
      ['decline', { reason: '不属于受理范围', otherRoutes: BAD }, 'otherRoutes', centre],
      ['assign', { department: BAD }, 'department', centre],
      ['transfer', { townshipCode: '441302001', reason: BAD }, 'reason', centre],
      ['escalate', { level: 'county', reason: BAD }, 'reason', centre],
      ['extend', { days: 5, reason: BAD }, 'reason', centre],
      ['recordSession', { date: '2026-11-27', participants: BAD, notes: '双方到场' }, 'participants', centre],
      ['recordSession', { date: '2026-11-27', participants: '双方', notes: BAD }, 'notes', centre],
      ['flagRisk', { note: BAD }, 'note', centre],
      ['closeMediation', { success: true, agreement: BAD, partiesConfirmed: true }, 'agreement', centre],
      ['closeMediation', { success: false, otherRoutes: BAD }, 'otherRoutes', centre],
      ['close', { opinion: BAD }, 'opinion', centre],
      ['takeOver', { reason: BAD }, 'reason', centre],
      ['undoClaim', { reason: BAD }, 'reason', centre]
    ]
    const before = await written()
    const row = await db().selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow()
    for (const [action, input, field, token] of steps) {
      const r = await server.call('petition', action, { id: caseId, ...input }, token)
      expect([action, field, r]).toEqual([action, field, refusedOn(field)])
    }
    expect(await written()).toEqual(before)
    expect(await db().selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow()).toEqual(row)
  })

  test('pseudonyms and cancellation reasons of bookings, and comments on consultations, are checked', async () => {
    const before = await written()
    const calls: [string, string, Record<string, unknown>, string, string][] = [
      ['counselling', 'book', { counsellorId: NO_SUCH_ID, start: '2026-12-01T02:00:00Z', mode: 'in_person', pseudonym: BAD }, 'pseudonym', resident],
      ['counselling', 'joinWaitlist', { counsellorId: NO_SUCH_ID, date: '2026-12-01', pseudonym: BAD }, 'pseudonym', resident],
      ['counselling', 'cancel', { id: NO_SUCH_ID, reason: BAD }, 'reason', resident],
      ['legal', 'cancel', { id: NO_SUCH_ID, reason: BAD }, 'reason', resident],
      ['legal', 'close', { id: NO_SUCH_ID, rating: 'satisfied', comment: BAD }, 'comment', resident],
      ['legal', 'rate', { id: NO_SUCH_ID, rating: 'satisfied', comment: BAD }, 'comment', resident]
    ]
    for (const [fn, action, input, field, token] of calls) {
      const r = await server.call(fn, action, input, token)
      expect([fn, action, r]).toEqual([fn, action, refusedOn(field)])
    }
    expect(await written()).toEqual(before)
  })

  test('a consultation turned into a case checks the texts the case is given', async () => {
    const heId = ok(await server.call<VillageAdvisor>('legal', 'forVillage', { code: DONGPING })).advisor!.id
    const c = ok(await server.call<Consultation>('legal', 'ask', { advisorId: heId, villageCode: DONGPING, category: 'land_contract', text: '承包合同还有八年，村里要收回，可以吗？' }, resident))
    const before = await written()
    for (const field of ['otherPartyName', 'otherPartyContact', 'title', 'contactName']) {
      const r = await server.call('legal', 'toCase', { id: c.id, otherPartyName: '林某', contactPhone: '13812345678', consentVersion: '2026-11-01', [field]: BAD }, resident)
      expect([field, r]).toEqual([field, refusedOn(field)])
    }
    expect(await written()).toEqual(before)
  })

  test('when the check cannot run, a filing is refused with a retry answer in the person\'s language and nothing is written', async () => {
    const checker = server.backend.services.content as LocalContentChecker
    const before = await written()
    checker.unavailable = true
    try {
      const r = await server.post('petition', { action: 'file', input: filing() }, resident)
      expect(r.status).toBe(503)
      expect(r.body).toEqual({ ok: false, error: expect.objectContaining({ code: 'CONTENT_CHECK_UNAVAILABLE', message: '内容安全检查暂时无法完成，请稍后再试。您填写的内容没有丢失。' }) })
      const step = await server.call('petition', 'addInfo', { id: caseId, text: '补充：路灯还是不亮' }, resident)
      expect(step).toEqual({ ok: false, error: expect.objectContaining({ code: 'CONTENT_CHECK_UNAVAILABLE' }) })
      expect(await written()).toEqual(before)
    } finally {
      checker.unavailable = false
    }
    ok(await server.call('petition', 'file', filing(), resident))
  })

  test('a retry of a request already carried out gets its first answer, even while the check cannot run', async () => {
    const checker = server.backend.services.content as LocalContentChecker
    const filed = ok(await server.call<CaseDetail>('petition', 'file', filing({ title: '重试的事项' }), resident, { requestId: 'retry-file-0001' }))
    const added = ok(await server.call('petition', 'addInfo', { id: filed.id, text: '补充：照片见附件' }, resident, { requestId: 'retry-info-0001' }))
    const before = await written()
    checker.unavailable = true
    try {
      // The answers were lost on the way back; the phone sends the same requests again.
      expect(ok(await server.call<CaseDetail>('petition', 'file', filing({ title: '重试的事项' }), resident, { requestId: 'retry-file-0001' })).id).toBe(filed.id)
      expect(ok(await server.call('petition', 'addInfo', { id: filed.id, text: '补充：照片见附件' }, resident, { requestId: 'retry-info-0001' }))).toEqual(added)
      // A new request still may not pass unchecked.
      const fresh = await server.call('petition', 'addInfo', { id: filed.id, text: '补充：照片见附件' }, resident, { requestId: 'retry-info-0002' })
      expect(fresh).toEqual({ ok: false, error: expect.objectContaining({ code: 'CONTENT_CHECK_UNAVAILABLE' }) })
    } finally {
      checker.unavailable = false
    }
    expect(await written()).toEqual(before)
  })
})
