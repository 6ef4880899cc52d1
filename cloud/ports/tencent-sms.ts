/**
 * Tencent Cloud SMS (短信 SendSms, API version 2021-01-11) over HTTPS, signed with TC3-HMAC-SHA256 as Tencent Cloud
 * API 3.0 requires. The endpoint is a setting (MINAN_SMS_TENCENT_ENDPOINT) so that tests talk to a stand-in on
 * 127.0.0.1 that checks the signature, never to Tencent Cloud.
 */
import crypto from 'node:crypto'
import type { SignInSms } from './sms'

export interface TencentSmsSettings {
  secretId: string
  secretKey: string
  /** SmsSdkAppId of the SMS application. */
  sdkAppId: string
  /** The approved signature (签名), e.g. 民安. */
  signName: string
  /** The approved template for sign-in codes: {1} the code, {2} the minutes it is valid. */
  signInTemplate: string
  /** https://sms.tencentcloudapi.com unless set. */
  endpoint?: string
  /** ap-guangzhou unless set. */
  region?: string
}

const SERVICE = 'sms'
const VERSION = '2021-01-11'
const ACTION = 'SendSms'

const sha256Hex = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex')
const hmac = (key: Buffer | string, text: string) => crypto.createHmac('sha256', key).update(text, 'utf8').digest()

/**
 * The TC3-HMAC-SHA256 Authorization header for a POST of `payload` (JSON) to `host` with `action`, at `timestamp`
 * (seconds). Signed headers: content-type, host, x-tc-action.
 */
export function tc3Authorization(input: { secretId: string; secretKey: string; service: string; host: string; action: string; payload: string; timestamp: number; contentType: string }): string {
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10)
  const signedHeaders = 'content-type;host;x-tc-action'
  const canonicalHeaders = `content-type:${input.contentType}\nhost:${input.host}\nx-tc-action:${input.action.toLowerCase()}\n`
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, signedHeaders, sha256Hex(input.payload)].join('\n')
  const scope = `${date}/${input.service}/tc3_request`
  const stringToSign = ['TC3-HMAC-SHA256', String(input.timestamp), scope, sha256Hex(canonicalRequest)].join('\n')
  const signing = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request')
  const signature = crypto.createHmac('sha256', signing).update(stringToSign, 'utf8').digest('hex')
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`
}

/** One message through SendSms; rejects unless the provider accepted it for the number (SendStatusSet[0].Code "Ok"). */
export async function tencentSendSms(settings: TencentSmsSettings, to: string, templateId: string, params: string[], options: { now?: () => number; timeoutMs?: number } = {}): Promise<void> {
  const endpoint = new URL(settings.endpoint ?? 'https://sms.tencentcloudapi.com')
  const payload = JSON.stringify({ PhoneNumberSet: [to], SmsSdkAppId: settings.sdkAppId, SignName: settings.signName, TemplateId: templateId, TemplateParamSet: params })
  const timestamp = Math.floor((options.now ?? Date.now)() / 1000)
  const contentType = 'application/json; charset=utf-8'
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      authorization: tc3Authorization({ secretId: settings.secretId, secretKey: settings.secretKey, service: SERVICE, host: endpoint.host, action: ACTION, payload, timestamp, contentType }),
      'x-tc-action': ACTION,
      'x-tc-timestamp': String(timestamp),
      'x-tc-version': VERSION,
      'x-tc-region': settings.region ?? 'ap-guangzhou'
    },
    body: payload,
    signal: AbortSignal.timeout(options.timeoutMs ?? 5000)
  })
  if (!response.ok) throw new Error(`tencent sms: HTTP ${response.status}`)
  const body = (await response.json()) as { Response?: { Error?: { Code: string; Message: string }; SendStatusSet?: { Code: string; Message?: string }[] } }
  const error = body.Response?.Error
  if (error) throw new Error(`tencent sms: ${error.Code} ${error.Message}`)
  const status = body.Response?.SendStatusSet?.[0]
  if (status?.Code !== 'Ok') throw new Error(`tencent sms: ${status?.Code ?? 'no status'} ${status?.Message ?? ''}`.trim())
}

/** Sign-in codes through Tencent Cloud SMS. */
export const tencentSignInSms = (settings: TencentSmsSettings): SignInSms => ({
  shows: false,
  sendSignInCode: ({ to, code, minutes }) => tencentSendSms(settings, to, settings.signInTemplate, [code, String(minutes)])
})

/** The adapter's settings from the environment (MINAN_SMS_TENCENT_*); every one but endpoint and region is needed. */
export function tencentSmsSettingsFrom(env: NodeJS.ProcessEnv): TencentSmsSettings {
  const need = (name: string) => env[name] || (() => { throw new Error(`${name} must be set for Tencent Cloud SMS (see README, Configuration)`) })()
  return {
    secretId: need('MINAN_SMS_TENCENT_SECRET_ID'),
    secretKey: need('MINAN_SMS_TENCENT_SECRET_KEY'),
    sdkAppId: need('MINAN_SMS_TENCENT_APP_ID'),
    signName: need('MINAN_SMS_TENCENT_SIGN'),
    signInTemplate: need('MINAN_SMS_TENCENT_TEMPLATE_SIGNIN'),
    endpoint: env.MINAN_SMS_TENCENT_ENDPOINT || undefined,
    region: env.MINAN_SMS_TENCENT_REGION || undefined
  }
}
