/**
 * A step of a case (accept, assign, close, a resident's added information, a request for 复查/复核 …): the facts the
 * move needs are gathered, the case machine (domain/petition/machine.ts) decides, and the change, its event and the
 * messages it causes are written in one transaction, once per request id; the messages are pushed after it commits.
 */
import type { Kysely, Transaction } from 'kysely'
import type { CaseDetail, CaseStage } from '../../../types/functions/petition'
import type { UserContext } from '../../core/context'
import { fail } from '../../core/errors'
import { once, requestKey } from '../../core/idempotency'
import { spendAttempt } from '../../core/rate-limit'
import type { Database } from '../../db/schema'
import { CaseRepository, type CaseRow } from '../../db/repositories/cases'
import { RegionRepository } from '../../db/repositories/regions'
import { RoleGrantRepository } from '../../db/repositories/role-grants'
import { decide, reviewTarget, type Move, type MoveInput } from '../../domain/petition/machine'
import { canView } from '../../domain/petition/policy'
import { isWithin } from '../../domain/regions'
import { erasedContact, erasesContact } from '../../domain/account/erasure'
import type { Notification } from '../../ports/notifier'
import { pushAfterCommit } from '../outbox'
import { checkTexts, type Texts } from '../content'
import { attachPhotos } from '../files'
import { photosGivenTo } from '../media-checks'
import { newTrackingNo } from './claims'
import { centreStaffFor, notify } from './filing'
import { readDetail } from './reads'
import { derived, freshHandling, patchRow, toState } from './state'
import { EVENT_PHOTOS } from './view'
import { createInvitation, sendInvitation } from './mediation'

type Db = Kysely<Database> | Transaction<Database>

/** The free texts of each move: every one is shown to someone other than its writer (the resident, or other staff). */
const MOVE_TEXTS: { [M in Move]: Exclude<keyof Extract<MoveInput, { move: M }>, 'move'>[] } = {
  accept: ['note'],
  decline: ['reason', 'otherRoutes'],
  assign: ['department'],
  transfer: ['reason'],
  escalate: ['reason'],
  extend: ['reason'],
  recordSession: ['participants', 'notes'],
  flagRisk: ['note'],
  closeMediation: ['agreement', 'otherRoutes'],
  close: ['opinion'],
  addInfo: ['text'],
  withdraw: ['reason'],
  rate: ['comment'],
  requestReview: ['reason'],
  takeOver: ['reason']
}

const textsOf = (input: MoveInput): Texts => {
  const fields = MOVE_TEXTS[input.move] as string[]
  return Object.fromEntries(fields.map((f) => [f, (input as unknown as Record<string, string | undefined>)[f]]))
}

/** Moves a case one step and answers it as the actor now sees it (the read audited as petition.<move>). */
export async function moveCase(ctx: UserContext, id: string, input: MoveInput): Promise<CaseDetail> {
  const { db, settings } = ctx.services
  await checkTexts(ctx, textsOf(input))
  const actor = ctx.actor
  const sent: Notification[] = []
  let invitation: { row: CaseRow; code: string; expiresAt: Date } | null = null
  await once(db, requestKey(ctx, ctx.userId, 'petition', input.move), ctx.now, async (trx) => {
    // Added information, per person per day; inside the transaction, so a refused move or a retry costs nothing.
    if (input.move === 'addInfo') await spendAttempt(trx, [`addInfo:user:${ctx.userId}`], settings.rateLimits.addInfo, ctx.now)
    const repo = new CaseRepository(trx, ctx.services.cipher)
    const row = await repo.byIdForUpdate(id)
    if (!row || !canView(actor, toState(row))) fail('CASE_NOT_FOUND', 'id')
    const checked = await prepareMove(trx, row, input)
    const decision = decide(toState(row), actor, checked, ctx.now, settings.deadlines)
    if (!decision.ok) return fail(decision.code)
    const changes = patchRow(row, decision.patch, ctx.now, settings.deadlines)
    if (decision.createsReview) Object.assign(changes, { has_review_child: 1 }, derived({ ...row, ...changes, has_review_child: 1 }, settings.deadlines))
    // A case whose person deleted their account loses its contact details in the write that closes it.
    if (erasesContact({ ...row, ...changes })) Object.assign(changes, erasedContact())
    const updated = { ...row, ...changes }
    if (!(await repo.update(id, row.version, changes))) fail('CONFLICT')
    // Photos sent with added information must be the sender's own uploads, as a filing's are; they stay with the case.
    const photos = decision.event.photos ?? []
    await attachPhotos(trx, photos, actor.userId, ctx.now)
    await photosGivenTo(trx, photos, id)
    await repo.appendEvent({
      case_id: id,
      type: decision.event.type,
      actor_id: actor.userId,
      actor_role: row.owner_id === actor.userId ? 'resident' : actor.grants.find((g) => g.role !== 'resident')?.role ?? 'resident',
      at: ctx.now.toISOString(),
      public_data: JSON.stringify(photos.length ? { ...decision.event.publicData, [EVENT_PHOTOS]: photos } : decision.event.publicData),
      staff_data: JSON.stringify(decision.event.staffData)
    })
    await notify(trx, ctx, sent, updated, `case.${decision.event.type}`, [row.owner_id, row.filed_by])
    if (input.move === 'flagRisk') await notify(trx, ctx, sent, updated, 'case.risk', await centreStaffFor(trx, row.handling_region))
    if (input.move === 'transfer' || input.move === 'escalate') await notify(trx, ctx, sent, updated, 'case.new', await centreStaffFor(trx, updated.handling_region))
    // A take-over is told to the unit it was taken from, and to the colleagues of the unit that now has it.
    if (input.move === 'takeOver') {
      await notify(trx, ctx, sent, updated, 'case.taken_over', await centreStaffFor(trx, row.handling_region))
      await notify(trx, ctx, sent, updated, 'case.new', await centreStaffFor(trx, updated.handling_region))
    }
    if (input.move === 'assign' && input.mediatorId) await notify(trx, ctx, sent, updated, 'case.assigned_to_you', [input.mediatorId])
    // A dispute accepted for mediation: the other party is invited (issue #17); the code goes by SMS where configured,
    // and the centre can always make a new one to hand over (parties.invite).
    if (input.move === 'accept' && row.kind === 'dispute') invitation = { row: updated, ...(await createInvitation(trx, ctx.services, updated, actor.userId, ctx.now)) }
    if (decision.createsReview && input.move === 'requestReview') {
      const child = await createReview(trx, ctx, updated, input.reason)
      await notify(trx, ctx, sent, child, 'case.review_requested', await centreStaffFor(trx, child.handling_region))
    }
    return id
  })
  pushAfterCommit(ctx.services, sent)
  const invited = invitation as { row: CaseRow; code: string; expiresAt: Date } | null
  if (invited) await sendInvitation(ctx.services, invited.row, invited.code, invited.expiresAt)
  return readDetail(ctx, id, actor, `petition.${input.move}`)
}

/** The extra facts a move needs from the database, checked before the domain decides. */
async function prepareMove(trx: Db, row: CaseRow, input: MoveInput): Promise<MoveInput> {
  if (input.move === 'assign' && input.mediatorId) {
    const regions = await new RoleGrantRepository(trx).regionsOf(input.mediatorId, 'mediator')
    if (!regions.some((code) => isWithin(row.region_code, code))) fail('NOT_A_MEDIATOR', 'mediatorId')
  }
  if (input.move === 'transfer') {
    const target = await new RegionRepository(trx).get(input.townshipCode)
    if (!target || target.level !== 'township') fail('REGION_NOT_FOUND', 'townshipCode')
  }
  return input
}

/** Creates the linked 复查 / 复核 case, routed to the level above the one that replied. */
async function createReview(trx: Db, ctx: UserContext, parent: CaseRow, reason: string): Promise<CaseRow> {
  const target = reviewTarget({ stage: parent.stage as CaseStage, regionCode: parent.region_code })
  const now = ctx.now.toISOString()
  const repo = new CaseRepository(trx, ctx.services.cipher)
  const row: CaseRow = {
    ...parent,
    id: ctx.services.newId(),
    tracking_no: await newTrackingNo(repo, parent.region_code, ctx.now),
    public_id: ctx.services.newId(),
    claim_code_hash: null,
    stage: target.stage,
    parent_id: parent.id,
    description: reason,
    risk_level: parent.risk_level,
    ...freshHandling(target.handlingRegion, now)
  }
  Object.assign(row, derived(row, ctx.services.settings.deadlines))
  await repo.insert(row)
  await repo.appendEvent({ case_id: row.id, type: 'file', actor_id: ctx.userId, actor_role: 'resident', at: now, public_data: JSON.stringify({ stage: target.stage, parentTrackingNo: parent.tracking_no }), staff_data: '{}' })
  return row
}
