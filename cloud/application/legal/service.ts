/**
 * What the legal function's parts share: the booking engine's service for on-site hours and its refusals' names, who
 * the caller is to a consultation, the caller as an advisor and the bookings they see, and place names.
 */
import type { Kysely, Transaction } from 'kysely'
import type { HandlerContext, UserContext } from '../../core/context'
import { AppError, fail } from '../../core/errors'
import { auditReadsAs } from '../audit'
import type { ErrorCode } from '../../../types/errors'
import type { Database } from '../../db/schema'
import type { BookingRow } from '../../db/repositories/bookings'
import { LEGAL_SERVICE, LegalDirectoryRepository, type AdvisorRecord } from '../../db/repositories/legal'
import type { ConsultationRow } from '../../db/repositories/legal-consultations'
import { RegionRepository } from '../../db/repositories/regions'
import { UserRepository } from '../../db/repositories/users'
import type { Viewer } from '../../domain/legal/thread'
import type { Actor } from '../../domain/petition/policy'
import type { Engine } from '../booking/engine'

type Db = Kysely<Database> | Transaction<Database>

export const SERVICE = LEGAL_SERVICE

export const engineOf = (ctx: HandlerContext): Engine => ({ service: SERVICE, rules: ctx.services.settings.legalOnsite })

/** The engine speaks of counsellors and stations; for on-site hours the same refusals name the advisor and 12348. */
const ONSITE_CODES: Partial<Record<ErrorCode, ErrorCode>> = {
  SLOT_NOT_OFFERED: 'ONSITE_SLOT_NOT_OFFERED',
  CANCEL_WINDOW_CLOSED: 'ONSITE_CANCEL_WINDOW_CLOSED',
  BOOKING_PAUSED: 'ONSITE_BOOKING_PAUSED'
}

export async function onsite<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (e) {
    const code = e instanceof AppError ? ONSITE_CODES[e.code] : undefined
    if (code) throw new AppError(code, (e as AppError).field, (e as AppError).params)
    throw e
  }
}

/**
 * Who the caller is to a consultation: its person, its advisor, or a supervising admin; null for anyone else, who
 * is told it does not exist.
 */
export async function viewerOf(db: Db, actor: Actor, row: ConsultationRow): Promise<{ viewer: Viewer | null; advisor: AdvisorRecord | null }> {
  if (row.person_id === actor.userId) return { viewer: 'person', advisor: null }
  const advisor = await new LegalDirectoryRepository(db).advisorOfUser(actor.userId)
  if (advisor && advisor.id === row.provider_id) return { viewer: 'advisor', advisor }
  return { viewer: actor.grants.some((g) => g.role === 'admin') ? 'admin' : null, advisor }
}

export async function namesOf(db: Db, codes: string[]): Promise<Map<string, string>> {
  const regions = await new RegionRepository(db as Kysely<Database>).byCodes(codes)
  return new Map([...regions].map(([code, r]) => [code, r.name]))
}

/** The caller's advisor profile (null for an advisor not in the directory); FORBIDDEN for anyone who is not an advisor. */
export async function ownAdvisor(ctx: UserContext): Promise<AdvisorRecord | null> {
  if (!ctx.actor.grants.some((g) => g.role === 'legal_advisor')) fail('FORBIDDEN')
  return new LegalDirectoryRepository(ctx.services.db).advisorOfUser(ctx.userId)
}

/** A booking as its advisor sees it: where (the village's name) and who (the person's account name). */
export interface SeenBooking {
  row: BookingRow
  villageName: string
  client: string
}

/** The advisor's bookings with where and who; each one read goes into the audit log, as `via`. */
export async function advisorBookings(ctx: UserContext, rows: BookingRow[], via: string): Promise<SeenBooking[]> {
  const { db } = ctx.services
  await auditReadsAs(ctx, 'legal_advisor', via, rows.map((r) => ({ kind: 'booking', id: r.id, personId: r.person_id })))
  const [names, clients] = await Promise.all([namesOf(db, [...new Set(rows.flatMap((r) => r.place_code ?? []))]), new UserRepository(db).displayNames(rows.map((r) => r.person_id))])
  return rows.map((row) => ({ row, villageName: names.get(row.place_code ?? '') ?? '', client: clients.get(row.person_id) ?? '' }))
}
