/**
 * The booking engine: free slots, the checks before a booking, the waitlist's offers and their expiry, and the
 * messages each change sends. Generic over the service and its rules: a provider is a 粤心安 counsellor (hours at a
 * station) or a village legal advisor (on-site hours in each of their villages, the opening's `place`); the
 * counselling and legal handlers and the reminder job are its users.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Services } from '../../core/context'
import { fail } from '../../core/errors'
import type { Database } from '../../db/schema'
import { BookingRepository, hoursOf, newBookingRow, type BookingRow, type ProviderRow } from '../../db/repositories/bookings'
import { RegionRepository } from '../../db/repositories/regions'
import { StationRepository, type StationRow } from '../../db/repositories/stations'
import { generateSlots, localDay, pausedUntil, scheduledOpening, type SlotRules, type WeeklyHours } from '../../domain/booking/slots'
import { addDays, localDateTime, offerExpiry, withinHorizon } from '../../domain/booking/calendar'
import type { Notification } from '../../ports/notifier'
import { sealRow, siteOf } from '../../db/sealed'
import { pushAfterCommit, writeMessages, type Scope } from '../outbox'

export type { Scope } from '../outbox'

type Db = Kysely<Database> | Transaction<Database>

export interface Engine {
  service: string
  rules: SlotRules
}

const DAY = 86_400_000

/** A booking message: its title names the place and the time, never the person. */
export const notify = (trx: Db, scope: Scope, sent: Notification[], userIds: (string | null)[], kind: string, params: { title: string; [key: string]: string }): Promise<void> =>
  writeMessages(trx, scope, sent, userIds, { kind, caseId: null, params, push: { title: params.title, status: params.status } })

/**
 * "<place> <local time>": the title of every booking message; the place is the village when the booking names one.
 * A caller that has the station row already passes it.
 */
export async function titleOf(db: Db, stationId: string, start: string, placeCode: string | null = null, station?: StationRow | null): Promise<string> {
  const place = placeCode ? (await new RegionRepository(db).get(placeCode))?.name : (station !== undefined ? station : await new StationRepository(db).byId(stationId))?.name
  return `${place ?? ''} ${localDateTime(new Date(start))}`.trim()
}

export interface FreeSlot {
  provider: ProviderRow
  start: Date
  end: Date
  /** The opening's place (a legal advisor's village), when it names one. */
  place?: string
}

/** Free slots of the providers from now to the horizon: their hours, minus leave, minus live bookings and offers. */
export async function freeSlots(db: Db, providers: ProviderRow[], now: Date, rules: SlotRules): Promise<FreeSlot[]> {
  const repo = new BookingRepository(db)
  const today = localDay(now).date
  const last = addDays(today, rules.horizonDays)
  const ids = providers.map((p) => p.id)
  const [leave, taken] = await Promise.all([repo.leave(ids, today, last), repo.liveStarts(ids, now.toISOString(), new Date(now.getTime() + (rules.horizonDays + 1) * DAY).toISOString())])
  const takenKeys = new Set(taken.map((t) => `${t.provider_id}|${t.starts_at}`))
  return providers
    .flatMap((provider) =>
      generateSlots(hoursOf(provider), now, rules, (date) => leave.get(provider.id)?.has(date) ?? false)
        .filter((s) => !takenKeys.has(`${provider.id}|${s.start.toISOString()}`))
        .map((s) => ({ provider, ...s }))
    )
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.provider.created_at.localeCompare(b.provider.created_at))
}

/**
 * A booking must name a real slot of the provider: scheduled, in the future, within the horizon, not on leave.
 * Returns the opening it belongs to (whose `place` says where, for a provider with several).
 */
export async function checkSlot(db: Db, provider: ProviderRow, start: Date, now: Date, rules: SlotRules): Promise<WeeklyHours> {
  if (start.getTime() <= now.getTime()) fail('SLOT_IN_PAST', 'start')
  const { date } = localDay(start)
  const opening = scheduledOpening(hoursOf(provider), start, rules)
  if (!opening || !withinHorizon(date, now, rules)) return fail('SLOT_NOT_OFFERED', 'start')
  const leave = await new BookingRepository(db).leave([provider.id], date, date)
  if (leave.get(provider.id)?.size) fail('SLOT_NOT_OFFERED', 'start')
  return opening
}

/** When a person's booking is paused by no-shows, or null. */
export async function pauseOf(db: Db, personId: string, engine: Engine, now: Date): Promise<Date | null> {
  const { rules } = engine
  const since = new Date(now.getTime() - (rules.noShowWindowDays + rules.pauseDays) * DAY).toISOString()
  return pausedUntil(await new BookingRepository(db).noShows(personId, engine.service, since), now, rules)
}

/** May this person book now? Not while paused, and not beyond the number of upcoming bookings one may hold. */
export async function checkPerson(db: Db, personId: string, engine: Engine, now: Date): Promise<void> {
  const until = await pauseOf(db, personId, engine, now)
  if (until) fail('BOOKING_PAUSED', undefined, { until: localDateTime(until) })
  if ((await new BookingRepository(db).upcomingCount(personId, engine.service, now.toISOString())) >= engine.rules.maxUpcoming) {
    fail('BOOKING_LIMIT', undefined, { max: String(engine.rules.maxUpcoming) })
  }
}

/** Inserts a booking or answers SLOT_TAKEN; the database decides, so exactly one of any number of racers wins. */
export async function insertOrTaken(trx: Db, row: BookingRow): Promise<void> {
  if ((await new BookingRepository(trx).insertBooking(row)) === 'taken') fail('SLOT_TAKEN', 'start')
}

/**
 * A live slot was freed: the first person waiting for that provider's day (and not paused) is offered it, held for
 * them until the offer lapses. The hold is a live booking row, so nobody can book the slot from under them.
 * Each candidate is tried inside a savepoint (the repository's offerHold), so a lost race undoes only that attempt.
 */
export async function offerFreedSlot(trx: Transaction<Database>, scope: Scope, sent: Notification[], engine: Engine, provider: ProviderRow, start: string): Promise<boolean> {
  const startAt = new Date(start)
  if (startAt.getTime() <= scope.now.getTime()) return false
  const repo = new BookingRepository(trx)
  const { date } = localDay(startAt)
  const place = scheduledOpening(hoursOf(provider), startAt, engine.rules)?.place ?? null
  for (const entry of await repo.waiting(provider.id, date)) {
    if (await pauseOf(trx, entry.person_id, engine, scope.now)) continue
    const bookingId = scope.services.newId()
    const expires = offerExpiry(scope.now, startAt, engine.rules).toISOString()
    const now = scope.now.toISOString()
    const { cipher } = scope.services
    // The pseudonym was sealed for the waiting place: opened there and sealed again for the booking.
    const hold = sealRow(
      cipher,
      'bookings',
      newBookingRow({
        id: bookingId,
        service: engine.service,
        provider_id: provider.id,
        station_id: provider.station_id,
        person_id: entry.person_id,
        pseudonym: entry.pseudonym ? cipher.open(entry.pseudonym, siteOf('waitlist', 'pseudonym', entry)) : null,
        starts_at: start,
        ends_at: new Date(startAt.getTime() + engine.rules.slotMinutes * 60_000).toISOString(),
        mode: entry.mode,
        status: 'held',
        hold_expires_at: expires,
        waitlist_id: entry.id,
        place_code: place,
        created_at: now
      })
    )
    const outcome = await repo.offerHold(entry.id, { status: 'offered', booking_id: bookingId, offered_start: start, offer_expires_at: expires, updated_at: now }, hold)
    // Another sweep claimed this entry first: the next person waiting may still be offered the slot.
    if (outcome === 'lost') continue
    // Somebody booked the slot in the meantime: nothing to offer, and this person keeps waiting.
    if (outcome === 'taken') return false
    await notify(trx, scope, sent, [entry.person_id], 'booking.offer', { title: await titleOf(trx, provider.station_id, start, place), start, expiresAt: expires })
    return true
  }
  return false
}

/**
 * Offers whose time has passed go to the next person waiting (or free the slot). Run lazily before reads that show
 * slots or offers, and by the job; each lapse is its own transaction, and a concurrent sweep skips what it lost.
 */
export async function expireLapsedOffers(services: Services, now: Date, engine: Engine): Promise<number> {
  const lapsed = await new BookingRepository(services.db).lapsedHolds(engine.service, now.toISOString(), 100)
  let count = 0
  for (const hold of lapsed) {
    const sent: Notification[] = []
    await services.db.transaction().execute(async (trx) => {
      const repo = new BookingRepository(trx)
      const at = now.toISOString()
      if (!(await repo.updateBooking(hold.id, ['held'], { status: 'cancelled', cancelled_by: 'offer_expired', cancelled_at: at, updated_at: at }))) return
      if (hold.waitlist_id) await repo.updateWaitlist(hold.waitlist_id, ['offered'], { status: 'expired', updated_at: at })
      const provider = (await repo.providersByIds([hold.provider_id])).get(hold.provider_id)
      if (provider) await offerFreedSlot(trx, { services, now, userId: null }, sent, engine, provider, hold.starts_at)
      count++
    })
    pushAfterCommit(services, sent)
  }
  return count
}
