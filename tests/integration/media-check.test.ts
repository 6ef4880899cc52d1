/**
 * Photos through WeChat's image check (issue 15), on a self-hosted backend with WeChat configured, against the WeChat
 * stand-in on 127.0.0.1, on every configured database: an upload asks security.mediaCheckAsync with a link WeChat can
 * fetch; until the verdict arrives (a signed `wxa_media_check` message on /wechat/push) the photo is seen only by its
 * owner and the staff handling the case; a risky verdict hides it from others for good and tells the owner; messages
 * not signed with the push token are refused and change nothing; a check that cannot be asked fails closed.
 */
import net from 'node:net'
import crypto from 'node:crypto'
import { fixedClock } from '../../cloud/ports/clock'
import type { InvitationSms } from '../../cloud/ports/sms'
import type { CaseDetail } from '../../types/functions/petition'
import type { MediationView } from '../../types/functions/parties'
import type { Message } from '../../types/functions/messages'
import { DATABASES, RELAXED_LIMITS, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import { uploadPhoto } from '../support/uploads'
import { mediaCheckMessage, startWechatStandIn, wechatPush, type WechatStandIn } from '../support/standins'

const PUSH_TOKEN = 'minanPushToken2026'
const AES_KEY = crypto.randomBytes(32).toString('base64').replace(/[^A-Za-z0-9]/g, 'A').slice(0, 43)

describe.each(DATABASES)('photos through the image check on %s', (kind) => {
  const clock = fixedClock(new Date('2026-12-01T02:00:00Z'))
  let server: TestServer
  let wechat: WechatStandIn
  let chen: string, li: string, centre: string
  const texts: InvitationSms[] = []

  beforeAll(async () => {
    wechat = await startWechatStandIn()
    server = await startTestServer(kind, {
      clock,
      settings: RELAXED_LIMITS,
      config: {
        wechat: { appId: wechat.appId, secret: wechat.secret, apiBase: wechat.url },
        publicUrl: 'https://minan.example.cn',
        wechatPush: { token: PUSH_TOKEN, aesKey: AES_KEY, appId: wechat.appId }
      }
    })
    server.backend.services.sms = { sendClaimCode: async () => undefined, sendInvitation: async (m) => void texts.push(m) }
    // The demo residents as people who signed in with WeChat (the check asks for the uploader's OPENID).
    for (const account of ['resident-chen', 'resident-li']) {
      await server.backend.services.db.updateTable('users').set({ openid: `o-${account}` }).where('demo_account', '=', account).execute()
    }
  }, 120_000)
  beforeEach(async () => {
    ;[chen, li, centre] = await Promise.all(['resident-chen', 'resident-li', 'centre-huang'].map((a) => server.signIn(a)))
    wechat.calls.length = 0
  })
  afterAll(async () => {
    await server.close()
    await wechat.close()
  })

  const ok = <T>(r: { ok: boolean; data?: T; error?: unknown }): T => {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
    return r.data as T
  }
  const call = <T>(fn: string, action: string, input: unknown, token: string) => server.call<T>(fn, action, input, token, { locale: 'zh-CN' })

  const upload = (token: string) => uploadPhoto(server, token)

  /** The trace id WeChat answered for the photo's check. */
  const traceOf = async (fileId: string) => (await server.backend.services.db.selectFrom('media_checks').select('trace_id').where('file_id', '=', fileId).executeTakeFirstOrThrow()).trace_id!

  // Safe mode, as WeChat sends where an EncodingAESKey is configured (this server has one), stamped with its clock.
  const push = (message: Record<string, unknown>, { safe = true, token = PUSH_TOKEN, at = clock.now() } = {}) => {
    const signed = wechatPush(message, token, safe ? { aesKey: AES_KEY, appId: wechat.appId } : undefined, at)
    return fetch(`${server.url}/wechat/push?${signed.query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: signed.body })
  }

  /** 陈秀英 files a dispute with her photos, the centre accepts it, and 李建国 joins as the other party. */
  async function disputeWith(photos: string[]): Promise<string> {
    const c = ok(await call<CaseDetail>('petition', 'file', filing({ kind: 'dispute', disputeType: 'neighbours', title: '邻居漏水纠纷', otherPartyName: '李建国', otherPartyContact: '139 0000 1111', photos }), chen))
    texts.length = 0
    ok(await call('petition', 'accept', { id: c.id }, centre))
    ok(await call('parties', 'join', { invitationCode: texts[0].code }, li))
    return c.id
  }

  test('an upload asks WeChat with a link it can fetch; until the verdict only the owner and the handling staff see the photo', async () => {
    const photo = await upload(chen)
    const asked = wechat.calls.filter((c) => c.path === '/wxa/media_check_async')
    expect(asked).toHaveLength(1)
    expect(asked[0].body).toEqual({ media_url: expect.stringMatching(new RegExp(`^https://minan\\.example\\.cn/api/files/${photo}\\?exp=\\d+&sig=`)), media_type: 2, version: 2, scene: 2, openid: 'o-resident-chen' })
    // The link WeChat is given serves the photo (the server's signed link, under the public address).
    const link = new URL((asked[0].body as { media_url: string }).media_url)
    expect((await fetch(`${server.url}${link.pathname}${link.search}`)).status).toBe(200)

    const id = await disputeWith([photo])
    expect(ok(await call<CaseDetail>('petition', 'get', { id }, chen)).photos).toEqual([{ id: photo, url: expect.any(String), check: 'pending' }])
    expect(ok(await call<CaseDetail>('petition', 'get', { id }, centre)).photos).toEqual([{ id: photo, url: expect.any(String), check: 'pending' }])
    const before = ok(await call<CaseDetail>('petition', 'get', { id }, li))
    expect(before.photos).toEqual([])
    expect(JSON.stringify(before)).not.toContain(photo)

    const answer = await push(mediaCheckMessage(await traceOf(photo), 'pass', wechat.appId))
    expect(answer.status).toBe(200)
    expect(await answer.text()).toBe('success')
    expect(ok(await call<CaseDetail>('petition', 'get', { id }, li)).photos).toEqual([{ id: photo, url: expect.any(String) }])
    expect(ok(await call<CaseDetail>('petition', 'get', { id }, chen)).photos).toEqual([{ id: photo, url: expect.any(String) }])
  })

  test('a risky verdict (safe mode) hides the photo from others for good and tells the owner once', async () => {
    const kept = await upload(chen)
    const risky = await upload(chen)
    const id = await disputeWith([kept, risky])
    expect(await (await push(mediaCheckMessage(await traceOf(kept), 'pass', wechat.appId), { safe: true })).text()).toBe('success')
    const message = mediaCheckMessage(await traceOf(risky), 'risky', wechat.appId)
    expect(await (await push(message, { safe: true })).text()).toBe('success')
    // WeChat repeats a message it is not sure arrived; a later 'pass' for the same trace changes nothing either.
    expect(await (await push(message, { safe: true })).text()).toBe('success')
    expect((await push(mediaCheckMessage(await traceOf(risky), 'pass', wechat.appId))).status).toBe(200)

    expect(ok(await call<CaseDetail>('petition', 'get', { id }, li)).photos.map((p) => p.id)).toEqual([kept])
    expect(ok(await call<CaseDetail>('petition', 'get', { id }, chen)).photos).toEqual([
      { id: kept, url: expect.any(String) },
      { id: risky, url: expect.any(String), check: 'risky' }
    ])
    const told = ok(await call<{ items: Message[] }>('messages', 'list', {}, chen)).items.filter((m) => m.kind === 'photo.hidden')
    expect(told).toHaveLength(1)
  })

  test('the other party’s photos in mediation wait for the check too; the mediator’s staff see them meanwhile', async () => {
    const id = await disputeWith([])
    ok(await call('parties', 'consent', { id, answer: 'accept' }, li))
    const photo = await upload(li)
    ok(await call<MediationView>('parties', 'account', { id, text: '漏水是楼上水管老化，我愿意分担维修费。', photos: [photo] }, li))
    expect(ok(await call<MediationView>('parties', 'view', { id }, chen)).respondent.photos).toEqual([])
    expect(ok(await call<MediationView>('parties', 'view', { id }, li)).respondent.photos).toEqual([{ id: photo, url: expect.any(String), check: 'pending' }])
    expect(ok(await call<MediationView>('parties', 'view', { id }, centre)).respondent.photos).toEqual([{ id: photo, url: expect.any(String), check: 'pending' }])
    await push(mediaCheckMessage(await traceOf(photo), 'pass', wechat.appId))
    expect(ok(await call<MediationView>('parties', 'view', { id }, chen)).respondent.photos.map((p) => p.id)).toEqual([photo])
  })

  test('messages not signed with the push token are refused and change nothing; the URL check echoes only a signed request', async () => {
    const photo = await upload(chen)
    const trace = await traceOf(photo)
    expect((await push(mediaCheckMessage(trace, 'pass', wechat.appId), { token: 'someoneElsesToken' })).status).toBe(403)
    expect((await push(mediaCheckMessage(trace, 'pass', wechat.appId), { safe: true, token: 'someoneElsesToken' })).status).toBe(403)
    // A safe-mode body that was tampered with.
    const signed = wechatPush(mediaCheckMessage(trace, 'pass', wechat.appId), PUSH_TOKEN, { aesKey: AES_KEY, appId: wechat.appId }, clock.now())
    const tampered = JSON.stringify({ ToUserName: 'gh_test', Encrypt: Buffer.from('x'.repeat(64)).toString('base64') })
    expect((await fetch(`${server.url}/wechat/push?${signed.query}`, { method: 'POST', body: tampered })).status).toBe(403)
    // Another app's message, correctly signed and encrypted with our key, is still not ours.
    const foreign = wechatPush(mediaCheckMessage(trace, 'pass', 'wx-other-app'), PUSH_TOKEN, { aesKey: AES_KEY, appId: 'wx-other-app' }, clock.now())
    expect((await fetch(`${server.url}/wechat/push?${foreign.query}`, { method: 'POST', body: foreign.body })).status).toBe(403)
    expect((await server.backend.services.db.selectFrom('media_checks').select('status').where('file_id', '=', photo).executeTakeFirstOrThrow()).status).toBe('pending')

    // A plaintext message, correctly signed, is refused where safe mode is configured: in plaintext the signature
    // does not cover the body, so a captured one could carry any verdict.
    expect((await push(mediaCheckMessage(trace, 'pass', wechat.appId), { safe: false })).status).toBe(403)
    // A correctly signed message from more than five minutes ago (a replay) is refused.
    expect((await push(mediaCheckMessage(trace, 'pass', wechat.appId), { at: new Date(clock.now().getTime() - 6 * 60_000) })).status).toBe(403)
    expect((await server.backend.services.db.selectFrom('media_checks').select('status').where('file_id', '=', photo).executeTakeFirstOrThrow()).status).toBe('pending')

    const check = new URLSearchParams(wechatPush({}, PUSH_TOKEN, undefined, clock.now()).query)
    check.set('echostr', 'echo-1234')
    const verified = await fetch(`${server.url}/wechat/push?${check}`)
    expect(verified.status).toBe(200)
    expect(await verified.text()).toBe('echo-1234')
    check.set('signature', '0'.repeat(40))
    expect((await fetch(`${server.url}/wechat/push?${check}`)).status).toBe(403)
  })

  test('a push whose sender hangs up halfway through the body ends that request, not the server', async () => {
    const signed = wechatPush(mediaCheckMessage('trace-x', 'pass', wechat.appId), PUSH_TOKEN, { aesKey: AES_KEY, appId: wechat.appId }, clock.now())
    const { port } = new URL(server.url)
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST /wechat/push?${signed.query} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n${signed.body.slice(0, 40)}`)
        setTimeout(() => socket.destroy(), 200)
      })
      socket.on('close', () => resolve())
      socket.on('error', reject)
    })
    // Give the server the moment in which the aborted read would have thrown.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
  })

  test('a check that cannot be asked fails closed: the photo stays with its owner and the handling staff', async () => {
    const config = server.backend.services.config
    const publicUrl = config.publicUrl
    config.publicUrl = null
    try {
      const photo = await upload(chen)
      expect(wechat.calls.filter((c) => c.path === '/wxa/media_check_async')).toHaveLength(0)
      const id = await disputeWith([photo])
      expect(ok(await call<CaseDetail>('petition', 'get', { id }, li)).photos).toEqual([])
      expect(ok(await call<CaseDetail>('petition', 'get', { id }, chen)).photos).toEqual([{ id: photo, url: expect.any(String), check: 'pending' }])
    } finally {
      config.publicUrl = publicUrl
    }
  })
})
