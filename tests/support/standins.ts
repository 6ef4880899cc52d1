/**
 * Local stand-ins of WeChat's server API and Tencent Cloud SMS, on 127.0.0.1, for tests: tiny HTTP servers that answer
 * as the real services do for the calls the backend makes, and record what they were asked. Never the real services.
 */
import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const close = (server: http.Server) => new Promise<void>((resolve) => server.close(() => resolve()))

const readBody = (req: http.IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
  })

const answer = (res: http.ServerResponse, body: unknown) => {
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

export interface WechatStandIn {
  url: string
  appId: string
  secret: string
  /** wx.login codes this stand-in accepts, each once: code → the person it names. */
  codes: Map<string, { openid: string; unionid?: string }>
  /** Access tokens issued so far, newest last; `tokenLifetime` is the expires_in it answers (seconds). */
  tokens: string[]
  tokenLifetime: number
  /** Calls to the token endpoint, with their force_refresh flag. */
  tokenCalls: { forceRefresh: boolean }[]
  /** Server API calls made with a token: path, the token used, the body. */
  calls: { path: string; token: string; body: unknown }[]
  /** Makes the next server API call answer as for an expired token (42001). */
  expireTokenOnce(): void
  /** Makes the next call to `path` answer with this error (e.g. 43101 for subscribe/send); the call is still recorded. */
  failNext(path: string, errcode: number, errmsg?: string): void
  close(): Promise<void>
}

/**
 * WeChat: GET /sns/jscode2session (40029 for a code it did not issue or one already used, 40013 for another app id),
 * POST /cgi-bin/stable_token, and any POST with ?access_token= (answers errcode 0 with a 'pass' verdict).
 */
export async function startWechatStandIn(): Promise<WechatStandIn> {
  let expireNext = false
  const failures = new Map<string, { errcode: number; errmsg: string }>()
  const state = {
    appId: 'wx-test-app',
    secret: crypto.randomBytes(16).toString('hex'),
    codes: new Map<string, { openid: string; unionid?: string }>(),
    tokens: [] as string[],
    tokenLifetime: 7200,
    tokenCalls: [] as { forceRefresh: boolean }[],
    calls: [] as { path: string; token: string; body: unknown }[]
  }
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const body = await readBody(req)
      if (req.method === 'GET' && url.pathname === '/sns/jscode2session') {
        const q = url.searchParams
        if (q.get('appid') !== state.appId || q.get('secret') !== state.secret) return answer(res, { errcode: 40013, errmsg: 'invalid appid' })
        if (q.get('grant_type') !== 'authorization_code') return answer(res, { errcode: 40002, errmsg: 'invalid grant_type' })
        const person = state.codes.get(q.get('js_code') ?? '')
        if (!person) return answer(res, { errcode: 40029, errmsg: 'invalid code' })
        state.codes.delete(q.get('js_code')!)
        return answer(res, { openid: person.openid, session_key: crypto.randomBytes(16).toString('base64'), ...(person.unionid ? { unionid: person.unionid } : {}) })
      }
      if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
        const args = JSON.parse(body) as { grant_type: string; appid: string; secret: string; force_refresh?: boolean }
        if (args.appid !== state.appId || args.secret !== state.secret || args.grant_type !== 'client_credential') return answer(res, { errcode: 40013, errmsg: 'invalid appid' })
        state.tokenCalls.push({ forceRefresh: args.force_refresh === true })
        const token = `token-${state.tokens.length + 1}-${crypto.randomBytes(6).toString('hex')}`
        state.tokens.push(token)
        return answer(res, { access_token: token, expires_in: state.tokenLifetime })
      }
      const token = url.searchParams.get('access_token')
      if (req.method === 'POST' && token) {
        if (token !== state.tokens[state.tokens.length - 1]) return answer(res, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' })
        if (expireNext) {
          expireNext = false
          return answer(res, { errcode: 42001, errmsg: 'access_token expired' })
        }
        state.calls.push({ path: url.pathname, token, body: JSON.parse(body) as unknown })
        const failure = failures.get(url.pathname)
        if (failure) {
          failures.delete(url.pathname)
          return answer(res, failure)
        }
        // The image check is asynchronous: it answers a trace id, the verdict comes later as a pushed message.
        if (url.pathname === '/wxa/media_check_async') return answer(res, { errcode: 0, errmsg: 'ok', trace_id: `trace-${crypto.randomUUID()}` })
        return answer(res, { errcode: 0, errmsg: 'ok', result: { suggest: 'pass', label: 100 } })
      }
      res.writeHead(404).end()
    })()
  })
  const url = await listen(server)
  return Object.assign(state, {
    url,
    expireTokenOnce: () => void (expireNext = true),
    failNext: (path: string, errcode: number, errmsg = 'failed') => void failures.set(path, { errcode, errmsg }),
    close: () => close(server)
  })
}

/**
 * A message as WeChat's message push sends it to a server (data format JSON): the query with its signature, and the
 * body, in plaintext or, given the EncodingAESKey, in safe mode — written here from WeChat's description, apart from
 * the server's own code.
 */
export function wechatPush(message: Record<string, unknown>, token: string, safe?: { aesKey: string; appId: string }, at: Date = new Date()): { query: string; body: string } {
  const timestamp = String(Math.floor(at.getTime() / 1000))
  const nonce = crypto.randomBytes(5).toString('hex')
  const sign = (...parts: string[]) => crypto.createHash('sha1').update(parts.sort().join('')).digest('hex')
  if (!safe) return { query: new URLSearchParams({ signature: sign(token, timestamp, nonce), timestamp, nonce }).toString(), body: JSON.stringify(message) }
  const key = Buffer.from(`${safe.aesKey}=`, 'base64')
  const text = Buffer.from(JSON.stringify(message), 'utf8')
  const length = Buffer.alloc(4)
  length.writeUInt32BE(text.length)
  const plain = Buffer.concat([crypto.randomBytes(16), length, text, Buffer.from(safe.appId)])
  const pad = 32 - (plain.length % 32)
  const cipher = crypto.createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
  cipher.setAutoPadding(false)
  const encrypted = Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64')
  const query = new URLSearchParams({ signature: sign(token, timestamp, nonce), timestamp, nonce, encrypt_type: 'aes', msg_signature: sign(token, timestamp, nonce, encrypted) })
  return { query: query.toString(), body: JSON.stringify({ ToUserName: 'gh_test', Encrypt: encrypted }) }
}

/** A `wxa_media_check` verdict as WeChat pushes it (version 2). */
export const mediaCheckMessage = (traceId: string, suggest: 'pass' | 'risky' | 'review', appid = 'wx-test-app') => ({
  ToUserName: 'gh_test',
  FromUserName: 'o-system',
  CreateTime: Math.floor(Date.now() / 1000),
  MsgType: 'event',
  Event: 'wxa_media_check',
  appid,
  trace_id: traceId,
  version: 2,
  detail: [{ strategy: 'content_model', errcode: 0, suggest, label: suggest === 'pass' ? 100 : 20002, prob: 90 }],
  errcode: 0,
  errmsg: 'ok',
  result: { suggest, label: suggest === 'pass' ? 100 : 20002 }
})

export interface SmsStandIn {
  url: string
  secretId: string
  secretKey: string
  /** Messages accepted: number, template, parameters. */
  sent: { to: string; template: string; params: string[] }[]
  /** Requests refused because their signature did not verify. */
  badSignatures: number
  /** Makes the stand-in answer with a provider error (as for an unapproved template). */
  failing: boolean
  close(): Promise<void>
}

const sha256Hex = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex')
const hmac = (key: Buffer | string, text: string) => crypto.createHmac('sha256', key).update(text, 'utf8').digest()

/**
 * Tencent Cloud SMS SendSms: checks the TC3-HMAC-SHA256 signature the way Tencent Cloud documents it (written here
 * again, independently of the adapter), then accepts the message as the real service answers.
 */
export async function startSmsStandIn(): Promise<SmsStandIn> {
  const state = { secretId: 'AKID-test', secretKey: crypto.randomBytes(20).toString('hex'), sent: [] as SmsStandIn['sent'], badSignatures: 0, failing: false }
  const server = http.createServer((req, res) => {
    void (async () => {
      const payload = await readBody(req)
      const h = req.headers
      const reject = (code: string, message: string) => answer(res, { Response: { Error: { Code: code, Message: message }, RequestId: crypto.randomUUID() } })
      const auth = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/(\w+)\/tc3_request, SignedHeaders=([\w;-]+), Signature=([0-9a-f]{64})$/.exec(String(h.authorization ?? ''))
      const timestamp = Number(h['x-tc-timestamp'])
      if (!auth || auth[1] !== state.secretId || h['x-tc-action'] !== 'SendSms' || h['x-tc-version'] !== '2021-01-11') {
        state.badSignatures++
        return reject('AuthFailure.SignatureFailure', 'malformed authorization')
      }
      const [, , date, service, signedHeaders, signature] = auth
      const canonicalHeaders = signedHeaders
        .split(';')
        .map((name) => `${name}:${String(h[name] ?? '').trim().toLowerCase()}\n`)
        .join('')
      const canonicalRequest = `POST\n/\n\n${canonicalHeaders}\n${signedHeaders}\n${sha256Hex(payload)}`
      const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${sha256Hex(canonicalRequest)}`
      const key = hmac(hmac(hmac('TC3' + state.secretKey, date), service), 'tc3_request')
      const expected = crypto.createHmac('sha256', key).update(stringToSign).digest('hex')
      const fresh = Math.abs(Date.now() / 1000 - timestamp) < 300 && new Date(timestamp * 1000).toISOString().slice(0, 10) === date
      if (expected !== signature || !fresh || !signedHeaders.split(';').includes('host')) {
        state.badSignatures++
        return reject('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.')
      }
      if (state.failing) return reject('FailedOperation.TemplateIncorrectOrUnapproved', 'template not approved')
      const body = JSON.parse(payload) as { PhoneNumberSet: string[]; TemplateId: string; TemplateParamSet: string[] }
      state.sent.push({ to: body.PhoneNumberSet[0], template: body.TemplateId, params: body.TemplateParamSet })
      answer(res, { Response: { SendStatusSet: [{ SerialNo: crypto.randomUUID(), PhoneNumber: body.PhoneNumberSet[0], Fee: 1, Code: 'Ok', Message: 'send success' }], RequestId: crypto.randomUUID() } })
    })()
  })
  const url = await listen(server)
  return Object.assign(state, { url, close: () => close(server) })
}
