/**
 * What 我的个人信息 shows of a person's data, as pure mappers: the summary (counts, lists, consents) and the export (all
 * of it as one document). The rows come opened from the AccountRepository; nothing here reads or writes.
 */
import type { ConsentRecord, DataExport, DataSummary, MyBooking, MyCase, MyConsultation, MyScreening } from '../../../types/functions/account'
import type { CaseStatus } from '../../../types/functions/petition'
import type { LegalCategory, ConsultationStatus } from '../../../types/functions/legal'
import type { CasesTable, ConsultationsTable, ScreeningsTable } from '../../db/schema'
import type { AccountRepository, PersonData } from '../../db/repositories/account'
import type { BookingRow } from '../../db/repositories/bookings'
import { keptUntil, type RetentionSettings } from '../../domain/account/erasure'
import { maskPhone } from '../../domain/petition/tracking'

/** What the views need beside the person's rows. */
export interface Seen {
  account: DataSummary['account']
  /** Each booking's place name, by booking id. */
  places: Map<string, string>
  retention: RetentionSettings
}

type Rows<M extends keyof AccountRepository> = Awaited<ReturnType<AccountRepository[M]>>

function myCase(row: CasesTable, retention: RetentionSettings): MyCase {
  return {
    id: row.id,
    trackingNo: row.tracking_no,
    title: row.title,
    status: row.status as CaseStatus,
    filedAt: row.filed_at,
    closedAt: row.closed_at,
    keptUntil: row.is_open ? null : keptUntil(row.closed_at, retention)
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

const json = <T>(text: string | null, fallback: T): T => {
  if (!text) return fallback
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}

export function summaryOf(data: PersonData, seen: Seen & { messages: number }): DataSummary {
  return {
    account: seen.account,
    counts: {
      cases: data.cases.length,
      bookings: data.bookings.length,
      consultations: data.consultations.length,
      screenings: data.screenings.length,
      messages: seen.messages,
      files: data.files.length
    },
    cases: data.cases.map((c) => myCase(c, seen.retention)),
    bookings: data.bookings.map((b) => myBooking(b, seen.places)),
    consultations: data.consultations.map(myConsultation),
    screenings: data.screenings.map(myScreening),
    consents: consentsOf(data),
    retention: { caseRecordYears: seen.retention.caseRecordYears },
    canDelete: data.roles.every((r) => r === 'resident'),
    openCases: data.cases.filter((c) => c.is_open).length
  }
}

export function exportOf(data: PersonData, seen: Seen & { now: Date; events: Rows<'caseEvents'>; posts: Rows<'posts'>; reads: Rows<'accessLog'> }): DataExport {
  return {
    format: 'minan.personal-data',
    version: 1,
    exportedAt: seen.now.toISOString(),
    account: { userId: data.user.id, ...seen.account },
    consents: consentsOf(data),
    cases: data.cases.map((c) => ({
      ...myCase(c, seen.retention),
      kind: c.kind,
      description: c.description,
      regionCode: c.region_code,
      address: c.address,
      contactName: c.contact_name,
      // The phone of a resident a grid worker filed for is theirs, not the worker's: masked as the case shows it.
      contactPhone: c.owner_id === data.user.id ? c.contact_phone : maskPhone(c.contact_phone),
      otherPartyName: c.other_party_name,
      rating: c.rating,
      ratingComment: c.rating_comment,
      photos: json<string[]>(c.photos, []),
      // What the person sees of the handling: the public part of each step, never the staff's own notes.
      events: seen.events.filter((e) => e.case_id === c.id).map((e) => ({ type: e.type, at: e.at, data: json<Record<string, unknown>>(e.public_data, {}) }))
    })),
    bookings: data.bookings.map((b) => ({
      ...myBooking(b, seen.places),
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
      posts: seen.posts.filter((p) => p.consultation_id === c.id).map((p) => ({ author: p.author, text: p.text, at: p.at }))
    })),
    messages: data.messages.map((m) => ({ kind: m.kind, params: json<Record<string, unknown>>(m.params, {}), createdAt: m.created_at, readAt: m.read_at })),
    files: data.files.map((f) => ({ id: f.id, mime: f.mime, bytes: f.bytes, createdAt: f.created_at })),
    accessLog: seen.reads.map((r) => ({ at: r.at, role: r.actor_role, region: r.actor_region, action: r.action, subjectKind: r.subject_kind, subjectId: r.subject_id }))
  }
}
