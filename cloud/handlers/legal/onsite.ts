/**
 * On-site hours (驻村接待): a person books a half-hour slot on an advisor's on-site day in one of their villages, and
 * cancels it; the advisor sees who comes and records who came. Through the same booking engine and rules as 粤心安
 * sessions: one live booking per slot (the database's partial unique index decides races), the cancellation window,
 * the no-show pause and the day-before reminder.
 */
import { legalInput, type OnsiteBooking } from '../../../types/functions/legal'
import { action, type UserContext } from '../../core/context'
import { fail } from '../../core/errors'
import { BookingRepository } from '../../db/repositories/bookings'
import { addDays, dayBounds, isRealDate } from '../../domain/booking/calendar'
import { localDay } from '../../domain/booking/slots'
import { bookSlot, cancelBooking, ownBooking, recordAttendance } from '../../application/booking/operations'
import { advisorBookings, engineOf, namesOf, onsite, ownAdvisor, SERVICE } from '../../application/legal/service'
import * as view from './view'

const instant = (value: string, field: string): Date => {
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? fail('INVALID_VALUE', field, { field }) : d
}

async function readBooking(ctx: UserContext, id: string): Promise<OnsiteBooking> {
  const { db, settings } = ctx.services
  const repo = new BookingRepository(db)
  const row = await ownBooking(repo, SERVICE, id, ctx.userId)
  const [providers, names] = await Promise.all([repo.providersByIds([row.provider_id]), namesOf(db, row.place_code ? [row.place_code] : [])])
  return view.onsiteBooking(row, providers.get(row.provider_id), names.get(row.place_code ?? '') ?? '', ctx.now, settings.legalOnsite)
}

export const onsiteBookings = {
  book: action({
    input: legalInput.book,
    access: 'user',
    async run({ advisorId, start }, ctx) {
      const provider = (await new BookingRepository(ctx.services.db).provider(advisorId, SERVICE)) ?? fail('ADVISOR_NOT_FOUND', 'advisorId')
      const at = instant(start, 'start')
      const id = await onsite(() => bookSlot(ctx, engineOf(ctx), { provider, start: at, mode: 'in_person', pseudonym: null, priority: false }))
      return readBooking(ctx, id)
    }
  }),

  cancel: action({
    input: legalInput.cancel,
    access: 'user',
    async run({ id, reason }, ctx) {
      await onsite(() => cancelBooking(ctx, engineOf(ctx), id, reason))
      return readBooking(ctx, id)
    }
  }),

  myBookings: action({
    input: legalInput.myBookings,
    access: 'user',
    async run(_input, ctx) {
      const { db, settings } = ctx.services
      const repo = new BookingRepository(db)
      const rows = await repo.ofPerson(ctx.userId, SERVICE, 50)
      const [providers, names] = await Promise.all([repo.providersByIds(rows.map((r) => r.provider_id)), namesOf(db, rows.flatMap((r) => r.place_code ?? []))])
      return rows.map((r) => view.onsiteBooking(r, providers.get(r.provider_id), names.get(r.place_code ?? '') ?? '', ctx.now, settings.legalOnsite))
    }
  }),

  schedule: action({
    input: legalInput.schedule,
    access: 'user',
    async run({ from, days }, ctx) {
      const advisor = await ownAdvisor(ctx)
      if (!advisor) return []
      const first = from ?? localDay(ctx.now).date
      if (!isRealDate(first)) fail('INVALID_VALUE', 'from', { field: 'from' })
      const rows = await new BookingRepository(ctx.services.db).ofProvider(advisor.id, dayBounds(first).start.toISOString(), dayBounds(addDays(first, (days ?? 7) - 1)).end.toISOString())
      return (await advisorBookings(ctx, rows, 'legal.schedule')).map(view.advisorBooking)
    }
  }),

  markAttendance: action({
    input: legalInput.markAttendance,
    access: 'user',
    async run({ id, attended }, ctx) {
      // An advisor not in the directory has no bookings: theirs to mark does not exist.
      const advisor = (await ownAdvisor(ctx)) ?? fail('BOOKING_NOT_FOUND', 'id')
      await recordAttendance(ctx, engineOf(ctx), advisor, id, attended)
      const row = (await new BookingRepository(ctx.services.db).booking(id)) ?? fail('BOOKING_NOT_FOUND', 'id')
      return (await advisorBookings(ctx, [row], 'legal.markAttendance')).map(view.advisorBooking)[0]
    }
  })
}
