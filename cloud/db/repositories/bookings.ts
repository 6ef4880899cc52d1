/**
 * The generic booking engine's storage: providers (counsellors and village legal advisors) with their hours and leave,
 * bookings, waitlist entries and session notes. Every write runs inside the caller's transaction. One slot, one
 * booking is the database's job (a partial unique index), so an insert that loses a race reports 'taken'.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { BookingsTable, Database, ProvidersTable, SessionNotesTable, WaitlistTable } from '../schema'
import type { WeeklyHours } from '../../domain/booking/slots'
import { fixed, insertRows } from './statements'
import { isPostgres } from '../dialect'

export type ProviderRow = ProvidersTable
export type BookingRow = BookingsTable
export type WaitlistRow = WaitlistTable
export type NoteRow = SessionNotesTable

type Db = Kysely<Database> | Transaction<Database>

/** What a new booking is given; everything it has not lived through yet (a hold, a cancellation, attendance…) is empty. */
export type NewBookingFields = Pick<BookingRow, 'id' | 'service' | 'provider_id' | 'station_id' | 'person_id' | 'starts_at' | 'ends_at' | 'mode' | 'status' | 'created_at'> &
  Partial<Pick<BookingRow, 'pseudonym' | 'priority' | 'hold_expires_at' | 'waitlist_id' | 'place_code' | 'updated_at'>>

/** A booking row as first written: the columns not given are null, priority 0, and updated_at is created_at. */
export function newBookingRow(f: NewBookingFields): BookingRow {
  return {
    id: f.id,
    service: f.service,
    provider_id: f.provider_id,
    station_id: f.station_id,
    person_id: f.person_id,
    pseudonym: f.pseudonym ?? null,
    starts_at: f.starts_at,
    ends_at: f.ends_at,
    mode: f.mode,
    priority: f.priority ?? 0,
    status: f.status,
    hold_expires_at: f.hold_expires_at ?? null,
    waitlist_id: f.waitlist_id ?? null,
    cancelled_at: null,
    cancelled_by: null,
    cancel_reason: null,
    attendance_at: null,
    reminded_at: null,
    shared_screening_id: null,
    place_code: f.place_code ?? null,
    created_at: f.created_at,
    updated_at: f.updated_at ?? f.created_at
  }
}

/** Statuses that occupy a slot (everything but cancelled), matching the partial unique index. */
export const LIVE = ['held', 'booked', 'attended', 'no_show'] as const

export const hoursOf = (p: ProviderRow): WeeklyHours[] => JSON.parse(p.hours) as WeeklyHours[]

/** True for the unique-index violation of a live slot, on either database. */
export function isSlotConflict(e: unknown): boolean {
  const err = e as { code?: unknown; constraint?: unknown; message?: unknown }
  if (err?.code === '23505') return err.constraint === 'bookings_live_slot'
  return err?.code === 'SQLITE_CONSTRAINT_UNIQUE' && String(err.message).includes('bookings.provider_id, bookings.starts_at')
}

export class BookingRepository {
  constructor(private readonly db: Db) {}

  /** Account erasure, first step: the person's waiting places (before any slot is freed, so none is offered back). */
  async eraseWaitlistOf(personId: string): Promise<number> {
    return Number((await this.db.deleteFrom('waitlist').where('person_id', '=', personId).executeTakeFirst()).numDeletedRows)
  }

  /**
   * Account erasure: a session with the counsellor's notes is their record, kept and detached (pointing to `erasedId`,
   * without what names the person); every other booking of the person is deleted. Answers how many were deleted.
   */
  async eraseOwner(personId: string, erasedId: string, now: string): Promise<number> {
    const noted = await this.db
      .selectFrom('session_notes')
      .select('booking_id')
      .where('booking_id', 'in', (eb) => eb.selectFrom('bookings').select('id').where('person_id', '=', personId))
      .execute()
    if (noted.length) {
      await this.db
        .updateTable('bookings')
        .set({ person_id: erasedId, pseudonym: null, cancel_reason: null, shared_screening_id: null, waitlist_id: null, updated_at: now })
        .where('id', 'in', noted.map((r) => r.booking_id))
        .execute()
    }
    return Number((await this.db.deleteFrom('bookings').where('person_id', '=', personId).executeTakeFirst()).numDeletedRows)
  }

  // Providers

  async provider(id: string, service: string): Promise<ProviderRow | null> {
    return (await fixed<ProviderRow>(this.db, 'select * from "providers" where "id" = ? and "service" = ? and "active" = 1', [id, service]))[0] ?? null
  }

  async providerOfUser(userId: string, service: string): Promise<ProviderRow | null> {
    return (await this.db.selectFrom('providers').selectAll().where('user_id', '=', userId).where('service', '=', service).executeTakeFirst()) ?? null
  }

  async providersAt(stationId: string, service: string): Promise<ProviderRow[]> {
    return this.db.selectFrom('providers').selectAll().where('station_id', '=', stationId).where('service', '=', service).where('active', '=', 1).orderBy('created_at').orderBy('id').execute()
  }

  async providersByIds(ids: string[]): Promise<Map<string, ProviderRow>> {
    const wanted = [...new Set(ids)]
    const rows = wanted.length ? await this.db.selectFrom('providers').selectAll().where('id', 'in', wanted).execute() : []
    return new Map(rows.map((r) => [r.id, r]))
  }

  /** Inserts providers, skipping any that exist (by id, or a user's profile for the service); returns how many were new. */
  async insertProviders(rows: ProviderRow[]): Promise<number> {
    let inserted = 0
    for (let i = 0; i < rows.length; i += 500) {
      const result = await this.db
        .insertInto('providers')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst()
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0)
    }
    return inserted
  }

  async updateProvider(id: string, patch: Partial<ProviderRow>): Promise<void> {
    await this.db.updateTable('providers').set(patch).where('id', '=', id).execute()
  }

  // Leave

  /** The dates in [from, to] (Shanghai dates) on which each provider is on leave. */
  async leave(providerIds: string[], from: string, to: string): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>(providerIds.map((id) => [id, new Set<string>()]))
    if (!providerIds.length) return out
    const rows = await this.db.selectFrom('provider_leave').select(['provider_id', 'date']).where('provider_id', 'in', providerIds).where('date', '>=', from).where('date', '<=', to).execute()
    for (const r of rows) out.get(r.provider_id)?.add(r.date)
    return out
  }

  async addLeave(providerId: string, dates: string[], reason: string | null): Promise<void> {
    if (!dates.length) return
    await this.db
      .insertInto('provider_leave')
      .values(dates.map((date) => ({ provider_id: providerId, date, reason })))
      .onConflict((oc) => oc.columns(['provider_id', 'date']).doNothing())
      .execute()
  }

  // Bookings

  async booking(id: string): Promise<BookingRow | null> {
    return (await this.db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
  }

  /** Locks the row on PostgreSQL so that two changes to one booking queue up; SQLite serialises writers anyway. */
  async bookingForUpdate(id: string): Promise<BookingRow | null> {
    const query = this.db.selectFrom('bookings').selectAll().where('id', '=', id)
    return (await (isPostgres(this.db) ? query.forUpdate() : query).executeTakeFirst()) ?? null
  }

  /** Inserts a live booking; 'taken' when the slot already has one, and then nothing was written. */
  async insertBooking(row: BookingRow): Promise<'ok' | 'taken'> {
    try {
      await insertRows(this.db, 'bookings', [row])
      return 'ok'
    } catch (e) {
      if (isSlotConflict(e)) return 'taken'
      throw e
    }
  }

  /** Changes a booking only if it is still in one of the expected statuses; false when it is not. */
  async updateBooking(id: string, from: string[], patch: Partial<BookingRow>): Promise<boolean> {
    const result = await this.db.updateTable('bookings').set(patch).where('id', '=', id).where('status', 'in', from).executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  /** Starts of the live bookings of the providers in [from, to). */
  async liveStarts(providerIds: string[], from: string, to: string): Promise<{ provider_id: string; starts_at: string }[]> {
    if (!providerIds.length) return []
    return this.db
      .selectFrom('bookings')
      .select(['provider_id', 'starts_at'])
      .where('provider_id', 'in', providerIds)
      .where('starts_at', '>=', from)
      .where('starts_at', '<', to)
      .where('status', '<>', 'cancelled')
      .execute()
  }

  /** A provider's bookings in [from, to), offers on hold excluded, by start. */
  async ofProvider(providerId: string, from: string, to: string): Promise<BookingRow[]> {
    return this.db.selectFrom('bookings').selectAll().where('provider_id', '=', providerId).where('starts_at', '>=', from).where('starts_at', '<', to).where('status', '<>', 'held').orderBy('starts_at').orderBy('id').execute()
  }

  /** A service's bookings at a station (a township's station also anchors its legal advisors). */
  async ofStation(stationId: string, service: string, from: string, to: string): Promise<BookingRow[]> {
    return this.db
      .selectFrom('bookings')
      .selectAll()
      .where('station_id', '=', stationId)
      .where('starts_at', '>=', from)
      .where('starts_at', '<', to)
      .where('status', '<>', 'held')
      .where('service', '=', service)
      .orderBy('starts_at')
      .orderBy('id')
      .execute()
  }

  /** A person's bookings of one service, newest start first, offers on hold excluded (they show as waitlist entries). */
  async ofPerson(personId: string, service: string, limit: number): Promise<BookingRow[]> {
    return this.db.selectFrom('bookings').selectAll().where('person_id', '=', personId).where('service', '=', service).where('status', '<>', 'held').orderBy('starts_at', 'desc').orderBy('id').limit(limit).execute()
  }

  /** Live bookings (and offers) of a provider in [from, to) that have not started by `now`. */
  async liveOfProviderBetween(providerId: string, from: string, to: string, now: string): Promise<BookingRow[]> {
    return this.db
      .selectFrom('bookings')
      .selectAll()
      .where('provider_id', '=', providerId)
      .where('starts_at', '>=', from)
      .where('starts_at', '<', to)
      .where('starts_at', '>', now)
      .where('status', 'in', ['booked', 'held'])
      .orderBy('starts_at')
      .execute()
  }

  async upcomingCount(personId: string, service: string, now: string): Promise<number> {
    const [row] = await fixed<{ n: number }>(this.db, `select count(*) as "n" from "bookings" where "person_id" = ? and "service" = ? and "status" = 'booked' and "starts_at" > ?`, [personId, service, now])
    return Number(row.n)
  }

  /** Starts of a person's no-shows since `since`, for the pause rule. */
  async noShows(personId: string, service: string, since: string): Promise<Date[]> {
    const rows = await fixed<{ starts_at: string }>(this.db, `select "starts_at" from "bookings" where "person_id" = ? and "service" = ? and "status" = 'no_show' and "starts_at" >= ?`, [personId, service, since])
    return rows.map((r) => new Date(r.starts_at))
  }

  /** A service's offers whose time to take them has passed. */
  async lapsedHolds(service: string, now: string, limit: number): Promise<BookingRow[]> {
    return fixed<BookingRow>(this.db, `select * from "bookings" where "status" = 'held' and "hold_expires_at" <= ? and "service" = ? order by "hold_expires_at" limit ?`, [now, service, limit])
  }

  /** Claims the reminder of each booking, so that two runs of the job never remind twice; returns the claimed ones. */
  async claimReminders(service: string, from: string, to: string, now: string, limit: number): Promise<BookingRow[]> {
    const due = await this.db
      .selectFrom('bookings')
      .select('id')
      .where('status', '=', 'booked')
      .where('starts_at', '>=', from)
      .where('starts_at', '<', to)
      .where('reminded_at', 'is', null)
      .where('service', '=', service)
      .orderBy('starts_at')
      .limit(limit)
      .execute()
    if (!due.length) return []
    return this.db
      .updateTable('bookings')
      .set({ reminded_at: now })
      .where('id', 'in', due.map((d) => d.id))
      .where('reminded_at', 'is', null)
      .where('status', '=', 'booked')
      .returningAll()
      .execute()
  }

  // Waitlist

  async waitlistEntry(id: string): Promise<WaitlistRow | null> {
    return (await this.db.selectFrom('waitlist').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
  }

  async liveWaitlistEntry(providerId: string, date: string, personId: string): Promise<WaitlistRow | null> {
    return (
      (await this.db
        .selectFrom('waitlist')
        .selectAll()
        .where('provider_id', '=', providerId)
        .where('date', '=', date)
        .where('person_id', '=', personId)
        .where('status', 'in', ['waiting', 'offered'])
        .executeTakeFirst()) ?? null
    )
  }

  /** Inserts an entry; false when the person already waits for that day (the partial unique index says so). */
  async insertWaitlist(row: WaitlistRow): Promise<boolean> {
    const result = await this.db
      .insertInto('waitlist')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
  }

  /** Who waits for a provider's day, first come first served. */
  async waiting(providerId: string, date: string): Promise<WaitlistRow[]> {
    return this.db.selectFrom('waitlist').selectAll().where('provider_id', '=', providerId).where('date', '=', date).where('status', '=', 'waiting').orderBy('created_at').orderBy('id').execute()
  }

  async updateWaitlist(id: string, from: string[], patch: Partial<WaitlistRow>): Promise<boolean> {
    const result = await this.db.updateTable('waitlist').set(patch).where('id', '=', id).where('status', 'in', from).executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async expireWaiting(providerId: string, dates: string[], now: string): Promise<void> {
    if (!dates.length) return
    await this.db.updateTable('waitlist').set({ status: 'expired', updated_at: now }).where('provider_id', '=', providerId).where('date', 'in', dates).where('status', '=', 'waiting').execute()
  }

  async waitlistOf(personId: string, since: string): Promise<WaitlistRow[]> {
    return this.db
      .selectFrom('waitlist')
      .selectAll()
      .where('person_id', '=', personId)
      .where((eb) => eb.or([eb('status', 'in', ['waiting', 'offered']), eb('updated_at', '>=', since)]))
      .orderBy('date')
      .orderBy('created_at')
      .execute()
  }

  // Session notes: read only through a provider's own bookings.

  async notesFor(providerId: string, bookingIds: string[]): Promise<Map<string, NoteRow>> {
    if (!bookingIds.length) return new Map()
    const rows = await this.db.selectFrom('session_notes').selectAll().where('provider_id', '=', providerId).where('booking_id', 'in', bookingIds).execute()
    return new Map(rows.map((r) => [r.booking_id, r]))
  }

  async upsertNote(row: NoteRow): Promise<void> {
    await this.db
      .insertInto('session_notes')
      .values(row)
      .onConflict((oc) => oc.column('booking_id').doUpdateSet({ notes: row.notes, risk: row.risk, referral: row.referral, updated_at: row.updated_at }))
      .execute()
  }

  /**
   * Offers a freed slot to a waiting person: claims their entry (still waiting) and places the hold, inside a
   * savepoint so that a lost race undoes only this attempt. 'lost' when the entry was no longer waiting, 'taken' when
   * somebody booked the slot in the meantime (then the entry waits on), 'offered' when both were written.
   */
  async offerHold(entryId: string, claim: Partial<WaitlistRow>, hold: BookingRow): Promise<'offered' | 'lost' | 'taken'> {
    await sql`savepoint offer`.execute(this.db)
    if (!(await this.updateWaitlist(entryId, ['waiting'], claim))) {
      await sql`release savepoint offer`.execute(this.db)
      return 'lost'
    }
    if ((await this.insertBooking(hold)) === 'taken') {
      await sql`rollback to savepoint offer`.execute(this.db)
      await sql`release savepoint offer`.execute(this.db)
      return 'taken'
    }
    await sql`release savepoint offer`.execute(this.db)
    return 'offered'
  }
}
