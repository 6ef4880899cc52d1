/**
 * A person books a provider's slot and cancels it, and the provider records whether they came: the same steps for a
 * 粤心安 session and a legal advisor's on-site hours, under the service's own rules. Each change runs once per request
 * id, in one transaction with its messages.
 */
import type { UserContext } from '../../core/context'
import { fail } from '../../core/errors'
import { once, requestKey } from '../../core/idempotency'
import { spendAttempt } from '../../core/rate-limit'
import { BookingRepository, newBookingRow, type BookingRow, type ProviderRow } from '../../db/repositories/bookings'
import { StationRepository, type StationRow } from '../../db/repositories/stations'
import { canCancel } from '../../domain/booking/slots'
import { localDateTime } from '../../domain/booking/calendar'
import type { Notification } from '../../ports/notifier'
import { checkPerson, checkSlot, expireLapsedOffers, insertOrTaken, notify, offerFreedSlot, pauseOf, titleOf, type Engine } from './engine'
import { pushAfterCommit } from '../outbox'
import { sealPatch, sealRow } from '../../db/sealed'
import { checkTexts } from '../content'

/**
 * The person's own booking of this service, or BOOKING_NOT_FOUND whether it exists or not: another person learns
 * nothing. Offers on hold are not bookings yet.
 */
export async function ownBooking(repo: BookingRepository, service: string, id: string, personId: string, field = 'id'): Promise<BookingRow> {
  const row = await repo.bookingForUpdate(id)
  if (!row || row.person_id !== personId || row.service !== service || row.status === 'held') return fail('BOOKING_NOT_FOUND', field)
  return row
}

export interface BookRequest {
  provider: ProviderRow
  start: Date
  mode: string
  pseudonym: string | null
  priority: boolean
}

/** Books a slot for the caller; the database decides between racers (SLOT_TAKEN). Returns the booking id. */
export async function bookSlot(ctx: UserContext, engine: Engine, request: BookRequest): Promise<string> {
  return (await book(ctx, engine, request)).id
}

/**
 * A booking just made: the row as written and its station, so the answer needs no second read; both null when the
 * request was a replay of an earlier one (then the booking is read as it is now).
 */
export interface Booked {
  id: string
  row: BookingRow | null
  station: StationRow | null
}

/** bookSlot, also returning what it wrote. */
export async function book(ctx: UserContext, engine: Engine, { provider, start, mode, pseudonym, priority }: BookRequest): Promise<Booked> {
  const { db, newId, cipher } = ctx.services
  // Lapsed offers pass on first, so a slot whose offer has lapsed can be booked.
  await expireLapsedOffers(ctx.services, ctx.now, engine)
  const sent: Notification[] = []
  let written: { row: BookingRow; station: StationRow | null } | undefined
  const { ref, replay } = await once(db, requestKey(ctx, ctx.userId, engine.service, 'book'), ctx.now, async (trx) => {
    // Inside the transaction: a replay never gets here and a refused booking rolls back, so neither counts.
    await spendAttempt(trx, [`book:${engine.service}:user:${ctx.userId}`], ctx.services.settings.rateLimits.book, ctx.now)
    const opening = await checkSlot(trx, provider, start, ctx.now, engine.rules)
    await checkPerson(trx, ctx.userId, engine, ctx.now)
    const now = ctx.now.toISOString()
    const row: BookingRow = sealRow(
      cipher,
      'bookings',
      newBookingRow({
        id: newId(),
        service: engine.service,
        provider_id: provider.id,
        station_id: provider.station_id,
        person_id: ctx.userId,
        pseudonym,
        starts_at: start.toISOString(),
        ends_at: new Date(start.getTime() + engine.rules.slotMinutes * 60_000).toISOString(),
        mode,
        priority: priority ? 1 : 0,
        status: 'booked',
        place_code: opening.place ?? null,
        created_at: now
      })
    )
    await insertOrTaken(trx, row)
    // The station names the booking (and is in the answer) unless it takes place in a village, which names it then.
    const station = row.place_code ? null : await new StationRepository(trx).byId(provider.station_id)
    await notify(trx, ctx, sent, [provider.user_id], 'booking.new', { title: await titleOf(trx, provider.station_id, row.starts_at, row.place_code, station), start: row.starts_at })
    written = { row, station }
    return row.id
  })
  pushAfterCommit(ctx.services, sent)
  return replay || !written ? { id: ref, row: null, station: null } : { id: ref, ...written }
}

/**
 * The person cancels their own booking up to the service's cancellation window; the provider is told, and the freed
 * slot goes to the first person waiting for that day, if any.
 */
export async function cancelBooking(ctx: UserContext, engine: Engine, id: string, reason: string | undefined): Promise<void> {
  await checkTexts(ctx, { reason })
  const { db, cipher } = ctx.services
  const sent: Notification[] = []
  await once(db, requestKey(ctx, ctx.userId, engine.service, 'cancel'), ctx.now, async (trx) => {
    const repo = new BookingRepository(trx)
    const row = await ownBooking(repo, engine.service, id, ctx.userId)
    if (row.status === 'cancelled') fail('BOOKING_CANCELLED', 'id')
    if (row.status !== 'booked' || !canCancel(new Date(row.starts_at), ctx.now, engine.rules)) fail('CANCEL_WINDOW_CLOSED', 'id', { hours: String(engine.rules.cancelHours) })
    const now = ctx.now.toISOString()
    const patch = sealPatch(cipher, 'bookings', id, { status: 'cancelled', cancelled_at: now, cancelled_by: 'person', cancel_reason: reason ? reason.normalize('NFC') : null, updated_at: now })
    if (!(await repo.updateBooking(id, ['booked'], patch))) fail('CONFLICT')
    const provider = (await repo.providersByIds([row.provider_id])).get(row.provider_id) ?? fail('CONFLICT')
    await notify(trx, ctx, sent, [provider.user_id], 'booking.cancelled', { title: await titleOf(trx, row.station_id, row.starts_at, row.place_code ?? null), start: row.starts_at })
    await offerFreedSlot(trx, ctx, sent, engine, provider, row.starts_at)
    return id
  })
  pushAfterCommit(ctx.services, sent)
}

/** One of the provider's own bookings, or BOOKING_NOT_FOUND: another provider's bookings do not exist for them. */
export async function ownSession(repo: BookingRepository, provider: ProviderRow | null, id: string): Promise<BookingRow> {
  const row = await repo.bookingForUpdate(id)
  if (!provider || !row || row.provider_id !== provider.id || row.status === 'held') return fail('BOOKING_NOT_FOUND', 'id')
  return row
}

/**
 * The provider records, once the booking has started, whether the person came. The no-show that pauses the person's
 * booking (the service's limit within its window) tells them so, and until when.
 */
export async function recordAttendance(ctx: UserContext, engine: Engine, provider: ProviderRow | null, id: string, attended: boolean): Promise<void> {
  const sent: Notification[] = []
  await once(ctx.services.db, requestKey(ctx, ctx.userId, engine.service, 'markAttendance'), ctx.now, async (trx) => {
    const repo = new BookingRepository(trx)
    const row = await ownSession(repo, provider, id)
    if (row.status === 'cancelled') fail('BOOKING_CANCELLED', 'id')
    if (new Date(row.starts_at).getTime() > ctx.now.getTime()) fail('SESSION_NOT_STARTED', 'id')
    const wasPaused = await pauseOf(trx, row.person_id, engine, ctx.now)
    const now = ctx.now.toISOString()
    await repo.updateBooking(id, ['booked', 'attended', 'no_show'], { status: attended ? 'attended' : 'no_show', attendance_at: now, updated_at: now })
    const paused = attended ? null : await pauseOf(trx, row.person_id, engine, ctx.now)
    if (paused && !wasPaused) await notify(trx, ctx, sent, [row.person_id], 'booking.paused', { title: localDateTime(paused), until: paused.toISOString(), days: String(engine.rules.pauseDays) })
    return id
  })
  pushAfterCommit(ctx.services, sent)
}
