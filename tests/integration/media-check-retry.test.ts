/**
 * Photos whose image check could not be asked are asked again by the periodic jobs (issue 15), on every configured
 * database, with a checker that fails as long as a test says and then answers as WeChat does (a trace id): the waits
 * grow (10 min, 30 min, 1 h, …), each due photo is asked once however many job runs meet at once, and after the last
 * attempt the photo stays hidden from others for good while its owner and the staff member handling its case are
 * told, once each.
 */
import crypto from 'node:crypto'
import { fixedClock } from '../../cloud/ports/clock'
import { MediaCheckUnavailable, type MediaChecker, type MediaSubmission } from '../../cloud/ports/media'
import { retryMediaChecks } from '../../cloud/jobs/media-checks'
import { runTimedJobs } from '../../cloud/jobs/reminders'
import { MEDIA_CHECK_MAX_ATTEMPTS, MEDIA_CHECK_RETRY_MINUTES, nextMediaCheckAttempt } from '../../cloud/domain/uploads/media-retry'
import type { CaseDetail } from '../../types/functions/petition'
import type { Message } from '../../types/functions/messages'
import { DATABASES, RELAXED_LIMITS, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import { uploadPhoto } from '../support/uploads'

/** The image check as a port that cannot be asked while `failing` is on (as in an outage), then answers a trace id. */
class FlakyChecker implements MediaChecker {
  failing = true
  readonly asked: string[] = []
  async submit(photo: { fileId: string }): Promise<MediaSubmission> {
    this.asked.push(photo.fileId)
    // A moment's wait, so that job runs started together overlap while one of them is asking.
    await new Promise((resolve) => setTimeout(resolve, 20))
    if (this.failing) throw new MediaCheckUnavailable('WeChat could not be reached')
    return { traceId: `trace-${crypto.randomUUID()}` }
  }
}

test('the waits grow and stop after the last attempt', () => {
  const at = new Date('2026-12-01T00:00:00Z')
  expect(nextMediaCheckAttempt(1, at)).toEqual(new Date('2026-12-01T00:10:00Z'))
  expect(nextMediaCheckAttempt(2, at)).toEqual(new Date('2026-12-01T00:30:00Z'))
  expect(nextMediaCheckAttempt(MEDIA_CHECK_MAX_ATTEMPTS - 1, at)).toEqual(new Date(at.getTime() + MEDIA_CHECK_RETRY_MINUTES[MEDIA_CHECK_RETRY_MINUTES.length - 1] * 60_000))
  expect(nextMediaCheckAttempt(MEDIA_CHECK_MAX_ATTEMPTS, at)).toBeNull()
  expect(nextMediaCheckAttempt(0, at)).toBeNull()
  // The whole span is within the day an unattached upload is kept.
  expect(MEDIA_CHECK_RETRY_MINUTES.reduce((a, b) => a + b, 0)).toBeLessThan(24 * 60)
})

describe.each(DATABASES)('image checks asked again on %s', (kind) => {
  const T0 = new Date('2026-12-01T02:00:00Z')
  const clock = fixedClock(T0)
  let server: TestServer
  let checker: FlakyChecker
  let chen: string, li: string, centre: string, zhou: string

  const db = () => server.backend.services.db
  const minutes = (n: number) => clock.set(new Date(clock.now().getTime() + n * 60_000))
  const ok = <T>(r: { ok: boolean; data?: T; error?: unknown }): T => {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
    return r.data as T
  }
  const userOf = async (account: string) => (await db().selectFrom('users').select('id').where('demo_account', '=', account).executeTakeFirstOrThrow()).id
  const checkOf = (fileId: string) => db().selectFrom('media_checks').select(['status', 'trace_id', 'attempts', 'retry_at', 'gave_up_at', 'case_id']).where('file_id', '=', fileId).executeTakeFirstOrThrow()
  const messagesOf = async (token: string, kind: string) => ok(await server.call<{ items: Message[] }>('messages', 'list', {}, token)).items.filter((m) => m.kind === kind)

  beforeAll(async () => {
    server = await startTestServer(kind, { clock, settings: RELAXED_LIMITS })
    checker = new FlakyChecker()
    server.backend.services.media = checker
  }, 120_000)
  let errors: jest.SpyInstance
  afterEach(() => errors.mockRestore())
  beforeEach(async () => {
    // Every failed ask is logged (media_check_unavailable): expected here.
    errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    clock.set(T0)
    checker.failing = true
    checker.asked.length = 0
    ;[chen, li, centre, zhou] = await Promise.all(['resident-chen', 'resident-li', 'centre-huang', 'mediator-zhou'].map((a) => server.signIn(a)))
  })
  afterAll(async () => server.close())

  const upload = (token: string) => uploadPhoto(server, token)

  /** 陈秀英 files a dispute with the photo; the centre accepts it and gives it to mediator 周. */
  async function caseWith(photo: string): Promise<string> {
    const id = ok(await server.call<CaseDetail>('petition', 'file', filing({ kind: 'dispute', disputeType: 'neighbours', title: '楼上漏水', otherPartyName: '李建国', photos: [photo] }), chen)).id
    ok(await server.call('petition', 'accept', { id }, centre))
    ok(await server.call('petition', 'assign', { id, mediatorId: await userOf('mediator-zhou') }, centre))
    return id
  }

  test('a check that failed at upload and once more is asked at the third try; nothing is asked before it is due or twice', async () => {
    const photo = await upload(chen)
    expect(await checkOf(photo)).toMatchObject({ status: 'pending', trace_id: null, attempts: 1, retry_at: new Date(T0.getTime() + 10 * 60_000).toISOString() })
    const id = await caseWith(photo)
    expect((await checkOf(photo)).case_id).toBe(id)

    minutes(9)
    expect(await retryMediaChecks(server.backend.services)).toEqual({ asked: 0, later: 0, givenUp: 0 })
    minutes(1)
    // Three job runs at once (the HTTP server's loop and two WeChat timer containers): one ask.
    const runs = await Promise.all([1, 2, 3].map(() => retryMediaChecks(server.backend.services)))
    expect(runs.reduce((n, r) => n + r.later, 0)).toBe(1)
    expect(checker.asked.filter((f) => f === photo)).toHaveLength(2)
    expect(await checkOf(photo)).toMatchObject({ trace_id: null, attempts: 2, retry_at: new Date(clock.now().getTime() + 30 * 60_000).toISOString() })

    checker.failing = false
    minutes(29)
    expect((await retryMediaChecks(server.backend.services)).asked).toBe(0)
    minutes(1)
    // Through the timer's own entry, as the HTTP server's loop and the reminders function run it.
    expect((await runTimedJobs(server.backend.services)).mediaChecksRetried).toBe(1)
    const asked = await checkOf(photo)
    expect(asked).toMatchObject({ status: 'pending', attempts: 3, retry_at: null, gave_up_at: null })
    expect(asked.trace_id).toMatch(/^trace-/)
    minutes(24 * 60)
    expect(await retryMediaChecks(server.backend.services)).toEqual({ asked: 0, later: 0, givenUp: 0 })
    expect(checker.asked.filter((f) => f === photo)).toHaveLength(3)
    // Until WeChat's verdict arrives the photo is still only for its owner and the handling staff.
    expect(ok(await server.call<CaseDetail>('petition', 'get', { id }, zhou)).photos).toEqual([{ id: photo, url: expect.any(String), check: 'pending' }])
    expect(await messagesOf(chen, 'photo.unchecked')).toEqual([])
  })

  test('after the last attempt the photo stays hidden from others; its owner and the mediator handling the case are told once', async () => {
    const photo = await upload(chen)
    const id = await caseWith(photo)
    await db().updateTable('cases').set({ respondent_id: await userOf('resident-li') }).where('id', '=', id).execute()
    const results = []
    for (const wait of MEDIA_CHECK_RETRY_MINUTES) {
      minutes(wait)
      results.push(await retryMediaChecks(server.backend.services))
    }
    expect(results.slice(0, -1).every((r) => r.later === 1 && r.givenUp === 0)).toBe(true)
    expect(results[results.length - 1]).toEqual({ asked: 0, later: 0, givenUp: 1 })
    expect(checker.asked.filter((f) => f === photo)).toHaveLength(MEDIA_CHECK_MAX_ATTEMPTS)
    expect(await checkOf(photo)).toMatchObject({ status: 'pending', trace_id: null, attempts: MEDIA_CHECK_MAX_ATTEMPTS, retry_at: null, gave_up_at: clock.now().toISOString() })

    // Nothing more is asked or told, however often the jobs run.
    checker.failing = false
    minutes(7 * 24 * 60)
    await Promise.all([retryMediaChecks(server.backend.services), retryMediaChecks(server.backend.services)])
    expect(checker.asked.filter((f) => f === photo)).toHaveLength(MEDIA_CHECK_MAX_ATTEMPTS)

    // A week on, everyone signs in again.
    ;[chen, li, zhou] = await Promise.all(['resident-chen', 'resident-li', 'mediator-zhou'].map((a) => server.signIn(a)))
    expect(await messagesOf(chen, 'photo.unchecked')).toHaveLength(1)
    const staff = await messagesOf(zhou, 'photo.unchecked_staff')
    expect(staff).toHaveLength(1)
    expect(staff[0].caseId).toBe(id)
    expect(ok(await server.call<CaseDetail>('petition', 'get', { id }, li)).photos).toEqual([])
    expect(ok(await server.call<CaseDetail>('petition', 'get', { id }, chen)).photos).toEqual([{ id: photo, url: expect.any(String), check: 'pending' }])
  })

  test('an upload removed before it was attached is not asked again', async () => {
    const photo = await upload(li)
    await db().deleteFrom('files').where('id', '=', photo).execute()
    minutes(10)
    expect(await retryMediaChecks(server.backend.services)).toEqual({ asked: 0, later: 0, givenUp: 0 })
    expect(checker.asked.filter((f) => f === photo)).toHaveLength(1)
    expect((await checkOf(photo)).retry_at).toBeNull()
  })
})
