/** petition: file a matter, follow it, and for staff, move it through the statutory steps. */
import { petitionInput } from '../../../types/functions/petition'
import { action, LONG_TEXT_BODY } from '../../core/context'
import { fail } from '../../core/errors'
import { CaseRepository } from '../../db/repositories/cases'
import { SubscriptionRepository } from '../../db/repositories/subscriptions'
import { RegionRepository } from '../../db/repositories/regions'
import { RoleGrantRepository } from '../../db/repositories/role-grants'
import { canFileOnBehalf, canView, queueRegions } from '../../domain/petition/policy'
import { isWithin, levelOf } from '../../domain/regions'
import { toState } from '../../application/cases/state'
import { regionCodesOf, summary } from '../../application/cases/view'
import { auditQueue, readDetail } from '../../application/cases/reads'
import { moveCase } from '../../application/cases/moves'
import { submitFiling } from '../../application/cases/submit'
import { claimCase, reissueCode, undoClaim } from '../../application/cases/claiming'
import { registerUploadedPhoto } from '../../application/files'
import { decodeCursor, encodeCursor } from '../../application/paging'
import { requireVerifiedPhone } from '../../application/sign-in'

export const cases = {
  file: action({
    input: petitionInput.file,
    access: 'user',
    maxBody: LONG_TEXT_BODY,
    async run(input, ctx) {
      if (input.onBehalf && !canFileOnBehalf(ctx.actor, input.regionCode)) fail('ON_BEHALF_NOT_ALLOWED', 'onBehalf')
      await requireVerifiedPhone(ctx)
      return submitFiling(ctx, {
        kind: input.kind,
        disputeType: input.disputeType,
        otherPartyName: input.otherPartyName,
        otherPartyContact: input.otherPartyContact,
        title: input.title,
        description: input.description,
        regionCode: input.regionCode,
        address: input.address,
        location: input.location,
        photos: input.photos ?? [],
        photoOwner: ctx.userId,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        subscribe: input.subscribe === true,
        ownerId: input.onBehalf ? null : ctx.userId,
        filedBy: ctx.userId,
        filedByRole: input.onBehalf ? 'grid_worker' : 'resident'
      })
    }
  }),

  get: action({
    input: petitionInput.get,
    access: 'user',
    run: ({ id }, ctx) => readDetail(ctx, id, ctx.actor)
  }),

  /** Only the case's owner; anyone else gets the answer of a case that does not exist. */
  subscribe: action({
    input: petitionInput.subscribe,
    access: 'user',
    async run({ id }, ctx) {
      const repo = new CaseRepository(ctx.services.db, ctx.services.cipher)
      const row = await repo.byId(id)
      if (!row || row.owner_id !== ctx.userId) fail('CASE_NOT_FOUND', 'id')
      await repo.markSubscribed(id)
      // One acceptance of WeChat's dialog allows one message (the notifier spends it: cloud/transports/wechat/ports.ts).
      await new SubscriptionRepository(ctx.services.db).accept(ctx.userId, ['progress'], ctx.now.toISOString())
      return { subscribed: true as const }
    }
  }),

  mine: action({
    input: petitionInput.mine,
    access: 'user',
    async run({ cursor, limit }, ctx) {
      const { db, settings } = ctx.services
      const size = limit ?? 20
      const after = decodeCursor(cursor, 1)
      const rows = await new CaseRepository(db, ctx.services.cipher).mine(ctx.userId, size + 1, after && { updatedAt: after[0], id: after[1] })
      const page = rows.slice(0, size)
      const last = page[page.length - 1]
      const names = await new RegionRepository(db).byCodes(regionCodesOf(page))
      return { items: page.map((r) => summary(r, names, ctx.now, settings.deadlines)), nextCursor: rows.length > size ? encodeCursor([last.updated_at, last.id]) : null }
    }
  }),

  queue: action({
    input: petitionInput.queue,
    access: 'user',
    async run(filter, ctx) {
      const { db, settings } = ctx.services
      const jurisdictions = queueRegions(ctx.actor)
      const mediator = ctx.actor.grants.some((g) => g.role === 'mediator')
      if (!jurisdictions.length && !mediator) fail('FORBIDDEN')
      const region = filter.regionCode
      if (region && jurisdictions.length && !jurisdictions.some((j) => isWithin(region, j) || levelOf(region) === null)) fail('FORBIDDEN', 'regionCode')
      const limit = filter.limit ?? 20
      const { rows, total, totalCapped } = await new CaseRepository(db, ctx.services.cipher).queue({
        jurisdictions: jurisdictions.length ? jurisdictions : ['44'],
        assigneeId: jurisdictions.length ? undefined : ctx.userId,
        status: filter.status,
        kind: filter.kind,
        regionCode: region,
        open: filter.status ? undefined : filter.open ?? true,
        limit,
        offset: filter.offset ?? 0
      })
      const [names] = await Promise.all([new RegionRepository(db).byCodes(regionCodesOf(rows)), auditQueue(ctx, rows)])
      const offset = (filter.offset ?? 0) + rows.length
      const more = rows.length === limit && (offset < total || totalCapped)
      return { items: rows.map((r) => summary(r, names, ctx.now, settings.deadlines, ctx.userId)), nextCursor: more ? String(offset) : null, total, totalCapped }
    }
  }),

  claim: action({ input: petitionInput.claim, access: 'user', run: (claim, ctx) => claimCase(ctx, claim) }),
  undoClaim: action({ input: petitionInput.undoClaim, access: 'user', run: ({ id, reason }, ctx) => undoClaim(ctx, id, reason) }),
  reissueClaimCode: action({ input: petitionInput.reissueClaimCode, access: 'user', run: ({ id }, ctx) => reissueCode(ctx, id) }),

  mediators: action({
    input: petitionInput.mediators,
    access: 'user',
    async run({ id }, ctx) {
      const { db } = ctx.services
      const row = await new CaseRepository(db, ctx.services.cipher).byId(id)
      if (!row || !canView(ctx.actor, toState(row))) fail('CASE_NOT_FOUND', 'id')
      const eligible = (await new RoleGrantRepository(db).mediators()).filter((m) => isWithin(row.region_code, m.regionCode))
      const names = await new RegionRepository(db).byCodes(eligible.map((m) => m.regionCode))
      return eligible.map((m) => ({ id: m.id, name: m.displayName, regionName: names.get(m.regionCode)?.name ?? '' }))
    }
  }),

  registerPhoto: action({
    input: petitionInput.registerPhoto,
    access: 'user',
    run: ({ fileId }, ctx) => registerUploadedPhoto(ctx.services, ctx.userId, fileId, ctx.now)
  }),

  addInfo: action({ input: petitionInput.addInfo, access: 'user', maxBody: LONG_TEXT_BODY, run: ({ id, text, photos }, ctx) => moveCase(ctx, id, { move: 'addInfo', text: text.normalize('NFC'), photos: photos ?? [] }) }),
  withdraw: action({ input: petitionInput.withdraw, access: 'user', run: ({ id, reason }, ctx) => moveCase(ctx, id, { move: 'withdraw', reason }) }),
  rate: action({ input: petitionInput.rate, access: 'user', run: ({ id, rating, comment }, ctx) => moveCase(ctx, id, { move: 'rate', rating, comment }) }),
  requestReview: action({ input: petitionInput.requestReview, access: 'user', maxBody: LONG_TEXT_BODY, run: ({ id, reason }, ctx) => moveCase(ctx, id, { move: 'requestReview', reason }) }),
  accept: action({ input: petitionInput.accept, access: 'user', run: ({ id, note }, ctx) => moveCase(ctx, id, { move: 'accept', note }) }),
  decline: action({ input: petitionInput.decline, access: 'user', run: ({ id, reason, otherRoutes }, ctx) => moveCase(ctx, id, { move: 'decline', reason, otherRoutes }) }),
  assign: action({ input: petitionInput.assign, access: 'user', run: ({ id, mediatorId, department }, ctx) => moveCase(ctx, id, { move: 'assign', mediatorId, department }) }),
  transfer: action({ input: petitionInput.transfer, access: 'user', run: ({ id, townshipCode, reason }, ctx) => moveCase(ctx, id, { move: 'transfer', townshipCode, reason }) }),
  escalate: action({
    input: petitionInput.escalate,
    access: 'user',
    async run({ id, level, reason }, ctx) {
      const row = (await new CaseRepository(ctx.services.db, ctx.services.cipher).byId(id)) ?? fail('CASE_NOT_FOUND', 'id')
      return moveCase(ctx, id, { move: 'escalate', level, reason, regionCode: row.region_code.slice(0, level === 'county' ? 6 : 4) })
    }
  }),
  extend: action({ input: petitionInput.extend, access: 'user', run: ({ id, days, reason }, ctx) => moveCase(ctx, id, { move: 'extend', days, reason }) }),
  recordSession: action({ input: petitionInput.recordSession, access: 'user', maxBody: LONG_TEXT_BODY, run: ({ id, date, participants, notes }, ctx) => moveCase(ctx, id, { move: 'recordSession', date, participants, notes }) }),
  flagRisk: action({ input: petitionInput.flagRisk, access: 'user', run: ({ id, note }, ctx) => moveCase(ctx, id, { move: 'flagRisk', note }) }),
  closeMediation: action({
    input: petitionInput.closeMediation,
    access: 'user',
    maxBody: LONG_TEXT_BODY,
    run: ({ id, ...rest }, ctx) => moveCase(ctx, id, { move: 'closeMediation', ...rest })
  }),
  close: action({ input: petitionInput.close, access: 'user', maxBody: LONG_TEXT_BODY, run: ({ id, opinion }, ctx) => moveCase(ctx, id, { move: 'close', opinion }) }),
  takeOver: action({ input: petitionInput.takeOver, access: 'user', run: ({ id, reason }, ctx) => moveCase(ctx, id, { move: 'takeOver', reason }) })
}
