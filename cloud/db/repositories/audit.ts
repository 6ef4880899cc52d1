/**
 * The audit log's storage: the hash chain's rows, its head and the erasure records (application/audit.ts makes the
 * links and decides what is read). Append-only: nothing here updates a row of the log except the pseudonymisation of
 * a deleted account's id, which migration 0014's triggers allow and the chain's tags survive.
 */
import type { Kysely, Transaction } from 'kysely'
import type { AuditLogTable, Database } from '../schema'
import { isPostgres } from '../dialect'

type Db = Kysely<Database> | Transaction<Database>

export type AuditRow = AuditLogTable

export interface AuditFilter {
  actorId?: string
  subjectId?: string
  personId?: string
  action?: string
  /** [from, to) as ISO instants. */
  from?: string
  to?: string
}

export class AuditRepository {
  constructor(private readonly db: Db) {}

  /** The chain's last link; on PostgreSQL locked until the transaction ends, so concurrent writers chain in turn. */
  async head(): Promise<{ seq: number; hash: string }> {
    let q = this.db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1)
    if (isPostgres(this.db)) q = q.forUpdate()
    const head = await q.executeTakeFirstOrThrow()
    return { seq: Number(head.seq), hash: head.hash }
  }

  /** Appends linked rows and moves the head to the last of them. */
  async append(rows: AuditRow[], head: { seq: number; hash: string }): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.db.insertInto('audit_log').values(rows.slice(i, i + 500)).execute()
    await this.db.updateTable('audit_head').set(head).where('id', '=', 1).execute()
  }

  /** Account erasure: the id becomes the pseudonym wherever the log names it, and the erasure is recorded with its tag. */
  async pseudonymise(userId: string, pseudonym: string, tag: string, at: string): Promise<void> {
    await this.db.insertInto('audit_erasures').values({ pseudonym, tag, at }).execute()
    await this.db.updateTable('audit_log').set({ person_id: pseudonym }).where('person_id', '=', userId).execute()
    await this.db.updateTable('audit_log').set({ actor_id: pseudonym }).where('actor_id', '=', userId).execute()
  }

  /** Each pseudonym and the tag of the id it replaced. */
  async erasureTags(): Promise<Map<string, string>> {
    return new Map((await this.db.selectFrom('audit_erasures').select(['pseudonym', 'tag']).execute()).map((e) => [e.pseudonym, e.tag]))
  }

  /** Rows from before the chain (migration 0014), which it does not cover. */
  async unchainedCount(): Promise<number> {
    return Number((await this.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('seq', 'is', null).executeTakeFirstOrThrow()).n)
  }

  /** Chained rows from `seq` on, in chain order. */
  async chainFrom(seq: number, limit: number): Promise<AuditRow[]> {
    return this.db.selectFrom('audit_log').selectAll().where('seq', '>=', seq).orderBy('seq').limit(limit).execute()
  }

  /** Newest first, after the (at, id) of the last row shown. */
  async page(filter: AuditFilter, after: { at: string; id: string } | null, limit: number): Promise<AuditRow[]> {
    let q = this.db.selectFrom('audit_log').selectAll()
    if (filter.actorId) q = q.where('actor_id', '=', filter.actorId)
    if (filter.subjectId) q = q.where('subject_id', '=', filter.subjectId)
    if (filter.personId) q = q.where('person_id', '=', filter.personId)
    if (filter.action) q = q.where('action', '=', filter.action)
    if (filter.from) q = q.where('at', '>=', filter.from)
    if (filter.to) q = q.where('at', '<', filter.to)
    if (after) q = q.where((eb) => eb.or([eb('at', '<', after.at), eb.and([eb('at', '=', after.at), eb('id', '<', after.id)])]))
    return q.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute()
  }
}
