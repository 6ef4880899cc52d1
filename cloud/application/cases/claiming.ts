/**
 * A case filed on a resident's behalf reaches its person: the claim with the code the grid worker handed over, the
 * centre's undoing of a claim that reached the wrong person, and a new code when the first was lost. The rules are the
 * domain's (domain/petition/claims.ts); the codes are kept as keyed hashes (./claims.ts).
 */
import type { CaseDetail } from '../../../types/functions/petition'
import type { UserContext } from '../../core/context'
import { fail } from '../../core/errors'
import { once, requestKey } from '../../core/idempotency'
import { guardGuesses } from '../../core/rate-limit'
import { CaseRepository, type CaseRow } from '../../db/repositories/cases'
import { reissueDecision, undoClaimDecision, type ClaimFacts } from '../../domain/petition/claims'
import { canView, type Actor } from '../../domain/petition/policy'
import type { Notification } from '../../ports/notifier'
import { pushAfterCommit } from '../outbox'
import { claimCodeMatches, reissueClaimCode } from './claims'
import { notify } from './filing'
import { readDetail, withClaimCode } from './reads'
import { toState } from './state'
import { checkTexts } from '../content'

const claimFacts = (row: CaseRow): ClaimFacts => ({ ...toState(row), filedOnBehalf: row.filed_by_role === 'grid_worker' })
const staffRole = (actor: Actor) => actor.grants.find((g) => g.role !== 'resident')?.role ?? 'resident'

/** The caller takes the case with this number, phone and code as theirs; the code is spent. */
export async function claimCase(ctx: UserContext, claim: { trackingNo: string; contactPhone: string; claimCode: string }): Promise<CaseDetail> {
  const { db, cipher, settings } = ctx.services
  const sent: Notification[] = []
  const guess = { kind: 'claim', key: claim.trackingNo, client: ctx.client, userId: ctx.userId }
  const claimed = await guardGuesses(db, guess, settings.rateLimits.claim, ctx.now, async (trx) => {
    // A wrong phone or code, an unknown number and a case that already has its owner get the same answer: nothing leaks.
    // Found by the number and the phone's keyed hash: a wrong guess opens nothing.
    const repo = new CaseRepository(trx, cipher)
    const row = await repo.byTrackingNo(claim.trackingNo, cipher.hash(claim.contactPhone))
    if (!row || row.owner_id !== null || !claimCodeMatches(cipher, row, claim.claimCode)) return null
    // The code is spent with the claim: single use.
    const changes = { owner_id: ctx.userId, claim_code_hash: null, updated_at: ctx.now.toISOString() }
    if (!(await repo.update(row.id, row.version, changes))) fail('CONFLICT')
    await repo.appendEvent({ case_id: row.id, type: 'claim', actor_id: ctx.userId, actor_role: 'resident', at: ctx.now.toISOString(), public_data: '{}', staff_data: '{}' })
    // The grid worker who filed it learns it reached its person (or, if not, can ask the centre to undo it).
    await notify(trx, ctx, sent, { ...row, ...changes }, 'case.claimed', [row.filed_by])
    return row.id
  })
  if (!claimed) return fail('CASE_NOT_FOUND', 'trackingNo')
  pushAfterCommit(ctx.services, sent)
  return readDetail(ctx, claimed, ctx.actor, 'petition.claim')
}

/** The centre gives a claimed case back to waiting for its resident, with a new code (the used one is spent). */
export async function undoClaim(ctx: UserContext, id: string, reason: string): Promise<CaseDetail> {
  await checkTexts(ctx, { reason })
  const actor = ctx.actor
  const sent: Notification[] = []
  let code: string | undefined
  await once(ctx.services.db, requestKey(ctx, ctx.userId, 'petition', 'undoClaim'), ctx.now, async (trx) => {
    const repo = new CaseRepository(trx, ctx.services.cipher)
    const row = await repo.byIdForUpdate(id)
    if (!row || !canView(actor, toState(row))) fail('CASE_NOT_FOUND', 'id')
    const refused = undoClaimDecision(actor, claimFacts(row))
    if (refused) fail(refused)
    code = await reissueClaimCode(trx, ctx, row, { owner_id: null })
    await repo.appendEvent({ case_id: id, type: 'unclaim', actor_id: actor.userId, actor_role: staffRole(actor), at: ctx.now.toISOString(), public_data: '{}', staff_data: JSON.stringify({ reason: reason.normalize('NFC') }) })
    await notify(trx, ctx, sent, { ...row, owner_id: null }, 'case.unclaimed', [row.filed_by])
    return id
  })
  pushAfterCommit(ctx.services, sent)
  const shown = await readDetail(ctx, id, actor, 'petition.undoClaim')
  return code ? withClaimCode(ctx, shown, id, code) : shown
}

/**
 * A new claim code for an unclaimed case, the old one stops working. Not once per request id: a code is shown once,
 * so a retry must get a code that works (the newest).
 */
export async function reissueCode(ctx: UserContext, id: string): Promise<CaseDetail> {
  const actor = ctx.actor
  const code = await ctx.services.db.transaction().execute(async (trx) => {
    const row = await new CaseRepository(trx, ctx.services.cipher).byIdForUpdate(id)
    if (!row || !canView(actor, toState(row))) fail('CASE_NOT_FOUND', 'id')
    const refused = reissueDecision(actor, claimFacts(row))
    if (refused) fail(refused)
    return reissueClaimCode(trx, ctx, row)
  })
  return withClaimCode(ctx, await readDetail(ctx, id, actor, 'petition.reissueClaimCode'), id, code)
}

/**
 * A filing on someone's behalf answered again (its first answer may never have arrived): only the code's hash is kept,
 * so a new code is issued while the case is still unclaimed and still the caller's filing; the old code stops working.
 */
export async function reissueOnReplay(ctx: UserContext, id: string): Promise<string | undefined> {
  return ctx.services.db.transaction().execute(async (trx) => {
    const row = await new CaseRepository(trx, ctx.services.cipher).byIdForUpdate(id)
    return row && row.owner_id === null && row.filed_by === ctx.userId ? reissueClaimCode(trx, ctx, row) : undefined
  })
}
