/**
 * The counselling function's answers: stations with their region path, a person's booking, and a counsellor's
 * sessions with who comes and the notes (each one read is audited). Read after the change they answer has committed.
 */
import type { Booking, CounsellingOutput, Session, Station } from '../../../types/functions/counselling'
import type { HandlerContext, UserContext } from '../../core/context'
import { fail } from '../../core/errors'
import { auditReadsAs } from '../../application/audit'
import { BookingRepository, type BookingRow, type ProviderRow } from '../../db/repositories/bookings'
import { RegionRepository } from '../../db/repositories/regions'
import { ScreeningRepository } from '../../db/repositories/screenings'
import { StationRepository, type StationRow } from '../../db/repositories/stations'
import { UserRepository } from '../../db/repositories/users'
import { siteOf } from '../../db/sealed'
import { ownBooking } from '../../application/booking/operations'
import { pauseOf } from '../../application/booking/engine'
import { engineOf, SERVICE } from '../../application/counselling/bookings'
import * as view from './view'

export async function stationsOut(ctx: HandlerContext, rows: (StationRow & { distance?: number | null })[]): Promise<Station[]> {
  const regions = new RegionRepository(ctx.services.db)
  const codes = rows.map((r) => r.region_code)
  const [paths, own] = await Promise.all([regions.paths(codes), regions.byCodes(codes)])
  return rows.map((r) => {
    const path = [...(paths.get(r.region_code) ?? []).filter((x) => x.level !== 'province').map((x) => x.name), own.get(r.region_code)?.name ?? '']
    return view.station(r, path, r.distance ?? null)
  })
}

/** The caller's own booking, as they see it. */
export async function readBooking(ctx: UserContext, id: string): Promise<Booking> {
  const { db } = ctx.services
  const repo = new BookingRepository(db)
  const row = await ownBooking(repo, SERVICE, id, ctx.userId)
  const [stationRow, providers] = await Promise.all([new StationRepository(db).byId(row.station_id), repo.providersByIds([row.provider_id])])
  return view.booking(row, stationRow ?? undefined, providers.get(row.provider_id), ctx.now, ctx.services.settings.counselling, ctx.services.cipher)
}

const DAY = 86_400_000

/** The caller's bookings (newest first), their waitlist entries of the last 30 days, and until when booking is paused. */
export async function myBookings(ctx: UserContext): Promise<CounsellingOutput['myBookings']> {
  const { db, settings } = ctx.services
  const repo = new BookingRepository(db)
  const [rows, entries, paused] = await Promise.all([
    repo.ofPerson(ctx.userId, SERVICE, 50),
    repo.waitlistOf(ctx.userId, new Date(ctx.now.getTime() - 30 * DAY).toISOString()),
    pauseOf(db, ctx.userId, engineOf(ctx), ctx.now)
  ])
  const [stations, providers] = await Promise.all([
    new StationRepository(db).byIds(rows.map((r) => r.station_id)),
    repo.providersByIds([...rows.map((r) => r.provider_id), ...entries.map((e) => e.provider_id)])
  ])
  return {
    bookings: rows.map((r) => view.booking(r, stations.get(r.station_id), providers.get(r.provider_id), ctx.now, settings.counselling, ctx.services.cipher)),
    waitlist: entries.map((e) => view.waitlistEntry(e, providers.get(e.provider_id), ctx.now)),
    pausedUntil: paused?.toISOString() ?? null
  }
}

/** The pseudonym, or the person's display name when they gave none. */
export async function clientNames(ctx: UserContext, rows: BookingRow[]): Promise<Map<string, string>> {
  const names = await new UserRepository(ctx.services.db).displayNames(rows.filter((r) => !r.pseudonym).map((r) => r.person_id))
  const { cipher } = ctx.services
  return new Map(rows.map((r) => [r.id, (r.pseudonym ? cipher.open(r.pseudonym, siteOf('bookings', 'pseudonym', r)) : names.get(r.person_id)) ?? '']))
}

/** The counsellor's sessions with who comes and the notes: each one read goes into the audit log, as `via`. */
export async function sessionsOut(ctx: UserContext, provider: ProviderRow, rows: BookingRow[], via: string): Promise<Session[]> {
  const { db, cipher } = ctx.services
  await auditReadsAs(ctx, 'counsellor', via, rows.map((r) => ({ kind: 'booking', id: r.id, personId: r.person_id })))
  const [notes, shared, names] = await Promise.all([
    new BookingRepository(db).notesFor(
      provider.id,
      rows.map((r) => r.id)
    ),
    new ScreeningRepository(db).byIds(rows.flatMap((r) => r.shared_screening_id ?? [])),
    clientNames(ctx, rows)
  ])
  return rows.map((r) => view.session(r, names.get(r.id) ?? '', notes.get(r.id), r.shared_screening_id ? shared.get(r.shared_screening_id) : undefined, cipher))
}

export async function readSession(ctx: UserContext, provider: ProviderRow, id: string, via: string): Promise<Session> {
  const row = (await new BookingRepository(ctx.services.db).booking(id)) ?? fail('BOOKING_NOT_FOUND', 'id')
  return (await sessionsOut(ctx, provider, [row], via))[0]
}
