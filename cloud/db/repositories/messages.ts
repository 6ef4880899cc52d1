/**
 * The in-app messages of each person: written by the outbox in the change's own transaction, read and marked read by
 * their recipient only. The params are sealed at rest (bound to their message); rows come and go as stored.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database, MessagesTable } from '../schema'
import { insertRows } from './statements'

export type MessageRow = MessagesTable
type Db = Kysely<Database> | Transaction<Database>

export class MessageRepository {
  constructor(private readonly db: Db) {}

  /** Account erasure: every message to the person goes; answers how many there were. */
  async eraseOwner(userId: string): Promise<number> {
    return Number((await this.db.deleteFrom('messages').where('user_id', '=', userId).executeTakeFirst()).numDeletedRows)
  }

  /** Rows already sealed (the outbox seals each one for its own id). */
  async insert(rows: MessageRow[]): Promise<void> {
    await insertRows(this.db, 'messages', rows)
  }

  /** A person's messages, newest first, after the (created_at, id) of the last one shown; up to `limit`. */
  async listOf(userId: string, after: { at: string; id: string } | null, limit: number): Promise<MessageRow[]> {
    let query = this.db.selectFrom('messages').selectAll().where('user_id', '=', userId)
    if (after) query = query.where((eb) => eb.or([eb('created_at', '<', after.at), eb.and([eb('created_at', '=', after.at), eb('id', '<', after.id)])]))
    return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
  }

  async countOf(userId: string, unreadOnly = false): Promise<number> {
    let query = this.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId)
    if (unreadOnly) query = query.where('read_at', 'is', null)
    return Number((await query.executeTakeFirstOrThrow()).n)
  }

  /** Marks the person's unread messages read: those of `ids`, or all of them when `ids` is not given. */
  async markRead(userId: string, ids: string[] | undefined, at: string): Promise<void> {
    let query = this.db.updateTable('messages').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null)
    if (ids) query = query.where('id', 'in', ids.length ? ids : [''])
    await query.execute()
  }

  /** Records that a message reached the person's phone as a push. */
  async markPushed(id: string, at: string): Promise<void> {
    await this.db.updateTable('messages').set({ pushed_at: at }).where('id', '=', id).execute()
  }

  /** One message as stored (params sealed), for a push that needs more than it was handed. */
  async byId(id: string): Promise<Pick<MessageRow, 'id' | 'params'> | null> {
    return (await this.db.selectFrom('messages').select(['id', 'params']).where('id', '=', id).executeTakeFirst()) ?? null
  }
}
