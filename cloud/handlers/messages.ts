/** messages: a person reads their own messages only. */
import { messagesInput } from '../../types/functions/messages'
import { action } from '../core/context'
import { fail } from '../core/errors'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { siteOf } from '../db/sealed'

const unreadOf = async (db: Kysely<Database>, userId: string) =>
  Number((await db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow()).n)

export const messages = {
  list: action({
    input: messagesInput.list,
    access: 'user',
    async run({ cursor, limit }, { services, userId }) {
      const size = limit ?? 20
      let query = services.db.selectFrom('messages').selectAll().where('user_id', '=', userId)
      if (cursor) {
        const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|')
        if (!at || !id) fail('INVALID_VALUE', 'cursor', { field: 'cursor' })
        query = query.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', id)])]))
      }
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(size + 1).execute()
      const page = rows.slice(0, size)
      const last = page[page.length - 1]
      return {
        items: page.map((m) => {
          const params = JSON.parse(services.cipher.open(m.params, siteOf('messages', 'params', m))) as { trackingNo?: string; title?: string }
          return { id: m.id, kind: m.kind, caseId: m.case_id, trackingNo: params.trackingNo ?? null, title: params.title ?? null, createdAt: m.created_at, read: m.read_at !== null }
        }),
        nextCursor: rows.length > size ? Buffer.from(`${last.created_at}|${last.id}`).toString('base64url') : null,
        unread: await unreadOf(services.db, userId)
      }
    }
  }),

  unread: action({
    input: messagesInput.unread,
    access: 'user',
    run: async (_input, { services, userId }) => ({ unread: await unreadOf(services.db, userId) })
  }),

  markRead: action({
    input: messagesInput.markRead,
    access: 'user',
    async run({ ids }, { services, userId, now }) {
      let query = services.db.updateTable('messages').set({ read_at: now.toISOString() }).where('user_id', '=', userId).where('read_at', 'is', null)
      if (ids) query = query.where('id', 'in', ids.length ? ids : [''])
      await query.execute()
      return { unread: await unreadOf(services.db, userId) }
    }
  })
}
