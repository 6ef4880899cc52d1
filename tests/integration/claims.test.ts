/**
 * Claiming a case filed on a resident's behalf (代办), on every configured database: it takes a one-time claim code
 * only the resident gets (shown once to the filing grid worker, sent by SMS where a sender is configured), the filer
 * is told, centre staff undo a wrong claim; tracking numbers cannot be counted through and the Open311 feed names
 * cases by ids of its own; a stranger's wrong guesses never lock the owner out; one phone number in any spelling.
 */
import { createApp } from '../../cloud/app'
import { fixedClock } from '../../cloud/ports/clock'
import type { ClaimCodeSms } from '../../cloud/ports/sms'
import type { CaseDetail, CaseLookup } from '../../types/functions/petition'
import type { Message } from '../../types/functions/messages'
import type { Page } from '../../types/functions/petition'
import { isTrackingNo } from '../../types/tracking'
import { normaliseStoredPhones } from '../../cloud/db/phones'
import { DATABASES, RELAXED_LIMITS, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import { siteOf } from '../../cloud/db/sealed'

describe.each(DATABASES)('claims on %s', (kind) => {
  const clock = fixedClock(new Date('2026-11-27T02:00:00Z'))
  let server: TestServer
  let grid: string, li: string, chen: string, centre: string, otherCentre: string
  const texts: ClaimCodeSms[] = []

  beforeAll(async () => {
    server = await startTestServer(kind, { clock, settings: { rateLimits: { ...RELAXED_LIMITS.rateLimits, claim: { attempts: 5, minutes: 10 }, lookup: { attempts: 5, minutes: 10 } } } })
    ;[grid, li, chen, centre, otherCentre] = await Promise.all(['grid-tang', 'resident-li', 'resident-chen', 'centre-huang', 'other-centre-liang'].map((a) => server.signIn(a)))
  })
  afterAll(async () => server.close())
  afterEach(() => {
    server.backend.services.sms = null
    texts.length = 0
    // Each test starts with no failed guesses counted.
    clock.advance(11 * 60_000)
  })

  const ok = <T>(r: { ok: boolean; data?: T; error?: unknown }): T => {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
    return r.data as T
  }
  const fileFor = async (phone: string, requestId?: string) =>
    ok(await server.call<CaseDetail>('petition', 'file', filing({ onBehalf: true, contactName: '王阿婆', contactPhone: phone }), grid, requestId ? { requestId } : {}))
  const claim = (token: string, trackingNo: string, contactPhone: string, claimCode: string) => server.call<CaseDetail>('petition', 'claim', { trackingNo, contactPhone, claimCode }, token)
  const row = (id: string) => server.backend.services.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  test('a grid worker’s filing answers with a one-time claim code, stored only as a keyed hash and never shown again', async () => {
    const c = await fileFor('13700001111')
    expect(c.claimCode).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/)
    expect(c.claimCodeSent).toBe(false)
    const stored = await row(c.id)
    expect(stored.claim_code_hash).toBeTruthy()
    const code = c.claimCode!.replace('-', '')
    expect(JSON.stringify(stored)).not.toContain(code)
    expect(ok(await server.call<CaseDetail>('petition', 'get', { id: c.id }, grid)).claimCode).toBeUndefined()
    expect(ok(await server.call<CaseDetail>('petition', 'get', { id: c.id }, grid)).can).toContain('reissueClaimCode')
    // A resident's own filing has nothing to claim.
    const own = ok(await server.call<CaseDetail>('petition', 'file', filing(), chen))
    expect(own.claimCode).toBeUndefined()
    expect((await row(own.id)).claim_code_hash).toBeNull()
  })

  test('tracking numbers are random with a check character, not a daily counter', async () => {
    const numbers = [(await fileFor('13700001112')).trackingNo, (await fileFor('13700001113')).trackingNo, ok(await server.call<CaseDetail>('petition', 'file', filing(), chen)).trackingNo]
    for (const no of numbers) {
      expect(no).toMatch(/^4413-20261127-[2-9A-HJKMNP-Z]{6}$/)
      expect(isTrackingNo(no)).toBe(true)
    }
    expect(new Set(numbers).size).toBe(3)
    // A slip in one character is caught by the check character, before any look-up.
    const slip = numbers[0].slice(0, -2) + (numbers[0].at(-2) === 'A' ? 'B' : 'A') + numbers[0].at(-1)
    expect(await server.call('petition', 'lookup', { trackingNo: slip, contactPhone: '13700001112' })).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE', field: 'trackingNo' } })
    // Typed in lower case with spaces, it is the same number.
    expect(ok(await server.call<CaseLookup>('petition', 'lookup', { trackingNo: ` ${numbers[0].toLowerCase()} `, contactPhone: '13700001112' })).trackingNo).toBe(numbers[0])
  })

  test('the number and the phone are not enough: a claim needs the code; wrong code, wrong phone and unknown number look alike', async () => {
    const c = await fileFor('13900002222')
    expect(await server.call('petition', 'claim', { trackingNo: c.trackingNo, contactPhone: '13900002222' }, li)).toMatchObject({ ok: false, error: { code: 'MISSING_FIELD', field: 'claimCode' } })
    const wrongCode = await claim(li, c.trackingNo, '13900002222', 'ABCD-EFGH')
    const wrongPhone = await claim(li, c.trackingNo, '13900002223', c.claimCode!)
    const unknown = await claim(li, '4413-20260101-9999', '13900002222', c.claimCode!)
    expect(wrongCode).toMatchObject({ ok: false, error: { code: 'CASE_NOT_FOUND' } })
    expect(wrongPhone).toEqual(wrongCode)
    expect(unknown).toEqual(wrongCode)
    expect((await row(c.id)).owner_id).toBeNull()

    // The code as printed, typed in lower case with a space: it works once.
    const claimed = ok(await claim(li, c.trackingNo, '139 0000 2222', c.claimCode!.toLowerCase().replace('-', ' ')))
    expect(claimed.id).toBe(c.id)
    expect(claimed.events.at(-1)!.type).toBe('claim')
    expect((await row(c.id)).claim_code_hash).toBeNull()
    expect(await claim(chen, c.trackingNo, '13900002222', c.claimCode!)).toMatchObject({ ok: false, error: { code: 'CASE_NOT_FOUND' } })

    // The grid worker who filed it is told.
    const messages = ok(await server.call<Page<Message>>('messages', 'list', {}, grid))
    expect(messages.items.find((m) => m.caseId === c.id)).toMatchObject({ kind: 'case.claimed' })
  })

  test('centre staff undo a wrong claim: the case waits again with a new code, the old one is spent, the filer is told', async () => {
    const c = await fileFor('13900004444')
    ok(await claim(chen, c.trackingNo, '13900004444', c.claimCode!))
    // Only the centre handling it: not the wrong claimant, not the filer, not another township's centre.
    expect(await server.call('petition', 'undoClaim', { id: c.id, reason: '认领人不是本人' }, chen)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await server.call('petition', 'undoClaim', { id: c.id, reason: '认领人不是本人' }, grid)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await server.call('petition', 'undoClaim', { id: c.id, reason: '认领人不是本人' }, otherCentre)).toMatchObject({ ok: false, error: { code: 'CASE_NOT_FOUND' } })
    expect(ok(await server.call<CaseDetail>('petition', 'get', { id: c.id }, centre)).can).toContain('undoClaim')

    clock.advance(60_000)
    const undone = ok(await server.call<CaseDetail>('petition', 'undoClaim', { id: c.id, reason: '认领人不是本人' }, centre))
    expect(undone.events.at(-1)).toMatchObject({ type: 'unclaim', data: { reason: '认领人不是本人' } })
    expect(undone.claimCode).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/)
    expect((await row(c.id)).owner_id).toBeNull()
    expect(await server.call('petition', 'get', { id: c.id }, chen)).toMatchObject({ ok: false, error: { code: 'CASE_NOT_FOUND' } })
    expect(await server.call('petition', 'undoClaim', { id: c.id, reason: '再来一次' }, centre)).toMatchObject({ ok: false, error: { code: 'ILLEGAL_MOVE' } })
    const messages = ok(await server.call<Page<Message>>('messages', 'list', {}, grid))
    expect(messages.items.find((m) => m.caseId === c.id)).toMatchObject({ kind: 'case.unclaimed' })

    expect(await claim(li, c.trackingNo, '13900004444', c.claimCode!)).toMatchObject({ ok: false, error: { code: 'CASE_NOT_FOUND' } })
    expect(ok(await claim(li, c.trackingNo, '13900004444', undone.claimCode!)).id).toBe(c.id)
  })

  test('a new code on request (the filer or the centre), and on a replayed filing whose answer may have been lost', async () => {
    const c = await fileFor('13900005555', 'claims-replay-0001')
    const replay = await fileFor('13900005555', 'claims-replay-0001')
    expect(replay.id).toBe(c.id)
    expect(replay.claimCode).toBeTruthy()
    expect(replay.claimCode).not.toBe(c.claimCode)
    expect(await claim(li, c.trackingNo, '13900005555', c.claimCode!)).toMatchObject({ ok: false, error: { code: 'CASE_NOT_FOUND' } })

    expect(await server.call('petition', 'reissueClaimCode', { id: c.id }, chen)).toMatchObject({ ok: false, error: { code: 'CASE_NOT_FOUND' } })
    const again = ok(await server.call<CaseDetail>('petition', 'reissueClaimCode', { id: c.id }, grid))
    const centreCode = ok(await server.call<CaseDetail>('petition', 'reissueClaimCode', { id: c.id }, centre))
    expect(await claim(li, c.trackingNo, '13900005555', again.claimCode!)).toMatchObject({ ok: false, error: { code: 'CASE_NOT_FOUND' } })
    expect(ok(await claim(li, c.trackingNo, '13900005555', centreCode.claimCode!)).id).toBe(c.id)
    expect(await server.call('petition', 'reissueClaimCode', { id: c.id }, grid)).toMatchObject({ ok: false, error: { code: 'ILLEGAL_MOVE' } })
  })

  test('where an SMS sender is configured, the code also goes to the phone the case was filed with', async () => {
    server.backend.services.sms = { sendClaimCode: async (m) => void texts.push(m) }
    const c = await fileFor('+86 139-0000-6666')
    expect(c.claimCodeSent).toBe(true)
    expect(texts).toEqual([{ to: '+8613900006666', trackingNo: c.trackingNo, code: c.claimCode }])
    server.backend.services.sms = { sendClaimCode: async () => Promise.reject(new Error('provider down')) }
    const failed = ok(await server.call<CaseDetail>('petition', 'reissueClaimCode', { id: c.id }, grid))
    expect(failed.claimCodeSent).toBe(false)
    expect(failed.claimCode).toBeTruthy()
  })

  test('the Open311 feed names cases by opaque ids of its own, not tracking numbers or case ids', async () => {
    const c = ok(await server.call<CaseDetail>('petition', 'file', filing({ title: '公开数据' }), chen))
    const requests = (await (await fetch(`${server.url}/open311/v2/requests.json`)).json()) as { service_request_id: string }[]
    const ids = requests.map((r) => r.service_request_id)
    const publicId = (await row(c.id)).public_id
    expect(ids).toContain(publicId)
    expect(ids).not.toContain(c.trackingNo)
    expect(ids).not.toContain(c.id)
    expect(ids.some((id) => /^44\d{2}-/.test(id))).toBe(false)
    expect((await fetch(`${server.url}/open311/v2/requests/${publicId}.json`)).status).toBe(200)
    expect((await fetch(`${server.url}/open311/v2/requests/${c.trackingNo}.json`)).status).toBe(404)
  })

  test('a stranger’s wrong guesses never lock the owner out, while the stranger is slowed down', async () => {
    const c = await fileFor('13900007777')
    const app = createApp(server.backend.services)
    const lookup = (phone: string, client: string) => app.dispatch('petition', { action: 'lookup', input: { trackingNo: c.trackingNo, contactPhone: phone } }, { kind: 'anonymous', client })
    // Twenty wrong phones from a stranger's address: the first five are answered "not found", then "too many".
    const stranger = await Promise.all(Array.from({ length: 20 }, (_, i) => lookup(`1380000${String(i).padStart(4, '0')}`, 'ip:10.9.9.9')))
    expect(stranger.filter((r) => !r.ok && r.error.code === 'CASE_NOT_FOUND')).toHaveLength(5)
    expect(stranger.filter((r) => !r.ok && r.error.code === 'RATE_LIMITED')).toHaveLength(15)
    // The owner, from their own phone, is not blocked by any of it.
    expect(ok(await lookup('13900007777', 'ip:10.1.1.1'))).toMatchObject({ trackingNo: c.trackingNo })
    // The stranger stays limited, even with the right phone, and on other numbers too.
    expect(await lookup('13900007777', 'ip:10.9.9.9')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    // The owner's correct look-ups do not count: they can check as often as they like.
    for (let i = 0; i < 8; i++) expect((await lookup('13900007777', 'ip:10.1.1.1')).ok).toBe(true)

    // Claiming: a signed-in stranger's wrong codes are counted against them, not the case.
    const token = (account: string) => server.signIn(account)
    const [strangerToken, ownerToken] = await Promise.all([token('city-zheng'), token('resident-li')])
    const claimAs = (t: string, code: string, client: string) =>
      app.dispatch('petition', { action: 'claim', input: { trackingNo: c.trackingNo, contactPhone: '13900007777', claimCode: code } }, { kind: 'token', token: t, client })
    for (let i = 0; i < 5; i++) expect(await claimAs(strangerToken, `ABCD-EFG${2 + i}`, 'ip:10.9.9.8')).toMatchObject({ ok: false, error: { code: 'CASE_NOT_FOUND' } })
    // Limited as a person, from any address.
    expect(await claimAs(strangerToken, 'ABCD-EFGH', 'ip:10.9.9.7')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    expect(await claimAs(ownerToken, c.claimCode!, 'ip:10.1.1.1')).toMatchObject({ ok: true, data: { id: c.id } })
  })

  test('one phone number in any spelling: +86 138-2222-3333, 8613822223333 and 13822223333', async () => {
    const c = ok(await server.call<CaseDetail>('petition', 'file', filing({ contactPhone: '+86 138-2222-3333' }), chen))
    expect((await row(c.id)).phone_hash).toBe(server.backend.services.cipher.hash('+8613822223333'))
    for (const spelling of ['8613822223333', '13822223333', '+86 138 2222 3333', '138-2222-3333']) {
      expect(ok(await server.call<CaseLookup>('petition', 'lookup', { trackingNo: c.trackingNo, contactPhone: spelling })).trackingNo).toBe(c.trackingNo)
    }
    const proxy = await fileFor('8613822224444')
    expect(ok(await claim(li, proxy.trackingNo, '+86 138 2222 4444', proxy.claimCode!)).id).toBe(proxy.id)
  })

  test('a tracking number typed with spaces, in lower case or without dashes finds the case; a wrong one says what to type', async () => {
    const c = ok(await server.call<CaseDetail>('petition', 'file', filing({ contactPhone: '13822226666' }), chen))
    const [city, day, random] = c.trackingNo.split('-')
    for (const typed of [`${city} ${day} ${random.toLowerCase()}`, `${city}${day}${random}`, ` ${city}${day}${random.toLowerCase()} `, `${city} - ${day} - ${random}`]) {
      expect([typed, ok(await server.call<CaseLookup>('petition', 'lookup', { trackingNo: typed, contactPhone: '138 2222 6666' })).trackingNo]).toEqual([typed, c.trackingNo])
    }
    const slip = `${city} ${day} ${random.slice(0, -1)}${random.at(-1) === 'A' ? 'b' : 'a'}`
    expect(await server.call('petition', 'lookup', { trackingNo: slip, contactPhone: '13822226666' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_VALUE', field: 'trackingNo', message: '“事项编号”填写得不对。请照回执上的编号填写，例如 4413-20261127-7KQ4XK。' }
    })
    expect(await server.call('petition', 'lookup', { trackingNo: c.trackingNo, contactPhone: '12345' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_VALUE', field: 'contactPhone', message: '“手机号码”填写得不对。请填写 11 位手机号码，例如 13812345678。' }
    })
  })

  test('phones stored before normalising are rewritten in E.164 once, at start, so they are found again', async () => {
    const { db, cipher } = server.backend.services
    const c = ok(await server.call<CaseDetail>('petition', 'file', filing({ contactPhone: '13822225555' }), chen))
    // As an older version stored it: the phone as typed, hashed as typed.
    await db.updateTable('cases').set({ contact_phone: cipher.seal('13822225555', siteOf('cases', 'contact_phone', c)), phone_hash: cipher.hash('13822225555') }).where('id', '=', c.id).execute()
    expect(await server.call('petition', 'lookup', { trackingNo: c.trackingNo, contactPhone: '13822225555' })).toMatchObject({ ok: false, error: { code: 'CASE_NOT_FOUND' } })
    // Done once per database: a fresh start does nothing until the mark is gone.
    expect(await normaliseStoredPhones(db, cipher)).toBe(0)
    await db.deleteFrom('meta').where('key', '=', 'phones.e164').execute()
    expect(await normaliseStoredPhones(db, cipher)).toBe(1)
    expect(cipher.open((await row(c.id)).contact_phone, siteOf('cases', 'contact_phone', c))).toBe('+8613822225555')
    expect(ok(await server.call<CaseLookup>('petition', 'lookup', { trackingNo: c.trackingNo, contactPhone: '+86 138 2222 5555' })).trackingNo).toBe(c.trackingNo)
  })
})
