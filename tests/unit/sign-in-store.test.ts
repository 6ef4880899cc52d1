/**
 * The session store's real sign-ins: WeChat (the code from wx.login sent to auth.wechatSignIn) and phone + code; each
 * keeps the token like any sign-in, a refusal shows its message and keeps nobody signed in. And the pure code rules.
 */
import type { Me } from '../../types/api'
import { RootStore } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { apiError, FakeTransport } from '../support/fake-transport'
import { codeUsable, secondsUntilResend, triesLeftAfterFailure } from '../../cloud/domain/account/sign-in-code'

const WANG: Me = { userId: 'u-wang', displayName: '微信用户', roles: [{ role: 'resident', regionCode: null, regionName: null }], homeRegion: null }

test('WeChat: the wx.login code goes to the server, the token is kept, the person is signed in', async () => {
  const transport = new FakeTransport({ 'auth.wechatSignIn': ({ loginCode }: { loginCode: string }) => ({ token: `t-${loginCode}`, expiresAt: '2026-12-01T00:00:00Z', me: WANG }) })
  const storage = memoryStorage()
  const root = new RootStore({ transport, storage, systemLanguage: 'zh-CN' })
  expect(await root.session.signInWechat(async () => 'code-1')).toBe(true)
  expect(transport.callsTo('auth.wechatSignIn').map((c) => c.input)).toEqual([{ loginCode: 'code-1' }])
  expect(root.session.me?.userId).toBe('u-wang')
  expect(root.session.token).toBe('t-code-1')
  expect(storage.get('minan.token')).toBe('t-code-1')
})

test('phone: the code is asked for, then used; a wrong code shows the server’s words and signs nobody in', async () => {
  const transport = new FakeTransport({
    'auth.requestSmsCode': () => ({ expiresAt: '2026-12-01T00:05:00Z', resendAt: '2026-12-01T00:01:00Z', shownCode: '123456' }),
    'auth.smsSignIn': ({ smsCode }: { smsCode: string }) => {
      if (smsCode !== '123456') throw apiError('SMS_CODE_WRONG', '验证码不正确，还可以再试 4 次。', 'smsCode')
      return { token: 't-phone', expiresAt: '2026-12-01T00:00:00Z', me: { ...WANG, userId: 'u-phone', phoneVerified: true } }
    }
  })
  const root = new RootStore({ transport, storage: memoryStorage(), systemLanguage: 'zh-CN' })
  expect(await root.session.requestSmsCode('13822229999')).toBe(true)
  expect(root.session.smsSent?.shownCode).toBe('123456')
  expect(await root.session.signInSms('13822229999', '000000')).toBe(false)
  expect(root.session.error).toBe('验证码不正确，还可以再试 4 次。')
  expect(root.session.signedIn).toBe(false)
  expect(await root.session.signInSms('13822229999', '123456')).toBe(true)
  expect(root.session.me).toMatchObject({ userId: 'u-phone', phoneVerified: true })
  expect(root.session.smsSent).toBeNull()
})

test('code rules: resend interval, expiry, tries', () => {
  const rules = { codeMinutes: 5, codeAttempts: 5, resendSeconds: 60 }
  const now = new Date('2026-12-01T00:00:30Z')
  const code = { created_at: '2026-12-01T00:00:00Z', expires_at: '2026-12-01T00:05:00Z', failures: 0 }
  expect(secondsUntilResend(code, rules, now)).toBe(30)
  expect(secondsUntilResend(code, rules, new Date('2026-12-01T00:01:00Z'))).toBe(0)
  expect(secondsUntilResend(null, rules, now)).toBe(0)
  expect(codeUsable(code, rules, now)).toBe(true)
  expect(codeUsable(code, rules, new Date('2026-12-01T00:05:00Z'))).toBe(false)
  expect(codeUsable({ ...code, failures: 5 }, rules, now)).toBe(false)
  expect(triesLeftAfterFailure({ ...code, failures: 3 }, rules)).toBe(1)
})
