/**
 * The WeChat implementations of the ports: content security (security.msgSecCheck v2) and subscription messages
 * (subscribeMessage.send), both through wx-server-sdk's cloud.openapi with the caller's OPENID.
 */
import * as cloud from 'wx-server-sdk'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { ContentCheckUnavailable, type ContentChecker } from '../../ports/content'
import { traceChecker, type MediaChecker } from '../../ports/media'
import type { Notification, Notifier } from '../../ports/notifier'
import type { MiniProgramCodes } from '../../ports/mini-codes'
import type { FieldCipher } from '../../core/crypto'
import { siteOf } from '../../db/sealed'
import { SubscriptionRepository, type SubscriptionTemplate } from '../../db/repositories/subscriptions'
import { MessageRepository } from '../../db/repositories/messages'
import { UserRepository } from '../../db/repositories/users'
import { shanghaiDateTime } from '../../../types/shanghai'
import type { MiniprogramState } from './config'

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

const STATUS_WORDS: Record<string, string> = { submitted: '待受理', accepted: '已受理', assigned: '办理中', closed: '已办结', declined: '不予受理', withdrawn: '已撤回' }

/**
 * Booking and consultation messages (counselling and legal) use templates of their own, named in
 * MINAN_SUBSCRIBE_TEMPLATE_BOOKING (thing1 = place, time2 = when, phrase3 = what happened) and
 * MINAN_SUBSCRIBE_TEMPLATE_LEGAL (thing1 = village, phrase2 = what happened, time3 = when); a phrase is at most five
 * characters. Case messages (and any kind not listed) keep the progress template below.
 */
export const KIND_TEMPLATES: Record<string, { template: 'booking' | 'legal'; word: string }> = {
  'booking.reminder': { template: 'booking', word: '预约提醒' },
  'booking.new': { template: 'booking', word: '新预约' },
  'booking.cancelled': { template: 'booking', word: '已取消' },
  'booking.cancelled_by_counsellor': { template: 'booking', word: '已取消' },
  'booking.rescheduled': { template: 'booking', word: '已改期' },
  'booking.offer': { template: 'booking', word: '有空位' },
  'booking.paused': { template: 'booking', word: '暂停预约' },
  'legal.new': { template: 'legal', word: '新咨询' },
  'legal.answered': { template: 'legal', word: '已回复' },
  'legal.followup': { template: 'legal', word: '有追问' },
  'legal.closed': { template: 'legal', word: '已结束' },
  'legal.rated': { template: 'legal', word: '已评价' }
}

/** WeChat's answer when the person has no subscription left for the template: nothing to send, nothing to log. */
const NOT_SUBSCRIBED = 43101
const quotaExhausted = (e: unknown): boolean => {
  const err = e as { errCode?: number; errcode?: number } | null
  return err?.errCode === NOT_SUBSCRIBED || err?.errcode === NOT_SUBSCRIBED
}

/** The subscribeMessage.send arguments for a booking or consultation message, from its stored row's params. */
export function kindMessage(n: Notification, stored: Record<string, string>, templates: { booking?: string; legal?: string }, now: Date): Record<string, unknown> | null {
  const mapped = KIND_TEMPLATES[n.kind]
  const templateId = mapped && templates[mapped.template]
  if (!mapped || !templateId) return null
  const fit = (text: string) => [...text].slice(0, 20).join('')
  const title = stored.title ?? n.params.title ?? ''
  const local = (iso: string | undefined) => {
    const at = iso ? new Date(iso) : now
    return shanghaiDateTime(Number.isNaN(at.getTime()) ? now : at)
  }
  if (mapped.template === 'booking') {
    // The title is "<place> <time>": the place alone fits thing1, the time has its own field.
    const place = fit(title.replace(/\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, '') || title)
    return {
      templateId,
      page: n.kind === 'booking.offer' ? 'counselling/pages/bookings/index' : 'messages/pages/list/index',
      data: { thing1: { value: place }, time2: { value: local(stored.start ?? stored.until) }, phrase3: { value: mapped.word } }
    }
  }
  return {
    templateId,
    page: stored.consultationId ? `legal/pages/thread/index?id=${stored.consultationId}` : 'legal/pages/mine/index',
    data: { thing1: { value: fit(title) }, phrase2: { value: mapped.word }, time3: { value: local(undefined) } }
  }
}

/**
 * Sends one subscription message per notification while the person has an acceptance of its template left (counted
 * per person and template: db/repositories/subscriptions.ts). Case messages use the template named in
 * MINAN_SUBSCRIBE_TEMPLATE (fields: thing1 = title, character_string2 = tracking number, phrase3 = status).
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
  const state = miniprogramState ? { miniprogramState } : {}
  return {
    async push(notifications) {
      for (const n of notifications) {
        if (!n.caseId && KIND_TEMPLATES[n.kind]) {
          await pushKind(n)
          continue
        }
        // The progress template speaks of a case; other messages stay in the app.
        if (!templateId || !n.caseId) continue
        const openid = await openidOf(db(), n.userId).catch(() => null)
        if (!openid) continue
        await send(n, 'progress', {
          touser: openid,
          ...state,
          templateId,
          page: n.caseId ? `petition/pages/detail/index?id=${n.caseId}` : 'pages/matters/index',
          data: {
            thing1: { value: [...(n.params.title ?? '')].slice(0, 20).join('') },
            character_string2: { value: n.params.trackingNo ?? '' },
            phrase3: { value: STATUS_WORDS[n.params.status ?? ''] ?? '有更新' }
          }
        })
      }
    }
  }

  /**
   * Sends one message if the person has an acceptance of its template left, spending it first (two messages at once
   * never spend the same one). Without one, the in-app message is the channel, and nothing is tried. WeChat's 43101
   * (none left, whatever was counted here) is expected: the count goes to zero, nothing is logged. Any other failure
   * gives the acceptance back and is logged; the outbox keeps the message either way.
   */
  async function send(n: Notification, template: SubscriptionTemplate, message: Record<string, unknown>): Promise<void> {
    const now = () => new Date().toISOString()
    const quota = new SubscriptionRepository(db())
    try {
      if (!(await quota.spend(n.userId, template, now()))) return
    } catch (e) {
      log('subscribe_message_failed', { kind: n.kind, error: e instanceof Error ? e.message : String(e) })
      return
    }
    try {
      await openapi().subscribeMessage.send(message)
    } catch (e) {
      if (quotaExhausted(e)) return void (await quota.exhaust(n.userId, template, now()).catch(() => undefined))
      await quota.refund(n.userId, template, now()).catch(() => undefined)
      log('subscribe_message_failed', { kind: n.kind, error: e instanceof Error ? e.message : String(e) })
      return
    }
    await new MessageRepository(db()).markPushed(n.messageId, now()).catch(() => undefined)
  }

  /** A booking or consultation message, on its own template, while an acceptance of it is left. */
  async function pushKind(n: Notification): Promise<void> {
    let message: Record<string, unknown> | null
    let openid: string | null
    try {
      const row = await new MessageRepository(db()).byId(n.messageId)
      const params = row ? (JSON.parse(cipher().open(row.params, siteOf('messages', 'params', row))) as Record<string, string>) : {}
      message = kindMessage(n, params, kindTemplates, new Date())
      openid = message && (await openidOf(db(), n.userId))
    } catch (e) {
      log('subscribe_message_failed', { kind: n.kind, error: e instanceof Error ? e.message : String(e) })
      return
    }
    if (!message || !openid) return
    await send(n, KIND_TEMPLATES[n.kind].template, { touser: openid, ...state, ...message })
  }
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
