/**
 * The counsellor's side of 粤心安: their profile and weekly hours at a station, leave (which cancels the bookings it
 * falls on and tells each person), and the notes of a session, which only they can read.
 */
import type { UserContext } from '../../core/context'
import { fail } from '../../core/errors'
import { once, requestKey } from '../../core/idempotency'
import { BookingRepository, type ProviderRow } from '../../db/repositories/bookings'
import { StationRepository } from '../../db/repositories/stations'
import { UserRepository } from '../../db/repositories/users'
import { sealRow } from '../../db/sealed'
import { dayBounds } from '../../domain/booking/calendar'
import type { WeeklyHours } from '../../domain/booking/slots'
import { isCounsellor, mayServeAt } from '../../domain/counselling/policy'
import { levelOf } from '../../domain/regions'
import type { Notification } from '../../ports/notifier'
import { notify, titleOf } from '../booking/engine'
import { ownSession } from '../booking/operations'
import { pushAfterCommit } from '../outbox'
import { SERVICE } from './bookings'

/** The caller's own counsellor profile (null before their first hours); FORBIDDEN for anyone who is not a counsellor. */
export async function ownCounsellor(ctx: UserContext): Promise<ProviderRow | null> {
  if (!isCounsellor(ctx.actor.grants)) fail('FORBIDDEN')
  return new BookingRepository(ctx.services.db).providerOfUser(ctx.userId, SERVICE)
}

export interface Note {
  notes: string
  risk: boolean | undefined
  referral: string | undefined
}

/** The counsellor writes (or rewrites) the notes of one of their sessions. */
export async function writeNote(ctx: UserContext, provider: ProviderRow | null, id: string, { notes, risk, referral }: Note): Promise<void> {
  await once(ctx.services.db, requestKey(ctx, ctx.userId, SERVICE, 'writeNote'), ctx.now, async (trx) => {
    const repo = new BookingRepository(trx)
    const row = await ownSession(repo, provider, id)
    if (row.status === 'cancelled') fail('BOOKING_CANCELLED', 'id')
    await repo.upsertNote(
      sealRow(ctx.services.cipher, 'session_notes', {
        booking_id: id,
        provider_id: row.provider_id,
        notes: notes.normalize('NFC'),
        risk: risk ? 1 : 0,
        referral: referral ? referral.normalize('NFC') : null,
        updated_at: ctx.now.toISOString()
      })
    )
    return id
  })
}

/**
 * The counsellor sets their weekly hours. Their first hours make their profile, at the station of their township
 * unless they name one; a station must be one they may serve at. The caller is a counsellor (see ownCounsellor) and
 * the hours are normalised. Returns the profile as it is now.
 */
export async function setHours(ctx: UserContext, stationId: string | undefined, hours: WeeklyHours[]): Promise<ProviderRow> {
  const { db, newId } = ctx.services
  const { grants } = ctx.actor
  await once(db, requestKey(ctx, ctx.userId, SERVICE, 'setHours'), ctx.now, async (trx) => {
    const repo = new BookingRepository(trx)
    const now = ctx.now.toISOString()
    const existing = await repo.providerOfUser(ctx.userId, SERVICE)
    const township = grants.find((g) => g.role === 'counsellor' && g.regionCode && levelOf(g.regionCode) === 'township')?.regionCode
    const wanted = stationId ?? existing?.station_id ?? (township ? `st${township}` : null)
    if (!wanted) return fail('STATION_NOT_FOUND', 'stationId')
    const station = (await new StationRepository(trx).byId(wanted)) ?? fail('STATION_NOT_FOUND', 'stationId')
    if (!mayServeAt(grants, station.region_code)) fail('FORBIDDEN', 'stationId')
    if (existing) {
      await repo.updateProvider(existing.id, { hours: JSON.stringify(hours), station_id: station.id, active: 1, updated_at: now })
      return existing.id
    }
    const id = newId()
    await repo.insertProviders([
      {
        id,
        service: SERVICE,
        user_id: ctx.userId,
        station_id: station.id,
        display_name: (await new UserRepository(trx).displayNames([ctx.userId])).get(ctx.userId) ?? '',
        qualification: '',
        languages: JSON.stringify(['mandarin']),
        modes: JSON.stringify(['in_person']),
        hours: JSON.stringify(hours),
        active: 1,
        created_at: now,
        updated_at: now
      }
    ])
    return id
  })
  return (await new BookingRepository(db).providerOfUser(ctx.userId, SERVICE)) ?? fail('COUNSELLOR_NOT_FOUND')
}

/**
 * The counsellor takes leave on `dates` (from `from` to `to`): every booking and offer not yet started on those days
 * is cancelled and its person told (the message offers to book again), and nobody waits for those days any longer.
 * Returns how many bookings were cancelled (offers on hold not counted).
 */
export async function addLeave(ctx: UserContext, provider: ProviderRow, { from, to, dates, reason }: { from: string; to: string; dates: string[]; reason: string | undefined }): Promise<number> {
  const sent: Notification[] = []
  const { ref } = await once(ctx.services.db, requestKey(ctx, ctx.userId, SERVICE, 'addLeave'), ctx.now, async (trx) => {
    const repo = new BookingRepository(trx)
    const now = ctx.now.toISOString()
    await repo.addLeave(provider.id, dates, reason?.normalize('NFC') ?? null)
    const affected = await repo.liveOfProviderBetween(provider.id, dayBounds(from).start.toISOString(), dayBounds(to).end.toISOString(), now)
    let cancelled = 0
    for (const row of affected) {
      if (!(await repo.updateBooking(row.id, ['booked', 'held'], { status: 'cancelled', cancelled_at: now, cancelled_by: 'provider', updated_at: now }))) continue
      if (row.waitlist_id && row.status === 'held') await repo.updateWaitlist(row.waitlist_id, ['offered'], { status: 'expired', updated_at: now })
      if (row.status === 'booked') cancelled++
      // Each person is told, and the message offers to book again (the app links it to the station's free slots).
      await notify(trx, ctx, sent, [row.person_id], 'booking.cancelled_by_counsellor', {
        title: await titleOf(trx, row.station_id, row.starts_at),
        start: row.starts_at,
        stationId: row.station_id,
        counsellorId: row.provider_id
      })
    }
    await repo.expireWaiting(provider.id, dates, now)
    return String(cancelled)
  })
  pushAfterCommit(ctx.services, sent)
  return Number(ref)
}
