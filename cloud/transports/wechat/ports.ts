/**
 * The WeChat implementations of the ports: content security (security.msgSecCheck v2) and subscription messages
 * (subscribeMessage.send), both through wx-server-sdk's cloud.openapi with the caller's OPENID.
 */
import * as cloud from 'wx-server-sdk'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { ContentCheckUnavailable, type ContentChecker } from '../../ports/content'
import { traceChecker, type MediaChecker } from '../../ports/media'
import type { MiniprogramState, Notifier, SubscribeMessage } from '../../ports/notifier'
import type { MiniProgramCodes } from '../../ports/mini-codes'
import type { FieldCipher } from '../../core/crypto'
import { UserRepository } from '../../db/repositories/users'
import { subscriptionNotifier } from '../../application/subscription-messages'

type OpenApi = {
  security: {
    msgSecCheck(args: Record<string, unknown>): Promise<{ errCode?: number; result?: { suggest?: string } }>
    mediaCheckAsync(args: Record<string, unknown>): Promise<{ errCode?: number; errMsg?: string; traceId?: string; trace_id?: string }>
  }
  subscribeMessage: { send(args: Record<string, unknown>): Promise<unknown> }
  wxacode: { getUnlimited(args: Record<string, unknown>): Promise<{ errCode?: number; contentType?: string; buffer?: Buffer }> }
}
const openapi = () => (cloud as unknown as { openapi: OpenApi }).openapi

const openidOf = (db: Kysely<Database>, userId: string) => new UserRepository(db).openidOf(userId)

/** msgSecCheck takes at most 2,500 characters a call; longer text is checked in parts. */
export function wechatContentChecker(db: () => Kysely<Database>, log: (e: string, d: Record<string, unknown>) => void): ContentChecker {
  return msgSecChecker((userId) => openidOf(db(), userId), () => openapi().security, log)
}

/**
 * The image check through cloud.openapi.security.mediaCheckAsync (declared in the function's permissions.openapi):
 * it answers a trace id, and the verdict arrives at the `wxpush` function (transports/wechat/push.ts).
 */
export function wechatMediaChecker(db: () => Kysely<Database>): MediaChecker {
  return traceChecker(
    (userId) => openidOf(db(), userId),
    async (url, openid) => {
      const r = await openapi().security.mediaCheckAsync({ mediaUrl: url, mediaType: 2, version: 2, scene: 2, openid })
      return { errCode: r.errCode, errmsg: r.errMsg, traceId: r.traceId ?? r.trace_id }
    }
  )
}

type MsgSecCheck = Pick<OpenApi['security'], 'msgSecCheck'>

/**
 * The checker over msgSecCheck: every part of every text checked at once (one round trip), a text refused when any
 * part's suggestion is not 'pass'. Fails closed: no OPENID, a thrown call, an errcode or an answer without a
 * suggestion means no verdict (ContentCheckUnavailable), never acceptance.
 */
export function msgSecChecker(openidOf: (userId: string) => Promise<string | null>, api: () => MsgSecCheck, log: (e: string, d: Record<string, unknown>) => void): ContentChecker {
  return {
    async check(texts, userId) {
      const openid = await openidOf(userId)
      if (!openid) throw new ContentCheckUnavailable('no openid for the writer')
      const partsOf = (text: string) => [...text].reduce<string[]>((acc, ch, i) => (i % 2500 === 0 ? acc.push(ch) : (acc[acc.length - 1] += ch), acc), [])
      const verdicts = await Promise.all(
        Object.entries(texts).map(async ([field, text]) => {
          const suggestions = await Promise.all(
            partsOf(text).map(async (content) => {
              try {
                const r: { errCode?: number; errcode?: number; result?: { suggest?: string } } = await api().msgSecCheck({ openid, scene: 2, version: 2, content })
                const code = r.errCode ?? r.errcode ?? 0
                if (code !== 0 || !r.result?.suggest) throw new Error(`errcode ${code}, suggest ${r.result?.suggest ?? 'none'}`)
                return r.result.suggest
              } catch (e) {
                log('msg_sec_check_failed', { field, error: e instanceof Error ? e.message : String(e) })
                throw new ContentCheckUnavailable(e instanceof Error ? e.message : String(e))
              }
            })
          )
          return suggestions.every((s) => s === 'pass') ? null : field
        })
      )
      return verdicts.filter((f): f is string => f !== null)
    }
  }
}

/** Booking and consultation messages use templates of their own: application/subscription-messages.ts. */
export { KIND_TEMPLATES, kindMessage } from '../../application/subscription-messages'

/**
 * Subscription messages through cloud.openapi.subscribeMessage.send (declared in the function's permissions.openapi),
 * with the template mapping and the per-person and per-template acceptances shared with the self-hosted server
 * (application/subscription-messages.ts). Case messages use the template named in MINAN_SUBSCRIBE_TEMPLATE.
 */
export function wechatNotifier(
  db: () => Kysely<Database>,
  templateId: string | undefined,
  log: (e: string, d: Record<string, unknown>) => void,
  kindTemplates: { booking?: string; legal?: string },
  cipher: () => FieldCipher,
  /** Which version of the mini-program a message opens: 'developer', 'trial' or 'formal' (MINAN_MINIPROGRAM_STATE). */
  miniprogramState?: MiniprogramState
): Notifier {
  const send = async (message: SubscribeMessage) => void (await openapi().subscribeMessage.send({ ...message }))
  return subscriptionNotifier(db, send, { templates: { progress: templateId, ...kindTemplates }, miniprogramState }, cipher, log)
}

/**
 * Mini-program codes (wxacode.getUnlimited) that open a page with a scene, for invitations of the other party of a
 * dispute; a failure makes no picture (the code and the link still work) and is logged.
 */
export function wechatMiniCodes(log: (e: string, d: Record<string, unknown>) => void): MiniProgramCodes {
  return {
    async unlimited({ scene, page }) {
      try {
        const r = await openapi().wxacode.getUnlimited({ scene, page, checkPath: false })
        if ((r.errCode ?? 0) !== 0 || !r.buffer) throw new Error(`errcode ${r.errCode ?? 'none'}`)
        return { mime: r.contentType ?? 'image/jpeg', bytes: Buffer.from(r.buffer) }
      } catch (e) {
        log('wxacode_failed', { error: e instanceof Error ? e.message : String(e) })
        return null
      }
    }
  }
}
