/**
 * Consultations: a person asks their village's advisor, the two write back and forth, the person closes and rates it;
 * either may turn it into a 矛盾纠纷 case at the township centre (one stop), created by the same filing code as
 * petition.file, in one transaction with the link both ways. A consultation is seen by its person, its advisor and a
 * supervising admin (who sees an anonymous asker's name masked); to anyone else it does not exist.
 */
import { legalInput, MAX_QUESTION_CHARS, type CaseDraft, type Consultation, type LegalCategory } from '../../../types/functions/legal'
import { PRIVACY_NOTICE_VERSION } from '../../../types/functions/petition'
import { action, type HandlerContext, LONG_TEXT_BODY, type UserContext } from '../../core/context'
import { fail } from '../../core/errors'
import { firstResult, once, requestKey } from '../../core/idempotency'
import { spendAttempt } from '../../core/rate-limit'
import { auditReadsAs } from '../../core/audit'
import { BookingRepository } from '../../db/repositories/bookings'
import { LegalDirectoryRepository, type AdvisorRecord } from '../../db/repositories/legal'
import { ConsultationRepository, type ConsultationRow } from '../../db/repositories/legal-consultations'
import { RegionRepository } from '../../db/repositories/regions'
import { dayBounds } from '../../domain/booking/calendar'
import { localDay } from '../../domain/booking/slots'
import { caseDraft } from '../../domain/legal/draft'
import { decide, dueAfter, measureText, type ThreadMove, type ThreadState, type Viewer } from '../../domain/legal/thread'
import { isWithin } from '../../domain/regions'
import type { Notification } from '../../ports/notifier'
import { notify } from '../../application/booking/engine'
import { pushAfterCommit } from '../../application/outbox'
import { attachPhotos, photoLinks, signedPhotoUrl } from '../../application/files'
import { checkFiling, insertFiling, notify as notifyCase, type Filing } from '../../application/cases/filing'
import { advisorBookings, ownAdvisor } from './onsite'
import { namesOf, SERVICE, viewerOf } from './shared'
import type { Actor } from '../../domain/petition/policy'
import * as view from './view'
import { sealPatch, sealRow, siteOf } from '../../db/sealed'

type Db = HandlerContext['services']['db']

/** The text as stored, or a refusal naming the field: empty is not a question, and 2,000 characters is the most. */
function textOf(raw: string, field = 'text'): string {
  const measured = measureText(raw, MAX_QUESTION_CHARS)
  if ('error' in measured) return measured.error === 'empty' ? fail('INVALID_VALUE', field, { field }) : fail('TEXT_TOO_LONG', field, { max: String(MAX_QUESTION_CHARS) })
  return measured.text
}

/** Photos must be the poster's own uploads. */
async function checkPhotos(db: Db, photos: string[], ownerId: string): Promise<void> {
  if (!photos.length) return
  const owned = await db.selectFrom('files').select('id').where('id', 'in', photos).where('owner_id', '=', ownerId).execute()
  if (owned.length !== new Set(photos).size) fail('FILE_NOT_FOUND', 'photos')
}

async function checkContent(ctx: UserContext, text: string, field = 'text'): Promise<void> {
  if (!(await ctx.services.content.check(text, ctx.userId))) fail('CONTENT_REJECTED', field)
}

const stateOf = (row: ConsultationRow): ThreadState => ({ status: row.status as ThreadState['status'], dueAt: row.due_at ? new Date(row.due_at) : null, rated: row.rating !== null, caseId: row.case_id })

/** The consultation and who the caller is to it; CONSULTATION_NOT_FOUND for anyone who may not see it, whether it exists or not. */
async function visible(db: Db, actor: Actor, id: string, row?: ConsultationRow | null): Promise<{ row: ConsultationRow; viewer: Viewer; advisor: AdvisorRecord | null }> {
  const found = row === undefined ? await new ConsultationRepository(db).byId(id) : row
  if (!found) return fail('CONSULTATION_NOT_FOUND', 'id')
  const { viewer, advisor } = await viewerOf(db, actor, found)
  if (!viewer) return fail('CONSULTATION_NOT_FOUND', 'id')
  return { row: found, viewer, advisor }
}

async function namesFor(db: Db, rows: ConsultationRow[]): Promise<(row: ConsultationRow) => view.ConsultationNames> {
  const [providers, villages, users] = await Promise.all([
    new BookingRepository(db).providersByIds(rows.map((r) => r.provider_id)),
    namesOf(db, rows.map((r) => r.village_code)),
    rows.length ? db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', [...new Set(rows.map((r) => r.person_id))]).execute() : []
  ])
  const people = new Map(users.map((u) => [u.id, u.display_name]))
  return (row) => ({ advisorName: providers.get(row.provider_id)?.display_name ?? '', villageName: villages.get(row.village_code) ?? '', askerName: people.get(row.person_id) ?? '' })
}

/** The consultation as the caller may see it; a read by its advisor or an admin goes into the audit log, as `via`. */
async function readConsultation(ctx: UserContext, id: string, via = 'legal.consultation'): Promise<Consultation> {
  const { db, cipher } = ctx.services
  const { row, viewer } = await visible(db, ctx.actor, id)
  if (viewer !== 'person') await auditReadsAs(ctx, viewer === 'advisor' ? 'legal_advisor' : 'admin', via, [{ kind: 'consultation', id: row.id, personId: row.person_id }])
  const [posts, names, tracking] = await Promise.all([
    new ConsultationRepository(db).posts(id),
    namesFor(db, [row]),
    row.case_id ? db.selectFrom('cases').select('tracking_no').where('id', '=', row.case_id).executeTakeFirst() : undefined
  ])
  // Links for the person and the advisor only (the view shows an admin no photos): the server's signed link, or the
  // platform storage's own for a photo taken on WeChat.
  const ids = viewer === 'admin' ? [] : [row.photos, ...posts.map((p) => p.photos)].flatMap((json) => JSON.parse(json) as string[])
  const links = await photoLinks(ctx.services, ids, ctx.now)
  return view.consultation({
    row,
    posts,
    viewer,
    names: names(row),
    caseTrackingNo: tracking?.tracking_no ?? null,
    cipher,
    photoUrl: (photo) => links.get(photo) ?? signedPhotoUrl(ctx.services, photo, ctx.now),
    now: ctx.now
  })
}

/** Message rows for the other side of a consultation, titled by the village (never the question). */
async function tell(trx: Db, ctx: UserContext, sent: Notification[], row: ConsultationRow, kind: string, userIds: (string | null)[]): Promise<void> {
  const village = await new RegionRepository(trx).get(row.village_code)
  await notify(trx, ctx, sent, userIds, kind, { title: village?.name ?? '', consultationId: row.id })
}

const advisorUser = async (db: Db, providerId: string) => (await new BookingRepository(db).providersByIds([providerId])).get(providerId)?.user_id ?? null

interface MoveExtra {
  text?: string
  photos?: string[]
  rating?: string
  comment?: string
}

/** One move on the thread, in one transaction with its post and its message; the domain decides whether it may happen. */
async function move(ctx: UserContext, id: string, m: ThreadMove, extra: MoveExtra): Promise<Consultation> {
  const { db, dbKind, cipher, settings } = ctx.services
  const sent: Notification[] = []
  await once(db, requestKey(ctx, ctx.userId, SERVICE, m), ctx.now, async (trx) => {
    const repo = new ConsultationRepository(trx)
    const { row, viewer } = await visible(trx, ctx.actor, id, await repo.byIdForUpdate(id, dbKind === 'postgres'))
    const decision = decide(stateOf(row), viewer, m, ctx.now, settings.legal)
    if (!decision.ok) return fail(decision.code, decision.code === 'FORBIDDEN' ? undefined : 'id')
    const now = ctx.now.toISOString()
    const patch: Partial<ConsultationRow> = { status: decision.patch.status, due_at: decision.patch.dueAt?.toISOString() ?? null, updated_at: now }
    if (m === 'reply') {
      patch.posts = row.posts + 1
      if (viewer === 'advisor' && !row.answered_at) patch.answered_at = now
      await repo.insertPost(sealRow(cipher, 'consultation_posts', { consultation_id: id, seq: row.posts + 1, author: viewer, author_id: ctx.userId, text: extra.text!, photos: JSON.stringify(extra.photos ?? []), at: now }))
      await attachPhotos(trx, extra.photos ?? [], ctx.userId, ctx.now)
    }
    if (m === 'close') patch.closed_at = now
    if (extra.rating) Object.assign(patch, { rating: extra.rating, rating_comment: extra.comment?.normalize('NFC') || null })
    if (!(await repo.update(id, row.version, sealPatch(cipher, 'consultations', id, patch)))) fail('CONFLICT')
    const advisor = await advisorUser(trx, row.provider_id)
    const kind = m === 'reply' ? (viewer === 'advisor' ? 'legal.answered' : 'legal.followup') : m === 'close' ? 'legal.closed' : 'legal.rated'
    await tell(trx, ctx, sent, row, kind, [viewer === 'advisor' ? row.person_id : advisor])
    return id
  })
  pushAfterCommit(ctx.services, sent)
  return readConsultation(ctx, id, `legal.${m}`)
}

/** The case a consultation would become, and what `toCase` still needs (only the person can give their phone and consent). */
async function draftOf(ctx: UserContext, row: ConsultationRow): Promise<CaseDraft> {
  const { db, cipher } = ctx.services
  const [posts, names] = await Promise.all([new ConsultationRepository(db).advisorPosts(row.id), namesFor(db, [row])])
  const draft = caseDraft({ category: row.category as LegalCategory, question: cipher.open(row.question, siteOf('consultations', 'question', row)), answers: posts.map((p) => cipher.open(p.text, siteOf('consultation_posts', 'text', p))), villageName: names(row).villageName })
  const known = row.contact_phone !== null && row.consent_version === PRIVACY_NOTICE_VERSION
  // The other party is never known from the thread; phone and consent are, when the person gave them when asking.
  const needs: CaseDraft['needs'] = known ? ['otherPartyName'] : ['otherPartyName', 'contactPhone', 'consentVersion']
  return { ...draft, contactName: names(row).askerName, contactPhoneKnown: known, needs }
}

export const consultations = {
  ask: action({
    input: legalInput.ask,
    access: 'user',
    maxBody: LONG_TEXT_BODY,
    async run(input, ctx) {
      const { db, cipher, newId, settings } = ctx.services
      const text = textOf(input.text)
      if (input.contactPhone && !input.consentVersion) fail('MISSING_FIELD', 'consentVersion', { field: 'consentVersion' })
      const directory = new LegalDirectoryRepository(db)
      const advisor = (await directory.advisor(input.advisorId)) ?? fail('ADVISOR_NOT_FOUND', 'advisorId')
      const village = await new RegionRepository(db).get(input.villageCode)
      if (!village || village.level !== 'village') fail('REGION_NOT_FOUND', 'villageCode')
      if ((await directory.providerOfVillage(input.villageCode)) !== advisor.id) fail('ADVISOR_NOT_FOR_VILLAGE', 'villageCode')
      const photos = input.photos ?? []
      await checkPhotos(db, photos, ctx.userId)
      await checkContent(ctx, text)
      const sent: Notification[] = []
      const { ref } = await once(db, requestKey(ctx, ctx.userId, SERVICE, 'ask'), ctx.now, async (trx) => {
        // Inside the transaction: a replayed request never gets here, so a retry is not a new question.
        await spendAttempt(trx, [`ask:user:${ctx.userId}`], ctx.services.settings.rateLimits.ask, ctx.now, { postgres: ctx.services.dbKind === 'postgres' })
        const now = ctx.now.toISOString()
        const row: ConsultationRow = {
          id: newId(),
          person_id: ctx.userId,
          provider_id: advisor.id,
          village_code: input.villageCode,
          township_code: input.villageCode.slice(0, 9),
          category: input.category,
          question: text,
          photos: JSON.stringify(photos),
          anonymous: input.anonymous ? 1 : 0,
          contact_phone: input.contactPhone ?? null,
          consent_version: input.contactPhone ? input.consentVersion! : null,
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
        await attachPhotos(trx, photos, ctx.userId, ctx.now)
        await tell(trx, ctx, sent, row, 'legal.new', [advisor.user_id])
        return row.id
      })
      pushAfterCommit(ctx.services, sent)
      return readConsultation(ctx, ref)
    }
  }),

  consultation: action({
    input: legalInput.consultation,
    access: 'user',
    run: ({ id }, ctx) => readConsultation(ctx, id)
  }),

  myConsultations: action({
    input: legalInput.myConsultations,
    access: 'user',
    async run({ limit }, ctx) {
      const { db, cipher } = ctx.services
      const rows = await new ConsultationRepository(db).ofPerson(ctx.userId, limit ?? 20)
      const names = await namesFor(db, rows)
      return rows.map((r) => view.consultationSummary(r, 'person', names(r), cipher.open(r.question, siteOf('consultations', 'question', r)), ctx.now))
    }
  }),

  reply: action({
    input: legalInput.reply,
    access: 'user',
    maxBody: LONG_TEXT_BODY,
    async run({ id, text, photos }, ctx) {
      const body = textOf(text)
      await checkPhotos(ctx.services.db, photos ?? [], ctx.userId)
      await checkContent(ctx, body)
      return move(ctx, id, 'reply', { text: body, photos: photos ?? [] })
    }
  }),

  close: action({
    input: legalInput.close,
    access: 'user',
    run: ({ id, rating, comment }, ctx) => move(ctx, id, 'close', { rating, comment })
  }),

  rate: action({
    input: legalInput.rate,
    access: 'user',
    run: ({ id, rating, comment }, ctx) => move(ctx, id, 'rate', { rating, comment })
  }),

  caseDraft: action({
    input: legalInput.caseDraft,
    access: 'user',
    async run({ id }, ctx) {
      const { row, viewer } = await visible(ctx.services.db, ctx.actor, id)
      if (viewer === 'admin') fail('FORBIDDEN')
      if (viewer === 'advisor') await auditReadsAs(ctx, 'legal_advisor', 'legal.caseDraft', [{ kind: 'consultation', id: row.id, personId: row.person_id }])
      return draftOf(ctx, row)
    }
  }),

  toCase: action({
    input: legalInput.toCase,
    access: 'user',
    async run(input, ctx) {
      const { db, dbKind, cipher, settings } = ctx.services
      const key = requestKey(ctx, ctx.userId, SERVICE, 'toCase')
      // A retry gets the first answer, although the consultation has since changed.
      const first = await firstResult(db, key)
      if (first) return readConsultation(ctx, first, 'legal.toCase')
      const { row, viewer } = await visible(db, ctx.actor, input.id)
      const early = decide(stateOf(row), viewer, 'toCase', ctx.now, settings.legal)
      if (!early.ok) return fail(early.code, early.code === 'FORBIDDEN' ? undefined : 'id')
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
        contactPhone: phone!,
        subscribe: false,
        ownerId: row.person_id,
        filedBy: ctx.userId,
        filedByRole: viewer === 'person' ? 'resident' : 'legal_advisor',
        eventData: { source: 'legal_consultation', consultationId: row.id }
      })
      const sent: Notification[] = []
      await once(db, key, ctx.now, async (trx) => {
        const repo = new ConsultationRepository(trx)
        const current = (await repo.byIdForUpdate(row.id, dbKind === 'postgres'))!
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
      })
      pushAfterCommit(ctx.services, sent)
      return readConsultation(ctx, row.id, 'legal.toCase')
    }
  }),

  workbench: action({
    input: legalInput.workbench,
    access: 'user',
    async run({ limit }, ctx) {
      const { db, cipher } = ctx.services
      const advisor = await ownAdvisor(ctx)
      if (!advisor) return { villages: [], open: [], overdue: 0, today: [] }
      const repo = new ConsultationRepository(db)
      const { start, end } = dayBounds(localDay(ctx.now).date)
      const [villages, open, overdue, today] = await Promise.all([
        new LegalDirectoryRepository(db).villagesOf(advisor.id),
        repo.openOf(advisor.id, limit ?? 50),
        repo.overdueOf(advisor.id, ctx.now.toISOString()),
        new BookingRepository(db).ofProvider(advisor.id, start.toISOString(), end.toISOString())
      ])
      const villageNames = new Map(villages.map((v) => [v.code, v.name]))
      const [names, bookings] = await Promise.all([namesFor(db, open), advisorBookings(ctx, today, 'legal.workbench')])
      await auditReadsAs(ctx, 'legal_advisor', 'legal.workbench', open.map((r) => ({ kind: 'consultation', id: r.id, personId: r.person_id })))
      return {
        villages: view
          .hoursOf(advisor)
          .filter((h) => h.place && villageNames.has(h.place))
          .map((h) => view.onsiteDay(h, villageNames.get(h.place!)!, ctx.now)),
        open: open.map((r) => view.consultationSummary(r, 'advisor', names(r), cipher.open(r.question, siteOf('consultations', 'question', r)), ctx.now)),
        overdue,
        today: bookings
      }
    }
  }),

  overdue: action({
    input: legalInput.overdue,
    access: 'user',
    async run(_input, ctx) {
      const { db } = ctx.services
      const actor = ctx.actor
      const regions = [...new Set(actor.grants.filter((g) => (g.role === 'centre_staff' || g.role === 'admin') && g.regionCode).map((g) => g.regionCode!))]
      if (!regions.length) fail('FORBIDDEN')
      // A grant inside another of the same person's grants would count the same questions twice.
      const top = regions.filter((r) => !regions.some((o) => o !== r && isWithin(r, o)))
      const repo = new ConsultationRepository(db)
      const [counts, names] = await Promise.all([Promise.all(top.map((r) => repo.waitingIn(r, ctx.now.toISOString()))), namesOf(db, top)])
      return top.map((regionCode, i) => ({ regionCode, regionName: names.get(regionCode) ?? '', ...counts[i] }))
    }
  }),

  overdueList: action({
    input: legalInput.overdueList,
    access: 'user',
    async run({ regionCode, limit }, ctx) {
      const { db } = ctx.services
      const actor = ctx.actor
      const regions = [...new Set(actor.grants.filter((g) => (g.role === 'centre_staff' || g.role === 'admin') && g.regionCode).map((g) => g.regionCode!))]
      if (!regions.length) fail('FORBIDDEN')
      if (regionCode && !regions.some((r) => isWithin(regionCode, r))) fail('FORBIDDEN', 'regionCode')
      const top = regionCode ? [regionCode] : regions.filter((r) => !regions.some((o) => o !== r && isWithin(r, o)))
      const repo = new ConsultationRepository(db)
      const max = limit ?? 50
      const groups = (await Promise.all(top.map((r) => repo.waitingByAdvisor(r, ctx.now.toISOString(), max))))
        .flat()
        .sort((a, b) => b.overdue - a.overdue || a.oldest.localeCompare(b.oldest))
        .slice(0, max)
      const directory = new LegalDirectoryRepository(db)
      const [advisors, townships] = await Promise.all([
        Promise.all([...new Set(groups.map((g) => g.providerId))].map((id) => directory.advisor(id))),
        namesOf(db, groups.map((g) => g.townshipCode))
      ])
      const byId = new Map(advisors.filter((a): a is AdvisorRecord => a !== null).map((a) => [a.id, a]))
      return groups.map((g) => ({
        advisorId: g.providerId,
        advisorName: byId.get(g.providerId)?.display_name ?? '',
        firm: byId.get(g.providerId)?.firm ?? '',
        townshipCode: g.townshipCode,
        townshipName: townships.get(g.townshipCode) ?? '',
        overdue: g.overdue,
        waiting: g.waiting,
        oldestAskedAt: g.oldest
      }))
    }
  })
}
