/** messages: a person reads their own messages only. */
import { messagesInput } from '../../types/functions/messages'
import { action } from '../core/context'
import { MessageRepository } from '../db/repositories/messages'
import { siteOf } from '../db/sealed'
import { decodeCursor, encodeCursor } from '../application/paging'
import { SubscriptionRepository } from '../db/repositories/subscriptions'

export const messages = {
  list: action({
    input: messagesInput.list,
    access: 'user',
    async run({ cursor, limit }, { services, userId }) {
      const size = limit ?? 20
      const after = decodeCursor(cursor, 1)
      const repo = new MessageRepository(services.db)
      const rows = await repo.listOf(userId, after && { at: after[0], id: after[1] }, size + 1)
      const page = rows.slice(0, size)
      const last = page[page.length - 1]
      return {
        items: page.map((m) => {
          const params = JSON.parse(services.cipher.open(m.params, siteOf('messages', 'params', m))) as { trackingNo?: string; title?: string }
          return { id: m.id, kind: m.kind, caseId: m.case_id, trackingNo: params.trackingNo ?? null, title: params.title ?? null, createdAt: m.created_at, read: m.read_at !== null }
        }),
        nextCursor: rows.length > size ? encodeCursor([last.created_at, last.id]) : null,
        unread: await repo.countOf(userId, true)
      }
    }
  }),

  unread: action({
    input: messagesInput.unread,
    access: 'user',
    run: async (_input, { services, userId }) => ({ unread: await new MessageRepository(services.db).countOf(userId, true) })
  }),

  markRead: action({
    input: messagesInput.markRead,
    access: 'user',
    async run({ ids }, { services, userId, now }) {
      const repo = new MessageRepository(services.db)
      await repo.markRead(userId, ids, now.toISOString())
      return { unread: await repo.countOf(userId, true) }
    }
  }),

  subscribed: action({
    input: messagesInput.subscribed,
    access: 'user',
    async run({ templates }, { services, userId, now }) {
      const repo = new SubscriptionRepository(services.db)
      await repo.accept(userId, templates, now.toISOString())
      return repo.remaining(userId)
    }
  }),

  subscriptions: action({
    input: messagesInput.subscriptions,
    access: 'user',
    run: (_input, { services, userId }) => new SubscriptionRepository(services.db).remaining(userId)
  })
}
