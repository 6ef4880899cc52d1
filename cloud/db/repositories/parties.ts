/**
 * The parties of a case, the invitations of the other party and the mediation sessions (0021_parties). Every write
 * happens inside the caller's transaction; the sealed columns (a party's account, a session's place) are sealed on the
 * way in and opened on the way out (db/sealed.ts).
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database, CaseInvitationsTable, CasePartiesTable, CaseSessionsTable } from '../schema'
import type { FieldCipher } from '../../core/crypto'
import { openRow, sealRow } from '../sealed'

type Db = Kysely<Database> | Transaction<Database>

export type PartySide = 'applicant' | 'respondent'
export type PartyRow = CasePartiesTable
export type InvitationRow = CaseInvitationsTable
export type SessionRow = CaseSessionsTable

export class PartyRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher
  ) {}

  private open = (row: PartyRow): PartyRow => openRow(this.cipher, 'case_parties', row)

  /** The sides of a case that have a person in the app. */
  async ofCase(caseId: string): Promise<PartyRow[]> {
    const rows = await this.db.selectFrom('case_parties').selectAll().where('case_id', '=', caseId).orderBy('side').execute()
    return rows.map(this.open)
  }

  async side(caseId: string, side: PartySide): Promise<PartyRow | null> {
    const row = await this.db.selectFrom('case_parties').selectAll().where('case_id', '=', caseId).where('side', '=', side).executeTakeFirst()
    return row ? this.open(row) : null
  }

  /** The side a person is on in a case, if any (a row of case_parties; the applicant is also the case's owner). */
  async sideOf(caseId: string, userId: string): Promise<PartySide | null> {
    const row = await this.db.selectFrom('case_parties').select('side').where('case_id', '=', caseId).where('user_id', '=', userId).executeTakeFirst()
    return (row?.side as PartySide | undefined) ?? null
  }

  /** The cases a person is the respondent of. */
  async casesAsRespondent(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('case_parties').select('case_id').where('user_id', '=', userId).where('side', '=', 'respondent').execute()
    return rows.map((r) => r.case_id)
  }

  async insert(row: PartyRow): Promise<void> {
    await this.db.insertInto('case_parties').values(sealRow(this.cipher, 'case_parties', row)).execute()
  }

  async update(caseId: string, side: PartySide, patch: Partial<Omit<PartyRow, 'case_id' | 'side'>>): Promise<void> {
    const sealed = sealRow(this.cipher, 'case_parties', { ...patch, case_id: caseId, side })
    const { case_id: _c, side: _s, ...changes } = sealed
    void _c
    void _s
    await this.db.updateTable('case_parties').set(changes).where('case_id', '=', caseId).where('side', '=', side).execute()
  }

  /** Account erasure: the person's sides point to `erasedId`, their account and photos go. */
  async eraseUser(userId: string, erasedId: string, now: string): Promise<void> {
    await this.db.updateTable('case_parties').set({ user_id: erasedId, account: null, photos: '[]', updated_at: now }).where('user_id', '=', userId).execute()
    await this.db.updateTable('cases').set({ respondent_id: erasedId }).where('respondent_id', '=', userId).execute()
  }
}

export class InvitationRepository {
  constructor(private readonly db: Db) {}

  async insert(row: InvitationRow): Promise<void> {
    await this.db.insertInto('case_invitations').values(row).execute()
  }

  async byHash(codeHash: string): Promise<InvitationRow | null> {
    return (await this.db.selectFrom('case_invitations').selectAll().where('code_hash', '=', codeHash).executeTakeFirst()) ?? null
  }

  /** The newest invitation of a case, if any. */
  async latest(caseId: string): Promise<InvitationRow | null> {
    return (await this.db.selectFrom('case_invitations').selectAll().where('case_id', '=', caseId).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirst()) ?? null
  }

  /** Every invitation of the case not used yet stops working (a new one replaces them, or someone joined). */
  async revokeOpen(caseId: string, at: string): Promise<void> {
    await this.db.updateTable('case_invitations').set({ revoked_at: at }).where('case_id', '=', caseId).where('used_at', 'is', null).where('revoked_at', 'is', null).execute()
  }

  /** Spends the invitation; false when it was spent or revoked meanwhile (a race loses). */
  async use(id: string, userId: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('case_invitations')
      .set({ used_at: at, used_by: userId })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }
}

export class SessionRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher
  ) {}

  private open = (row: SessionRow): SessionRow => openRow(this.cipher, 'case_sessions', row)

  async ofCase(caseId: string): Promise<SessionRow[]> {
    const rows = await this.db.selectFrom('case_sessions').selectAll().where('case_id', '=', caseId).orderBy('starts_at').orderBy('id').execute()
    return rows.map(this.open)
  }

  async byId(id: string): Promise<SessionRow | null> {
    const row = await this.db.selectFrom('case_sessions').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? this.open(row) : null
  }

  async insert(row: SessionRow): Promise<void> {
    await this.db.insertInto('case_sessions').values(sealRow(this.cipher, 'case_sessions', row)).execute()
  }

  /** Writes the patch if the session is still as the caller read it (its updated_at); false otherwise. */
  async update(id: string, updatedAt: string, patch: Partial<Omit<SessionRow, 'id' | 'case_id'>>): Promise<boolean> {
    const sealed = sealRow(this.cipher, 'case_sessions', { ...patch, id })
    const { id: _id, ...changes } = sealed
    void _id
    const result = await this.db.updateTable('case_sessions').set(changes).where('id', '=', id).where('updated_at', '=', updatedAt).executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  /** Every session of the case still to be held is cancelled (the mediation ended). */
  async cancelOpen(caseId: string, at: string): Promise<void> {
    await this.db.updateTable('case_sessions').set({ status: 'cancelled', updated_at: at }).where('case_id', '=', caseId).where('status', 'in', ['proposed', 'confirmed', 'rescheduling']).execute()
  }

  /** Sessions waiting for an answer whose answer time is near or past (the reminders job). */
  async awaitingAnswers(before: string, limit: number): Promise<SessionRow[]> {
    const rows = await this.db
      .selectFrom('case_sessions')
      .selectAll()
      .where('status', 'in', ['proposed', 'rescheduling'])
      .where('answer_due_at', '<=', before)
      .where((eb) => eb.or([eb('answer_reminded_at', 'is', null), eb('answer_reminded_at', '<', eb.ref('answer_due_at'))]))
      .orderBy('answer_due_at')
      .limit(limit)
      .execute()
    return rows.map(this.open)
  }

  /** Claims an answer reminder: true if nobody else sent it since `seen` was read. */
  async markAnswerReminded(id: string, seen: string | null, at: string): Promise<boolean> {
    let q = this.db.updateTable('case_sessions').set({ answer_reminded_at: at }).where('id', '=', id)
    q = seen === null ? q.where('answer_reminded_at', 'is', null) : q.where('answer_reminded_at', '=', seen)
    return Number((await q.executeTakeFirst()).numUpdatedRows) === 1
  }

  /** Claims the reminder of a confirmed session: true if nobody else sent it. */
  async markReminded(id: string, at: string): Promise<boolean> {
    const result = await this.db.updateTable('case_sessions').set({ reminded_at: at }).where('id', '=', id).where('reminded_at', 'is', null).executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  /** Confirmed sessions starting before `before` not yet reminded of (the reminders job). */
  async upcoming(before: string, limit: number): Promise<SessionRow[]> {
    const rows = await this.db
      .selectFrom('case_sessions')
      .selectAll()
      .where('status', '=', 'confirmed')
      .where('reminded_at', 'is', null)
      .where('starts_at', '<=', before)
      .orderBy('starts_at')
      .limit(limit)
      .execute()
    return rows.map(this.open)
  }
}
