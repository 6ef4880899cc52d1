/**
 * The mediation agreement end to end on every configured database: only the parties, the case's mediator and the
 * centre read it; both parties sign with a one-time code, a signature twice is one; only the handling centre seals;
 * it takes effect on the last mark; the PDF carries the app's text and a check code that verifies, where a tampered one
 * fails; follow-ups, a report of non-performance, judicial confirmation and the public counts.
 */
import sharp from 'sharp'
import { fixedClock } from '../../cloud/ports/clock'
import { openRow, sealRow } from '../../cloud/db/sealed'
import { findCjkFont } from '../../cloud/ports/pdf'
import type { CaseDetail } from '../../types/functions/petition'
import type { PublicStats } from '../../types/functions/stats'
import type { AgreementContent, AgreementPdf, AgreementVerification, AgreementView } from '../../types/functions/agreement'
import { DATABASES, RELAXED_LIMITS, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import { pdfText, squeeze } from '../support/pdf-text'
import type { SignCodeSms } from '../../cloud/ports/sms'

/** A handwritten stroke as a canvas gives it: a transparent PNG. */
const strokePng = async () =>
  `data:image/png;base64,${(
    await sharp({ create: { width: 240, height: 90, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([{ input: Buffer.from('<svg width="240" height="90"><path d="M10 60 C 50 10, 100 80, 230 20" stroke="black" stroke-width="4" fill="none"/></svg>') }])
      .png()
      .toBuffer()
  ).toString('base64')}`

const content = (): AgreementContent => ({
  applicant: { name: '陈秀英', details: '女，1968年生，住东平村' },
  respondent: { name: '李建国', details: '男，1970年生，住东平村' },
  facts: '双方相邻，被申请人在共用通道堆放建材，影响申请人通行。',
  disputedMatters: '通道杂物的清理和通行损失。',
  responsibilities: '被申请人占用共用通道，负主要责任。',
  terms: '被申请人清理通道建材，并向申请人赔礼道歉。',
  performance: [
    { obligor: 'respondent', what: '清理通道建材', how: '自行清理', dueDate: '2026-12-15' },
    { obligor: 'respondent', what: '当面赔礼道歉', how: '当面', dueDate: '2026-12-10' }
  ]
})

describe.each(DATABASES)('the mediation agreement on %s', (kind) => {
  const clock = fixedClock(new Date('2026-12-07T02:00:00Z'))
  let server: TestServer
  let chen: string, li: string, grid: string, centre: string, mediator: string, otherMediator: string, otherCentre: string, county: string
  let caseId: string
  let PNG: string
  /** The signing codes that went by SMS. */
  const texts: SignCodeSms[] = []

  const ok = <T>(r: { ok: boolean; data?: T; error?: unknown }): T => {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
    return r.data as T
  }
  const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code)
  const call = <T>(action: string, input: Record<string, unknown>, token: string, extra: Record<string, unknown> = {}) =>
    server.call<T>('agreement', action, input, token, extra) as unknown as Promise<{ ok: boolean; data?: T; error?: { code: string; field?: string } }>
  const db = () => server.backend.services.db
  const userOf = async (account: string) => (await db().selectFrom('users').select('id').where('demo_account', '=', account).executeTakeFirstOrThrow()).id
  /** The newest signing code in a person's own messages. */
  const codeFor = async (account: string): Promise<string> => {
    const rows = await db().selectFrom('messages').selectAll().where('user_id', '=', await userOf(account)).where('kind', '=', 'agreement.code').orderBy('created_at', 'desc').execute()
    const params = JSON.parse(openRow(server.backend.services.cipher, 'messages', rows[0]).params) as { code: string }
    return params.code
  }

  beforeAll(async () => {
    PNG = await strokePng()
    // Three signing codes per person and case in this suite (each may be a paid text message).
    server = await startTestServer(kind, { clock, settings: { ...RELAXED_LIMITS, rateLimits: { ...RELAXED_LIMITS.rateLimits, signCode: { attempts: 3, minutes: 60 } } } })
    server.backend.services.sms = { sendClaimCode: async () => undefined, sendSignCode: async (m) => void texts.push(m) }
    ;[chen, li, grid, centre, mediator, otherMediator, otherCentre, county] = await Promise.all(
      ['resident-chen', 'resident-li', 'grid-tang', 'centre-huang', 'mediator-zhou', 'city-mediator-xu', 'other-centre-liang', 'county-wu'].map((a) => server.signIn(a))
    )
    const filed = ok(await server.call<CaseDetail>('petition', 'file', filing({ kind: 'dispute', disputeType: 'neighbours', otherPartyName: '李建国', title: '通道被堆放建材' }), chen))
    caseId = filed.id
    ok(await server.call<CaseDetail>('petition', 'accept', { id: caseId }, centre))
    ok(await server.call<CaseDetail>('petition', 'assign', { id: caseId, mediatorId: await userOf('mediator-zhou') }, centre))
    // The other party joins by invitation (the parties feature); here the join's result is set directly.
    await db().updateTable('cases').set({ respondent_id: await userOf('resident-li') }).where('id', '=', caseId).execute()
  })
  afterAll(async () => server.close())

  test('the mediator drafts from the case; the parties see it only once handed to them; nobody else sees it', async () => {
    // The case page links to an agreement only once there is one to read (never to an empty page).
    const hasAgreement = async (token: string) => ok(await server.call<CaseDetail>('petition', 'get', { id: caseId }, token)).hasAgreement
    expect(await hasAgreement(chen)).toBe(false)
    const template = ok(await call<{ content: AgreementContent }>('template', { caseId }, mediator))
    expect(template.content.applicant.name).toBe('陈秀英')
    expect(template.content.respondent.name).toBe('李建国')
    expect(code(await call('template', { caseId }, chen))).toBe('FORBIDDEN')

    const draft = ok(await call<AgreementView>('save', { caseId, content: { ...content(), facts: '' } }, mediator))
    expect(draft.status).toBe('draft')
    expect(ok(await call('get', { caseId }, chen))).toBeNull()
    expect([await hasAgreement(chen), await hasAgreement(mediator)]).toEqual([false, true])
    // An incomplete draft is not handed out; the refusal names the missing part.
    const refused = await call('issue', { caseId, version: draft.version }, mediator)
    expect(refused.error).toMatchObject({ code: 'AGREEMENT_INCOMPLETE', field: 'content.facts' })
    const past = await call('save', { caseId, content: { ...content(), performance: [{ ...content().performance[0], dueDate: '2026-12-01' }] } }, mediator)
    expect(past.error).toMatchObject({ code: 'INVALID_VALUE', field: 'content.performance.0.dueDate' })

    const saved = ok(await call<AgreementView>('save', { caseId, content: content() }, mediator))
    const issued = ok(await call<AgreementView>('issue', { caseId, version: saved.version }, mediator))
    expect(issued.status).toBe('signing')
    expect(await hasAgreement(chen)).toBe(true)
    for (const [token, you] of [
      [chen, 'applicant'],
      [li, 'respondent'],
      [mediator, 'mediator'],
      [centre, 'centre'],
      [county, 'staff']
    ] as const) {
      const view = ok(await call<AgreementView>('get', { caseId }, token))
      expect(view.you).toBe(you)
      expect(view.sections.map((s) => s.body).join('\n')).toContain('被申请人清理通道建材')
    }
    for (const token of [grid, otherMediator, otherCentre]) expect(code(await call('get', { caseId }, token))).toBe('CASE_NOT_FOUND')
    expect(code(await call('requestCode', { caseId, version: issued.version }, otherMediator))).toBe('CASE_NOT_FOUND')
  })

  test('a party signs with the code from their own messages; a wrong or missing code signs nothing; twice is once', async () => {
    const { version } = ok(await call<AgreementView>('get', { caseId }, chen))
    expect(code(await call('sign', { caseId, version, image: PNG }, chen))).toBe('SIGN_CODE_REQUIRED')
    expect(ok(await call<{ smsSent: boolean }>('requestCode', { caseId, version }, chen)).smsSent).toBe(true)
    const right = await codeFor('resident-chen')
    // The same code by SMS to the phone she gave on filing, as the invitation goes.
    expect(texts).toEqual([{ to: '+8613812345678', trackingNo: expect.any(String), code: right, minutes: 10 }])
    const wrong = right === '000000' ? '000001' : '000000'
    expect(code(await call('sign', { caseId, version, image: PNG, code: wrong }, chen))).toBe('SIGN_CODE_WRONG')
    // Only the person themself got the code.
    expect(await db().selectFrom('messages').select('user_id').where('kind', '=', 'agreement.code').execute()).toEqual([{ user_id: await userOf('resident-chen') }])
    // A stale version is not signed: the party signs what they read.
    expect(code(await call('sign', { caseId, version: version + 1, image: PNG, code: right }, chen))).toBe('AGREEMENT_CHANGED')
    expect(code(await call('sign', { caseId, version, image: 'data:image/png;base64,AAAA', code: right }, chen))).toBe('INVALID_VALUE')

    const signed = ok(await call<AgreementView>('sign', { caseId, version, image: PNG, code: right }, chen, { requestId: 'sign-chen-1' }))
    expect(signed.signatures.find((s) => s.signer === 'applicant')!.signedAt).toBe(clock.now().toISOString())
    expect(signed.can.sign).toBe(false)
    // The same request again, and a new request: still one signature, and the spent code signs nothing else.
    ok(await call('sign', { caseId, version, image: PNG, code: right }, chen, { requestId: 'sign-chen-1' }))
    ok(await call('sign', { caseId, version, image: PNG, code: right }, chen, { requestId: 'sign-chen-2' }))
    const rows = await db().selectFrom('agreement_signatures').select(['signer', 'signed_at']).execute()
    expect(rows).toEqual([{ signer: 'applicant', signed_at: clock.now().toISOString() }])
    // The applicant cannot sign for the respondent: they have no side but their own.
    expect(code(await call('seal', { caseId, version }, chen))).toBe('FORBIDDEN')
  })

  test('only the handling centre seals; the agreement takes effect on the last mark and says so', async () => {
    const { version } = ok(await call<AgreementView>('get', { caseId }, li))
    clock.advance(3_600_000)
    // The applicant typed no phone for him: his code is in his messages only.
    texts.length = 0
    expect(ok(await call<{ smsSent: boolean }>('requestCode', { caseId, version }, li)).smsSent).toBe(false)
    expect(texts).toEqual([])
    // Asking again and again: the third code is the last for a while (a limit per person and case).
    ok(await call('requestCode', { caseId, version }, li))
    ok(await call('requestCode', { caseId, version }, li))
    expect(code(await call('requestCode', { caseId, version }, li))).toBe('RATE_LIMITED')
    ok(await call('sign', { caseId, version, image: PNG, code: await codeFor('resident-li') }, li))
    for (const token of [mediator, county, chen, li, otherCentre]) expect(code(await call('seal', { caseId, version }, token))).not.toBe('ok')
    clock.advance(3_600_000)
    const sealed = ok(await call<AgreementView>('seal', { caseId, version }, centre))
    expect(sealed.status).toBe('signing')
    expect(sealed.effectiveAt).toBeNull()
    clock.advance(3_600_000)
    const last = clock.now().toISOString()
    const effective = ok(await call<AgreementView>('sign', { caseId, version, image: PNG }, mediator))
    expect(effective).toMatchObject({ status: 'effective', effectiveAt: last })
    // Signed at 13:00 Shanghai on 7 December: the window's last day is 6 January, at the basic court of 惠城区.
    expect(effective.window).toMatchObject({ effectiveDate: '2026-12-07', lastDay: '2027-01-06', open: true, daysLeft: 30 })
    expect(effective.window!.court).toMatch(/惠城区人民法院$/)
    expect(effective.followUps.map((f) => f.dueDate)).toEqual(['2026-12-10', '2026-12-15'])
    expect(effective.checkCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    // Both parties have it in their timeline and their messages.
    const detail = ok(await server.call<CaseDetail>('petition', 'get', { id: caseId }, li))
    expect(detail.events.filter((e) => e.type === 'agreement').map((e) => e.data.step)).toEqual(['issued', 'signed', 'signed', 'sealed', 'signed', 'effective'])
    for (const account of ['resident-chen', 'resident-li']) {
      const kinds = (await db().selectFrom('messages').select('kind').where('user_id', '=', await userOf(account)).execute()).map((m) => m.kind)
      expect(kinds).toContain('agreement.effective')
    }
  })

  const maybe = findCjkFont() ? test : test.skip
  maybe('the PDF carries the app’s text and a check code that verifies; a tampered code or record fails', async () => {
    const view = ok(await call<AgreementView>('get', { caseId }, chen))
    const pdf = ok(await call<AgreementPdf>('pdf', { caseId }, li))
    const { text } = await pdfText(Buffer.from(pdf.base64, 'base64'))
    const read = squeeze(text)
    for (const s of view.sections) expect(read).toContain(squeeze(s.body))
    expect(read).toContain(`核验码：${view.checkCode}`)
    expect(read).toContain('本协议自2026年12月7日起生效')
    expect(pdf.bytes).toBeLessThan(300 * 1024)
    const application = ok(await call<AgreementPdf>('pdf', { caseId, document: 'application' }, chen))
    const appText = squeeze((await pdfText(Buffer.from(application.base64, 'base64'))).text)
    expect(appText).toContain('司法确认申请书')
    expect(appText).toContain('2027年1月6日')

    const verify = (c: string, docNo = view.docNo, token = centre) => call<AgreementVerification>('verify', { docNo, code: c }, token)
    expect(ok(await verify(view.checkCode!))).toMatchObject({ genuine: true, record: { docNo: view.docNo, parties: ['陈秀英', '李建国'] } })
    expect(ok(await verify(view.checkCode!.toLowerCase().replace(/-/g, ' ')))).toMatchObject({ genuine: true })
    const tampered = view.checkCode!.slice(0, -1) + (view.checkCode!.endsWith('A') ? 'B' : 'A')
    expect(ok(await verify(tampered))).toEqual({ genuine: false, record: null })
    expect(ok(await verify(view.checkCode!, `${view.docNo}9`))).toEqual({ genuine: false, record: null })
    expect(code(await verify(view.checkCode!, view.docNo, chen))).toBe('FORBIDDEN')
    // A record altered behind the app's back no longer matches the code printed on the paper.
    const cipher = server.backend.services.cipher
    const stored = await db().selectFrom('agreements').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow()
    const altered = JSON.parse(openRow(cipher, 'agreements', stored).content) as AgreementContent
    altered.terms += '另赔偿人民币1000元。'
    await db().updateTable('agreements').set({ content: sealRow(cipher, 'agreements', { ...stored, content: JSON.stringify(altered) }).content }).where('id', '=', stored.id).execute()
    expect(ok(await verify(view.checkCode!))).toEqual({ genuine: false, record: null })
    await db().updateTable('agreements').set({ content: stored.content }).where('id', '=', stored.id).execute()
    expect(ok(await verify(view.checkCode!))).toMatchObject({ genuine: true })
  })

  test('follow-ups, a report of non-performance, judicial confirmation, and the public counts', async () => {
    expect(code(await call('recordFollowUp', { caseId, item: 1, result: 'performed', note: '已当面道歉' }, chen))).toBe('FORBIDDEN')
    let view = ok(await call<AgreementView>('recordFollowUp', { caseId, item: 1, result: 'performed', note: '已当面道歉' }, mediator))
    expect(view.followUps.find((f) => f.item === 1)!.result).toBe('performed')
    expect(view.routes).toBeNull()
    view = ok(await call<AgreementView>('reportNonPerformance', { caseId, note: '建材还在通道上' }, chen))
    expect(view.routes).toEqual(['renewed_mediation', 'lawsuit'])
    expect(code(await call('reportNonPerformance', { caseId, note: '我来举报' }, grid))).toBe('CASE_NOT_FOUND')
    view = ok(await call<AgreementView>('recordConfirmation', { caseId, date: '2026-12-07' }, centre))
    expect(view.routes).toEqual(['renewed_mediation', 'lawsuit', 'enforcement'])
    view = ok(await call<AgreementView>('recordFollowUp', { caseId, item: 0, result: 'performed', note: '已清理' }, mediator))
    expect(view.performedAt).not.toBeNull()
    const stats = ok(await server.call<{ regions: { regionCode: string; agreements: number; confirmed: number; performed: number }[] }>('agreement', 'stats', { cityCode: '4413' }))
    expect(stats.regions).toEqual([expect.objectContaining({ regionCode: '441302', agreements: 1, confirmed: 1, performed: 1 })])
    // The public statistics page counts it too: under 惠州市 for the province, under 惠城区 for the city.
    const inCity = ok(await server.call<PublicStats>('stats', 'public', { cityCode: '4413' })).agreements
    expect(inCity).toEqual({ agreements: 1, confirmed: 1, performed: 1, byRegion: [{ code: '441302', name: '惠城区', agreements: 1, confirmed: 1, performed: 1 }] })
    const province = ok(await server.call<PublicStats>('stats', 'public', {})).agreements
    expect(province.byRegion).toEqual([{ code: '4413', name: '惠州市', agreements: 1, confirmed: 1, performed: 1 }])
  })

  test('an oral agreement is in effect from when it was agreed, both parties see it, and the reminders come once', async () => {
    const filed = ok(await server.call<CaseDetail>('petition', 'file', filing({ kind: 'dispute', disputeType: 'neighbours', otherPartyName: '李建国', title: '树枝伸进院子' }), chen))
    ok(await server.call<CaseDetail>('petition', 'accept', { id: filed.id }, centre))
    ok(await server.call<CaseDetail>('petition', 'assign', { id: filed.id, mediatorId: await userOf('mediator-zhou') }, centre))
    await db().updateTable('cases').set({ respondent_id: await userOf('resident-li') }).where('id', '=', filed.id).execute()
    clock.advance(2 * 3_600_000)
    const agreedAt = new Date(clock.now().getTime() - 3_600_000).toISOString()
    const oral = { ...content(), facts: '', disputedMatters: '', responsibilities: '', terms: '被申请人修剪伸进申请人院子的树枝。', performance: [{ obligor: 'respondent', what: '修剪树枝', how: '自行修剪', dueDate: '2026-12-20' }] }
    expect(code(await call('recordOral', { caseId: filed.id, content: oral, agreedAt: new Date(clock.now().getTime() + 60_000).toISOString() }, mediator))).toBe('INVALID_VALUE')
    expect(code(await call('recordOral', { caseId: filed.id, content: oral, agreedAt }, chen))).toBe('FORBIDDEN')
    ok(await call('recordOral', { caseId: filed.id, content: oral, agreedAt }, mediator))
    for (const token of [chen, li]) {
      const view = ok(await call<AgreementView>('get', { caseId: filed.id }, token))
      expect(view).toMatchObject({ kind: 'oral', status: 'effective', effectiveAt: agreedAt, title: '人民调解口头协议登记表' })
      expect(view.sections.map((s) => s.body)).toContain('被申请人修剪伸进申请人院子的树枝。')
    }
    const { sendAgreementReminders } = await import('../../cloud/jobs/agreements')
    const kinds = async (account: string, kind: string) => (await db().selectFrom('messages').select('id').where('user_id', '=', await userOf(account)).where('kind', '=', kind).where('case_id', '=', filed.id).execute()).length
    // On the performance deadline the mediator is reminded to follow up, once however often the job runs.
    await sendAgreementReminders(server.backend.services, new Date('2026-12-20T01:00:00Z'))
    await sendAgreementReminders(server.backend.services, new Date('2026-12-20T02:00:00Z'))
    expect(await kinds('mediator-zhou', 'agreement.followup_due')).toBe(1)
    // Seven days before the window's last day (2027-01-06) both parties are reminded; again one day before.
    await sendAgreementReminders(server.backend.services, new Date('2026-12-29T01:00:00Z'))
    expect(await kinds('resident-chen', 'agreement.window')).toBe(0)
    await sendAgreementReminders(server.backend.services, new Date('2026-12-30T01:00:00Z'))
    await sendAgreementReminders(server.backend.services, new Date('2026-12-30T05:00:00Z'))
    expect(await kinds('resident-chen', 'agreement.window')).toBe(1)
    expect(await kinds('resident-li', 'agreement.window')).toBe(1)
    await sendAgreementReminders(server.backend.services, new Date('2027-01-05T01:00:00Z'))
    expect(await kinds('resident-li', 'agreement.window')).toBe(2)
    await sendAgreementReminders(server.backend.services, new Date('2027-01-07T01:00:00Z'))
    expect(await kinds('resident-li', 'agreement.window')).toBe(2)
  })
})
