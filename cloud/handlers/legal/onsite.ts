/**
 * On-site hours (驻村接待): a person books a half-hour slot on an advisor's on-site day in one of their villages, and
 * cancels it; the advisor sees who comes and records who came. Through the same booking engine and rules as 粤心安
 * sessions: one live booking per slot (the database's partial unique index decides races), the cancellation window,
 * the no-show pause and the day-before reminder.
 */
import { legalInput } from '../../../types/functions/legal'
import { action, type UserContext } from '../../core/context'
import { fail } from '../../core/errors'
import { auditReadsAs } from '../../core/audit'
import { BookingRepository, type BookingRow } from '../../db/repositories/bookings'
import { LegalDirectoryRepository, type AdvisorRecord } from '../../db/repositories/legal'
import { addDays, dayBounds, isRealDate } from '../../domain/booking/calendar'
import { localDay } from '../../domain/booking/slots'
import { bookSlot, cancelBooking, ownBooking, recordAttendance } from '../../application/booking/operations'
import { engineOf, namesOf, onsite, SERVICE } from './shared'
import * as view from './view'

const instant = (value: string, field: string): Date => {
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? fail('INVALID_VALUE', field, { field }) : d
}

async function readBooking(ctx: UserContext, id: string) {
  const { db, settings } = ctx.services
  const repo = new BookingRepository(db)
  const row = await ownBooking(repo, SERVICE, id, ctx.userId, false)
  const [providers, names] = await Promise.all([repo.providersByIds([row.provider_id]), namesOf(db, row.place_code ? [row.place_code] : [])])
  return view.onsiteBooking(row, providers.get(row.provider_id), names.get(row.place_code ?? '') ?? '', ctx.now, settings.legalOnsite)
}

/** The caller's advisor profile (null for an advisor not in the directory); FORBIDDEN for anyone who is not an advisor. */
export async function ownAdvisor(ctx: UserContext): Promise<AdvisorRecord | null> {
  const actor = ctx.actor
  if (!actor.grants.some((g) => g.role === 'legal_advisor')) fail('FORBIDDEN')
  return new LegalDirectoryRepository(ctx.services.db).advisorOfUser(ctx.userId)
}

/** The advisor's view of their bookings: where, and who (by their account name); each one read is audited, as `via`. */
export async function advisorBookings(ctx: UserContext, rows: BookingRow[], via: string) {
  const { db } = ctx.services
  await auditReadsAs(ctx, 'legal_advisor', via, rows.map((r) => ({ kind: 'booking', id: r.id, personId: r.person_id })))
  const people = [...new Set(rows.map((r) => r.person_id))]
  const [names, users] = await Promise.all([
    namesOf(db, [...new Set(rows.flatMap((r) => r.place_code ?? []))]),
    people.length ? db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', people).execute() : []
  ])
  const clients = new Map(users.map((u) => [u.id, u.display_name]))
  return rows.map((r) => view.advisorBooking(r, names.get(r.place_code ?? '') ?? '', clients.get(r.person_id) ?? ''))
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
      return advisorBookings(ctx, rows, 'legal.schedule')
    }
  }),

  markAttendance: action({
    input: legalInput.markAttendance,
    access: 'user',
    async run({ id, attended }, ctx) {
      const advisor = await ownAdvisor(ctx)
      await recordAttendance(ctx, engineOf(ctx), advisor, id, attended)
      return (await advisorBookings(ctx, [(await new BookingRepository(ctx.services.db).booking(id))!], 'legal.markAttendance'))[0]
    }
  })
}
