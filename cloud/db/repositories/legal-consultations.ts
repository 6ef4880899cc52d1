/**
 * Legal consultations and their threads. Every write runs inside the caller's transaction; a change to a consultation
 * checks the version it read, so two concurrent moves cannot both apply.
 */
import type { Kysely, Transaction } from 'kysely'
import type { ConsultationPostsTable, ConsultationsTable, Database } from '../schema'
import { isPostgres } from '../dialect'

type Db = Kysely<Database> | Transaction<Database>

export type ConsultationRow = ConsultationsTable
export type PostRow = ConsultationPostsTable

export class ConsultationRepository {
  constructor(private readonly db: Db) {}

  /**
   * Account erasure: consultations that became a case are detached (pointing to `erasedId`, the contact phone gone,
   * and so are the person's posts in them); the others are deleted with their threads.
   */
  async eraseOwner(personId: string, erasedId: string, ids: { detach: string[]; drop: string[] }, now: string): Promise<void> {
    if (ids.detach.length) {
      await this.db.updateTable('consultations').set({ person_id: erasedId, contact_phone: null, updated_at: now }).where('id', 'in', ids.detach).execute()
      await this.db.updateTable('consultation_posts').set({ author_id: erasedId }).where('consultation_id', 'in', ids.detach).where('author_id', '=', personId).execute()
    }
    if (ids.drop.length) {
      await this.db.deleteFrom('consultation_posts').where('consultation_id', 'in', ids.drop).execute()
      await this.db.deleteFrom('consultations').where('id', 'in', ids.drop).execute()
    }
  }

  async byId(id: string): Promise<ConsultationRow | null> {
    return (await this.db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
  }

  /** Locks the row on PostgreSQL so that two moves on one consultation queue up; SQLite serialises writers anyway. */
  async byIdForUpdate(id: string): Promise<ConsultationRow | null> {
    const query = this.db.selectFrom('consultations').selectAll().where('id', '=', id)
    return (await (isPostgres(this.db) ? query.forUpdate() : query).executeTakeFirst()) ?? null
  }

  async insert(row: ConsultationRow): Promise<void> {
    await this.db.insertInto('consultations').values(row).execute()
  }

  /** Writes a patch if nobody changed the consultation since it was read; false when someone did. */
  async update(id: string, version: number, patch: Partial<ConsultationRow>): Promise<boolean> {
    const result = await this.db
      .updateTable('consultations')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async insertPost(row: PostRow): Promise<void> {
    await this.db.insertInto('consultation_posts').values(row).execute()
  }

  async posts(consultationId: string): Promise<PostRow[]> {
    return this.db.selectFrom('consultation_posts').selectAll().where('consultation_id', '=', consultationId).orderBy('seq').execute()
  }

  /** The advisor's answers in a consultation, for the case draft. */
  async advisorPosts(consultationId: string): Promise<PostRow[]> {
    return this.db.selectFrom('consultation_posts').selectAll().where('consultation_id', '=', consultationId).where('author', '=', 'advisor').orderBy('seq').execute()
  }

  /** A person's consultations, latest activity first. */
  async ofPerson(personId: string, limit: number): Promise<ConsultationRow[]> {
    return this.db.selectFrom('consultations').selectAll().where('person_id', '=', personId).orderBy('updated_at', 'desc').orderBy('id').limit(limit).execute()
  }

  /**
   * An advisor's open consultations: first those waiting for them, by response target (so the overdue come first, the
   * oldest of them first), then those waiting for the person, oldest first.
   */
  async openOf(providerId: string, limit: number): Promise<ConsultationRow[]> {
    const waiting = await this.db
      .selectFrom('consultations')
      .selectAll()
      .where('provider_id', '=', providerId)
      .where('status', '=', 'waiting')
      .orderBy('due_at')
      .orderBy('asked_at')
      .orderBy('id')
      .limit(limit)
      .execute()
    if (waiting.length >= limit) return waiting
    const answered = await this.db
      .selectFrom('consultations')
      .selectAll()
      .where('provider_id', '=', providerId)
      .where('status', '=', 'answered')
      .orderBy('updated_at')
      .orderBy('id')
      .limit(limit - waiting.length)
      .execute()
    return [...waiting, ...answered]
  }

  async overdueOf(providerId: string, now: string): Promise<number> {
    const row = await this.db
      .selectFrom('consultations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('provider_id', '=', providerId)
      .where('status', '=', 'waiting')
      .where('due_at', '<', now)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /** Consultations waiting for an advisor within a region (a township, county, city or the province), and how many are overdue. */
  /** Waiting questions in a region, advisor by advisor (and township): counts and the oldest, most overdue first. */
  async waitingByAdvisor(regionCode: string, now: string, limit: number): Promise<{ providerId: string; townshipCode: string; waiting: number; overdue: number; oldest: string }[]> {
    let query = this.db.selectFrom('consultations').where('status', '=', 'waiting')
    if (regionCode.length >= 9) query = query.where('township_code', '=', regionCode.slice(0, 9))
    else if (regionCode.length > 2) query = query.where('township_code', 'like', `${regionCode}%`)
    if (regionCode.length === 12) query = query.where('village_code', '=', regionCode)
    const rows = await query
      .select((eb) => [
        'provider_id',
        'township_code',
        eb.fn.countAll<number>().as('waiting'),
        eb.fn.sum<number>(eb.case().when('due_at', '<', now).then(1).else(0).end()).as('overdue'),
        eb.fn.min<string>('asked_at').as('oldest')
      ])
      .groupBy(['provider_id', 'township_code'])
      .execute()
    return rows
      .map((r) => ({ providerId: r.provider_id, townshipCode: r.township_code, waiting: Number(r.waiting), overdue: Number(r.overdue ?? 0), oldest: String(r.oldest) }))
      .sort((a, b) => b.overdue - a.overdue || a.oldest.localeCompare(b.oldest) || a.providerId.localeCompare(b.providerId))
      .slice(0, limit)
  }

  async waitingIn(regionCode: string, now: string): Promise<{ waiting: number; overdue: number }> {
    let query = this.db.selectFrom('consultations').where('status', '=', 'waiting')
    if (regionCode.length === 9) query = query.where('township_code', '=', regionCode)
    else if (regionCode.length > 2) query = query.where('township_code', 'like', `${regionCode}%`)
    const row = await query
      .select((eb) => [eb.fn.countAll<number>().as('waiting'), eb.fn.sum<number>(eb.case().when('due_at', '<', now).then(1).else(0).end()).as('overdue')])
      .executeTakeFirstOrThrow()
    return { waiting: Number(row.waiting), overdue: Number(row.overdue ?? 0) }
  }

  /**
   * Withdrawal of the consent to keep the contact phone: forgotten on every open consultation of the person that has not
   * become a case (a converted one belongs to its case now). Rows are locked on PostgreSQL; answers how many changed.
   */
  async withdrawContactConsent(personId: string, now: string): Promise<number> {
    let query = this.db.selectFrom('consultations').select(['id', 'version']).where('person_id', '=', personId).where('case_id', 'is', null).where('consent_version', 'is not', null)
    if (isPostgres(this.db)) query = query.forUpdate()
    const rows = await query.execute()
    for (const r of rows) {
      await this.db.updateTable('consultations').set({ contact_phone: null, consent_version: null, version: r.version + 1, updated_at: now }).where('id', '=', r.id).execute()
    }
    return rows.length
  }
}
