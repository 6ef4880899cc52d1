/** Configuration from the environment, read once at start. */
import path from 'node:path'
import crypto from 'node:crypto'
import { wechatSettingsFrom, type WechatSettings } from './ports/wechat'
import { tencentSmsSettingsFrom, type TencentSmsSettings } from './ports/tencent-sms'
import { pushSettingsFrom, type PushSettings } from './ports/wechat-push'
import { MINIPROGRAM_STATES, type MiniprogramState, type SubscribeSettings } from './ports/notifier'

export interface Config {
  production: boolean
  demo: boolean
  /** Seed a few hundred demo cases at first start (with demo on). */
  demoCases: boolean
  port: number
  host: string
  dataDir: string
  databaseUrl: string | null
  /** Key for signing session tokens. */
  sessionSecret: string
  sessionTtlHours: number
  staticDir: string | null
  version: string
  /** Field-encryption key ring and lookup-hash key; generated into the data folder outside production. */
  dataKeys: string | null
  hashKey: string | null
  /** MINAN_RATE_LIMITS: rate limits other than the defaults, e.g. `file=100/60,signIn=30/10` (see settings.rateLimitsFrom). */
  rateLimits?: string | null
  /** MINAN_TRUST_PROXY=1: the server sits behind a reverse proxy, so a client is the last X-Forwarded-For address. */
  trustProxy?: boolean
  /** MINAN_SMS: the text-message sender for claim codes; `log` prints them (development). Unset: no SMS. */
  sms?: string | null
  /** MINAN_UPLOADS: upload bounds other than the defaults, e.g. `perHour=60,bytesPerDay=300MB` (see settings.uploadsFrom). */
  uploads?: string | null
  /** MINAN_WECHAT_APPID/SECRET(/API_BASE): WeChat's server API for a self-hosted backend (sign-in with wx.login). */
  wechat?: WechatSettings | null
  /**
   * MINAN_SIGNIN_SMS: who sends sign-in codes. `tencent`: Tencent Cloud SMS (MINAN_SMS_TENCENT_*); `show` (the default
   * outside production, refused in production): nothing is sent, the sign-in screen shows the code. Unset in
   * production: no phone sign-in.
   */
  signInSms?: { kind: 'tencent'; tencent: TencentSmsSettings } | { kind: 'show' } | null
  /** MINAN_REQUIRE_VERIFIED_PHONE=1: filing a petition needs a phone verified by a sign-in code. */
  requireVerifiedPhone?: boolean
  /**
   * MINAN_PUBLIC_URL: the address at which the internet reaches this server (https://…), for links WeChat itself
   * fetches (the image check of photos). Unset: WeChat cannot fetch a photo, so none is shown to others.
   */
  publicUrl?: string | null
  /**
   * Subscription messages: the template ids (MINAN_SUBSCRIBE_TEMPLATE for a case's progress, _BOOKING, _LEGAL) and
   * which version of the mini-program they open (MINAN_MINIPROGRAM_STATE). Sent where WeChat's server API is at hand.
   */
  subscribe?: SubscribeSettings
  /** MINAN_WECHAT_PUSH_TOKEN(/AESKEY): WeChat's message push to this server (the image check's verdicts); unset: none. */
  wechatPush?: PushSettings | null
  /** MINAN_STATS_CACHE_SECONDS: how long the public statistics are reused before they are read again (default 60; 0: every request reads the rollups). */
  statsCacheSeconds?: number
  /** MINAN_OPEN311_CONTACT: who answers for the Open311 feed (its discovery document's contact), e.g. an office and an address. */
  open311Contact?: string | null
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const production = env.NODE_ENV === 'production'
  const secret = env.MINAN_SESSION_SECRET
  if (production && (!secret || secret.length < 32)) {
    throw new Error('MINAN_SESSION_SECRET (at least 32 characters) must be set when NODE_ENV=production')
  }
  if (production && (!env.MINAN_DATA_KEYS || !env.MINAN_HASH_KEY)) {
    throw new Error('MINAN_DATA_KEYS and MINAN_HASH_KEY must be set when NODE_ENV=production (see README, Configuration)')
  }
  // A secret that is set is checked wherever it is set: a weak one on a test server is one copy away from production.
  const weak = secretWeakness(env)
  if (weak) throw new Error(weak)
  // Demo sign-in lets anyone be anyone: only an explicit switch turns it on (npm start sets it), never a missing or
  // misspelt NODE_ENV, and never together with production.
  const demo = env.MINAN_DEMO === '1'
  if (demo && production) throw new Error('MINAN_DEMO=1 (anyone may sign in as any demo account) cannot be used with NODE_ENV=production')
  const statsCacheSeconds = Number(env.MINAN_STATS_CACHE_SECONDS ?? 60)
  if (!Number.isFinite(statsCacheSeconds) || statsCacheSeconds < 0) throw new Error('MINAN_STATS_CACHE_SECONDS must be a number of seconds (0 or more)')
  const config: Config = {
    production,
    demo,
    demoCases: demo && env.MINAN_DEMO_CASES !== '0',
    port: Number(env.PORT ?? 8787),
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.MINAN_DATA_DIR ?? '.data'),
    databaseUrl: env.DATABASE_URL || null,
    // Outside production a random secret is fine: demo sessions simply end when the server restarts.
    sessionSecret: secret ?? crypto.randomBytes(32).toString('hex'),
    sessionTtlHours: Number(env.MINAN_SESSION_TTL_HOURS ?? 24 * 7),
    staticDir: env.MINAN_STATIC_DIR ?? null,
    version: env.MINAN_VERSION ?? '0.1.0',
    dataKeys: env.MINAN_DATA_KEYS || null,
    hashKey: env.MINAN_HASH_KEY || null,
    rateLimits: env.MINAN_RATE_LIMITS || null,
    open311Contact: env.MINAN_OPEN311_CONTACT || null,
    trustProxy: env.MINAN_TRUST_PROXY === '1',
    sms: env.MINAN_SMS || null,
    uploads: env.MINAN_UPLOADS || null,
    wechat: wechatSettingsFrom(env),
    signInSms: signInSmsFrom(env, production),
    requireVerifiedPhone: env.MINAN_REQUIRE_VERIFIED_PHONE === '1',
    statsCacheSeconds,
    publicUrl: env.MINAN_PUBLIC_URL ? env.MINAN_PUBLIC_URL.replace(/\/+$/, '') : null,
    wechatPush: pushSettingsFrom(env),
    subscribe: {
      templates: { progress: env.MINAN_SUBSCRIBE_TEMPLATE || undefined, booking: env.MINAN_SUBSCRIBE_TEMPLATE_BOOKING || undefined, legal: env.MINAN_SUBSCRIBE_TEMPLATE_LEGAL || undefined },
      miniprogramState: miniprogramStateOf(env)
    }
  }
  return { ...config, ...overrides }
}

/**
 * Which version of the mini-program a subscription message opens (MINAN_MINIPROGRAM_STATE): 'formal' (the released
 * one) unless the deployment says 'trial' or 'developer'; anything else is the operator's typo.
 */
export function miniprogramStateOf(env: NodeJS.ProcessEnv): MiniprogramState {
  const value = env.MINAN_MINIPROGRAM_STATE || 'formal'
  if (!(MINIPROGRAM_STATES as readonly string[]).includes(value)) {
    throw new Error(`MINAN_MINIPROGRAM_STATE must be one of ${MINIPROGRAM_STATES.join(', ')} (got "${value}")`)
  }
  return value as MiniprogramState
}

/** Who sends sign-in codes (see Config.signInSms); an unknown name is refused, so a typo never silently sends nothing. */
function signInSmsFrom(env: NodeJS.ProcessEnv, production: boolean): Config['signInSms'] {
  const kind = env.MINAN_SIGNIN_SMS || (production ? '' : 'show')
  if (!kind) return null
  if (kind === 'tencent') return { kind, tencent: tencentSmsSettingsFrom(env) }
  if (kind === 'show') {
    if (production) throw new Error('MINAN_SIGNIN_SMS=show (sign-in codes shown on screen) cannot be used with NODE_ENV=production')
    return { kind }
  }
  throw new Error(`MINAN_SIGNIN_SMS: unknown sender "${kind}" (known: tencent, show)`)
}

/**
 * Why a configured secret is too weak to use, or null. Length is not enough: `x` forty times, a keyboard run, a word
 * from the README or a repeated short pattern are guessed long before a random value of the same length.
 */
export function secretWeakness(env: NodeJS.ProcessEnv): string | null {
  const secret = env.MINAN_SESSION_SECRET
  if (secret !== undefined && secret !== '') {
    const why = textWeakness(secret)
    if (why) return `MINAN_SESSION_SECRET is too weak (${why}): use 32 random bytes, e.g. \`openssl rand -base64 32\``
  }
  for (const [name, raw] of [['MINAN_HASH_KEY', env.MINAN_HASH_KEY], ...(env.MINAN_DATA_KEYS ?? '').split(',').filter((p) => p.trim()).map((p) => ['MINAN_DATA_KEYS', p.split(':')[1] ?? ''])] as [string, string | undefined][]) {
    if (!raw) continue
    const why = keyWeakness(Buffer.from(raw.trim(), 'base64'))
    if (why) return `${name} has a weak key (${why}): use 32 random bytes, e.g. \`openssl rand -base64 32\``
  }
  return null
}

/** Placeholders people paste from examples instead of generating a value. */
const PLACEHOLDER = /change.?me|example|placeholder|secret|password|passw0rd|qwerty|letmein/i

function textWeakness(secret: string): string | null {
  if (secret.length < 32) return 'shorter than 32 characters'
  if (PLACEHOLDER.test(secret)) return 'it contains a placeholder word or sequence'
  if (new Set(secret).size < 8) return 'fewer than 8 different characters'
  if (isRepetition(secret)) return 'a short pattern repeated'
  // Consecutive characters that repeat or count up or down (aaaa, abcd, 4321): rare in random text, the shape of typed text.
  let runs = 0
  for (let i = 1; i < secret.length; i++) if (Math.abs(secret.charCodeAt(i) - secret.charCodeAt(i - 1)) <= 1) runs++
  if (runs > (secret.length - 1) / 2) return 'mostly runs of repeated or consecutive characters'
  if (entropyBits(secret) < 90) return 'too little variety for its length'
  return null
}

function keyWeakness(key: Buffer): string | null {
  if (key.length < 32) return null // the key ring's own check says what is wrong with its length
  if (new Set(key).size < 16) return 'fewer than 16 different bytes'
  if (isRepetition(key.toString('latin1'))) return 'a short pattern repeated'
  return null
}

/** Whether the text is one shorter unit repeated (abcabcabc…). */
function isRepetition(s: string): boolean {
  for (let unit = 1; unit <= s.length / 2; unit++) {
    let repeats = true
    for (let i = unit; i < s.length && repeats; i++) repeats = s[i] === s[i - unit]
    if (repeats) return true
  }
  return false
}

/** The text's length times the Shannon entropy of its characters: an upper bound of the information it carries. */
function entropyBits(s: string): number {
  const counts = new Map<string, number>()
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1)
  let perChar = 0
  for (const n of counts.values()) perChar -= (n / s.length) * Math.log2(n / s.length)
  return perChar * s.length
}
