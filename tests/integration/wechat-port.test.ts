/**
 * The WeChat port's access token and the Tencent Cloud SMS adapter's signature, against the local stand-ins: a token is
 * fetched once and cached, refreshed shortly before it expires (one refresh however many callers wait), and refreshed
 * at once when WeChat says it is stale; a request signed with the wrong key is refused by the SMS stand-in.
 */
import { fixedClock } from '../../cloud/ports/clock'
import { wechatApi, WechatCodeInvalid } from '../../cloud/ports/wechat'
import { tencentSendSms } from '../../cloud/ports/tencent-sms'
import { startSmsStandIn, startWechatStandIn, type SmsStandIn, type WechatStandIn } from '../support/standins'

let wechat: WechatStandIn
let sms: SmsStandIn
beforeAll(async () => {
  wechat = await startWechatStandIn()
  sms = await startSmsStandIn()
})
afterAll(async () => {
  await wechat.close()
  await sms.close()
})

test('access token: cached, one refresh for concurrent callers, refreshed 5 minutes before expiry, and at once when stale', async () => {
  const clock = fixedClock(new Date('2026-11-20T02:00:00Z'))
  const api = wechatApi({ appId: wechat.appId, secret: wechat.secret, apiBase: wechat.url }, { now: () => clock.now().getTime() })
  const tokens = await Promise.all([api.accessToken(), api.accessToken(), api.accessToken()])
  expect(new Set(tokens).size).toBe(1)
  expect(wechat.tokenCalls).toEqual([{ forceRefresh: false }])
  await api.post('/wxa/msg_sec_check', { content: '你好' })
  expect(wechat.calls[wechat.calls.length - 1].token).toBe(tokens[0])
  expect(wechat.tokenCalls).toHaveLength(1)

  // 2 hours' lifetime: still used at 1 h 54 min, replaced at 1 h 55 min (five minutes early).
  clock.advance(114 * 60_000)
  expect(await api.accessToken()).toBe(tokens[0])
  clock.advance(60_000)
  const [second, alsoSecond] = await Promise.all([api.accessToken(), api.accessToken()])
  expect(second).not.toBe(tokens[0])
  expect(alsoSecond).toBe(second)
  expect(wechat.tokenCalls).toHaveLength(2)

  // WeChat says the token expired: refreshed (forced) and the call made again, once.
  wechat.expireTokenOnce()
  const r = await api.post<{ errcode?: number }>('/wxa/msg_sec_check', { content: '再试' })
  expect(r.errcode).toBe(0)
  expect(wechat.tokenCalls[wechat.tokenCalls.length - 1]).toEqual({ forceRefresh: true })
  expect(wechat.calls[wechat.calls.length - 1].token).toBe(wechat.tokens[wechat.tokens.length - 1])
})

test('code2Session: a good code gives the OPENID and UNIONID; a bad one WechatCodeInvalid (40029)', async () => {
  const api = wechatApi({ appId: wechat.appId, secret: wechat.secret, apiBase: wechat.url })
  wechat.codes.set('c-1', { openid: 'o-1', unionid: 'u-1' })
  expect(await api.code2Session('c-1')).toEqual({ openid: 'o-1', unionid: 'u-1' })
  await expect(api.code2Session('c-1')).rejects.toEqual(new WechatCodeInvalid(40029))
  // A wrong secret is not a bad code: WeChat is not usable (the operator has to fix it).
  const wrong = wechatApi({ appId: wechat.appId, secret: 'not-the-secret', apiBase: wechat.url })
  wechat.codes.set('c-2', { openid: 'o-2' })
  await expect(wrong.code2Session('c-2')).rejects.toThrow(/errcode 40013/)
})

test('Tencent Cloud SMS: the stand-in accepts the adapter’s TC3 signature and refuses one made with another key', async () => {
  const settings = { secretId: sms.secretId, secretKey: sms.secretKey, sdkAppId: '1400000000', signName: '民安', signInTemplate: '1', endpoint: sms.url }
  await tencentSendSms(settings, '+8613822220000', '1', ['123456', '5'])
  expect(sms.sent[sms.sent.length - 1]).toEqual({ to: '+8613822220000', template: '1', params: ['123456', '5'] })
  expect(sms.badSignatures).toBe(0)
  await expect(tencentSendSms({ ...settings, secretKey: 'another-key' }, '+8613822220000', '1', ['123456', '5'])).rejects.toThrow(/AuthFailure.SignatureFailure/)
  expect(sms.badSignatures).toBe(1)
})
