/**
 * WeChat subscription messages (issue 15), the same on every deployment path: which template and fields each message
 * uses, and the per-person and per-template acceptances they spend (migration 0027; db/repositories/subscriptions.ts).
 * Only the last step differs, the SubscribeSender: cloud.openapi on cloud functions (transports/wechat/ports.ts), the
 * HTTPS API with the server's access token on a self-hosted backend (ports/wechat.ts).
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { FieldCipher } from '../core/crypto'
import { siteOf } from '../db/sealed'
import { SubscriptionRepository, type SubscriptionTemplate } from '../db/repositories/subscriptions'
import { MessageRepository } from '../db/repositories/messages'
import { UserRepository } from '../db/repositories/users'
import { shanghaiDateTime } from '../../types/shanghai'
import type { Notification, Notifier, SubscribeMessage, SubscribeSender, SubscribeSettings } from '../ports/notifier'

const STATUS_WORDS: Record<string, string> = { submitted: '待受理', accepted: '已受理', assigned: '办理中', closed: '已办结', declined: '不予受理', withdrawn: '已撤回' }

/**
 * Booking and consultation messages (counselling and legal) use templates of their own, named in
 * MINAN_SUBSCRIBE_TEMPLATE_BOOKING (thing1 = place, time2 = when, phrase3 = what happened) and
 * MINAN_SUBSCRIBE_TEMPLATE_LEGAL (thing1 = village, phrase2 = what happened, time3 = when); a phrase is at most five
 * characters. Case messages (and any kind not listed) keep the progress template (progressMessage).
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
export const quotaExhausted = (e: unknown): boolean => {
  const err = e as { errCode?: number; errcode?: number } | null
  return err?.errCode === NOT_SUBSCRIBED || err?.errcode === NOT_SUBSCRIBED
}

/** A template field holds at most 20 characters. */
const fit = (text: string) => [...text].slice(0, 20).join('')

/** The message of a case's progress (fields: thing1 = title, character_string2 = tracking number, phrase3 = status). */
export function progressMessage(n: Notification, templateId: string): Omit<SubscribeMessage, 'touser'> {
  return {
    templateId,
    page: n.caseId ? `petition/pages/detail/index?id=${n.caseId}` : 'pages/matters/index',
    data: {
      thing1: { value: fit(n.params.title ?? '') },
      character_string2: { value: n.params.trackingNo ?? '' },
      phrase3: { value: STATUS_WORDS[n.params.status ?? ''] ?? '有更新' }
    }
  }
}

/** The message for a booking or consultation, from its stored row's params; null when its template is not set. */
export function kindMessage(n: Notification, stored: Record<string, string>, templates: { booking?: string; legal?: string }, now: Date): Omit<SubscribeMessage, 'touser'> | null {
  const mapped = KIND_TEMPLATES[n.kind]
  const templateId = mapped && templates[mapped.template]
  if (!mapped || !templateId) return null
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
 * per person and template). Case messages use the progress template; bookings and consultations their own.
 */
export function subscriptionNotifier(
  db: () => Kysely<Database>,
  sendMessage: SubscribeSender,
  settings: Partial<SubscribeSettings> & { templates: SubscribeSettings['templates'] },
  cipher: () => FieldCipher,
  log: (e: string, d: Record<string, unknown>) => void
): Notifier {
  const { templates } = settings
  const state = settings.miniprogramState ? { miniprogramState: settings.miniprogramState } : {}
  const openidOf = (userId: string) => new UserRepository(db()).openidOf(userId)
  return {
    async push(notifications) {
      for (const n of notifications) {
        if (!n.caseId && KIND_TEMPLATES[n.kind]) {
          await pushKind(n)
          continue
        }
        // The progress template speaks of a case; other messages stay in the app.
        if (!templates.progress || !n.caseId) continue
        const openid = await openidOf(n.userId).catch(() => null)
        if (!openid) continue
        await send(n, 'progress', { touser: openid, ...state, ...progressMessage(n, templates.progress) })
      }
    }
  }

  /**
   * Sends one message if the person has an acceptance of its template left, spending it first (two messages at once
   * never spend the same one). Without one, the in-app message is the channel, and nothing is tried. WeChat's 43101
   * (none left, whatever was counted here) is expected: the count goes to zero, nothing is logged. Any other failure
   * gives the acceptance back and is logged; the outbox keeps the message either way.
   */
  async function send(n: Notification, template: SubscriptionTemplate, message: SubscribeMessage): Promise<void> {
    const now = () => new Date().toISOString()
    const quota = new SubscriptionRepository(db())
    try {
      if (!(await quota.spend(n.userId, template, now()))) return
    } catch (e) {
      log('subscribe_message_failed', { kind: n.kind, error: e instanceof Error ? e.message : String(e) })
      return
    }
    try {
      await sendMessage(message)
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
    let message: Omit<SubscribeMessage, 'touser'> | null
    let openid: string | null
    try {
      const row = await new MessageRepository(db()).byId(n.messageId)
      const params = row ? (JSON.parse(cipher().open(row.params, siteOf('messages', 'params', row))) as Record<string, string>) : {}
      message = kindMessage(n, params, templates, new Date())
      openid = message && (await openidOf(n.userId))
    } catch (e) {
      log('subscribe_message_failed', { kind: n.kind, error: e instanceof Error ? e.message : String(e) })
      return
    }
    if (!message || !openid) return
    await send(n, KIND_TEMPLATES[n.kind].template, { touser: openid, ...state, ...message })
  }
}
