/**
 * The parties of a dispute (issue #17): the applicant who filed it (its owner) and the other party, who joins by
 * invitation and is then the case's respondent, of that case only. Who may see what follows the case policy
 * (domain/petition/policy: isOwner, isRespondent); this is where the application asks which side someone is on.
 */
import type { HandlerContext } from '../../core/context'
import { CaseRepository } from '../../db/repositories/cases'
import { sideIn } from '../../domain/petition/policy'
import { toState } from './state'

export type Side = 'applicant' | 'respondent'

/** The side the caller is on in a case: its applicant, its respondent, or null (not a party, or no such case). */
export async function partyOf(ctx: HandlerContext, caseId: string): Promise<Side | null> {
  if (!ctx.actor) return null
  const row = await new CaseRepository(ctx.services.db, ctx.services.cipher).byId(caseId)
  return row ? sideIn(ctx.actor, toState(row)) : null
}
