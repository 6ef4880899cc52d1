/**
 * Self-screenings kept with separate consent (PIPL Art. 29): saving one, withdrawing the consent (every kept one is
 * deleted and unshared), and sharing one with the counsellor of one's own booking.
 */
import type { UserContext } from '../../core/context'
import { fail } from '../../core/errors'
import { once, requestKey, settled } from '../../core/idempotency'
import { BookingRepository } from '../../db/repositories/bookings'
import { ScreeningRepository, type ScreeningRow } from '../../db/repositories/screenings'
import { sealRow } from '../../db/sealed'
import type { ScreeningResult } from '../../../types/screening'
import { ownBooking } from '../booking/operations'
import { SERVICE } from './bookings'

/** Keeps a scored screening (its answers and the score the domain gave them) for the caller; returns it as stored. */
export async function saveScreening(ctx: UserContext, answers: number[], { instrument, total, band, crisis, suggestCounselling }: ScreeningResult, consentVersion: string): Promise<ScreeningRow> {
  const { db, cipher, newId } = ctx.services
  const { ref } = await once(db, requestKey(ctx, ctx.userId, SERVICE, 'saveScreening'), ctx.now, async (trx) => {
    const id = newId()
    const data = { answers, total, band, crisis, suggestCounselling }
    await new ScreeningRepository(trx).insert(sealRow(cipher, 'screenings', { id, person_id: ctx.userId, instrument, data: JSON.stringify(data), consent_version: consentVersion, created_at: ctx.now.toISOString() }))
    return id
  })
  return (await new ScreeningRepository(db).ownedBy(ref, ctx.userId)) ?? fail('SCREENING_NOT_FOUND')
}

/** Deletes every screening the caller kept; returns how many there were. */
export async function withdrawScreeningConsent(ctx: UserContext): Promise<number> {
  const { db } = ctx.services
  const { ref } = await once(
    db,
    requestKey(ctx, ctx.userId, SERVICE, 'withdrawScreeningConsent'),
    ctx.now,
    async (trx) => String(await new ScreeningRepository(trx).deleteAllOf(ctx.userId)),
    // Nothing kept and no earlier call to replay: nothing to do, and nothing is written (not even a request record).
    async () => ((await new ScreeningRepository(db).ofPerson(ctx.userId)).length ? undefined : settled('0'))
  )
  return Number(ref)
}

/** Shares one of the caller's screenings with the counsellor of one of their live bookings. */
export async function shareScreening(ctx: UserContext, screeningId: string, bookingId: string): Promise<void> {
  await once(ctx.services.db, requestKey(ctx, ctx.userId, SERVICE, 'shareScreening'), ctx.now, async (trx) => {
    if (!(await new ScreeningRepository(trx).ownedBy(screeningId, ctx.userId))) fail('SCREENING_NOT_FOUND', 'screeningId')
    const repo = new BookingRepository(trx)
    const row = await ownBooking(repo, SERVICE, bookingId, ctx.userId, 'bookingId')
    if (row.status === 'cancelled') fail('BOOKING_CANCELLED', 'bookingId')
    await repo.updateBooking(row.id, [row.status], { shared_screening_id: screeningId, updated_at: ctx.now.toISOString() })
    return row.id
  })
}
