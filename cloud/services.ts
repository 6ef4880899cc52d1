/**
 * Opens the database and builds the services, without touching the schema or the data: what a cloud function does
 * on a request path. Migrations and seeds run once per deployment (bootstrap.ts's startBackend, the `migrate` cloud
 * function, the HTTP server at start), never on a function's first call.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { loadConfig, type Config } from './config'
import { openDatabase, type DatabaseHandle } from './db/database'
import { AppError } from './core/errors'
import { systemClock, type Clock } from './ports/clock'
import { TokenService } from './core/tokens'
import { DEFAULT_SIGN_IN, rateLimitsFrom, settingsWith, uploadsFrom, type SettingsOverrides } from './settings'
import { LocalContentChecker, type ContentChecker } from './ports/content'
import { LocalMediaChecker, wechatHttpMediaChecker, type MediaChecker } from './ports/media'
import { UserRepository } from './db/repositories/users'
import { diskFileStore, type FileStore } from './ports/files'
import { outboxOnly, type Notifier } from './ports/notifier'
import { logSms, showingSignInSms, type SignInSms, type SmsSender } from './ports/sms'
import { wechatApi, wechatSubscribeSender, type WechatApi } from './ports/wechat'
import { subscriptionNotifier } from './application/subscription-messages'
import { tencentSignInSms } from './ports/tencent-sms'
import type { Services } from './core/context'
import { FieldCipher, parseKeyRing } from './core/crypto'

export interface Backend {
  services: Services
  database: DatabaseHandle
  close(): Promise<void>
}

export interface BackendOptions {
  config?: Config
  clock?: Clock
  content?: ContentChecker
  media?: MediaChecker
  notifier?: Notifier
  sms?: SmsSender | null
  signInSms?: SignInSms | null
  wechat?: WechatApi | null
  settings?: SettingsOverrides
  files?: (dataDir: string) => FileStore
}

/** Production passes keys in the environment; elsewhere a key file is made once in the data folder. */
function localKeys(config: Config): { dataKeys: string; hashKey: string } {
  if (config.dataKeys && config.hashKey) return { dataKeys: config.dataKeys, hashKey: config.hashKey }
  const file = path.join(config.dataDir, 'keys.json')
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as { dataKeys: string; hashKey: string }
  const keys = { dataKeys: `k1:${crypto.randomBytes(32).toString('base64')}`, hashKey: crypto.randomBytes(32).toString('base64') }
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 })
  fs.writeFileSync(file, JSON.stringify(keys), { mode: 0o600, flag: 'wx' })
  return keys
}

/** The SMS sender MINAN_SMS names; unknown names are refused, so a typo never silently sends nothing. */
function smsFrom(config: Config): SmsSender | null {
  if (!config.sms) return null
  if (config.sms === 'log') return logSms()
  throw new Error(`MINAN_SMS: unknown sender "${config.sms}" (known: log)`)
}

/** The sign-in code sender Config.signInSms names. */
function signInSmsFrom(config: Config): SignInSms | null {
  if (!config.signInSms) return null
  return config.signInSms.kind === 'tencent' ? tencentSignInSms(config.signInSms.tencent) : showingSignInSms()
}

const log = (event: string, detail: Record<string, unknown>) => console.error(JSON.stringify({ at: new Date().toISOString(), event, ...detail }))

export const newId = (): string => crypto.randomBytes(16).toString('base64url')

/** The database opened and the services built on it; the schema is taken as it is. */
export function openBackend(options: BackendOptions = {}): Backend {
  const config = options.config ?? loadConfig()
  // Settings: the defaults, then rate limits from the environment, then what the caller (a test) passes.
  const settings = settingsWith(options.settings, settingsWith({ rateLimits: rateLimitsFrom(config.rateLimits), uploads: uploadsFrom(config.uploads), signIn: { ...DEFAULT_SIGN_IN, requireVerifiedPhone: config.requireVerifiedPhone === true } }))
  const clock = options.clock ?? systemClock
  const keys = localKeys(config)
  const cipher = new FieldCipher(parseKeyRing(keys.dataKeys, keys.hashKey))
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  const services: Services = {
    db: database.db,
    dbKind: database.kind,
    config,
    clock,
    tokens: new TokenService(config.sessionSecret, config.sessionTtlHours * 3600_000),
    cipher,
    settings,
    content: options.content ?? new LocalContentChecker(),
    // Replaced below by WeChat's image check where the WeChat server API is configured.
    media: options.media ?? new LocalMediaChecker(),
    files: (options.files ?? diskFileStore)(path.join(config.dataDir, 'files')),
    notifier: options.notifier ?? outboxOnly,
    sms: options.sms !== undefined ? options.sms : smsFrom(config),
    signInSms: options.signInSms !== undefined ? options.signInSms : signInSmsFrom(config),
    wechat: options.wechat !== undefined ? options.wechat : config.wechat ? wechatApi(config.wechat, { now: () => clock.now().getTime() }) : null,
    mark: database.mark,
    // A write that may be lost is never acknowledged: the caller is told to retry (its request id makes that safe).
    durable: (since) =>
      database.durable(since).catch((e: unknown) => {
        console.error(JSON.stringify({ event: 'write_not_durable', error: e instanceof Error ? e.message : String(e) }))
        throw new AppError('RETRY')
      }),
    newId
  }
  // A self-hosted backend that signs people in with WeChat checks their photos with WeChat too.
  if (!options.media && services.wechat) services.media = wechatHttpMediaChecker(services.wechat, (userId) => new UserRepository(database.db).openidOf(userId))
  // …and sends subscription messages through WeChat's HTTPS API, where a template is set; else the outbox is all.
  const subscribe = config.subscribe
  if (!options.notifier && services.wechat && subscribe && Object.values(subscribe.templates).some(Boolean)) {
    services.notifier = subscriptionNotifier(() => database.db, wechatSubscribeSender(services.wechat), subscribe, () => cipher, log)
  }
  return { services, database, close: () => database.close() }
}
