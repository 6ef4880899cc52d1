/**
 * petition.lookup: a case's progress by tracking number and the phone it was filed with, without signing in.
 *
 * Rate limit (settings.rateLimits.lookup, 5 per 10 minutes) under two scopes, each attempt counted before the look-up
 * (so wrong guesses count): the number (`lookup:no:<no>`), which bounds guessing the phone of one case however many
 * clients try; and the client (`lookup:client:<client>`: the HTTP peer address — the last proxy-appended one when the
 * server trusts its proxy — or the WeChat openid), which bounds one client sweeping many numbers. A signed-in caller
 * is also counted as themselves (`lookup:user:<id>`), so changing address does not reset their count.
 * A wrong phone and an unknown number get the same CASE_NOT_FOUND.
 */
import { petitionInput, type CaseEvent, type CaseLookup } from '../../../types/functions/petition'
import { action } from '../../core/context'
import { fail } from '../../core/errors'
import { spendAttempt } from '../../core/rate-limit'
import { CaseRepository } from '../../db/repositories/cases'
import { RegionRepository } from '../../db/repositories/regions'
import { maskName, maskPhone } from '../../domain/petition/tracking'
import { summary } from './view'

/** Event facts that say when and how, never what anyone wrote (which may name people, the other party above all). */
const PUBLIC_FACTS = new Set(['kind', 'stage', 'parentTrackingNo', 'handlingDue', 'days', 'level', 'success', 'mediator', 'rating', 'date', 'department'])

export const lookup = action({
  input: petitionInput.lookup,
  access: 'public',
  async run({ trackingNo, contactPhone }, ctx): Promise<CaseLookup> {
    const { db, cipher, settings } = ctx.services
    const scopes = [`lookup:no:${trackingNo}`]
    if (ctx.client) scopes.push(`lookup:client:${ctx.client}`)
    if (ctx.userId) scopes.push(`lookup:user:${ctx.userId}`)
    await spendAttempt(db, scopes, settings.rateLimits.lookup, ctx.now)
    const cases = new CaseRepository(db, cipher)
    const row = await cases.byTrackingNo(trackingNo, cipher.hash(contactPhone))
    if (!row) return fail('CASE_NOT_FOUND', 'trackingNo')
    const [events, names] = await Promise.all([cases.events(row.id), new RegionRepository(db).byCodes([row.region_code, row.handling_region])])
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
