/**
 * 粤心安 bookings beyond the engine's generic book and cancel: moving a booking to another slot, waiting for a full day,
 * and taking the slot a waitlist offers. Each runs once per request id, in one transaction with its messages.
 */
import type { HandlerContext, UserContext } from '../../core/context'
import { fail } from '../../core/errors'
import { once, requestKey } from '../../core/idempotency'
import { BookingRepository, hoursOf, type BookingRow, type ProviderRow, type WaitlistRow } from '../../db/repositories/bookings'
import { openRow, sealRow } from '../../db/sealed'
import { canCancel, generateSlots, localDay } from '../../domain/booking/slots'
import { dayBounds, isRealDate, localDateTime, withinHorizon } from '../../domain/booking/calendar'
import type { Notification } from '../../ports/notifier'
import { checkPerson, checkSlot, expireLapsedOffers, freeSlots, insertOrTaken, notify, offerFreedSlot, pauseOf, titleOf, type Engine } from '../booking/engine'
import { ownBooking } from '../booking/operations'
import { pushAfterCommit } from '../outbox'

export const SERVICE = 'counselling'
export const engineOf = (ctx: HandlerContext): Engine => ({ service: SERVICE, rules: ctx.services.settings.counselling })

/** Lapsed waitlist offers pass on before anything that shows slots or offers is read. */
export const sweep = (ctx: HandlerContext): Promise<number> => expireLapsedOffers(ctx.services, ctx.now, engineOf(ctx))

/**
 * Moves the caller's booking to another slot of the same counsellor: the old one is cancelled and the new one booked
 * in one transaction, so if the new slot is taken the old booking stands untouched. Returns the new booking's id.
 */
export async function reschedule(ctx: UserContext, id: string, start: Date): Promise<string> {
  const { db, settings, newId, cipher } = ctx.services
  const engine = engineOf(ctx)
  await sweep(ctx)
  const sent: Notification[] = []
  const { ref } = await once(db, requestKey(ctx, ctx.userId, SERVICE, 'reschedule'), ctx.now, async (trx) => {
    const repo = new BookingRepository(trx)
    const old = await ownBooking(repo, SERVICE, id, ctx.userId)
    if (old.status === 'cancelled') fail('BOOKING_CANCELLED', 'id')
    if (old.status !== 'booked' || !canCancel(new Date(old.starts_at), ctx.now, settings.counselling)) fail('CANCEL_WINDOW_CLOSED', 'id', { hours: String(settings.counselling.cancelHours) })
    const provider = (await repo.provider(old.provider_id, SERVICE)) ?? fail('COUNSELLOR_NOT_FOUND', 'id')
    await checkSlot(trx, provider, start, ctx.now, engine.rules)
    const now = ctx.now.toISOString()
    if (!(await repo.updateBooking(old.id, ['booked'], { status: 'cancelled', cancelled_at: now, cancelled_by: 'person', updated_at: now }))) fail('CONFLICT')
    await checkPerson(trx, ctx.userId, engine, ctx.now)
    // The new booking carries the old one's pseudonym: opened from the old row, sealed again for the new one.
    const row: BookingRow = sealRow(cipher, 'bookings', {
      ...openRow(cipher, 'bookings', old),
      id: newId(),
      starts_at: start.toISOString(),
      ends_at: new Date(start.getTime() + engine.rules.slotMinutes * 60_000).toISOString(),
      status: 'booked',
      hold_expires_at: null,
      waitlist_id: null,
      reminded_at: null,
      attendance_at: null,
      created_at: now,
      updated_at: now
    })
    await insertOrTaken(trx, row)
    await notify(trx, ctx, sent, [provider.user_id], 'booking.rescheduled', { title: await titleOf(trx, row.station_id, row.starts_at), start: row.starts_at, from: old.starts_at })
    if (old.starts_at !== row.starts_at) await offerFreedSlot(trx, ctx, sent, engine, provider, old.starts_at)
    return row.id
  })
  pushAfterCommit(ctx.services, sent)
  return ref
}

export interface WaitRequest {
  provider: ProviderRow
  /** The Shanghai date the person waits for. */
  date: string
  mode: string | undefined
  pseudonym: string | null
}

/**
 * The caller waits for a full day of a counsellor: only a day the counsellor works, within the horizon and not on
 * leave, and only while no slot that day is free (then the person books it instead). Waiting twice for the same day
 * is the same entry. Returns the entry.
 */
export async function joinWaitlist(ctx: UserContext, { provider, date, mode, pseudonym }: WaitRequest): Promise<WaitlistRow> {
  const { db, newId, settings, cipher } = ctx.services
  const engine = engineOf(ctx)
  const repo = new BookingRepository(db)
  const modes = JSON.parse(provider.modes) as string[]
  if (mode && !modes.includes(mode)) fail('MODE_NOT_OFFERED', 'mode')
  if (!isRealDate(date) || !withinHorizon(date, ctx.now, settings.counselling)) fail('DAY_NOT_OFFERED', 'date')
  const scheduled = hoursOf(provider).some((h) => h.weekday === localDay(dayBounds(date).start).weekday)
  const leave = (await repo.leave([provider.id], date, date)).get(provider.id)?.size
  if (!scheduled || leave) fail('DAY_NOT_OFFERED', 'date')
  await sweep(ctx)
  const free = await freeSlots(db, [provider], ctx.now, settings.counselling)
  if (free.some((s) => localDay(s.start).date === date)) fail('SLOTS_AVAILABLE', 'date')
  if (!generateSlots(hoursOf(provider), ctx.now, settings.counselling).some((s) => localDay(s.start).date === date)) fail('DAY_NOT_OFFERED', 'date')
  const { ref } = await once(db, requestKey(ctx, ctx.userId, SERVICE, 'joinWaitlist'), ctx.now, async (trx) => {
    const until = await pauseOf(trx, ctx.userId, engine, ctx.now)
    if (until) fail('BOOKING_PAUSED', undefined, { until: localDateTime(until) })
    const waitlist = new BookingRepository(trx)
    const existing = await waitlist.liveWaitlistEntry(provider.id, date, ctx.userId)
    if (existing) return existing.id
    const now = ctx.now.toISOString()
    const id = newId()
    const inserted = await waitlist.insertWaitlist(
      sealRow(cipher, 'waitlist', {
        id,
        service: SERVICE,
        provider_id: provider.id,
        person_id: ctx.userId,
        date,
        pseudonym,
        mode: mode ?? modes[0],
        status: 'waiting',
        booking_id: null,
        offered_start: null,
        offer_expires_at: null,
        created_at: now,
        updated_at: now
      })
    )
    if (inserted) return id
    // A concurrent request of the same person got there first: theirs is the entry.
    return ((await waitlist.liveWaitlistEntry(provider.id, date, ctx.userId)) ?? fail('CONFLICT')).id
  })
  return (await repo.waitlistEntry(ref)) ?? fail('CONFLICT')
}

/** The caller takes the slot their waitlist entry offers, while the offer stands. Returns the booking's id. */
export async function takeOffer(ctx: UserContext, id: string): Promise<string> {
  const engine = engineOf(ctx)
  await sweep(ctx)
  const sent: Notification[] = []
  const { ref } = await once(ctx.services.db, requestKey(ctx, ctx.userId, SERVICE, 'takeOffer'), ctx.now, async (trx) => {
    const repo = new BookingRepository(trx)
    const entry = await repo.waitlistEntry(id)
    if (!entry || entry.person_id !== ctx.userId || !entry.booking_id) return fail('OFFER_NOT_FOUND', 'id')
    if (entry.status === 'taken') return entry.booking_id
    const start = entry.offered_start
    const now = ctx.now.toISOString()
    if (entry.status !== 'offered' || !start || !entry.offer_expires_at || entry.offer_expires_at <= now) fail('OFFER_EXPIRED', 'id')
    await checkPerson(trx, ctx.userId, engine, ctx.now)
    if (!(await repo.updateBooking(entry.booking_id, ['held'], { status: 'booked', hold_expires_at: null, created_at: now, updated_at: now }))) fail('OFFER_EXPIRED', 'id')
    await repo.updateWaitlist(entry.id, ['offered'], { status: 'taken', updated_at: now })
    const provider = (await repo.providersByIds([entry.provider_id])).get(entry.provider_id) ?? fail('CONFLICT')
    await notify(trx, ctx, sent, [provider.user_id], 'booking.new', { title: await titleOf(trx, provider.station_id, start), start })
    return entry.booking_id
  })
  pushAfterCommit(ctx.services, sent)
  return ref
}
