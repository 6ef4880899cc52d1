/**
 * The flow of a consultation: asking, the moves on its thread (reply, close, rate) that the domain allows, and the
 * one-stop conversion into a 矛盾纠纷 case at the township centre, created by the same filing code as petition.file in
 * one transaction with the link both ways. Each change runs once per request id, in one transaction with its message.
 */
import type * as v from 'valibot'
import type { CaseDraft, LegalCategory, legalInput } from '../../../types/functions/legal'
import { PRIVACY_NOTICE_VERSION } from '../../../types/functions/petition'
import type { UserContext } from '../../core/context'
import { fail } from '../../core/errors'
import { once, requestKey } from '../../core/idempotency'
import { spendAttempt } from '../../core/rate-limit'
import { BookingRepository } from '../../db/repositories/bookings'
import { FileRepository } from '../../db/repositories/files'
import { LegalDirectoryRepository, type AdvisorRecord } from '../../db/repositories/legal'
import { ConsultationRepository, type ConsultationRow } from '../../db/repositories/legal-consultations'
import { RegionRepository } from '../../db/repositories/regions'
import { UserRepository } from '../../db/repositories/users'
import { sealPatch, sealRow, siteOf } from '../../db/sealed'
import { caseDraft } from '../../domain/legal/draft'
import { decide, dueAfter, type ThreadMove, type ThreadState, type Viewer } from '../../domain/legal/thread'
import type { Actor } from '../../domain/petition/policy'
import type { Notification } from '../../ports/notifier'
import { notify } from '../booking/engine'
import { checkFiling, insertFiling, notify as notifyCase, type Filing } from '../cases/filing'
import { attachPhotos } from '../files'
import { pushAfterCommit } from '../outbox'
import { checkTexts } from '../content'
import { namesOf, SERVICE, viewerOf } from './service'

type Db = UserContext['services']['db']

/** The names a consultation's reader sees. */
export interface ConsultationNames {
  advisorName: string
  villageName: string
  /** The asker's display name, before any masking. */
  askerName: string
}

const stateOf = (row: ConsultationRow): ThreadState => ({ status: row.status as ThreadState['status'], dueAt: row.due_at ? new Date(row.due_at) : null, rated: row.rating !== null, caseId: row.case_id })

/** Refuses as the domain decided: FORBIDDEN names no field, anything else is about the consultation. */
const refuse = (code: Parameters<typeof fail>[0]): never => fail(code, code === 'FORBIDDEN' ? undefined : 'id')

/** The consultation and who the caller is to it; CONSULTATION_NOT_FOUND for anyone who may not see it, whether it exists or not. */
export async function visible(db: Db, actor: Actor, id: string, row?: ConsultationRow | null): Promise<{ row: ConsultationRow; viewer: Viewer; advisor: AdvisorRecord | null }> {
  const found = row === undefined ? await new ConsultationRepository(db).byId(id) : row
  if (!found) return fail('CONSULTATION_NOT_FOUND', 'id')
  const { viewer, advisor } = await viewerOf(db, actor, found)
  if (!viewer) return fail('CONSULTATION_NOT_FOUND', 'id')
  return { row: found, viewer, advisor }
}

/** The names each of `rows` is shown with: its advisor, its village and who asked. */
export async function namesFor(db: Db, rows: ConsultationRow[]): Promise<(row: ConsultationRow) => ConsultationNames> {
  const [providers, villages, people] = await Promise.all([
    new BookingRepository(db).providersByIds(rows.map((r) => r.provider_id)),
    namesOf(db, rows.map((r) => r.village_code)),
    new UserRepository(db).displayNames(rows.map((r) => r.person_id))
  ])
  return (row) => ({ advisorName: providers.get(row.provider_id)?.display_name ?? '', villageName: villages.get(row.village_code) ?? '', askerName: people.get(row.person_id) ?? '' })
}

/** Photos must be the poster's own uploads. */
async function checkPhotos(db: Db, photos: string[], ownerId: string): Promise<void> {
  if (!photos.length) return
  if ((await new FileRepository(db).countOwned(photos, ownerId)) !== new Set(photos).size) fail('FILE_NOT_FOUND', 'photos')
}

/** Message rows for the other side of a consultation, titled by the village (never the question). */
async function tell(trx: Db, ctx: UserContext, sent: Notification[], row: ConsultationRow, kind: string, userIds: (string | null)[]): Promise<void> {
  const village = await new RegionRepository(trx).get(row.village_code)
  await notify(trx, ctx, sent, userIds, kind, { title: village?.name ?? '', consultationId: row.id })
}

const advisorUser = async (db: Db, providerId: string) => (await new BookingRepository(db).providersByIds([providerId])).get(providerId)?.user_id ?? null

export interface Question {
  advisorId: string
  villageCode: string
  category: LegalCategory
  /** As stored: measured and normalised. */
  text: string
  photos: string[]
  anonymous: boolean
  /** A phone to call back on, with the privacy notice's version the person agreed to. */
  contact: { phone: string; consentVersion: string } | null
}

/** The caller asks their village's advisor; returns the new consultation's id. */
export async function ask(ctx: UserContext, question: Question): Promise<string> {
  const { db, cipher, newId, settings } = ctx.services
  const directory = new LegalDirectoryRepository(db)
  const advisor = (await directory.advisor(question.advisorId)) ?? fail('ADVISOR_NOT_FOUND', 'advisorId')
  const village = await new RegionRepository(db).get(question.villageCode)
  if (!village || village.level !== 'village') fail('REGION_NOT_FOUND', 'villageCode')
  if ((await directory.providerOfVillage(question.villageCode)) !== advisor.id) fail('ADVISOR_NOT_FOR_VILLAGE', 'villageCode')
  await checkPhotos(db, question.photos, ctx.userId)
  await checkTexts(ctx, { text: question.text })
  const sent: Notification[] = []
  const { ref } = await once(db, requestKey(ctx, ctx.userId, SERVICE, 'ask'), ctx.now, async (trx) => {
    // Inside the transaction: a replayed request never gets here, so a retry is not a new question.
    await spendAttempt(trx, [`ask:user:${ctx.userId}`], settings.rateLimits.ask, ctx.now)
    const now = ctx.now.toISOString()
    const row: ConsultationRow = {
      id: newId(),
      person_id: ctx.userId,
      provider_id: advisor.id,
      village_code: question.villageCode,
      township_code: question.villageCode.slice(0, 9),
      category: question.category,
      question: question.text,
      photos: JSON.stringify(question.photos),
      anonymous: question.anonymous ? 1 : 0,
      contact_phone: question.contact?.phone ?? null,
      consent_version: question.contact?.consentVersion ?? null,
      status: 'waiting',
      due_at: dueAfter(ctx.now, settings.legal).toISOString(),
      posts: 0,
      asked_at: now,
      answered_at: null,
      closed_at: null,
      rating: null,
      rating_comment: null,
      case_id: null,
      updated_at: now,
      version: 0
    }
    await new ConsultationRepository(trx).insert(sealRow(cipher, 'consultations', row))
    await attachPhotos(trx, question.photos, ctx.userId, ctx.now)
    await tell(trx, ctx, sent, row, 'legal.new', [advisor.user_id])
    return row.id
  })
  pushAfterCommit(ctx.services, sent)
  return ref
}

export type MoveExtra = { post: { text: string; photos: string[] } } | { rating?: string; comment?: string }

/** One move on the thread, in one transaction with its post and its message; the domain decides whether it may happen. */
export async function move(ctx: UserContext, id: string, m: ThreadMove, extra: MoveExtra): Promise<void> {
  const { db, cipher, settings } = ctx.services
  const sent: Notification[] = []
  await once(db, requestKey(ctx, ctx.userId, SERVICE, m), ctx.now, async (trx) => {
    const repo = new ConsultationRepository(trx)
    const { row, viewer } = await visible(trx, ctx.actor, id, await repo.byIdForUpdate(id))
    const decision = decide(stateOf(row), viewer, m, ctx.now, settings.legal)
    if (!decision.ok) return refuse(decision.code)
    const now = ctx.now.toISOString()
    const patch: Partial<ConsultationRow> = { status: decision.patch.status, due_at: decision.patch.dueAt?.toISOString() ?? null, updated_at: now }
    if ('post' in extra) {
      patch.posts = row.posts + 1
      if (viewer === 'advisor' && !row.answered_at) patch.answered_at = now
      await repo.insertPost(sealRow(cipher, 'consultation_posts', { consultation_id: id, seq: row.posts + 1, author: viewer, author_id: ctx.userId, text: extra.post.text, photos: JSON.stringify(extra.post.photos), at: now }))
      await attachPhotos(trx, extra.post.photos, ctx.userId, ctx.now)
    }
    if (m === 'close') patch.closed_at = now
    if ('rating' in extra && extra.rating) Object.assign(patch, { rating: extra.rating, rating_comment: extra.comment?.normalize('NFC') || null })
    if (!(await repo.update(id, row.version, sealPatch(cipher, 'consultations', id, patch)))) fail('CONFLICT')
    const advisor = await advisorUser(trx, row.provider_id)
    const kind = m === 'reply' ? (viewer === 'advisor' ? 'legal.answered' : 'legal.followup') : m === 'close' ? 'legal.closed' : 'legal.rated'
    await tell(trx, ctx, sent, row, kind, [viewer === 'advisor' ? row.person_id : advisor])
    return id
  })
  pushAfterCommit(ctx.services, sent)
}

/** A reply on the thread: its photos the poster's own, its text past the content check. */
export async function reply(ctx: UserContext, id: string, text: string, photos: string[]): Promise<void> {
  await checkPhotos(ctx.services.db, photos, ctx.userId)
  await checkTexts(ctx, { text })
  await move(ctx, id, 'reply', { post: { text, photos } })
}

/** The case a consultation would become, and what `toCase` still needs (only the person can give their phone and consent). */
export async function draftOf(ctx: UserContext, row: ConsultationRow): Promise<CaseDraft> {
  const { db, cipher } = ctx.services
  const [posts, names] = await Promise.all([new ConsultationRepository(db).advisorPosts(row.id), namesFor(db, [row])])
  const draft = caseDraft({ category: row.category as LegalCategory, question: cipher.open(row.question, siteOf('consultations', 'question', row)), answers: posts.map((p) => cipher.open(p.text, siteOf('consultation_posts', 'text', p))), villageName: names(row).villageName })
  const known = row.contact_phone !== null && row.consent_version === PRIVACY_NOTICE_VERSION
  // The other party is never known from the thread; phone and consent are, when the person gave them when asking.
  const needs: CaseDraft['needs'] = known ? ['otherPartyName'] : ['otherPartyName', 'contactPhone', 'consentVersion']
  return { ...draft, contactName: names(row).askerName, contactPhoneKnown: known, needs }
}

/** What a conversion asks (the validated `legal.toCase` input): anything given overrides the draft. */
export type Conversion = v.InferOutput<typeof legalInput.toCase>

/**
 * The person or the advisor turns the consultation into a case; returns the consultation's id. A retry is answered
 * with the first conversion although the consultation has changed since (it is converted now).
 */
export async function toCase(ctx: UserContext, input: Conversion): Promise<string> {
  const { db, cipher, settings } = ctx.services
  const sent: Notification[] = []
  const { ref } = await once(
    db,
    requestKey(ctx, ctx.userId, SERVICE, 'toCase'),
    ctx.now,
    async (trx, { row, viewer, filing }) => {
      const repo = new ConsultationRepository(trx)
      const current = (await repo.byIdForUpdate(row.id)) ?? fail('CONSULTATION_NOT_FOUND', 'id')
      const decision = decide(stateOf(current), viewer, 'toCase', ctx.now, settings.legal)
      if (!decision.ok) return fail(decision.code, 'id')
      const created = await insertFiling(trx, ctx, sent, filing)
      const now = ctx.now.toISOString()
      const patch: Partial<ConsultationRow> = { status: decision.patch.status, due_at: null, case_id: created.id, closed_at: now, updated_at: now }
      // What the person gave now is kept with the consultation too, under the same consent.
      if (viewer === 'person' && input.contactPhone) Object.assign(patch, { contact_phone: input.contactPhone, consent_version: PRIVACY_NOTICE_VERSION })
      if (!(await repo.update(row.id, current.version, sealPatch(cipher, 'consultations', row.id, patch)))) fail('CONFLICT')
      await notifyCase(trx, ctx, sent, created, 'legal.converted', [viewer === 'advisor' ? row.person_id : await advisorUser(trx, row.provider_id)])
      return row.id
    },
    async () => {
      const { row, viewer } = await visible(db, ctx.actor, input.id)
      const early = decide(stateOf(row), viewer, 'toCase', ctx.now, settings.legal)
      if (!early.ok) return refuse(early.code)
      // Contact details and consent are the person's to give: an advisor converts only what the person already gave.
      let phone = row.contact_phone ? cipher.open(row.contact_phone, siteOf('consultations', 'contact_phone', row)) : null
      let consent = row.consent_version
      if (viewer === 'advisor') {
        for (const field of ['contactPhone', 'consentVersion', 'contactName'] as const) if (input[field] !== undefined) fail('FORBIDDEN', field)
        if (!phone || consent !== PRIVACY_NOTICE_VERSION) fail('CASE_CONSENT_REQUIRED')
      } else {
        phone = input.contactPhone ?? phone
        consent = input.consentVersion ?? consent
        if (!phone) fail('MISSING_FIELD', 'contactPhone', { field: 'contactPhone' })
        if (consent !== PRIVACY_NOTICE_VERSION) fail('MISSING_FIELD', 'consentVersion', { field: 'consentVersion' })
      }
      const draft = await draftOf(ctx, row)
      const filing: Filing = await checkFiling(db, ctx, {
        kind: 'dispute',
        disputeType: input.disputeType ?? draft.disputeType,
        otherPartyName: input.otherPartyName,
        otherPartyContact: input.otherPartyContact,
        title: input.title ?? draft.title,
        description: draft.description,
        regionCode: row.village_code,
        photos: JSON.parse(row.photos) as string[],
        photoOwner: row.person_id,
        contactName: (viewer === 'person' ? input.contactName : undefined) ?? draft.contactName,
        contactPhone: phone,
        subscribe: false,
        ownerId: row.person_id,
        filedBy: ctx.userId,
        filedByRole: viewer === 'person' ? 'resident' : 'legal_advisor',
        eventData: { source: 'legal_consultation', consultationId: row.id }
      })
      return { row, viewer, filing }
    }
  )
  pushAfterCommit(ctx.services, sent)
  return ref
}
