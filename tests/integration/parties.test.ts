/**
 * Both parties at the table (issue #17), through the HTTP server on every configured database: a dispute accepted for
 * mediation invites the other party (SMS where configured, a code the centre can hand over); the code is single-use,
 * expires, and every wrong, expired, replaced or used code answers exactly like an unknown one (and guesses are
 * limited); the person who joins is the respondent of that case only and never sees the applicant's phone, address,
 * map point or private photos; consent, refusal (Art. 26 ending), ending by either party, and sessions both confirm.
 */
import type { InvitationSms } from '../../cloud/ports/sms'
import { fixedClock } from '../../cloud/ports/clock'
import type { CaseDetail, CaseSummary, Page } from '../../types/functions/petition'
import type { Invitation, MediationView } from '../../types/functions/parties'
import type { Message } from '../../types/functions/messages'
import { DATABASES, RELAXED_LIMITS, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import { TINY_PNG } from '../support/images'
import { runSessionJobs } from '../../cloud/jobs/sessions'
import { ERASED_USER_ID } from '../../cloud/domain/account/erasure'

const HOUR = 3600_000
const DAY = 24 * HOUR

async function upload(server: TestServer, token: string): Promise<string> {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(TINY_PNG)], { type: 'image/png' }), 'photo.png')
  const response = await fetch(`${server.url}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })
  const body = (await response.json()) as { ok: boolean; data: { id: string } }
  if (!body.ok) throw new Error(JSON.stringify(body))
  return body.data.id
}

describe.each(DATABASES)('both parties at the table on %s', (kind) => {
  const clock = fixedClock(new Date('2026-12-01T02:00:00Z'))
  let server: TestServer
  let chen: string, li: string, grid: string, centre: string, zhou: string, county: string
  const texts: InvitationSms[] = []

  beforeAll(async () => {
    server = await startTestServer(kind, { clock, settings: { rateLimits: { ...RELAXED_LIMITS.rateLimits, join: { attempts: 5, minutes: 10 } } } })
    server.backend.services.sms = { sendClaimCode: async () => undefined, sendInvitation: async (m) => void texts.push(m) }
  }, 120_000)
  // Signed in afresh for each test: a test moves the clock by weeks.
  beforeEach(async () => {
    ;[chen, li, grid, centre, zhou, county] = await Promise.all(['resident-chen', 'resident-li', 'grid-tang', 'centre-huang', 'mediator-zhou', 'county-wu'].map((a) => server.signIn(a)))
  })
  afterAll(async () => server.close())
  afterEach(() => {
    texts.length = 0
    // Each test starts with no wrong codes counted.
    clock.advance(11 * 60_000)
  })

  const ok = <T>(r: { ok: boolean; data?: T; error?: unknown }): T => {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
    return r.data as T
  }
  const call = <T>(fn: string, action: string, input: unknown, token: string, extra: Record<string, unknown> = {}) => server.call<T>(fn, action, input, token, { locale: 'zh-CN', ...extra })
  const errorOf = async (p: Promise<{ ok: boolean; error?: unknown }>) => {
    const r = await p
    if (r.ok) throw new Error('expected a refusal')
    return r.error as { code: string; message: string; field?: string }
  }

  /** 陈秀英 files a dispute naming 李建国 with his phone; the centre accepts it (the invitation goes by SMS). */
  async function acceptedDispute(over: Record<string, unknown> = {}): Promise<{ id: string; code: string }> {
    const c = ok(await call<CaseDetail>('petition', 'file', filing({ kind: 'dispute', disputeType: 'neighbours', title: '邻居漏水纠纷', otherPartyName: '李建国', otherPartyContact: '139 0000 1111', location: { lat: 23.08, lng: 114.41 }, ...over }), chen))
    texts.length = 0
    ok(await call('petition', 'accept', { id: c.id }, centre))
    expect(texts).toHaveLength(1)
    expect(texts[0]).toMatchObject({ to: '+8613900001111', trackingNo: c.trackingNo })
    return { id: c.id, code: texts[0].code }
  }
  const join = (code: string, token: string) => call<{ caseId: string }>('parties', 'join', { invitationCode: code }, token)
  const assign = (id: string) => call('petition', 'assign', { id, mediatorId: '' }, centre)
  async function assignZhou(id: string) {
    const mediators = ok(await call<{ id: string; name: string }[]>('petition', 'mediators', { id }, centre))
    const zhouId = mediators.find((m) => m.name === '周德明')!.id
    ok(await call('petition', 'assign', { id, mediatorId: zhouId }, centre))
  }
  void assign

  test('accepting a dispute invites the other party: the code is sent by SMS and only its hash is stored', async () => {
    const { id, code } = await acceptedDispute()
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/)
    const stored = await server.backend.services.db.selectFrom('case_invitations').selectAll().where('case_id', '=', id).execute()
    expect(stored).toHaveLength(1)
    expect(JSON.stringify(stored)).not.toContain(code.replace('-', ''))
    // The centre sees an open invitation and may make a new one to hand over.
    const v = ok(await call<MediationView>('parties', 'view', { id }, centre))
    expect(v.invitation).toEqual({ state: 'open', expiresAt: expect.any(String) })
    expect(v.can).toContain('invite')
    // A complaint is not mediated between parties: no invitation.
    const complaint = ok(await call<CaseDetail>('petition', 'file', filing(), chen))
    ok(await call('petition', 'accept', { id: complaint.id }, centre))
    expect(await server.backend.services.db.selectFrom('case_invitations').select('id').where('case_id', '=', complaint.id).execute()).toHaveLength(0)
  })

  test('the code is single-use; wrong, malformed, replaced, used and expired codes all answer exactly like an unknown one', async () => {
    const { id, code } = await acceptedDispute()
    const unknown = await errorOf(join('ABCDE-FGHJK', grid))
    expect(unknown).toEqual({ code: 'INVITATION_NOT_FOUND', message: expect.stringContaining('邀请码'), field: 'invitationCode' })
    expect(await errorOf(join('not a code at all', grid))).toEqual(unknown)
    // The applicant cannot join their own case as the other party.
    expect(await errorOf(join(code, chen))).toEqual(unknown)
    // A new invitation replaces the old code.
    const fresh = ok(await call<Invitation>('parties', 'invite', { id }, centre))
    expect(fresh.link).toBe(`/#/parties/pages/join/index?code=${fresh.code}`)
    expect(fresh.scene).toBe(`i=${fresh.code.replace('-', '')}`)
    expect(fresh.miniCode).toBeNull()
    expect(fresh.smsSent).toBe(true)
    expect(await errorOf(join(code, li))).toEqual(unknown)
    clock.advance(11 * 60_000)
    // Typed in lower case without the dash, it works; a retry by the same person answers the same case.
    expect(ok(await join(fresh.code.replace('-', '').toLowerCase(), li))).toEqual({ caseId: id })
    expect(ok(await join(fresh.code, li))).toEqual({ caseId: id })
    // Used: anyone else is told it is unknown.
    expect(await errorOf(join(fresh.code, grid))).toEqual(unknown)
    expect((await server.backend.services.db.selectFrom('cases').select('respondent_id').where('id', '=', id).executeTakeFirstOrThrow()).respondent_id).toBeTruthy()
    // Once someone joined, no new invitation is made.
    expect((await errorOf(call('parties', 'invite', { id }, centre))).code).toBe('ILLEGAL_MOVE')

    // Expired: after the setting's 14 days.
    const other = await acceptedDispute()
    clock.advance(15 * DAY)
    expect(await errorOf(join(other.code, await server.signIn('resident-li')))).toEqual(unknown)
  })

  test('guessing codes is limited per person and client: after 5 wrong codes even a right one waits', async () => {
    const { code } = await acceptedDispute()
    for (let i = 0; i < 5; i++) expect((await errorOf(join(`ABCDE-FGHJ${i + 2}`, li))).code).toBe('INVITATION_NOT_FOUND')
    expect((await errorOf(join(code, li))).code).toBe('RATE_LIMITED')
    clock.advance(11 * 60_000)
    expect(ok(await join(code, li)).caseId).toBeTruthy()
  })

  test('the respondent sees that case only: the dispute and its mediator, never the applicant’s phone, address, map point or private photos', async () => {
    const shared = await upload(server, chen)
    const secret = await upload(server, chen)
    const { id, code } = await acceptedDispute({ photos: [shared, secret] })
    ok(await call<MediationView>('parties', 'privatePhotos', { id, photos: [secret] }, chen))
    // Only one's own photos can be marked, and only by the applicant.
    expect((await errorOf(call('parties', 'privatePhotos', { id, photos: ['ghostGhostGhost0000000'] }, chen))).code).toBe('FILE_NOT_FOUND')
    ok(await join(code, li))
    await assignZhou(id)

    const seen = ok(await call<CaseDetail>('petition', 'get', { id }, li))
    expect(seen.title).toBe('邻居漏水纠纷')
    expect(seen.description).toBeTruthy()
    expect(seen.assignee).toBe('周德明')
    expect(seen.contactPhone).toBe('')
    expect(seen.address).toBeNull()
    expect(seen.location).toBeNull()
    expect(seen.otherPartyContact).toBeNull()
    expect(seen.photos.map((p) => p.id)).toEqual([shared])
    expect(JSON.stringify(seen)).not.toContain('13812345678')
    expect(JSON.stringify(seen)).not.toContain('5678')
    expect(JSON.stringify(seen)).not.toContain(secret)
    expect(seen.can).toEqual([])
    // The applicant still sees everything of their own.
    const own = ok(await call<CaseDetail>('petition', 'get', { id }, chen))
    expect(own.photos.map((p) => p.id)).toEqual([shared, secret])
    expect(own.address).toBe('东平村村口')
    // The case is in the respondent's list; other people's cases stay unknown to them.
    const mine = ok(await call<Page<CaseSummary>>('petition', 'mine', {}, li))
    expect(mine.items.map((c) => c.id)).toContain(id)
    const another = ok(await call<CaseDetail>('petition', 'file', filing({ kind: 'dispute', disputeType: 'family', otherPartyName: '王五' }), chen))
    const ghost = await errorOf(call('petition', 'get', { id: 'ghostGhostGhost0000000' }, li))
    expect(await errorOf(call('petition', 'get', { id: another.id }, li))).toEqual(ghost)
    expect(await errorOf(call('parties', 'view', { id: another.id }, li))).toEqual(await errorOf(call('parties', 'view', { id: 'ghostGhostGhost0000000' }, li)))
    // Staff moves stay staff moves; the applicant's own moves stay theirs.
    expect((await errorOf(call('petition', 'addInfo', { id, text: '我也补充' }, li))).code).toBe('FORBIDDEN')
    expect((await errorOf(call('petition', 'close', { id, opinion: '结束' }, li))).code).toBe('FORBIDDEN')
    // A respondent's read is a party's read: not in the audit log as a staff read.
    const audited = await server.backend.services.db.selectFrom('audit_log').select('subject_id').where('subject_id', '=', id).where('actor_id', '=', (await userId('resident-li'))).execute()
    expect(audited).toEqual([])
  })

  async function userId(account: string): Promise<string> {
    return (await server.backend.services.db.selectFrom('users').select('id').where('demo_account', '=', account).executeTakeFirstOrThrow()).id
  }

  test('consent, the other party’s account and photos, sessions both confirm, reminders, attendance; every step a message', async () => {
    const { id, code } = await acceptedDispute()
    ok(await join(code, li))
    await assignZhou(id)
    let v = ok(await call<MediationView>('parties', 'view', { id }, li))
    expect(v.viewer).toBe('respondent')
    expect(v.can).toEqual(expect.arrayContaining(['consent', 'account', 'anotherMediator', 'endMediation']))
    expect(v.invitation).toBeNull()
    // No session before the other party agreed to mediation (Art. 17).
    const soon = new Date(clock.now().getTime() + 3 * DAY).toISOString()
    expect((await errorOf(call('parties', 'schedule', { id, mode: 'in_person', startsAt: soon, place: '桥东街道调解室' }, zhou))).code).toBe('PARTY_CONSENT_PENDING')

    v = ok(await call<MediationView>('parties', 'consent', { id, answer: 'accept' }, li, { requestId: 'consent-0001' }))
    expect(v.respondent.consent).toBe('accepted')
    // A retry is answered, not done again; a second answer is refused.
    ok(await call<MediationView>('parties', 'consent', { id, answer: 'accept' }, li, { requestId: 'consent-0001' }))
    expect((await errorOf(call('parties', 'consent', { id, answer: 'decline' }, li))).code).toBe('ILLEGAL_MOVE')
    // The applicant does not answer for the other party.
    expect((await errorOf(call('parties', 'consent', { id, answer: 'accept' }, chen))).code).toBe('ILLEGAL_MOVE')

    const photo = await upload(server, li)
    v = ok(await call<MediationView>('parties', 'account', { id, text: '漏水是楼上水管老化，我愿意分担维修费。', photos: [photo] }, li))
    expect(v.respondent.account).toContain('分担维修费')
    // The applicant and the mediator read the other party's account and see their photos.
    const forChen = ok(await call<MediationView>('parties', 'view', { id }, chen))
    expect(forChen.respondent.account).toContain('分担维修费')
    expect(forChen.respondent.photos.map((p) => p.id)).toEqual([photo])
    expect(forChen.privatePhotos).toEqual([])
    // Staff outside the case see nothing of it.
    const otherCentre = await server.signIn('other-centre-liang')
    expect((await errorOf(call('parties', 'view', { id }, otherCentre))).code).toBe('CASE_NOT_FOUND')

    // Sessions: only the assigned mediator schedules; not in the past.
    expect((await errorOf(call('parties', 'schedule', { id, mode: 'in_person', startsAt: soon, place: '调解室' }, centre))).code).toBe('FORBIDDEN')
    expect((await errorOf(call('parties', 'schedule', { id, mode: 'in_person', startsAt: new Date(clock.now().getTime() - HOUR).toISOString(), place: '调解室' }, zhou))).code).toBe('SESSION_IN_PAST')
    v = ok(await call<MediationView>('parties', 'schedule', { id, mode: 'video', startsAt: soon, place: '腾讯会议 123-456-789' }, zhou, { requestId: 'schedule-0001' }))
    ok(await call<MediationView>('parties', 'schedule', { id, mode: 'video', startsAt: soon, place: '腾讯会议 123-456-789' }, zhou, { requestId: 'schedule-0001' }))
    expect(v.sessions).toHaveLength(1)
    const s = v.sessions[0]
    expect(s).toMatchObject({ status: 'proposed', applicant: 'pending', respondent: 'pending', mode: 'video' })
    expect(new Date(s.answerDueAt).getTime()).toBe(clock.now().getTime() + 48 * HOUR)

    // The applicant asks for another time; the mediator moves it; both confirm.
    v = ok(await call<MediationView>('parties', 'answer', { id, sessionId: s.id, answer: 'another_time', note: '那天要上班' }, chen))
    expect(v.sessions[0]).toMatchObject({ status: 'rescheduling', applicant: 'another_time', answerNote: '那天要上班' })
    const later = new Date(clock.now().getTime() + 4 * DAY).toISOString()
    v = ok(await call<MediationView>('parties', 'reschedule', { id, sessionId: s.id, mode: 'in_person', startsAt: later, place: '桥东街道调解室' }, zhou))
    expect(v.sessions[0]).toMatchObject({ status: 'proposed', applicant: 'pending', respondent: 'pending', startsAt: later })
    ok(await call('parties', 'answer', { id, sessionId: s.id, answer: 'confirm' }, chen))

    // The respondent has not answered: a reminder before the answer time ends, the mediator told once it has passed.
    clock.advance(25 * HOUR)
    expect(await runSessionJobs(server.backend.services)).toMatchObject({ answerReminders: 1 })
    expect(await runSessionJobs(server.backend.services)).toMatchObject({ answerReminders: 0 })
    clock.advance(24 * HOUR)
    expect(await runSessionJobs(server.backend.services)).toMatchObject({ unanswered: 1 })

    v = ok(await call<MediationView>('parties', 'answer', { id, sessionId: s.id, answer: 'confirm' }, li))
    expect(v.sessions[0]).toMatchObject({ status: 'confirmed', applicant: 'confirmed', respondent: 'confirmed' })
    // Attendance waits for the session to start; both are reminded the day before.
    expect((await errorOf(call('parties', 'attendance', { id, sessionId: s.id, applicant: true, respondent: true }, zhou))).code).toBe('SESSION_NOT_STARTED')
    clock.advance(DAY + HOUR)
    expect(await runSessionJobs(server.backend.services)).toMatchObject({ sessionReminders: 1 })
    clock.advance(DAY)
    expect((await errorOf(call('parties', 'answer', { id, sessionId: s.id, answer: 'another_time' }, li))).code).toBe('SESSION_STARTED')
    v = ok(await call<MediationView>('parties', 'attendance', { id, sessionId: s.id, applicant: true, respondent: false }, zhou))
    expect(v.sessions[0]).toMatchObject({ status: 'held', attendance: { applicant: true, respondent: false } })

    // Both parties' timelines carry the steps; both got messages for them.
    const timeline = ok(await call<CaseDetail>('petition', 'get', { id }, li)).events.map((e) => e.type)
    expect(timeline).toEqual(expect.arrayContaining(['partyJoin', 'partyAccept', 'partyAccount', 'sessionScheduled', 'sessionAnswer', 'sessionMoved', 'sessionHeld']))
    const kinds = async (token: string) => ok(await call<{ items: Message[] }>('messages', 'list', { limit: 50 }, token)).items.filter((m) => m.caseId === id).map((m) => m.kind)
    expect(await kinds(chen)).toEqual(expect.arrayContaining(['mediation.joined', 'mediation.accepted', 'mediation.account', 'mediation.session_scheduled', 'mediation.session_moved', 'mediation.session_confirmed', 'mediation.session_reminder', 'mediation.session_held']))
    expect(await kinds(li)).toEqual(expect.arrayContaining(['mediation.session_scheduled', 'mediation.answer_reminder', 'mediation.session_confirmed', 'mediation.session_reminder', 'mediation.session_held']))
    expect(await kinds(zhou)).toEqual(expect.arrayContaining(['mediation.staff.accepted', 'mediation.staff.answered', 'mediation.staff.unanswered']))
  })

  test('a refusal means no mediation (Art. 17): the case ends as 调解不成 and both parties are told their other routes (Art. 26)', async () => {
    const { id, code } = await acceptedDispute()
    ok(await join(code, li))
    const v = ok(await call<MediationView>('parties', 'consent', { id, answer: 'decline', reason: '不愿意调解' }, li))
    expect(v.respondent.consent).toBe('declined')
    expect(v.can).toEqual([])
    const c = ok(await call<CaseDetail>('petition', 'get', { id }, chen))
    expect(c).toMatchObject({ status: 'closed', outcome: 'mediation_failed' })
    const ending = c.events.find((e) => e.type === 'partyDecline')!
    expect(ending.data.otherRoutes).toContain('诉讼')
    const ended = async (token: string) => ok(await call<{ items: Message[] }>('messages', 'list', {}, token)).items.filter((m) => m.caseId === id && m.kind === 'mediation.ended')
    expect(await ended(chen)).toHaveLength(1)
    expect(await ended(li)).toHaveLength(1)
    // Nothing further: no consent, no session.
    expect((await errorOf(call('parties', 'consent', { id, answer: 'accept' }, li))).code).toBe('ILLEGAL_MOVE')
  })

  test('either party may end the mediation at any time, and ask for another mediator (Art. 23)', async () => {
    const a = await acceptedDispute()
    ok(await join(a.code, li))
    ok(await call('parties', 'consent', { id: a.id, answer: 'accept' }, li))
    const asked = ok(await call<MediationView>('parties', 'anotherMediator', { id: a.id, reason: '调解员是对方亲戚' }, chen))
    expect(asked.applicant.anotherMediatorAt).toBeTruthy()
    const forCentre = ok(await call<MediationView>('parties', 'view', { id: a.id }, centre))
    expect(forCentre.applicant.anotherMediatorReason).toBe('调解员是对方亲戚')
    ok(await call('parties', 'endMediation', { id: a.id }, chen))
    expect(ok(await call<CaseDetail>('petition', 'get', { id: a.id }, li))).toMatchObject({ status: 'closed', outcome: 'mediation_failed' })

    const b = await acceptedDispute()
    ok(await join(b.code, li))
    ok(await call('parties', 'endMediation', { id: b.id, reason: '已自行和解' }, li))
    expect(ok(await call<CaseDetail>('petition', 'get', { id: b.id }, chen)).status).toBe('closed')
    // The county above reads the case; it does not act for the parties.
    expect((await errorOf(call('parties', 'endMediation', { id: b.id }, county))).code).toBe('FORBIDDEN')
  })

  // Last in this file: 李建国's account is deleted (a demo account comes back new and empty on the next sign-in).
  test('the other party deletes their account: their side stays on the case, detached from them; the new account sees nothing of it', async () => {
    const { id, code } = await acceptedDispute()
    ok(await join(code, li))
    ok(await call('parties', 'consent', { id, answer: 'accept' }, li))
    ok(await call('parties', 'account', { id, text: '漏水是楼上管道老化，不是我家的问题。' }, li))
    const oldId = await userId('resident-li')
    ok(await call('account', 'deleteAccount', { confirm: true }, li))

    const db = server.backend.services.db
    const side = await db.selectFrom('case_parties').select(['user_id', 'account', 'photos']).where('case_id', '=', id).where('side', '=', 'respondent').executeTakeFirstOrThrow()
    expect(side).toEqual({ user_id: ERASED_USER_ID, account: null, photos: '[]' })
    expect((await db.selectFrom('cases').select('respondent_id').where('id', '=', id).executeTakeFirstOrThrow()).respondent_id).toBe(ERASED_USER_ID)
    expect(await db.selectFrom('case_parties').select('case_id').where('user_id', '=', oldId).execute()).toEqual([])
    // The applicant's mediation still shows that the other party joined and agreed; their account is gone.
    const v = ok(await call<MediationView>('parties', 'view', { id }, chen))
    expect(v.respondent).toMatchObject({ joined: true, consent: 'accepted', account: null })
    // The same person signing in again is a new account, no party to the case.
    const fresh = await server.signIn('resident-li')
    expect(ok(await call<Page<CaseSummary>>('petition', 'mine', {}, fresh)).items.map((c) => c.id)).not.toContain(id)
    expect((await errorOf(call('parties', 'view', { id }, fresh))).code).toBe((await errorOf(call('parties', 'view', { id: 'ghostGhostGhost0000000' }, fresh))).code)
  })
})
