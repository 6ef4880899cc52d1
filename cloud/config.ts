/** Configuration from the environment, read once at start. */
import path from 'node:path'
import crypto from 'node:crypto'

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
  const config: Config = {
    production,
    demo: !production && env.MINAN_DEMO !== '0',
    demoCases: !production && env.MINAN_DEMO !== '0' && env.MINAN_DEMO_CASES !== '0',
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
    trustProxy: env.MINAN_TRUST_PROXY === '1',
    sms: env.MINAN_SMS || null,
    uploads: env.MINAN_UPLOADS || null
  }
  return { ...config, ...overrides }
}
