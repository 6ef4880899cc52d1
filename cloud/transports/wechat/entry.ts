/**
 * WeChat cloud-function transport: `main(event, context)` for one function name.
 * The event is the same JSON body the HTTP transport receives; the caller's identity is the OPENID that
 * WeChat vouches for through wx-server-sdk. The backend starts once per container, on the first call.
 */
import os from 'node:os'
import path from 'node:path'
import * as cloud from 'wx-server-sdk'
import { loadConfig } from '../../config'
import { startBackend, type Backend } from '../../bootstrap'
import { createApp, failure, type App } from '../../app'
import type { Identity } from '../../core/context'
import type { Envelope } from '../../../types/api'
import { resolveLocale } from '../../../types/locale'
import { wechatContentChecker, wechatMiniCodes, wechatNotifier } from './ports'
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

/** A deployment mistake the operator has to fix; its message is safe to show and says what to do. */
class ConfigurationError extends Error {}

const log = (event: string, detail: Record<string, unknown>) => console.error(JSON.stringify({ at: new Date().toISOString(), event, ...detail }))

let cloudReady = false
let started: Promise<{ backend: Backend; app: App }> | null = null

function initCloud(): void {
  if (cloudReady) return
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
  cloudReady = true
}

async function start(env: NodeJS.ProcessEnv): Promise<{ backend: Backend; app: App }> {
  const production = env.NODE_ENV === 'production'
  const databaseUrl = env.DATABASE_URL || null
  // A container's disk is thrown away when it is recycled: in production only PostgreSQL keeps the data.
  if (production && !(databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl))) {
    throw new ConfigurationError('DATABASE_URL must name a PostgreSQL database (postgres://…) for cloud functions when NODE_ENV=production')
  }
  let config
  try {
    // /tmp is the one writable place in a cloud container; SQLite there is only for local trials.
    config = loadConfig(env, { dataDir: path.resolve(env.MINAN_DATA_DIR ?? path.join(os.tmpdir(), 'minan')) })
  } catch (e) {
    throw new ConfigurationError(e instanceof Error ? e.message : String(e))
  }
  if (!config.databaseUrl) log('sqlite_in_container', { dataDir: config.dataDir, note: 'data is lost when the container is recycled' })
  let db: Backend['database']['db'] | null = null
  let cipher: Backend['services']['cipher'] | null = null
  const backend = await startBackend({
    config,
    content: wechatContentChecker(() => db!, log),
    // Photos the mini-program stored in cloud storage itself; the server's own files stay on its disk.
    files: (dir) => wechatFileStore(diskFileStore(dir), log),
    notifier: wechatNotifier(() => db!, env.MINAN_SUBSCRIBE_TEMPLATE, log, { booking: env.MINAN_SUBSCRIBE_TEMPLATE_BOOKING, legal: env.MINAN_SUBSCRIBE_TEMPLATE_LEGAL }, () => cipher!)
  })
  db = backend.database.db
  cipher = backend.services.cipher
  // Invitations of the other party of a dispute open the app from a mini-program code.
  backend.services.miniCodes = wechatMiniCodes(log)
  return { backend, app: createApp(backend.services, log) }
}

/**
 * The backend of this container, started on first use and shared by every function in it (the API and the timer).
 * A failed start (database down, bad configuration) is retried by the next call, not cached for the container's life.
 */
export function ensureStarted(): Promise<{ backend: Backend; app: App }> {
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

export function createMain(fn: string): CloudMain {
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
        app = (await ensureStarted()).app
      } catch (e) {
        log('backend_start_failed', { fn, error: e instanceof Error ? e.stack : String(e) })
        if (e instanceof ConfigurationError) return { ok: false, error: { code: 'INTERNAL', message: e.message } }
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
