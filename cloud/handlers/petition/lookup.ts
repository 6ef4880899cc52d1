/**
 * petition.lookup: a case's progress by tracking number and the phone it was filed with, without signing in.
 *
 * Rate limit (settings.rateLimits.lookup, 5 wrong answers per 10 minutes; core/rate-limit.ts guardGuesses): failures
 * count against the guesser — per client and number, per client across numbers (the client is the HTTP peer address,
 * the last proxy-appended one when the server trusts its proxy, or the WeChat openid), and per person when signed in —
 * never against the number alone, so nobody's guesses lock the owner out of their own case.
 * A wrong phone and an unknown number get the same CASE_NOT_FOUND.
 */
import { petitionInput, type CaseEvent, type CaseLookup } from '../../../types/functions/petition'
import { action } from '../../core/context'
import { fail } from '../../core/errors'
import { guardGuesses } from '../../core/rate-limit'
import { CaseRepository } from '../../db/repositories/cases'
import { RegionRepository } from '../../db/repositories/regions'
import { maskName, maskPhone } from '../../domain/petition/tracking'
import { summary } from '../../application/cases/view'

/** Event facts that say when and how, never what anyone wrote (which may name people, the other party above all). */
const PUBLIC_FACTS = new Set(['kind', 'stage', 'parentTrackingNo', 'handlingDue', 'days', 'level', 'success', 'mediator', 'rating', 'date', 'department'])

export const lookup = action({
  input: petitionInput.lookup,
  access: 'public',
  async run({ trackingNo, contactPhone }, ctx): Promise<CaseLookup> {
    const { db, cipher, settings } = ctx.services
    const guess = { kind: 'lookup', key: trackingNo, client: ctx.client, userId: ctx.userId }
    // Found by the number and the phone's keyed hash: a wrong guess opens nothing.
    const row = await guardGuesses(db, guess, settings.rateLimits.lookup, ctx.now, async (trx) =>
      (await new CaseRepository(trx, cipher).byTrackingNo(trackingNo, cipher.hash(contactPhone))) ?? null
    )
    if (!row) return fail('CASE_NOT_FOUND', 'trackingNo')
    const [events, names] = await Promise.all([new CaseRepository(db, cipher).events(row.id), new RegionRepository(db).byCodes([row.region_code, row.handling_region])])
    // The list's summary without the case id and the risk level (the staff's assessment, not for a caller with a phone).
    const { id: _id, riskLevel: _riskLevel, ...shown } = summary(row, names, ctx.now, settings.deadlines)
    return {
      ...shown,
      contactName: maskName(row.contact_name),
      contactPhone: maskPhone(row.contact_phone),
      // A risk flag is the staff's assessment, not a step of the case.
      events: events
        .filter((e) => e.type !== 'flagRisk')
        .map(
        (e): CaseEvent => ({
          seq: e.seq,
          type: e.type,
          at: e.at,
          actorRole: e.actor_role,
          data: Object.fromEntries(Object.entries(JSON.parse(e.public_data) as CaseEvent['data']).filter(([k]) => PUBLIC_FACTS.has(k)))
        })
      ),
      claimable: row.owner_id === null,
      mineId: ctx.userId !== null && (row.owner_id === ctx.userId || row.filed_by === ctx.userId) ? row.id : null
    }
  }
})
