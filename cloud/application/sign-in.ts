/**
 * Real sign-in on the paths where WeChat does not vouch for the caller: the mini-program on a self-hosted backend
 * (wx.login code → code2Session → OPENID/UNIONID) and H5 (mobile number + one-time text-message code). Each ends in
 * the same session token as any other sign-in.
 */
import crypto from 'node:crypto'
import type { HandlerContext } from '../core/context'
import { AppError, fail } from '../core/errors'
import { spendAttempt } from '../core/rate-limit'
import { SignInRepository } from '../db/repositories/sign-in'
import { codeUsable, phoneDisplayName, secondsUntilResend, triesLeftAfterFailure } from '../domain/account/sign-in-code'
import { WechatCodeInvalid } from '../ports/wechat'
import { DEFAULT_SIGN_IN } from '../settings'
import type { SignInMethods, SmsCodeSent } from '../../types/functions/auth'

const rulesOf = (ctx: HandlerContext) => ctx.services.settings.signIn ?? DEFAULT_SIGN_IN

export const signInMethods = (ctx: HandlerContext): SignInMethods => ({
  demo: ctx.services.config.demo,
  wechat: Boolean(ctx.services.wechat),
  sms: Boolean(ctx.services.signInSms)
})

const log = (event: string, detail: Record<string, unknown>) => console.error(JSON.stringify({ at: new Date().toISOString(), event, ...detail }))

/** wx.login's code exchanged for the person's OPENID (and UNIONID); the person is created as a resident on first sight. */
export async function wechatSignIn(ctx: HandlerContext, code: string): Promise<string> {
  const { services, now, client } = ctx
  const wechat = services.wechat ?? fail('SIGNIN_METHOD_UNAVAILABLE')
  await spendAttempt(services.db, [`signin:client:${client ?? 'unknown'}`], services.settings.rateLimits.signIn, now)
  let session
  try {
    session = await wechat.code2Session(code)
  } catch (e) {
    if (e instanceof WechatCodeInvalid) fail('WECHAT_CODE_INVALID', 'loginCode')
    log('wechat_code2session_failed', { error: e instanceof Error ? e.message : String(e) })
    fail('WECHAT_UNAVAILABLE')
  }
  return new SignInRepository(services.db).ensureForWechat(session.openid, session.unionid, services.newId(), now.toISOString())
}

/** The keyed hash a code is stored under: bound to its number, so a stored hash says nothing about another number's code. */
const codeHashOf = (ctx: HandlerContext, phoneHash: string, code: string) => ctx.services.cipher.hash(`signin-code:${phoneHash}:${code}`)

/**
 * A new six-digit code for the number, sent by text message (or shown, outside production). Refused while the last
 * one is younger than the resend interval (so a retried request sends nothing twice), and beyond the limits per number
 * and per client. A code whose message could not be sent is dropped again; the attempt still counts.
 */
export async function requestSmsCode(ctx: HandlerContext, phone: string): Promise<SmsCodeSent> {
  const { services, now } = ctx
  const sender = services.signInSms ?? fail('SIGNIN_METHOD_UNAVAILABLE')
  const rules = rulesOf(ctx)
  const phoneHash = services.cipher.hash(phone)
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0')
  const codeHash = codeHashOf(ctx, phoneHash, code)
  const expiresAt = new Date(now.getTime() + rules.codeMinutes * 60_000).toISOString()
  const window = { attempts: 0, minutes: rules.windowMinutes }
  await services.db.transaction().execute(async (trx) => {
    const codes = new SignInRepository(trx)
    // First the number's limit: on PostgreSQL it also queues concurrent requests for the number, so the check below
    // sees the code a concurrent request made. A refusal below rolls the attempt back with everything else.
    await spendAttempt(trx, [`smscode:phone:${phoneHash}`], { ...window, attempts: rules.perNumber }, now)
    const wait = secondsUntilResend(await codes.code(phoneHash), rules, now)
    if (wait > 0) fail('SMS_CODE_TOO_SOON', undefined, { seconds: String(wait) })
    await spendAttempt(trx, [`smscode:client:${ctx.client ?? 'unknown'}`], { ...window, attempts: rules.perClient }, now)
    await codes.putCode({ phone_hash: phoneHash, code_hash: codeHash, expires_at: expiresAt, failures: 0, created_at: now.toISOString() })
  })
  try {
    await sender.sendSignInCode({ to: phone, code, minutes: rules.codeMinutes })
  } catch (e) {
    log('sign_in_sms_failed', { error: e instanceof Error ? e.message : String(e) })
    await new SignInRepository(services.db).dropCode(phoneHash, codeHash)
    fail('SMS_UNAVAILABLE')
  }
  const resendAt = new Date(now.getTime() + rules.resendSeconds * 1000).toISOString()
  return { expiresAt, resendAt, ...(sender.shows ? { shownCode: code } : {}) }
}

/**
 * Signs in with the number's code: right, unexpired, unused and within its tries, it is used up and the person (found
 * or created by the number) is marked as having a verified phone. Every try counts against the sign-in limits per
 * number and per client; a wrong one also against the code itself.
 */
export async function smsSignIn(ctx: HandlerContext, phone: string, code: string): Promise<string> {
  const { services, now } = ctx
  if (!services.signInSms) fail('SIGNIN_METHOD_UNAVAILABLE')
  const rules = rulesOf(ctx)
  const phoneHash = services.cipher.hash(phone)
  await spendAttempt(services.db, [`signin:phone:${phoneHash}`, `signin:client:${ctx.client ?? 'unknown'}`], services.settings.rateLimits.signIn, now)
  const given = codeHashOf(ctx, phoneHash, code)
  const outcome = await services.db.transaction().execute(async (trx): Promise<AppError | string> => {
    const codes = new SignInRepository(trx)
    const current = await codes.code(phoneHash)
    if (!codeUsable(current, rules, now)) return new AppError('SMS_CODE_EXPIRED', 'smsCode')
    const same = current.code_hash.length === given.length && crypto.timingSafeEqual(Buffer.from(current.code_hash), Buffer.from(given))
    if (!same) {
      await codes.countFailure(phoneHash)
      const left = triesLeftAfterFailure(current, rules)
      return left > 0 ? new AppError('SMS_CODE_WRONG', 'smsCode', { left: String(left) }) : new AppError('SMS_CODE_EXPIRED', 'smsCode')
    }
    // Two presenting the same code at once: one uses it, the other finds it gone.
    if (!(await codes.consumeCode(phoneHash, given, now.toISOString()))) return new AppError('SMS_CODE_EXPIRED', 'smsCode')
    return codes.ensureForPhone(phoneHash, phoneDisplayName(phone), services.newId(), now.toISOString())
  })
  // A wrong try is committed (it counts) before it is answered.
  if (outcome instanceof AppError) throw outcome
  return outcome
}

/** PHONE_NOT_VERIFIED where the deployment requires a verified phone to file and the person has none. */
export async function requireVerifiedPhone(ctx: HandlerContext & { userId: string }): Promise<void> {
  if (!rulesOf(ctx).requireVerifiedPhone) return
  if (!(await new SignInRepository(ctx.services.db).phoneVerifiedAt(ctx.userId))) fail('PHONE_NOT_VERIFIED')
}
