/**
 * WeChat cloud-function transport: `main(event, context)` for one function name, over that function's own handlers
 * (scripts/build-cloud.mjs bundles each function with its handlers only).
 * The event is the same JSON body the HTTP transport receives; the caller's identity is the OPENID that
 * WeChat vouches for through wx-server-sdk. The backend opens once per container, on the first call: it connects and
 * checks that the database is at the schema this build expects, and never migrates or seeds (the `migrate` function
 * does that once per deployment: migrate.ts).
 */
import * as cloud from 'wx-server-sdk'
import { cloudConfig, ConfigurationError } from './config'
import { openBackend, type Backend } from '../../services'
import { createDispatcher, failure, type App, type Handlers } from '../../dispatch'
import { migrationApplied } from '../../db/repositories/schema'
import type { Identity } from '../../core/context'
import type { Envelope } from '../../../types/api'
import { resolveLocale } from '../../../types/locale'
import { wechatContentChecker, wechatMediaChecker, wechatMiniCodes, wechatNotifier } from './ports'
import { wechatFileStore } from './files'
import { diskFileStore } from '../../ports/files'

/**
 * Keys the platform adds to the caller's data: `userInfo` ({appId, openId}, injected by wx.cloud.callFunction
 * on older base libraries and by the HTTP API) and `tcbContext` (CloudBase metadata). They are never trusted
 * for identity and would otherwise trip the strict body check.
 */
const PLATFORM_KEYS = ['userInfo', 'tcbContext']

export type CloudMain = ((event: unknown, context?: unknown) => Promise<Envelope<unknown>>) & {
  /** Closes the database pool so a test or local trial can end; the next call starts the backend again. */
  close(): Promise<void>
}

/** The last migration this build knows (set by scripts/build-cloud.mjs); a database without it has not been migrated. */
declare const MINAN_LATEST_MIGRATION: string | undefined
const latestMigration = (): string | null => (typeof MINAN_LATEST_MIGRATION === 'string' ? MINAN_LATEST_MIGRATION : null)

const log = (event: string, detail: Record<string, unknown>) => console.error(JSON.stringify({ at: new Date().toISOString(), event, ...detail }))

let cloudReady = false
let started: Promise<{ backend: Backend }> | null = null

function initCloud(): void {
  if (cloudReady) return
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
  cloudReady = true
}

async function start(env: NodeJS.ProcessEnv): Promise<{ backend: Backend }> {
  // Also reads the subscription templates and MINAN_MINIPROGRAM_STATE (a typo in it is a ConfigurationError).
  const config = cloudConfig(env)
  const subscribe = config.subscribe
  if (!config.databaseUrl) log('sqlite_in_container', { dataDir: config.dataDir, note: 'data is lost when the container is recycled' })
  let db: Backend['database']['db'] | null = null
  let cipher: Backend['services']['cipher'] | null = null
  const backend = openBackend({
    config,
    content: wechatContentChecker(() => db!, log),
    media: wechatMediaChecker(() => db!),
    // Photos the mini-program stored in cloud storage itself; the server's own files stay on its disk.
    files: (dir) => wechatFileStore(diskFileStore(dir), log),
    notifier: wechatNotifier(() => db!, subscribe?.templates.progress, log, { booking: subscribe?.templates.booking, legal: subscribe?.templates.legal }, () => cipher!, subscribe?.miniprogramState)
  })
  db = backend.database.db
  cipher = backend.services.cipher
  // Invitations of the other party of a dispute open the app from a mini-program code.
  backend.services.miniCodes = wechatMiniCodes(log)
  const latest = latestMigration()
  try {
    if (latest && !(await migrationApplied(db, latest))) {
      throw new ConfigurationError(`the database is not at schema ${latest}: run the "migrate" cloud function once after deploying`)
    }
  } catch (e) {
    await backend.close()
    throw e
  }
  return { backend }
}

/**
 * The backend of this container, started on first use and shared by every function in it (the API and the timer).
 * A failed start (database down, bad configuration) is retried by the next call, not cached for the container's life.
 */
export function ensureStarted(): Promise<{ backend: Backend }> {
  initCloud()
  if (!started) {
    const starting = start(process.env)
    started = starting
    starting.catch(() => {
      if (started === starting) started = null
    })
  }
  return started
}

/** Closes the database pool so a test or local trial can end; the next call starts the backend again. */
export async function closeStarted(): Promise<void> {
  const current = started
  started = null
  if (!current) return
  try {
    await (await current).backend.close()
  } catch {
    // It never started: nothing to close.
  }
}

function identityOf(openid: unknown): Identity {
  // wx-server-sdk turns all-digit values into numbers; an openid is an opaque string either way.
  if ((typeof openid === 'string' && openid !== '') || typeof openid === 'number') return { kind: 'openid', openid: String(openid) }
  return { kind: 'anonymous' }
}

function stripPlatformKeys(event: unknown): unknown {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return event
  const body: Record<string, unknown> = { ...(event as Record<string, unknown>) }
  for (const key of PLATFORM_KEYS) delete body[key]
  return body
}

export function createMain(fn: string, handlers: Handlers): CloudMain {
  let own: { backend: Backend; app: App } | null = null
  const main = async (event: unknown, _context?: unknown): Promise<Envelope<unknown>> => {
    let locale = resolveLocale(undefined)
    try {
      initCloud()
      // Read before any await: the runtime sets the caller's context in process.env for this invocation.
      const identity = identityOf(cloud.getWXContext().OPENID)
      const body = stripPlatformKeys(event)
      const tag = typeof body === 'object' && body !== null ? (body as { locale?: unknown }).locale : undefined
      locale = resolveLocale(typeof tag === 'string' ? tag : undefined)

      let app: App
      try {
        const { backend } = await ensureStarted()
        // Each function dispatches over its own handlers, on the container's one backend (started again after a close).
        if (!own || own.backend !== backend) own = { backend, app: createDispatcher(backend.services, log, handlers) }
        app = own.app
      } catch (e) {
        log('backend_start_failed', { fn, error: e instanceof Error ? e.stack : String(e) })
        if (e instanceof ConfigurationError) return failure('NOT_CONFIGURED', locale, undefined, { detail: e.message })
        return failure('INTERNAL', locale)
      }
      // The event's size is measured in dispatch, up to the action's body limit only.
      return await app.dispatch(fn, body, identity)
    } catch (e) {
      // Whatever an event holds, the caller gets an envelope: a cloud function that throws answers with the platform's
      // own error, and a stack.
      log('internal_error', { fn, error: e instanceof Error ? e.stack : String(e) })
      return failure('INTERNAL', locale)
    }
  }

  return Object.assign(main, { close: closeStarted })
}
