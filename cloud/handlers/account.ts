/**
 * account: the signed-in person's own data — what is stored (summary), all of it as one document (export), each
 * separate consent withdrawn (withdrawConsent), and the account deleted (deleteAccount). Every action acts on the
 * caller only: there is no input naming a person, so nobody can read or delete another's data through it.
 * The rules of deletion and detaching: cloud/domain/account/erasure.ts.
 */
import type { Transaction } from 'kysely'
import {
  accountInput,
  type ConsentRecord,
  type DataExport,
  type DataSummary,
  type DeletionReport,
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
import { pseudonymiseAudit } from '../core/audit'
import type { Database, CasesTable, ConsultationsTable, ScreeningsTable } from '../db/schema'
import { AccountRepository, type PersonData } from '../db/repositories/account'
import { sealPatch } from '../db/sealed'
import { BookingRepository, type BookingRow } from '../db/repositories/bookings'
import { ScreeningRepository } from '../db/repositories/screenings'
import { RegionRepository } from '../db/repositories/regions'
import { UserRepository } from '../db/repositories/users'
import { cancelsOnDeletion, ERASED_USER_ID, erasedContact, keptUntil } from '../domain/account/erasure'
import { maskPhone } from '../domain/petition/tracking'
import type { Notification } from '../ports/notifier'
import { notify, offerFreedSlot, titleOf, type Engine } from '../application/booking/engine'
import { pushAfterCommit } from '../application/outbox'

const load = async (ctx: UserContext, withMessages: boolean): Promise<PersonData> =>
  (await new AccountRepository(ctx.services.db, ctx.services.cipher).load(ctx.userId, withMessages)) ?? fail('UNAUTHENTICATED')

const engineOf = (ctx: UserContext, service: string): Engine => ({ service, rules: service === 'legal' ? ctx.services.settings.legalOnsite : ctx.services.settings.counselling })

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
const heldContact = (c: ConsultationsTable) => c.case_id === null && c.consent_version !== null && c.contact_phone !== null

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
  grouped('consultationContact', data.consultations.filter(heldContact).map((c) => ({ version: c.consent_version!, at: c.asked_at })))
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

/**
 * Deletes the caller's account in one transaction (see domain/account/erasure.ts for what goes and what stays).
 * Returns what was done; the messages to counsellors and advisors are pushed after the commit.
 */
async function deleteAccount(ctx: UserContext): Promise<DeletionReport> {
  const { db, cipher, newId } = ctx.services
  const userId = ctx.userId
  const now = ctx.now.toISOString()
  const sent: Notification[] = []
  let gone: PersonData['files'] = []
  const report = await db.transaction().execute(async (trx: Transaction<Database>) => {
    const repo = new AccountRepository(trx, ctx.services.cipher)
    // On PostgreSQL a second, concurrent deletion waits here, then finds no account.
    if (ctx.services.dbKind === 'postgres') await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().executeTakeFirst()
    const data = (await repo.load(userId, false)) ?? fail('UNAUTHENTICATED')
    if (data.roles.some((r) => r !== 'resident')) fail('ACCOUNT_HAS_STAFF_ROLE')
    await repo.ensureErasedUser(now)

    // Waiting places go first, so that a slot freed below is never offered back to the person.
    const waitlist = Number((await trx.deleteFrom('waitlist').where('person_id', '=', userId).executeTakeFirst()).numDeletedRows)

    // Bookings still to come are cancelled, the provider told, and the slot offered to whoever waits for that day.
    const bookings = new BookingRepository(trx)
    let cancelled = 0
    for (const row of data.bookings.filter((b) => cancelsOnDeletion(b, ctx.now))) {
      if (!(await bookings.updateBooking(row.id, [row.status], { status: 'cancelled', cancelled_at: now, cancelled_by: 'person', updated_at: now }))) continue
      cancelled++
      const provider = (await bookings.providersByIds([row.provider_id])).get(row.provider_id)
      if (!provider) continue
      if (row.status === 'booked') await notify(trx, ctx, sent, [provider.user_id], 'booking.cancelled', { title: await titleOf(trx, row.station_id, row.starts_at, row.place_code ?? null), start: row.starts_at })
      await offerFreedSlot(trx, ctx, sent, engineOf(ctx, row.service), provider, row.starts_at)
    }
    // A session with the counsellor's notes is their record: kept, detached. Every other booking goes.
    const noted = await repo.withNotes(data.bookings.map((b) => b.id))
    if (noted.size) {
      await trx
        .updateTable('bookings')
        .set({ person_id: ERASED_USER_ID, pseudonym: null, cancel_reason: null, shared_screening_id: null, waitlist_id: null, updated_at: now })
        .where('id', 'in', [...noted])
        .execute()
    }
    const deletedBookings = Number((await trx.deleteFrom('bookings').where('person_id', '=', userId).executeTakeFirst()).numDeletedRows)

    const screenings = await new ScreeningRepository(trx).deleteAllOf(userId)

    // A consultation that became a case is part of that case's record: detached. The others are deleted.
    const converted = data.consultations.filter((c) => c.case_id !== null).map((c) => c.id)
    const dropped = data.consultations.filter((c) => c.case_id === null).map((c) => c.id)
    if (converted.length) {
      await trx.updateTable('consultations').set({ person_id: ERASED_USER_ID, contact_phone: null, updated_at: now }).where('id', 'in', converted).execute()
      await trx.updateTable('consultation_posts').set({ author_id: ERASED_USER_ID }).where('consultation_id', 'in', converted).where('author_id', '=', userId).execute()
    }
    if (dropped.length) {
      await trx.deleteFrom('consultation_posts').where('consultation_id', 'in', dropped).execute()
      await trx.deleteFrom('consultations').where('id', 'in', dropped).execute()
    }

    // Case records are kept by law: detached, and a closed one's contact details replaced now (an open one's when it closes).
    let openCases = 0
    for (const row of data.cases) {
      const patch: Partial<CasesTable> = { subscribed: 0 }
      if (row.owner_id === userId) patch.owner_id = ERASED_USER_ID
      if (row.filed_by === userId) patch.filed_by = ERASED_USER_ID
      if (row.is_open) openCases++
      else Object.assign(patch, erasedContact())
      await trx.updateTable('cases').set({ ...sealPatch(cipher, 'cases', row.id, patch), version: row.version + 1 }).where('id', '=', row.id).execute()
    }
    await trx.updateTable('case_events').set({ actor_id: ERASED_USER_ID }).where('actor_id', '=', userId).execute()

    const messages = Number((await trx.deleteFrom('messages').where('user_id', '=', userId).executeTakeFirst()).numDeletedRows)

    // Photos a kept record shows stay with it; the rest go.
    const keptText = [
      ...data.cases.map((c) => c.photos),
      ...(await repo.caseEvents(data.cases.map((c) => c.id))).map((e) => e.public_data),
      ...data.consultations.filter((c) => c.case_id !== null).map((c) => c.photos),
      ...(await repo.posts(converted)).map((p) => p.photos)
    ].join('\n')
    const kept = data.files.filter((f) => keptText.includes(f.id)).map((f) => f.id)
    gone = data.files.filter((f) => !keptText.includes(f.id))
    if (kept.length) await trx.updateTable('files').set({ owner_id: ERASED_USER_ID }).where('id', 'in', kept).execute()
    const files = Number((await trx.deleteFrom('files').where('owner_id', '=', userId).executeTakeFirst()).numDeletedRows)

    // The audit log keeps who read what, but no longer names the account: a pseudonym for this deletion takes its id.
    await pseudonymiseAudit(trx, cipher, userId, `erased-${newId()}`, now)
    // Request and rate-limit records name the person; then the account and its roles.
    await trx.deleteFrom('idempotency').where('request_key', 'like', `${userId}:%`).execute()
    await trx.deleteFrom('attempts').where('scope', 'like', `%:user:${userId}`).execute()
    await trx.deleteFrom('role_grants').where('user_id', '=', userId).execute()
    await trx.deleteFrom('users').where('id', '=', userId).execute()
    // A demo resident comes back as a new, empty account under the same demo name (as a new WeChat sign-in would).
    if (data.user.demo_account) {
      const users = new UserRepository(trx)
      const fresh = newId()
      await users.create({ id: fresh, displayName: data.user.display_name, demoAccount: data.user.demo_account, createdAt: now })
      await users.grant(fresh, 'resident', null, now)
    }
    return {
      deleted: { bookings: deletedBookings, screenings, consultations: dropped.length, messages, files, waitlist },
      cancelledBookings: cancelled,
      detachedCases: data.cases.length,
      openCases
    }
  })
  pushAfterCommit(ctx.services, sent)
  // The bytes of the deleted photos go after the commit (best effort: a leftover file is unreachable without its row).
  const { files } = ctx.services
  await files.remove?.(gone.filter((f) => !f.storage_ref).map((f) => f.id)).catch(() => undefined)
  const refs = gone.flatMap((f) => (f.storage_ref ? [f.storage_ref] : []))
  if (refs.length) await files.uploaded?.discard(refs).catch(() => undefined)
  return report
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
      const { db, dbKind } = ctx.services
      const userId = ctx.userId
      const { ref } = await once(db, requestKey(ctx, userId, 'account', `withdrawConsent.${kind}`), ctx.now, async (trx) => {
        if (kind === 'screening') return String(await new ScreeningRepository(trx).deleteAllOf(userId))
        // The phone kept with open consultations goes with its consent; a converted one belongs to its case now.
        let query = trx.selectFrom('consultations').select(['id', 'version']).where('person_id', '=', userId).where('case_id', 'is', null).where('consent_version', 'is not', null)
        if (dbKind === 'postgres') query = query.forUpdate()
        const rows = await query.execute()
        for (const r of rows) {
          await trx.updateTable('consultations').set({ contact_phone: null, consent_version: null, version: r.version + 1, updated_at: ctx.now.toISOString() }).where('id', '=', r.id).execute()
        }
        return String(rows.length)
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
