/** petition: file a matter, follow it, and for staff, move it through the statutory steps. */
import type { Kysely, Transaction } from 'kysely'
import { petitionInput, type CaseDetail, type CaseStage } from '../../../types/functions/petition'
import { action, LONG_TEXT_BODY, type UserContext } from '../../core/context'
import { fail } from '../../core/errors'
import { once, requestKey } from '../../core/idempotency'
import { guardGuesses, spendAttempt } from '../../core/rate-limit'
import { auditReads, caseReadBasis, type Basis, type Subject } from '../../core/audit'
import type { Database } from '../../db/schema'
import { CaseRepository, type CaseListRow, type CaseRow } from '../../db/repositories/cases'
import { RegionRepository } from '../../db/repositories/regions'
import { UserRepository } from '../../db/repositories/users'
import { decide, reviewTarget, type MoveInput } from '../../domain/petition/machine'
import { canFileOnBehalf, canView, queueRegions, type Actor } from '../../domain/petition/policy'
import { reissueDecision, undoClaimDecision, type ClaimFacts } from '../../domain/petition/claims'
import { isWithin, levelOf } from '../../domain/regions'
import { derived, freshHandling, patchRow, toState } from '../../application/cases/state'
import { centreStaffFor, checkFiling, fileCase, notify, type FiledCase } from '../../application/cases/filing'
import { pushAfterCommit } from '../../application/outbox'
import { detail, EVENT_PHOTOS, eventPhotos, regionCodesOf, summary } from './view'
import { lookup } from './lookup'
import { attachPhotos, photoLinks, registerUploadedPhoto } from '../../application/files'
import type { Notification } from '../../ports/notifier'
import { erasedContact, erasesContact } from '../../domain/account/erasure'
import { claimCodeMatches, newTrackingNo, reissueClaimCode, sendClaimCode } from '../../application/cases/claims'
import { formatClaimCode } from '../../../types/tracking'

type Db = Kysely<Database> | Transaction<Database>

/** The case in full as the actor may see it; a read by anyone but its owner goes into the audit log, as `via`. */
async function readDetail(ctx: UserContext, id: string, actor: Actor, via = 'petition.get', written?: FiledCase): Promise<CaseDetail> {
  const { db, settings } = ctx.services
  const cases = new CaseRepository(db, ctx.services.cipher)
  // A case this request has just written is answered from what was written (no children, nobody assigned yet).
  const row = written?.row ?? (await cases.byId(id))
  if (!row || !canView(actor, toState(row))) fail('CASE_NOT_FOUND', 'id')
  const basis = caseReadBasis(actor, toState(row!))
  if (basis) await auditReads(db, ctx, via, basis, [{ kind: 'case', id: row!.id, personId: row!.owner_id }])
  const regions = new RegionRepository(db)
  const [events, childIds, names, paths, assignee] = await Promise.all([
    written ? written.events : cases.events(row!.id),
    written ? [] : cases.childIds(row!.id),
    regions.byCodes(regionCodesOf([row!])),
    regions.paths([row!.region_code]),
    row!.assignee_id ? new UserRepository(db).byId(row!.assignee_id) : null
  ])
  const regionPath = [...(paths.get(row!.region_code) ?? []).filter((r) => r.level !== 'province').map((r) => r.name), names.get(row!.region_code)?.name ?? '']
  const links = await photoLinks(ctx.services, [...(JSON.parse(row!.photos) as string[]), ...events.flatMap(eventPhotos)], ctx.now)
  return detail({ row: row!, events, childIds, actor, regions: names, regionPath, assigneeName: assignee?.displayName ?? null, photoUrl: (photo) => links.get(photo) ?? '', now: ctx.now, settings: settings.deadlines })
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

/** The extra facts a move needs from the database, checked before the domain decides. */
async function prepareMove(trx: Db, row: CaseRow, input: MoveInput): Promise<MoveInput> {
  if (input.move === 'assign' && input.mediatorId) {
    const grants = await trx.selectFrom('role_grants').select('region_code').where('user_id', '=', input.mediatorId).where('role', '=', 'mediator').execute()
    if (!grants.some((g) => isWithin(row.region_code, g.region_code))) fail('NOT_A_MEDIATOR', 'mediatorId')
  }
  if (input.move === 'transfer') {
    const target = await new RegionRepository(trx).get(input.townshipCode)
    if (!target || target.level !== 'township') fail('REGION_NOT_FOUND', 'townshipCode')
  }
  return input
}

async function move(ctx: UserContext, id: string, input: MoveInput): Promise<CaseDetail> {
  const { db, dbKind, settings } = ctx.services
  const actor = ctx.actor
  const sent: Notification[] = []
  await once(db, requestKey(ctx, ctx.userId, 'petition', input.move), ctx.now, async (trx) => {
    // Added information, per person per day; inside the transaction, so a refused move or a retry costs nothing.
    if (input.move === 'addInfo') await spendAttempt(trx, [`addInfo:user:${ctx.userId}`], settings.rateLimits.addInfo, ctx.now, { postgres: dbKind === 'postgres' })
    const repo = new CaseRepository(trx, ctx.services.cipher)
    const row = await repo.byIdForUpdate(id, dbKind === 'postgres')
    if (!row || !canView(actor, toState(row))) fail('CASE_NOT_FOUND', 'id')
    const checked = await prepareMove(trx, row!, input)
    const decision = decide(toState(row!), actor, checked, ctx.now, settings.deadlines)
    if (!decision.ok) return fail(decision.code)
    const changes = patchRow(row!, decision.patch, ctx.now, settings.deadlines)
    if (decision.createsReview) Object.assign(changes, { has_review_child: 1 }, derived({ ...row!, ...changes, has_review_child: 1 }, settings.deadlines))
    // A case whose person deleted their account loses its contact details in the write that closes it.
    if (erasesContact({ ...row!, ...changes })) Object.assign(changes, erasedContact())
    const updated = { ...row!, ...changes }
    if (!(await repo.update(id, row!.version, changes))) fail('CONFLICT')
    // Photos sent with added information must be the sender's own uploads, as a filing's are; they stay with the case.
    const photos = decision.event.photos ?? []
    await attachPhotos(trx, photos, actor.userId, ctx.now)
    await repo.appendEvent({
      case_id: id,
      type: decision.event.type,
      actor_id: actor.userId,
      actor_role: row!.owner_id === actor.userId ? 'resident' : actor.grants.find((g) => g.role !== 'resident')?.role ?? 'resident',
      at: ctx.now.toISOString(),
      public_data: JSON.stringify(photos.length ? { ...decision.event.publicData, [EVENT_PHOTOS]: photos } : decision.event.publicData),
      staff_data: JSON.stringify(decision.event.staffData)
    })
    await notify(trx, ctx, sent, updated, `case.${decision.event.type}`, [row!.owner_id, row!.filed_by])
    if (input.move === 'flagRisk') await notify(trx, ctx, sent, updated, 'case.risk', await centreStaffFor(trx, row!.handling_region))
    if (input.move === 'transfer' || input.move === 'escalate') await notify(trx, ctx, sent, updated, 'case.new', await centreStaffFor(trx, updated.handling_region))
    // A take-over is told to the unit it was taken from, and to the colleagues of the unit that now has it.
    if (input.move === 'takeOver') {
      await notify(trx, ctx, sent, updated, 'case.taken_over', await centreStaffFor(trx, row!.handling_region))
      await notify(trx, ctx, sent, updated, 'case.new', await centreStaffFor(trx, updated.handling_region))
    }
    if (input.move === 'assign' && input.mediatorId) await notify(trx, ctx, sent, updated, 'case.assigned_to_you', [input.mediatorId])
    if (decision.createsReview && input.move === 'requestReview') {
      const child = await createReview(trx, ctx, updated, input.reason)
      await notify(trx, ctx, sent, child, 'case.review_requested', await centreStaffFor(trx, child.handling_region))
    }
    return id
  })
  pushAfterCommit(ctx.services, sent)
  return readDetail(ctx, id, actor, `petition.${input.move}`)
}

const claimFacts = (row: CaseRow): ClaimFacts => ({ ...toState(row), filedOnBehalf: row.filed_by_role === 'grid_worker' })
const staffRole = (actor: Actor) => actor.grants.find((g) => g.role !== 'resident')?.role ?? 'resident'

/** A case answer with the claim code just issued, sent by SMS first where a sender is configured. */
async function withClaimCode(ctx: UserContext, shown: CaseDetail, id: string, code: string): Promise<CaseDetail> {
  const row = (await new CaseRepository(ctx.services.db, ctx.services.cipher).byId(id))!
  return { ...shown, claimCode: formatClaimCode(code), claimCodeSent: await sendClaimCode(ctx, row, code) }
}

/**
 * A queue page shows other people's case titles: each case on it is audited as read through petition.queue, under the
 * grant that let the caller see it, exactly as opening it would be (so "who saw case X" and "whose cases did Y see"
 * are the same questions of the log).
 */
async function auditQueue(ctx: UserContext, actor: Actor, rows: CaseListRow[]): Promise<void> {
  const groups = new Map<string, { basis: Basis; subjects: Subject[] }>()
  for (const row of rows) {
    const basis = caseReadBasis(actor, { ownerId: row.owner_id, filedById: row.filed_by, regionCode: row.region_code, handlingRegion: row.handling_region, assigneeId: row.assignee_id })
    if (!basis) continue
    const key = `${basis.role}:${basis.region ?? ''}`
    const group = groups.get(key) ?? groups.set(key, { basis, subjects: [] }).get(key)!
    group.subjects.push({ kind: 'case', id: row.id, personId: row.owner_id })
  }
  for (const { basis, subjects } of groups.values()) await auditReads(ctx.services.db, ctx, 'petition.queue', basis, subjects)
}

const cursorOf = (row: Pick<CaseRow, 'updated_at' | 'id'>) => Buffer.from(JSON.stringify({ u: row.updated_at, i: row.id })).toString('base64url')
function parseCursor(cursor: string | undefined): { updatedAt: string; id: string } | null {
  if (!cursor) return null
  try {
    const { u, i } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { u: unknown; i: unknown }
    if (typeof u === 'string' && typeof i === 'string') return { updatedAt: u, id: i }
  } catch {
    // fall through
  }
  return fail('INVALID_VALUE', 'cursor', { field: 'cursor' })
}

export const petition = {
  lookup,

  file: action({
    input: petitionInput.file,
    access: 'user',
    maxBody: LONG_TEXT_BODY,
    async run(input, ctx) {
      const { db } = ctx.services
      const actor = ctx.actor
      if (input.onBehalf && !canFileOnBehalf(actor, input.regionCode)) fail('ON_BEHALF_NOT_ALLOWED', 'onBehalf')
      const filing = await checkFiling(db, ctx, {
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
      const sent: Notification[] = []
      let written: FiledCase | undefined
      const { ref, replay } = await once(db, requestKey(ctx, ctx.userId, 'petition', 'file'), ctx.now, async (trx) => {
        // Inside the transaction: a replayed request never gets here, so a retry is not a new attempt.
        await spendAttempt(trx, [`file:user:${ctx.userId}`], ctx.services.settings.rateLimits.file, ctx.now, { postgres: ctx.services.dbKind === 'postgres' })
        written = await fileCase(trx, ctx, sent, filing)
        return written.row.id
      })
      pushAfterCommit(ctx.services, sent)
      if (!input.onBehalf) return readDetail(ctx, ref, actor, 'petition.file', replay ? undefined : written)
      // On someone's behalf: the answer carries the claim code. Only its hash is kept, so a replay (the first answer may
      // never have arrived) issues a new one while the case is still unclaimed; the old code stops working.
      let code = written?.claimCode
      if (replay) code = await db.transaction().execute(async (trx) => {
        const row = await new CaseRepository(trx, ctx.services.cipher).byIdForUpdate(ref, ctx.services.dbKind === 'postgres')
        return row && row.owner_id === null && row.filed_by === ctx.userId ? reissueClaimCode(trx, ctx, row) : undefined
      })
      const shown = await readDetail(ctx, ref, actor, 'petition.file', replay ? undefined : written)
      return code ? withClaimCode(ctx, shown, ref, code) : shown
    }
  }),

  get: action({
    input: petitionInput.get,
    access: 'user',
    run: async ({ id }, ctx) => readDetail(ctx, id, ctx.actor)
  }),

  mine: action({
    input: petitionInput.mine,
    access: 'user',
    async run({ cursor, limit }, ctx) {
      const { db, settings } = ctx.services
      const size = limit ?? 20
      const rows = await new CaseRepository(db, ctx.services.cipher).mine(ctx.userId, size + 1, parseCursor(cursor))
      const page = rows.slice(0, size)
      const names = await new RegionRepository(db).byCodes(regionCodesOf(page))
      return { items: page.map((r) => summary(r, names, ctx.now, settings.deadlines)), nextCursor: rows.length > size ? cursorOf(page[page.length - 1]) : null }
    }
  }),

  queue: action({
    input: petitionInput.queue,
    access: 'user',
    async run(filter, ctx) {
      const { db, settings } = ctx.services
      const actor = ctx.actor
      const jurisdictions = queueRegions(actor)
      const mediator = actor.grants.some((g) => g.role === 'mediator')
      if (!jurisdictions.length && !mediator) fail('FORBIDDEN')
      if (filter.regionCode && jurisdictions.length && !jurisdictions.some((j) => isWithin(filter.regionCode!, j) || levelOf(filter.regionCode!) === null)) fail('FORBIDDEN', 'regionCode')
      const { rows, total, totalCapped } = await new CaseRepository(db, ctx.services.cipher).queue({
        jurisdictions: jurisdictions.length ? jurisdictions : ['44'],
        assigneeId: jurisdictions.length ? undefined : actor.userId,
        status: filter.status,
        kind: filter.kind,
        regionCode: filter.regionCode,
        open: filter.status ? undefined : filter.open ?? true,
        limit: filter.limit ?? 20,
        offset: filter.offset ?? 0
      })
      const [names] = await Promise.all([new RegionRepository(db).byCodes(regionCodesOf(rows)), auditQueue(ctx, actor, rows)])
      const offset = (filter.offset ?? 0) + rows.length
      const more = rows.length === (filter.limit ?? 20) && (offset < total || totalCapped)
      return { items: rows.map((r) => summary(r, names, ctx.now, settings.deadlines)), nextCursor: more ? String(offset) : null, total, totalCapped }
    }
  }),

  claim: action({
    input: petitionInput.claim,
    access: 'user',
    async run({ trackingNo, contactPhone, claimCode }, ctx) {
      const { db, cipher, settings, dbKind } = ctx.services
      const actor = ctx.actor
      const sent: Notification[] = []
      const guess = { kind: 'claim', key: trackingNo, client: ctx.client, userId: ctx.userId }
      const claimed = await guardGuesses(db, guess, settings.rateLimits.claim, ctx.now, dbKind === 'postgres', async (trx) => {
        // A wrong phone or code, an unknown number and a case that already has its owner get the same answer: nothing leaks.
        // Found by the number and the phone's keyed hash: a wrong guess opens nothing.
        const repo = new CaseRepository(trx, cipher)
        const row = await repo.byTrackingNo(trackingNo, cipher.hash(contactPhone))
        if (!row || row.owner_id !== null || !claimCodeMatches(cipher, row, claimCode)) return null
        // The code is spent with the claim: single use.
        const changes = { owner_id: ctx.userId, claim_code_hash: null, updated_at: ctx.now.toISOString() }
        if (!(await repo.update(row.id, row.version, changes))) fail('CONFLICT')
        await repo.appendEvent({ case_id: row.id, type: 'claim', actor_id: ctx.userId, actor_role: 'resident', at: ctx.now.toISOString(), public_data: '{}', staff_data: '{}' })
        // The grid worker who filed it learns it reached its person (or, if not, can ask the centre to undo it).
        await notify(trx, ctx, sent, { ...row, ...changes }, 'case.claimed', [row.filed_by])
        return row.id
      })
      if (!claimed) fail('CASE_NOT_FOUND', 'trackingNo')
      pushAfterCommit(ctx.services, sent)
      return readDetail(ctx, claimed!, actor, 'petition.claim')
    }
  }),

  undoClaim: action({
    input: petitionInput.undoClaim,
    access: 'user',
    async run({ id, reason }, ctx) {
      const { db, dbKind } = ctx.services
      const actor = ctx.actor
      const sent: Notification[] = []
      let code: string | undefined
      await once(db, requestKey(ctx, ctx.userId, 'petition', 'undoClaim'), ctx.now, async (trx) => {
        const repo = new CaseRepository(trx, ctx.services.cipher)
        const row = await repo.byIdForUpdate(id, dbKind === 'postgres')
        if (!row || !canView(actor, toState(row))) fail('CASE_NOT_FOUND', 'id')
        const refused = undoClaimDecision(actor, claimFacts(row!))
        if (refused) fail(refused)
        // Back to waiting for its resident, with a new code (the one that was used is spent).
        code = await reissueClaimCode(trx, ctx, row!, { owner_id: null })
        await repo.appendEvent({ case_id: id, type: 'unclaim', actor_id: actor.userId, actor_role: staffRole(actor), at: ctx.now.toISOString(), public_data: '{}', staff_data: JSON.stringify({ reason: reason.normalize('NFC') }) })
        await notify(trx, ctx, sent, { ...row!, owner_id: null }, 'case.unclaimed', [row!.filed_by])
        return id
      })
      pushAfterCommit(ctx.services, sent)
      const shown = await readDetail(ctx, id, actor, 'petition.undoClaim')
      return code ? withClaimCode(ctx, shown, id, code) : shown
    }
  }),

  reissueClaimCode: action({
    input: petitionInput.reissueClaimCode,
    access: 'user',
    async run({ id }, ctx) {
      const { db, dbKind } = ctx.services
      const actor = ctx.actor
      // Not once per request id: a code is shown once, so a retry must get a code that works (the newest).
      const code = await db.transaction().execute(async (trx) => {
        const row = await new CaseRepository(trx, ctx.services.cipher).byIdForUpdate(id, dbKind === 'postgres')
        if (!row || !canView(actor, toState(row))) fail('CASE_NOT_FOUND', 'id')
        const refused = reissueDecision(actor, claimFacts(row!))
        if (refused) fail(refused)
        return reissueClaimCode(trx, ctx, row!)
      })
      return withClaimCode(ctx, await readDetail(ctx, id, actor, 'petition.reissueClaimCode'), id, code)
    }
  }),

  mediators: action({
    input: petitionInput.mediators,
    access: 'user',
    async run({ id }, ctx) {
      const { db } = ctx.services
      const actor = ctx.actor
      const row = await new CaseRepository(db, ctx.services.cipher).byId(id)
      if (!row || !canView(actor, toState(row))) fail('CASE_NOT_FOUND', 'id')
      const grants = await db
        .selectFrom('role_grants')
        .innerJoin('users', 'users.id', 'role_grants.user_id')
        .select(['users.id', 'users.display_name', 'role_grants.region_code'])
        .where('role_grants.role', '=', 'mediator')
        .execute()
      const eligible = grants.filter((g) => isWithin(row!.region_code, g.region_code))
      const names = await new RegionRepository(db).byCodes(eligible.map((g) => g.region_code))
      return eligible.map((g) => ({ id: g.id, name: g.display_name, regionName: names.get(g.region_code)?.name ?? '' }))
    }
  }),

  registerPhoto: action({
    input: petitionInput.registerPhoto,
    access: 'user',
    run: ({ fileId }, ctx) => registerUploadedPhoto(ctx.services, ctx.userId, fileId, ctx.now)
  }),

  addInfo: action({ input: petitionInput.addInfo, access: 'user', maxBody: LONG_TEXT_BODY, run: ({ id, text, photos }, ctx) => move(ctx, id, { move: 'addInfo', text: text.normalize('NFC'), photos: photos ?? [] }) }),
  withdraw: action({ input: petitionInput.withdraw, access: 'user', run: ({ id, reason }, ctx) => move(ctx, id, { move: 'withdraw', reason }) }),
  rate: action({ input: petitionInput.rate, access: 'user', run: ({ id, rating, comment }, ctx) => move(ctx, id, { move: 'rate', rating, comment }) }),
  requestReview: action({ input: petitionInput.requestReview, access: 'user', maxBody: LONG_TEXT_BODY, run: ({ id, reason }, ctx) => move(ctx, id, { move: 'requestReview', reason }) }),
  accept: action({ input: petitionInput.accept, access: 'user', run: ({ id, note }, ctx) => move(ctx, id, { move: 'accept', note }) }),
  decline: action({ input: petitionInput.decline, access: 'user', run: ({ id, reason, otherRoutes }, ctx) => move(ctx, id, { move: 'decline', reason, otherRoutes }) }),
  assign: action({ input: petitionInput.assign, access: 'user', run: ({ id, mediatorId, department }, ctx) => move(ctx, id, { move: 'assign', mediatorId, department }) }),
  transfer: action({ input: petitionInput.transfer, access: 'user', run: ({ id, townshipCode, reason }, ctx) => move(ctx, id, { move: 'transfer', townshipCode, reason }) }),
  escalate: action({
    input: petitionInput.escalate,
    access: 'user',
    async run({ id, level, reason }, ctx) {
      const row = (await new CaseRepository(ctx.services.db, ctx.services.cipher).byId(id)) ?? fail('CASE_NOT_FOUND', 'id')
      return move(ctx, id, { move: 'escalate', level, reason, regionCode: row.region_code.slice(0, level === 'county' ? 6 : 4) })
    }
  }),
  extend: action({ input: petitionInput.extend, access: 'user', run: ({ id, days, reason }, ctx) => move(ctx, id, { move: 'extend', days, reason }) }),
  recordSession: action({ input: petitionInput.recordSession, access: 'user', maxBody: LONG_TEXT_BODY, run: ({ id, date, participants, notes }, ctx) => move(ctx, id, { move: 'recordSession', date, participants, notes }) }),
  flagRisk: action({ input: petitionInput.flagRisk, access: 'user', run: ({ id, note }, ctx) => move(ctx, id, { move: 'flagRisk', note }) }),
  closeMediation: action({
    input: petitionInput.closeMediation,
    access: 'user',
    maxBody: LONG_TEXT_BODY,
    run: ({ id, ...rest }, ctx) => move(ctx, id, { move: 'closeMediation', ...rest })
  }),
  close: action({ input: petitionInput.close, access: 'user', maxBody: LONG_TEXT_BODY, run: ({ id, opinion }, ctx) => move(ctx, id, { move: 'close', opinion }) }),
  takeOver: action({ input: petitionInput.takeOver, access: 'user', run: ({ id, reason }, ctx) => move(ctx, id, { move: 'takeOver', reason }) })
}
