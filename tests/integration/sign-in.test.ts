/**
 * Real sign-in through the HTTP server on both databases, against local stand-ins of WeChat and Tencent Cloud SMS:
 * wx.login codes exchanged for an OPENID (the same person on every sign-in, a bad code refused with 40029's message),
 * and phone + text-message code (the stand-in verifies the TC3 signature; limits per number and per client; codes
 * expire, are single-use and die after too many wrong tries; the phone is recorded as verified and a deployment may
 * require it to file).
 */
import { fixedClock } from '../../cloud/ports/clock'
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { startSmsStandIn, startWechatStandIn, type SmsStandIn, type WechatStandIn } from '../support/standins'
import { filing } from '../support/fixtures'
import type { SignedIn, SignInMethods, SmsCodeSent } from '../../types/functions/auth'
import type { Me } from '../../types/functions/auth'

const START = new Date('2026-11-20T02:00:00Z')

describe.each(DATABASES)('sign-in on %s', (kind) => {
  const clock = fixedClock(START)
  let server: TestServer
  let wechat: WechatStandIn
  let sms: SmsStandIn
  beforeAll(async () => {
    wechat = await startWechatStandIn()
    sms = await startSmsStandIn()
    server = await startTestServer(kind, {
      clock,
      config: {
        wechat: { appId: wechat.appId, secret: wechat.secret, apiBase: wechat.url },
        signInSms: { kind: 'tencent', tencent: { secretId: sms.secretId, secretKey: sms.secretKey, sdkAppId: '1400000000', signName: '民安', signInTemplate: '100001', endpoint: sms.url } }
      },
      settings: { rateLimits: { signIn: { attempts: 1000, minutes: 10 }, file: { attempts: 1000, minutes: 60 } } }
    })
  })
  afterAll(async () => {
    await server.close()
    await wechat.close()
    await sms.close()
  })
  const ok = <T>(r: { ok: boolean; data?: unknown; error?: unknown }): T => {
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    return r.data as T
  }
  const count = async (table: 'users' | 'sign_in_codes') => Number((await server.backend.services.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

  test('the server says which ways of signing in it offers', async () => {
    expect(ok<SignInMethods>(await server.call('auth', 'methods', {}))).toEqual({ demo: true, wechat: true, sms: true })
  })

  test('wx.login: a good code signs in by OPENID, the same person next time, with the UNIONID kept; a bad code is refused (40029)', async () => {
    wechat.codes.set('code-a1', { openid: 'o-wang', unionid: 'u-wang' })
    wechat.codes.set('code-a2', { openid: 'o-wang' })
    const users = await count('users')
    const first = ok<SignedIn>(await server.call('auth', 'wechatSignIn', { loginCode: 'code-a1' }))
    expect(first.me.roles).toEqual([{ role: 'resident', regionCode: null, regionName: null }])
    expect(ok<Me>(await server.call('auth', 'me', {}, first.token)).userId).toBe(first.me.userId)
    const again = ok<SignedIn>(await server.call('auth', 'wechatSignIn', { loginCode: 'code-a2' }))
    expect(again.me.userId).toBe(first.me.userId)
    expect(await count('users')).toBe(users + 1)
    const row = await server.backend.services.db.selectFrom('users').select(['openid', 'unionid']).where('id', '=', first.me.userId).executeTakeFirstOrThrow()
    expect(row).toEqual({ openid: 'o-wang', unionid: 'u-wang' })

    // The code was used: WeChat answers 40029, and so does a code it never issued.
    for (const loginCode of ['code-a1', 'never-issued']) {
      const refused = await server.post('auth', { action: 'wechatSignIn', input: { loginCode }, locale: 'zh-CN' })
      expect(refused.body).toMatchObject({ ok: false, error: { code: 'WECHAT_CODE_INVALID', message: '微信登录凭证已失效，请重新登录。' } })
    }
    expect(await server.call('auth', 'wechatSignIn', { loginCode: 'x' }, undefined, { locale: 'en' })).toMatchObject({ ok: false, error: { message: 'The WeChat sign-in has expired. Please sign in again.' } })
    expect(await count('users')).toBe(users + 1)
  })

  test('a person first seen on cloud functions (by OPENID) is the same person through wx.login', async () => {
    const id = await server.backend.services.db.transaction().execute(async (trx) => {
      const { UserRepository } = await import('../../cloud/db/repositories/users')
      return new UserRepository(trx).ensureForOpenid('o-cloud', 'user-from-cloud', START.toISOString())
    })
    wechat.codes.set('code-c1', { openid: 'o-cloud' })
    expect(ok<SignedIn>(await server.call('auth', 'wechatSignIn', { loginCode: 'code-c1' })).me.userId).toBe(id)
  })

  const request = (phone: string) => server.call<SmsCodeSent>('auth', 'requestSmsCode', { phone })
  const lastCode = () => sms.sent[sms.sent.length - 1].params[0]

  test('phone + code: the message goes through Tencent Cloud SMS, signed; the code signs in once; the phone is recorded as verified', async () => {
    const sent = ok<SmsCodeSent>(await request('138 2222 1001'))
    expect(sent.shownCode).toBeUndefined()
    expect(sent.expiresAt).toBe(new Date(START.getTime() + 5 * 60_000).toISOString())
    expect(sms.badSignatures).toBe(0)
    expect(sms.sent[sms.sent.length - 1]).toMatchObject({ to: '+8613822221001', template: '100001', params: [expect.stringMatching(/^\d{6}$/), '5'] })
    const code = lastCode()
    // Only a keyed hash of the code is stored.
    const stored = await server.backend.services.db.selectFrom('sign_in_codes').selectAll().execute()
    expect(JSON.stringify(stored)).not.toContain(code)
    expect(JSON.stringify(stored)).not.toContain('13822221001')

    const users = await count('users')
    const signed = ok<SignedIn>(await server.call('auth', 'smsSignIn', { phone: '13822221001', smsCode: code }))
    expect(signed.me).toMatchObject({ phoneVerified: true, displayName: '手机用户1001', roles: [{ role: 'resident' }] })
    expect(await count('users')).toBe(users + 1)
    // Single use: the same code again is refused, and changes nothing.
    const reused = await server.post('auth', { action: 'smsSignIn', input: { phone: '13822221001', smsCode: code }, locale: 'zh-CN' })
    expect(reused.body).toMatchObject({ ok: false, error: { code: 'SMS_CODE_EXPIRED', field: 'smsCode' } })
    // The next sign-in with a new code is the same person.
    clock.advance(61_000)
    ok(await request('+86 138-2222-1001'))
    expect(ok<SignedIn>(await server.call('auth', 'smsSignIn', { phone: '13822221001', smsCode: lastCode() })).me.userId).toBe(signed.me.userId)
    expect(await count('users')).toBe(users + 1)
  })

  test('a code expires after 5 minutes', async () => {
    clock.advance(61_000)
    ok(await request('13822221002'))
    const code = lastCode()
    clock.advance(5 * 60_000 + 1)
    expect(await server.call('auth', 'smsSignIn', { phone: '13822221002', smsCode: code })).toMatchObject({ ok: false, error: { code: 'SMS_CODE_EXPIRED' } })
  })

  test('wrong codes: each says how many tries are left; after 5 the code is dead, even the right one', async () => {
    clock.advance(61_000)
    ok(await request('13822221003'))
    const code = lastCode()
    const wrong = code === '000000' ? '111111' : '000000'
    for (const left of [4, 3, 2, 1]) {
      const r = await server.post('auth', { action: 'smsSignIn', input: { phone: '13822221003', smsCode: wrong }, locale: 'zh-CN' })
      expect(r.body).toMatchObject({ ok: false, error: { code: 'SMS_CODE_WRONG', message: `验证码不正确，还可以再试 ${left} 次。` } })
    }
    expect(await server.call('auth', 'smsSignIn', { phone: '13822221003', smsCode: wrong })).toMatchObject({ ok: false, error: { code: 'SMS_CODE_EXPIRED' } })
    expect(await server.call('auth', 'smsSignIn', { phone: '13822221003', smsCode: code })).toMatchObject({ ok: false, error: { code: 'SMS_CODE_EXPIRED' } })
  })

  test('limits: one code a minute per number (a retry sends nothing twice), 5 an hour per number, 20 per client', async () => {
    clock.advance(61_000)
    const before = sms.sent.length
    ok(await request('13822221004'))
    const retry = await server.post('auth', { action: 'requestSmsCode', input: { phone: '13822221004' }, locale: 'zh-CN' })
    expect(retry.body).toMatchObject({ ok: false, error: { code: 'SMS_CODE_TOO_SOON', message: '验证码已发送，请 60 秒后再重新获取。' } })
    for (let i = 0; i < 4; i++) {
      clock.advance(61_000)
      ok(await request('13822221004'))
    }
    clock.advance(61_000)
    expect(await request('13822221004')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    expect(sms.sent.length).toBe(before + 5)

    // Per client: everything here comes from 127.0.0.1; the hour passes and other numbers are counted up to 20.
    clock.advance(61 * 60_000)
    let accepted = 0
    for (let n = 10; n < 40; n++) if ((await request(`138222210${n}`)).ok) accepted++
    expect(accepted).toBe(20)
    expect(await request('13822221099')).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    clock.advance(61 * 60_000)
  })

  test('at once: two requests for one number send one code; two sign-ins with one code sign in once', async () => {
    const before = sms.sent.length
    const both = await Promise.all([request('13822221010'), request('13822221010')])
    expect(both.filter((r) => r.ok)).toHaveLength(1)
    expect(both.find((r) => !r.ok)).toMatchObject({ error: { code: 'SMS_CODE_TOO_SOON' } })
    expect(sms.sent.length).toBe(before + 1)
    const code = lastCode()
    const signIns = await Promise.all([1, 2].map(() => server.call('auth', 'smsSignIn', { phone: '13822221010', smsCode: code })))
    expect(signIns.filter((r) => r.ok)).toHaveLength(1)
    expect(signIns.find((r) => !r.ok)).toMatchObject({ error: { code: 'SMS_CODE_EXPIRED' } })
    clock.advance(61 * 60_000)
  })

  test('a provider that refuses the message: SMS_UNAVAILABLE, and no code is left behind', async () => {
    sms.failing = true
    const codes = await count('sign_in_codes')
    expect(await request('13822221005')).toMatchObject({ ok: false, error: { code: 'SMS_UNAVAILABLE' } })
    expect(await count('sign_in_codes')).toBe(codes)
    sms.failing = false
  })

  test('a deployment that requires a verified phone refuses a filing without one, and takes it with one', async () => {
    const settings = server.backend.services.settings
    settings.signIn = { ...settings.signIn!, requireVerifiedPhone: true }
    try {
      wechat.codes.set('code-f1', { openid: 'o-filer' })
      const byWechat = ok<SignedIn>(await server.call('auth', 'wechatSignIn', { loginCode: 'code-f1' }))
      expect(await server.call('petition', 'file', filing({ title: '未验证手机' }), byWechat.token, { requestId: 'verified-phone-0001' })).toMatchObject({ ok: false, error: { code: 'PHONE_NOT_VERIFIED' } })
      clock.advance(61 * 60_000)
      ok(await request('13822221006'))
      const byPhone = ok<SignedIn>(await server.call('auth', 'smsSignIn', { phone: '13822221006', smsCode: lastCode() }))
      expect((await server.call('petition', 'file', filing({ title: '已验证手机' }), byPhone.token, { requestId: 'verified-phone-0002' })).ok).toBe(true)
    } finally {
      settings.signIn = { ...settings.signIn!, requireVerifiedPhone: false }
    }
  })
})

describe('phone sign-in outside production and in production', () => {
  test('outside production without a provider the code is shown, not sent; in production without one there is no phone sign-in', async () => {
    const dev = await startTestServer('sqlite')
    try {
      const sent = await dev.call<SmsCodeSent>('auth', 'requestSmsCode', { phone: '13822221007' })
      if (!sent.ok) throw new Error(sent.error.code)
      expect(sent.data.shownCode).toMatch(/^\d{6}$/)
      expect((await dev.call('auth', 'smsSignIn', { phone: '13822221007', smsCode: sent.data.shownCode })).ok).toBe(true)
    } finally {
      await dev.close()
    }
    const prod = await startTestServer('sqlite', { config: { production: true, demo: false, signInSms: null, wechat: null } })
    try {
      expect(await prod.call('auth', 'methods', {})).toEqual({ ok: true, data: { demo: false, wechat: false, sms: false } })
      expect(await prod.call('auth', 'requestSmsCode', { phone: '13822221008' })).toMatchObject({ ok: false, error: { code: 'SIGNIN_METHOD_UNAVAILABLE' } })
      expect(await prod.call('auth', 'wechatSignIn', { loginCode: 'abc' })).toMatchObject({ ok: false, error: { code: 'SIGNIN_METHOD_UNAVAILABLE' } })
    } finally {
      await prod.close()
    }
  })
})
