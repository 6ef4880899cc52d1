/**
 * The WeChat implementations of the ports: content security (security.msgSecCheck v2) and subscription messages
 * (subscribeMessage.send), both through wx-server-sdk's cloud.openapi with the caller's OPENID.
 */
import * as cloud from 'wx-server-sdk'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { ContentChecker } from '../../ports/content'
import type { Notifier } from '../../ports/notifier'

type OpenApi = {
  security: { msgSecCheck(args: Record<string, unknown>): Promise<{ result?: { suggest?: string } }> }
  subscribeMessage: { send(args: Record<string, unknown>): Promise<unknown> }
}
const openapi = () => (cloud as unknown as { openapi: OpenApi }).openapi

const openidOf = async (db: Kysely<Database>, userId: string) =>
  (await db.selectFrom('users').select('openid').where('id', '=', userId).executeTakeFirst())?.openid ?? null

/** msgSecCheck takes at most 2,500 characters a call; longer text is checked in parts. */
export function wechatContentChecker(db: () => Kysely<Database>, log: (e: string, d: Record<string, unknown>) => void): ContentChecker {
  return {
    async check(text, userId) {
      const openid = await openidOf(db(), userId)
      if (!openid) return true
      const parts = [...text].reduce<string[]>((acc, ch, i) => (i % 2500 === 0 ? acc.push(ch) : (acc[acc.length - 1] += ch), acc), [])
      for (const content of parts) {
        try {
          const r = await openapi().security.msgSecCheck({ openid, scene: 2, version: 2, content })
          if (r.result?.suggest && r.result.suggest !== 'pass') return false
        } catch (e) {
          // The check is a safeguard, not a gate that an outage of it may close: log and accept.
          log('msg_sec_check_failed', { error: e instanceof Error ? e.message : String(e) })
        }
      }
      return true
    }
  }
}

const STATUS_WORDS: Record<string, string> = { submitted: '待受理', accepted: '已受理', assigned: '办理中', closed: '已办结', declined: '不予受理', withdrawn: '已撤回' }

/**
 * Sends one subscription message per notification to people who subscribed when filing, with the template named in
 * MINAN_SUBSCRIBE_TEMPLATE (fields: thing1 = title, character_string2 = tracking number, phrase3 = status).
 */
export function wechatNotifier(db: () => Kysely<Database>, templateId: string | undefined, log: (e: string, d: Record<string, unknown>) => void): Notifier {
  return {
    async push(notifications) {
      if (!templateId) return
      for (const n of notifications) {
        try {
          const subscribed = n.caseId ? (await db().selectFrom('cases').select('subscribed').where('id', '=', n.caseId).executeTakeFirst())?.subscribed : 0
          const openid = await openidOf(db(), n.userId)
          if (!subscribed || !openid) continue
          await openapi().subscribeMessage.send({
            touser: openid,
            templateId,
            page: n.caseId ? `petition/pages/detail/index?id=${n.caseId}` : 'pages/matters/index',
            data: {
              thing1: { value: [...(n.params.title ?? '')].slice(0, 20).join('') },
              character_string2: { value: n.params.trackingNo ?? '' },
              phrase3: { value: STATUS_WORDS[n.params.status ?? ''] ?? '有更新' }
            }
          })
          await db().updateTable('messages').set({ pushed_at: new Date().toISOString() }).where('id', '=', n.messageId).execute()
        } catch (e) {
          log('subscribe_message_failed', { kind: n.kind, error: e instanceof Error ? e.message : String(e) })
        }
      }
    }
  }
}
