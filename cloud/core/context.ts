/** What every handler gets: the services, who is calling, in which language, and now. */
import type { Kysely } from 'kysely'
import type * as v from 'valibot'
import type { Database } from '../db/schema'
import type { DatabaseKind, WriteMark } from '../db/database'
import type { Config } from '../config'
import type { Locale } from '../../types/locale'
import type { TokenService } from './tokens'
import type { Clock } from '../ports/clock'
import type { FieldCipher } from './crypto'
import type { Settings } from '../settings'
import type { ContentChecker } from '../ports/content'
import type { MediaChecker } from '../ports/media'
import type { FileStore } from '../ports/files'
import type { Notifier } from '../ports/notifier'
import type { SignInSms, SmsSender } from '../ports/sms'
import type { WechatApi } from '../ports/wechat'
import type { MiniProgramCodes } from '../ports/mini-codes'
import type { Actor } from '../domain/petition/policy'

export interface Services {
  db: Kysely<Database>
  dbKind: DatabaseKind
  config: Config
  clock: Clock
  tokens: TokenService
  cipher: FieldCipher
  settings: Settings
  content: ContentChecker
  /** The image check of photos before others see them (ports/media.ts). */
  media: MediaChecker
  files: FileStore
  notifier: Notifier
  /** Text messages (claim codes), where a sender is configured. */
  sms: SmsSender | null
  /** WeChat's server API over HTTPS (self-hosted backend with MINAN_WECHAT_APPID/SECRET): sign-in with wx.login. */
  wechat?: WechatApi | null
  /** The sender of sign-in codes (H5 sign-in by phone); null: no phone sign-in. */
  signInSms?: SignInSms | null
  /** Mini-program codes for invitations (WeChat's wxacode); absent: none made here (ports/mini-codes.ts). */
  miniCodes?: MiniProgramCodes
  /** Where the writes of a request starting now will land; taken before it writes, for durable(). */
  mark(): WriteMark
  /**
   * Resolves once every write so far is on disk; called before a write is acknowledged. With the mark taken before the
   * writes, fails with RETRY if they may have been lost (a shared SQLite transaction that ended without its commit).
   */
  durable(since?: WriteMark): Promise<void>
  newId(): string
}

/**
 * Who is calling, as the transport established it; `client` is where the call comes from (the HTTP peer address),
 * for rate limits per client.
 */
export type Identity = ({ kind: 'anonymous' } | { kind: 'token'; token: string } | { kind: 'openid'; openid: string }) & { client?: string }

export interface HandlerContext {
  services: Services
  /** The signed-in user's id, or null for an anonymous caller of a public action. */
  userId: string | null
  /** The signed-in user and their grants, read once per call; null for an anonymous caller of a public action. */
  actor: Actor | null
  locale: Locale
  requestId: string | null
  /** What the request asked (its function, action and validated input), bound to its request id: see core/idempotency. */
  digest?: string | null
  now: Date
  /** Where the call comes from (an address, or `openid:<openid>` in WeChat), when the transport knows it. */
  client?: string | null
}

/** What a signed-in action gets: the caller is known, resolved once by the dispatcher (handlers never assert that a user id is there). */
export interface UserContext extends HandlerContext {
  userId: string
  actor: Actor
}

interface ActionBase<S extends v.GenericSchema> {
  input: S
  /**
   * The largest call body this action takes, in bytes of JSON (default DEFAULT_MAX_BODY, a few KB): a body over it is
   * refused with BODY_TOO_LARGE before the caller is looked up or the input validated. Only actions that carry long
   * texts need more.
   */
  maxBody?: number
}

/**
 * One action. public: anyone (a signed-in caller is still known, as `ctx.actor`); user: a signed-in person, whose
 * context carries the actor (what else they may do is the domain policy's call).
 */
export type ActionDef<S extends v.GenericSchema = v.GenericSchema, O = unknown> =
  | (ActionBase<S> & { access: 'public'; run(input: v.InferOutput<S>, ctx: HandlerContext): Promise<O> })
  | (ActionBase<S> & { access: 'user'; run(input: v.InferOutput<S>, ctx: UserContext): Promise<O> })

/** Most actions carry ids, codes and short texts: 16 KB holds them many times over. */
export const DEFAULT_MAX_BODY = 16 * 1024
/** Actions with a text of 1,000 to 4,000 characters: at most 4 UTF-16 units a character (types/text.ts), 3 bytes a unit. */
export const LONG_TEXT_BODY = 64 * 1024

export const action = <S extends v.GenericSchema, O>(def: ActionDef<S, O>): ActionDef<S, O> => def
