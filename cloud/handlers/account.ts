/**
 * account: the signed-in person's own data — what is stored (summary), all of it as one document (export), each
 * separate consent withdrawn (withdrawConsent), and the account deleted (deleteAccount). Every action acts on the
 * caller only: there is no input naming a person, so nobody can read or delete another's data through it.
 * The rules of deletion and detaching: cloud/domain/account/erasure.ts.
 */
import {
  accountInput,
  type ConsentRecord,
  type DataExport,
  type DataSummary,
  type MyBooking,
  type MyCase,
  type MyConsultation,
  type MyScreening
} from '../../types/functions/account'
import type { CaseStatus } from '../../types/functions/petition'
import type { LegalCategory, ConsultationStatus } from '../../types/functions/legal'
import type { Role } from '../../types/roles'
import { action, type UserContext } from '../core/context'
import { fail } from '../core/errors'
import { once, requestKey } from '../core/idempotency'
import type { CasesTable, ConsultationsTable, ScreeningsTable } from '../db/schema'
import { AccountRepository, type PersonData } from '../db/repositories/account'
import type { BookingRow } from '../db/repositories/bookings'
import { ConsultationRepository } from '../db/repositories/legal-consultations'
import { ScreeningRepository } from '../db/repositories/screenings'
import { RegionRepository } from '../db/repositories/regions'
import { keptUntil } from '../domain/account/erasure'
import { maskPhone } from '../domain/petition/tracking'
import { deleteAccount } from '../application/account'

const load = async (ctx: UserContext, withMessages: boolean): Promise<PersonData> =>
  (await new AccountRepository(ctx.services.db, ctx.services.cipher).load(ctx.userId, withMessages)) ?? fail('UNAUTHENTICATED')

function myCase(row: CasesTable, ctx: UserContext): MyCase {
  return {
    id: row.id,
    trackingNo: row.tracking_no,
    title: row.title,
    status: row.status as CaseStatus,
    filedAt: row.filed_at,
    closedAt: row.closed_at,
    keptUntil: row.is_open ? null : keptUntil(row.closed_at, ctx.services.settings.retention)
  }
}

const myBooking = (row: BookingRow, places: Map<string, string>): MyBooking => ({
  id: row.id,
  service: row.service as MyBooking['service'],
  start: row.starts_at,
  status: row.status as MyBooking['status'],
  placeName: places.get(row.id) ?? ''
})

const myConsultation = (row: ConsultationsTable): MyConsultation => ({
  id: row.id,
  category: row.category as LegalCategory,
  status: row.status as ConsultationStatus,
  askedAt: row.asked_at,
  caseId: row.case_id
})

const myScreening = (row: ScreeningsTable): MyScreening => ({ id: row.id, instrument: row.instrument as MyScreening['instrument'], createdAt: row.created_at })

/** Consent to keep the contact phone with a consultation still open to becoming a case (not yet converted). */
const heldContact = (c: ConsultationsTable): c is ConsultationsTable & { consent_version: string } => c.case_id === null && c.consent_version !== null && c.contact_phone !== null

/** Every consent on record: one per case (the privacy notice), and one per version of each separate consent. */
function consentsOf(data: PersonData): ConsentRecord[] {
  const out: ConsentRecord[] = data.cases.map((c) => ({ kind: 'petitionPrivacy', version: c.consent_version, givenAt: c.filed_at, subject: c.tracking_no, count: 1, withdrawable: false }))
  const grouped = (kind: 'screening' | 'consultationContact', rows: { version: string; at: string }[]) => {
    const byVersion = new Map<string, { first: string; count: number }>()
    for (const r of rows) {
      const seen = byVersion.get(r.version)
      byVersion.set(r.version, { first: seen && seen.first < r.at ? seen.first : r.at, count: (seen?.count ?? 0) + 1 })
    }
    for (const [version, { first, count }] of byVersion) out.push({ kind, version, givenAt: first, subject: '', count, withdrawable: true })
  }
  grouped('screening', data.screenings.map((s) => ({ version: s.consent_version, at: s.created_at })))
  grouped('consultationContact', data.consultations.filter(heldContact).map((c) => ({ version: c.consent_version, at: c.asked_at })))
  return out.sort((a, b) => (a.givenAt < b.givenAt ? 1 : a.givenAt > b.givenAt ? -1 : 0))
}

async function accountOf(ctx: UserContext, data: PersonData): Promise<DataSummary['account']> {
  const home = data.user.home_region ? await new RegionRepository(ctx.services.db).get(data.user.home_region) : null
  return { displayName: data.user.display_name, createdAt: data.user.created_at, homeRegion: home?.name ?? null, roles: data.roles as Role[] }
}

const json = <T>(text: string | null, fallback: T): T => {
  if (!text) return fallback
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}

export const account = {
  summary: action({
    input: accountInput.summary,
    access: 'user',
    async run(_input, ctx): Promise<DataSummary> {
      const repo = new AccountRepository(ctx.services.db, ctx.services.cipher)
      const data = await load(ctx, false)
      const places = await repo.placeNames(data.bookings)
      return {
        account: await accountOf(ctx, data),
        counts: {
          cases: data.cases.length,
          bookings: data.bookings.length,
          consultations: data.consultations.length,
          screenings: data.screenings.length,
          messages: await repo.messageCount(ctx.userId),
          files: data.files.length
        },
        cases: data.cases.map((c) => myCase(c, ctx)),
        bookings: data.bookings.map((b) => myBooking(b, places)),
        consultations: data.consultations.map(myConsultation),
        screenings: data.screenings.map(myScreening),
        consents: consentsOf(data),
        retention: { caseRecordYears: ctx.services.settings.retention.caseRecordYears },
        canDelete: data.roles.every((r) => r === 'resident'),
        openCases: data.cases.filter((c) => c.is_open).length
      }
    }
  }),

  export: action({
    input: accountInput.export,
    access: 'user',
    async run(_input, ctx): Promise<DataExport> {
      const repo = new AccountRepository(ctx.services.db, ctx.services.cipher)
      const data = await load(ctx, true)
      const [places, events, posts, reads] = await Promise.all([
        repo.placeNames(data.bookings),
        repo.caseEvents(data.cases.map((c) => c.id)),
        repo.posts(data.consultations.map((c) => c.id)),
        repo.accessLog(ctx.userId)
      ])
      return {
        format: 'minan.personal-data',
        version: 1,
        exportedAt: ctx.now.toISOString(),
        account: { userId: data.user.id, ...(await accountOf(ctx, data)) },
        consents: consentsOf(data),
        cases: data.cases.map((c) => ({
          ...myCase(c, ctx),
          kind: c.kind,
          description: c.description,
          regionCode: c.region_code,
          address: c.address,
          contactName: c.contact_name,
          // The phone of a resident a grid worker filed for is theirs, not the worker's: masked as the case shows it.
          contactPhone: c.owner_id === ctx.userId ? c.contact_phone : maskPhone(c.contact_phone),
          otherPartyName: c.other_party_name,
          rating: c.rating,
          ratingComment: c.rating_comment,
          photos: json<string[]>(c.photos, []),
          // What the person sees of the handling: the public part of each step, never the staff's own notes.
          events: events.filter((e) => e.case_id === c.id).map((e) => ({ type: e.type, at: e.at, data: json<Record<string, unknown>>(e.public_data, {}) }))
        })),
        bookings: data.bookings.map((b) => ({
          ...myBooking(b, places),
          mode: b.mode,
          pseudonym: b.pseudonym,
          cancelReason: b.cancel_reason,
          sharedScreeningId: b.shared_screening_id
        })),
        waitlist: data.waitlist.map((w) => ({ id: w.id, service: w.service, date: w.date, status: w.status, createdAt: w.created_at })),
        screenings: data.screenings.map((s) => {
          const sealed = json<{ answers: number[]; total: number; band: string }>(s.data, { answers: [], total: 0, band: '' })
          return { ...myScreening(s), consentVersion: s.consent_version, answers: sealed.answers, total: sealed.total, band: sealed.band }
        }),
        consultations: data.consultations.map((c) => ({
          ...myConsultation(c),
          question: c.question,
          contactPhone: c.contact_phone,
          consentVersion: c.consent_version,
          posts: posts.filter((p) => p.consultation_id === c.id).map((p) => ({ author: p.author, text: p.text, at: p.at }))
        })),
        messages: data.messages.map((m) => ({ kind: m.kind, params: json<Record<string, unknown>>(m.params, {}), createdAt: m.created_at, readAt: m.read_at })),
        files: data.files.map((f) => ({ id: f.id, mime: f.mime, bytes: f.bytes, createdAt: f.created_at })),
        accessLog: reads.map((r) => ({ at: r.at, role: r.actor_role, region: r.actor_region, action: r.action, subjectKind: r.subject_kind, subjectId: r.subject_id }))
      }
    }
  }),

  withdrawConsent: action({
    input: accountInput.withdrawConsent,
    access: 'user',
    async run({ kind }, ctx) {
      const userId = ctx.userId
      const { ref } = await once(ctx.services.db, requestKey(ctx, userId, 'account', `withdrawConsent.${kind}`), ctx.now, async (trx) => {
        if (kind === 'screening') return String(await new ScreeningRepository(trx).deleteAllOf(userId))
        // The phone kept with open consultations goes with its consent; a converted one belongs to its case now.
        return String(await new ConsultationRepository(trx).withdrawContactConsent(userId, ctx.now.toISOString()))
      })
      return { kind, withdrawn: Number(ref) }
    }
  }),

  deleteAccount: action({
    input: accountInput.deleteAccount,
    access: 'user',
    run: (_input, ctx) => deleteAccount(ctx)
  })
}
