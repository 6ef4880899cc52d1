/**
 * Everything stored about one person, read in one place, with the sealed columns opened; and the deletion and
 * detaching of their account.
 */
import type { Kysely, Transaction } from 'kysely'
import type { BookingsTable, CasesTable, ConsultationPostsTable, ConsultationsTable, Database, FilesTable, MessagesTable, ScreeningsTable, UsersTable, WaitlistTable } from '../schema'
import { ERASED_MARK, ERASED_USER_ID } from '../../domain/account/erasure'
import type { FieldCipher } from '../../core/crypto'
import { openRow } from '../sealed'
import { isPostgres } from '../dialect'

type Db = Kysely<Database> | Transaction<Database>

export interface PersonData {
  user: UsersTable
  roles: string[]
  cases: CasesTable[]
  bookings: BookingsTable[]
  waitlist: WaitlistTable[]
  screenings: ScreeningsTable[]
  consultations: ConsultationsTable[]
  messages: MessagesTable[]
  files: FilesTable[]
}

export class AccountRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher
  ) {}

  /** Account erasure, first of all: on PostgreSQL a second, concurrent deletion waits here, then finds no account. */
  async lockForErasure(userId: string): Promise<void> {
    if (isPostgres(this.db)) await this.db.selectFrom('users').select('id').where('id', '=', userId).forUpdate().executeTakeFirst()
  }

  /** Account erasure: the request and rate-limit records that name the person. */
  async eraseTraces(userId: string): Promise<void> {
    await this.db.deleteFrom('idempotency').where('request_key', 'like', `${userId}:%`).execute()
    await this.db.deleteFrom('attempts').where('scope', 'like', `%:user:${userId}`).execute()
  }

  /** The person's rows in every table that holds them; null when the account does not exist. */
  async load(userId: string, withMessages: boolean): Promise<PersonData | null> {
    const user = await this.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst()
    if (!user) return null
    const [roles, cases, bookings, waitlist, screenings, consultations, messages, files] = await Promise.all([
      this.db.selectFrom('role_grants').select('role').where('user_id', '=', userId).orderBy('role').execute(),
      this.casesOf(userId),
      this.db.selectFrom('bookings').selectAll().where('person_id', '=', userId).orderBy('starts_at', 'desc').orderBy('id').execute(),
      this.db.selectFrom('waitlist').selectAll().where('person_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').execute(),
      this.db.selectFrom('screenings').selectAll().where('person_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').execute(),
      this.db.selectFrom('consultations').selectAll().where('person_id', '=', userId).orderBy('asked_at', 'desc').orderBy('id').execute(),
      withMessages ? this.db.selectFrom('messages').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').execute() : Promise.resolve([]),
      this.db.selectFrom('files').selectAll().where('owner_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').execute()
    ])
    const { cipher } = this
    return {
      user,
      roles: roles.map((r) => r.role),
      cases,
      bookings: bookings.map((r) => openRow(cipher, 'bookings', r)),
      waitlist: waitlist.map((r) => openRow(cipher, 'waitlist', r)),
      screenings: screenings.map((r) => openRow(cipher, 'screenings', r)),
      consultations: consultations.map((r) => openRow(cipher, 'consultations', r)),
      messages: messages.map((r) => openRow(cipher, 'messages', r)),
      files
    }
  }

  /** The cases the person owns or filed (a resident's own filings, claimed ones, and those a consultation became). */
  async casesOf(userId: string): Promise<CasesTable[]> {
    const rows = await this.db
      .selectFrom('cases')
      .selectAll()
      .where((eb) => eb.or([eb('owner_id', '=', userId), eb('filed_by', '=', userId)]))
      .orderBy('filed_at', 'desc')
      .orderBy('id')
      .execute()
    return rows.map((r) => openRow(this.cipher, 'cases', r))
  }

  async caseEvents(caseIds: string[]): Promise<{ case_id: string; seq: number; type: string; at: string; public_data: string }[]> {
    if (!caseIds.length) return []
    const rows = await this.db.selectFrom('case_events').select(['case_id', 'seq', 'type', 'at', 'public_data']).where('case_id', 'in', caseIds).orderBy('case_id').orderBy('seq').execute()
    return rows.map((r) => openRow(this.cipher, 'case_events', r))
  }

  async posts(consultationIds: string[]): Promise<ConsultationPostsTable[]> {
    if (!consultationIds.length) return []
    const rows = await this.db.selectFrom('consultation_posts').selectAll().where('consultation_id', 'in', consultationIds).orderBy('consultation_id').orderBy('seq').execute()
    return rows.map((r) => openRow(this.cipher, 'consultation_posts', r))
  }

  /** Place names for bookings: the station, or the village of an on-site legal booking. */
  async placeNames(bookings: BookingsTable[]): Promise<Map<string, string>> {
    const stationIds = [...new Set(bookings.map((b) => b.station_id))]
    const codes = [...new Set(bookings.flatMap((b) => (b.place_code ? [b.place_code] : [])))]
    const [stations, regions] = await Promise.all([
      stationIds.length ? this.db.selectFrom('stations').select(['id', 'name']).where('id', 'in', stationIds).execute() : Promise.resolve([]),
      codes.length ? this.db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute() : Promise.resolve([])
    ])
    const station = new Map(stations.map((s) => [s.id, s.name]))
    const region = new Map(regions.map((r) => [r.code, r.name]))
    return new Map(bookings.map((b) => [b.id, (b.place_code ? region.get(b.place_code) : undefined) ?? station.get(b.station_id) ?? '']))
  }

  /** Reads of the person's records by others, newest first (the audit log; the staff member's role, not their name). */
  async accessLog(userId: string, limit = 1000): Promise<{ at: string; actor_role: string; actor_region: string | null; action: string; subject_kind: string; subject_id: string }[]> {
    return this.db
      .selectFrom('audit_log')
      .select(['at', 'actor_role', 'actor_region', 'action', 'subject_kind', 'subject_id'])
      .where('person_id', '=', userId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute()
  }

  /** The row detached records point to, created on first use (nobody can sign in as it: no openid, no demo account). */
  async ensureErasedUser(now: string): Promise<void> {
    await this.db
      .insertInto('users')
      .values({ id: ERASED_USER_ID, openid: null, demo_account: null, display_name: ERASED_MARK, home_region: null, created_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
  }
}
