/**
 * The transport-independent core: one call body in, one envelope out, over the functions it is given. app.ts gives it
 * every function (the HTTP server); a WeChat cloud function gives it its own handlers only, so that its bundle holds
 * nothing else.
 */
import type { CallBody, Envelope, ErrorCode } from '../types/api'
import { errorMessage } from '../types/errors'
import { resolveLocale, type Locale } from '../types/locale'
import { DEFAULT_MAX_BODY, type ActionDef, type HandlerContext, type Identity, type Services, type UserContext } from './core/context'
import type { Actor } from './domain/petition/policy'
import { AppError } from './core/errors'
import { parseInput } from './core/validation'
import { jsonBytesWithin, sizeText } from './core/body-size'
import { requestDigest } from './core/idempotency'
import { ClientLimiter } from './core/rate-limit'
import { UserRepository } from './db/repositories/users'
import { isTransientStorageError } from './db/database'

const BODY_KEYS = new Set(['action', 'input', 'requestId', 'locale'])
const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/

export type Logger = (event: string, detail: Record<string, unknown>) => void

export interface App {
  /**
   * One call. `bodyBytes` is the body's size when the transport counted it (HTTP); otherwise it is measured here, up to
   * the action's limit only.
   */
  dispatch(fn: string, body: unknown, identity: Identity, fallbackLocale?: string, bodyBytes?: number): Promise<Envelope<unknown>>
  /** The largest body any action of a function takes (what a transport may read before it knows the action); null for no such function. */
  bodyLimit(fn: string): number | null
  /** The signed-in user behind an identity, for transports that carry more than a call body (uploads). */
  userFor(identity: Identity): Promise<string | null>
  /** Takes one public request's turn for a client (settings.rateLimits.public); false: answer RATE_LIMITED. */
  admitPublic(client: string | null | undefined): boolean
  services: Services
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handlers = Record<string, Record<string, ActionDef<any, unknown>>>

export function createDispatcher(services: Services, log: Logger, registry: Handlers): App {
  /** The caller and their grants, in one read; null for an anonymous identity. */
  async function resolveActor(identity: Identity, now: Date): Promise<Actor | null> {
    const users = new UserRepository(services.db)
    let userId: string
    switch (identity.kind) {
      case 'anonymous':
        return null
      case 'openid':
        userId = await users.ensureForOpenid(identity.openid, services.newId(), now.toISOString())
        break
      case 'token': {
        const check = services.tokens.verify(identity.token, now)
        if (!check.ok) throw new AppError(check.reason === 'expired' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED')
        userId = check.userId
      }
    }
    const user = await users.byId(userId)
    if (!user) throw new AppError('UNAUTHENTICATED')
    return { userId, grants: user.grants }
  }

  const publicLimiter = new ClientLimiter(() => services.settings.rateLimits.public)
  const admitPublic = (client: string | null | undefined) => publicLimiter.admit(client, services.clock.now().getTime())
  const publicRefusal = () => new AppError('RATE_LIMITED', undefined, { minutes: String(services.settings.rateLimits.public.minutes) })

  const limits = new Map<string, number>()
  for (const [fn, actions] of Object.entries(registry)) {
    limits.set(fn, Math.max(...Object.values(actions as Record<string, ActionDef>).map((def) => def.maxBody ?? DEFAULT_MAX_BODY)))
  }
  const bodyLimit = (fn: string): number | null => (Object.prototype.hasOwnProperty.call(registry, fn) ? (limits.get(fn) ?? null) : null)

  async function dispatch(fn: string, body: unknown, identity: Identity, fallbackLocale?: string, bodyBytes?: number): Promise<Envelope<unknown>> {
    let locale: Locale = resolveLocale(fallbackLocale)
    try {
      if (!Object.prototype.hasOwnProperty.call(registry, fn)) throw new AppError('UNKNOWN_FUNCTION')
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AppError('WRONG_TYPE', '', { field: '' })
      const call = body as CallBody
      if (typeof call.locale === 'string') locale = resolveLocale(call.locale)
      for (const key of Object.keys(call)) {
        if (!BODY_KEYS.has(key)) throw new AppError('UNKNOWN_FIELD', key, { field: key })
      }
      if (call.requestId !== undefined && (typeof call.requestId !== 'string' || !REQUEST_ID.test(call.requestId))) {
        throw new AppError('INVALID_VALUE', 'requestId', { field: 'requestId' })
      }
      const actions: Record<string, ActionDef> = registry[fn]
      if (typeof call.action !== 'string' || !Object.prototype.hasOwnProperty.call(actions, call.action)) throw new AppError('UNKNOWN_ACTION', 'action')
      const def = actions[call.action]
      // The work a call may cause is bounded before any of it is done: its size first, then who is calling (a signed-in
      // action refuses a stranger without reading the input), then the input, each check stopping at its first failure.
      const maxBody = def.maxBody ?? DEFAULT_MAX_BODY
      if ((bodyBytes ?? jsonBytesWithin(body, maxBody)) > maxBody) throw new AppError('BODY_TOO_LARGE', undefined, { limit: sizeText(maxBody) })
      const now = services.clock.now()
      const client = identity.client ?? (identity.kind === 'openid' ? `openid:${identity.openid}` : null)
      // Anyone's reads are limited per client before any work is done (sign-in has its own limit, per account too).
      if (def.access === 'public' && fn !== 'auth' && !admitPublic(client)) throw publicRefusal()
      let actor = def.access === 'user' ? await resolveActor(identity, now) : null
      if (def.access === 'user' && !actor) throw new AppError('UNAUTHENTICATED')
      const input = parseInput(def.input, call.input)
      if (def.access === 'public') actor = await resolveActor(identity, now)
      const requestId = call.requestId ?? null
      const digest = requestId ? requestDigest(fn, call.action, input, (text) => services.cipher.hash(text)) : null
      const ctx: HandlerContext = { services, userId: actor?.userId ?? null, actor, locale, requestId, digest, now, client }
      const since = services.mark()
      // A user action's context always has its actor: checked above.
      const data = await def.run(input as never, ctx as UserContext)
      // Nothing is acknowledged before it is on disk (a no-op when the action wrote nothing), nor when a transaction it
      // may have written into ended without its commit.
      await services.durable(since)
      return { ok: true, data }
    } catch (e) {
      if (e instanceof AppError) return failure(e.code, locale, e.field, e.params)
      if (isTransientStorageError(e)) {
        // A full disk or an I/O error: nothing of this request was kept, and a retry may succeed.
        log('storage_error', { fn, error: e instanceof Error ? e.message : String(e) })
        return failure('RETRY', locale)
      }
      log('internal_error', { fn, error: e instanceof Error ? e.stack : String(e) })
      return failure('INTERNAL', locale)
    }
  }

  return { dispatch, bodyLimit, services, admitPublic, userFor: async (identity) => (await resolveActor(identity, services.clock.now()))?.userId ?? null }
}

export function failure(code: ErrorCode, locale: Locale, field?: string, params: Record<string, string> = {}): Envelope<never> {
  const message = errorMessage(code, locale, { field: field ?? '', ...params })
  return { ok: false, error: field !== undefined && field !== '' ? { code, message, field } : { code, message } }
}
