/**
 * Consultations: a person asks their village's advisor, the two write back and forth, the person closes and rates it;
 * either may turn it into a 矛盾纠纷 case at the township centre (one stop). A consultation is seen by its person, its
 * advisor and a supervising admin (who sees an anonymous asker's name masked); to anyone else it does not exist. The
 * flows live in cloud/application/legal/consultations.ts; this module validates, answers, and serves the workbench
 * and the centre's overdue counts.
 */
import { legalInput, MAX_QUESTION_CHARS, type Consultation } from '../../../types/functions/legal'
import { action, LONG_TEXT_BODY, type UserContext } from '../../core/context'
import { fail } from '../../core/errors'
import { auditReadsAs } from '../../application/audit'
import { BookingRepository } from '../../db/repositories/bookings'
import { CaseRepository } from '../../db/repositories/cases'
import { LegalDirectoryRepository, type AdvisorRecord } from '../../db/repositories/legal'
import { ConsultationRepository } from '../../db/repositories/legal-consultations'
import { siteOf } from '../../db/sealed'
import { dayBounds } from '../../domain/booking/calendar'
import { localDay } from '../../domain/booking/slots'
import { measureText } from '../../domain/legal/thread'
import type { Actor } from '../../domain/petition/policy'
import { isWithin } from '../../domain/regions'
import { photoLinks, signedPhotoUrl } from '../../application/files'
import { ask, draftOf, move, namesFor, reply, toCase, visible } from '../../application/legal/consultations'
import { advisorBookings, namesOf, ownAdvisor } from '../../application/legal/service'
import * as view from './view'
import { checkTexts } from '../../application/content'

/** The text as stored, or a refusal naming the field: empty is not a question, and 2,000 characters is the most. */
function textOf(raw: string, field = 'text'): string {
  const measured = measureText(raw, MAX_QUESTION_CHARS)
  if ('error' in measured) return measured.error === 'empty' ? fail('INVALID_VALUE', field, { field }) : fail('TEXT_TOO_LONG', field, { max: String(MAX_QUESTION_CHARS) })
  return measured.text
}

/** The regions whose waiting questions the caller supervises (centre staff, admins); FORBIDDEN for anyone else. */
function supervised(actor: Actor): string[] {
  const regions = [...new Set(actor.grants.flatMap((g) => ((g.role === 'centre_staff' || g.role === 'admin') && g.regionCode ? [g.regionCode] : [])))]
  if (!regions.length) fail('FORBIDDEN')
  return regions
}

/** The outermost of the regions: a grant inside another of the same person's grants would count the same questions twice. */
const outermost = (regions: string[]): string[] => regions.filter((r) => !regions.some((o) => o !== r && isWithin(r, o)))

/** The consultation as the caller may see it; a read by its advisor or an admin goes into the audit log, as `via`. */
async function readConsultation(ctx: UserContext, id: string, via = 'legal.consultation'): Promise<Consultation> {
  const { db, cipher } = ctx.services
  const { row, viewer } = await visible(db, ctx.actor, id)
  if (viewer !== 'person') await auditReadsAs(ctx, viewer === 'advisor' ? 'legal_advisor' : 'admin', via, [{ kind: 'consultation', id: row.id, personId: row.person_id }])
  const [posts, names, linked] = await Promise.all([
    new ConsultationRepository(db).posts(id),
    namesFor(db, [row]),
    row.case_id ? new CaseRepository(db, cipher).byId(row.case_id) : null
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
    caseTrackingNo: linked?.tracking_no ?? null,
    cipher,
    photoUrl: (photo) => links.get(photo) ?? signedPhotoUrl(ctx.services, photo, ctx.now),
    now: ctx.now
  })
}

export const consultations = {
  ask: action({
    input: legalInput.ask,
    access: 'user',
    maxBody: LONG_TEXT_BODY,
    async run(input, ctx) {
      const text = textOf(input.text)
      const contact = input.contactPhone ? { phone: input.contactPhone, consentVersion: input.consentVersion ?? fail('MISSING_FIELD', 'consentVersion', { field: 'consentVersion' }) } : null
      const id = await ask(ctx, { advisorId: input.advisorId, villageCode: input.villageCode, category: input.category, text, photos: input.photos ?? [], anonymous: input.anonymous === true, contact })
      return readConsultation(ctx, id)
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
      await reply(ctx, id, textOf(text), photos ?? [])
      return readConsultation(ctx, id, 'legal.reply')
    }
  }),

  close: action({
    input: legalInput.close,
    access: 'user',
    async run({ id, rating, comment }, ctx) {
      await checkTexts(ctx, { comment })
      await move(ctx, id, 'close', { rating, comment })
      return readConsultation(ctx, id, 'legal.close')
    }
  }),

  rate: action({
    input: legalInput.rate,
    access: 'user',
    async run({ id, rating, comment }, ctx) {
      await checkTexts(ctx, { comment })
      await move(ctx, id, 'rate', { rating, comment })
      return readConsultation(ctx, id, 'legal.rate')
    }
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
    run: async (input, ctx) => readConsultation(ctx, await toCase(ctx, input), 'legal.toCase')
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
        villages: view.onsiteDays(advisor, villageNames, ctx.now),
        open: open.map((r) => view.consultationSummary(r, 'advisor', names(r), cipher.open(r.question, siteOf('consultations', 'question', r)), ctx.now)),
        overdue,
        today: bookings.map(view.advisorBooking)
      }
    }
  }),

  overdue: action({
    input: legalInput.overdue,
    access: 'user',
    async run(_input, ctx) {
      const { db } = ctx.services
      const top = outermost(supervised(ctx.actor))
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
      const regions = supervised(ctx.actor)
      if (regionCode && !regions.some((r) => isWithin(regionCode, r))) fail('FORBIDDEN', 'regionCode')
      const top = regionCode ? [regionCode] : outermost(regions)
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
