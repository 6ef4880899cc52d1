/**
 * WeChat's message push to a self-hosted server (开发管理 → 消息推送, data format JSON): the URL check (GET with
 * echostr) and the messages (POST), each signed with the token both sides know. In plaintext mode the signature is
 * sha1 of the sorted token, timestamp and nonce; in safe mode (encrypt_type=aes) the body carries `Encrypt`, signed
 * as msg_signature over the sorted token, timestamp, nonce and Encrypt, and is AES-256-CBC with the EncodingAESKey
 * (random 16 bytes, the message length in 4 bytes, the message, the app id). A message that fails any of this is
 * refused before it is read. The one message acted on is `wxa_media_check`, the image check's verdict.
 */
import crypto from 'node:crypto'

export interface PushSettings {
  /** MINAN_WECHAT_PUSH_TOKEN: the Token entered in WeChat's console. */
  token: string
  /** MINAN_WECHAT_PUSH_AESKEY: the EncodingAESKey (43 characters), for safe mode; null: plaintext only. */
  aesKey: string | null
  /** The mini-program's app id, which a decrypted message must end with. */
  appId: string | null
}

export function pushSettingsFrom(env: NodeJS.ProcessEnv): PushSettings | null {
  const token = env.MINAN_WECHAT_PUSH_TOKEN
  if (!token) return null
  if (!/^[A-Za-z0-9]{3,32}$/.test(token)) throw new Error('MINAN_WECHAT_PUSH_TOKEN must be 3 to 32 letters or digits, as WeChat requires')
  const aesKey = env.MINAN_WECHAT_PUSH_AESKEY || null
  if (aesKey && !/^[A-Za-z0-9]{43}$/.test(aesKey)) throw new Error('MINAN_WECHAT_PUSH_AESKEY must be the 43-character EncodingAESKey from WeChat')
  return { token, aesKey, appId: env.MINAN_WECHAT_APPID || null }
}

const sha1 = (parts: string[]) => crypto.createHash('sha1').update([...parts].sort().join('')).digest('hex')

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && crypto.timingSafeEqual(x, y)
}

/** Whether the query's `signature` is WeChat's for this token (the URL check, and every plaintext message). */
export function verifySignature(settings: PushSettings, query: URLSearchParams): boolean {
  const signature = query.get('signature') ?? ''
  const timestamp = query.get('timestamp') ?? ''
  const nonce = query.get('nonce') ?? ''
  return Boolean(signature && timestamp && nonce) && sameText(sha1([settings.token, timestamp, nonce]), signature)
}

/** The decrypted message text of a safe-mode body, or null when its signature, padding or app id is wrong. */
export function openEncrypted(settings: PushSettings, query: URLSearchParams, encrypted: string): string | null {
  if (!settings.aesKey) return null
  const signature = query.get('msg_signature') ?? ''
  if (!signature || !sameText(sha1([settings.token, query.get('timestamp') ?? '', query.get('nonce') ?? '', encrypted]), signature)) return null
  const key = Buffer.from(`${settings.aesKey}=`, 'base64')
  try {
    const decipher = crypto.createDecipheriv('aes-256-cbc', key, key.subarray(0, 16))
    decipher.setAutoPadding(false)
    const padded = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()])
    const pad = padded[padded.length - 1]
    if (pad < 1 || pad > 32) return null
    const plain = padded.subarray(16, padded.length - pad)
    const length = plain.readUInt32BE(0)
    if (4 + length > plain.length) return null
    const appId = plain.subarray(4 + length).toString('utf8')
    if (settings.appId && appId !== settings.appId) return null
    return plain.subarray(4, 4 + length).toString('utf8')
  } catch {
    return null
  }
}

/** How far a push's `timestamp` may be from this server's clock: a captured request cannot be replayed later. */
export const PUSH_MAX_SKEW_SECONDS = 300

/** Whether the query's `timestamp` (seconds) is within PUSH_MAX_SKEW_SECONDS of `now`. */
export function freshPush(query: URLSearchParams, now: Date): boolean {
  const timestamp = query.get('timestamp') ?? ''
  if (!/^\d{1,12}$/.test(timestamp)) return false
  return Math.abs(now.getTime() / 1000 - Number(timestamp)) <= PUSH_MAX_SKEW_SECONDS
}

/**
 * The pushed message as an object, or null when it is not WeChat's: it must be fresh (its timestamp within five
 * minutes); plaintext bodies need a good `signature`, safe ones a good `msg_signature` and decryption; where an
 * EncodingAESKey is configured only safe-mode messages are taken (a plaintext one could not be told from a replay of
 * a signature, which in plaintext mode does not cover the body). Only JSON bodies (data format JSON) are read.
 */
export function openPush(settings: PushSettings, query: URLSearchParams, body: string, now: Date): Record<string, unknown> | null {
  if (!freshPush(query, now)) return null
  let outer: Record<string, unknown>
  try {
    outer = JSON.parse(body) as Record<string, unknown>
  } catch {
    return null
  }
  if (!outer || typeof outer !== 'object') return null
  if (settings.aesKey || query.get('encrypt_type') === 'aes' || typeof outer.Encrypt === 'string') {
    if (typeof outer.Encrypt !== 'string') return null
    const text = openEncrypted(settings, query, outer.Encrypt)
    if (text === null) return null
    try {
      return JSON.parse(text) as Record<string, unknown>
    } catch {
      return null
    }
  }
  return verifySignature(settings, query) ? outer : null
}

/** The image check's verdict in a pushed message, or null when the message is something else. */
export function mediaCheckVerdict(message: Record<string, unknown>): { traceId: string; suggest: unknown } | null {
  if (message.Event !== 'wxa_media_check' || typeof message.trace_id !== 'string') return null
  const result = message.result as { suggest?: unknown } | undefined
  // Version 1 messages carry isrisky (1: risky) instead of a result.
  const suggest = result?.suggest ?? (message.isrisky === 1 ? 'risky' : message.isrisky === 0 ? 'pass' : undefined)
  return { traceId: message.trace_id, suggest }
}
