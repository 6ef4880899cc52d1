/**
 * Claiming a case filed on a resident's behalf (代办): who may issue a new claim code and who may undo a wrong claim,
 * and when. A case filed on someone's behalf is claimed with its tracking number, its phone and a one-time claim code
 * only the resident was given; the other party of a dispute usually knows the first two.
 */
import type { ErrorCode } from '../../../types/errors'
import { ERASED_USER_ID } from '../account/erasure'
import { handlesCase, isFiler, type Actor, type CaseAccessFacts } from './policy'

export interface ClaimFacts extends CaseAccessFacts {
  /** Filed by a grid worker for a resident (filed_by_role = grid_worker). */
  filedOnBehalf: boolean
}

/** The grid worker who filed it, or the centre handling it, may hand out a new code while nobody has claimed it. */
export function reissueDecision(actor: Actor, c: ClaimFacts): ErrorCode | null {
  if (!isFiler(actor, c) && !handlesCase(actor, c)) return 'FORBIDDEN'
  if (!c.filedOnBehalf || c.ownerId !== null) return 'ILLEGAL_MOVE'
  return null
}

/**
 * The centre handling it undoes a claim made with a leaked code: the case goes back to waiting for its resident (a new
 * code is issued with the undo). A deleted account's detached case has nobody to take it from.
 */
export function undoClaimDecision(actor: Actor, c: ClaimFacts): ErrorCode | null {
  if (!handlesCase(actor, c)) return 'FORBIDDEN'
  if (!c.filedOnBehalf || c.ownerId === null || c.ownerId === ERASED_USER_ID) return 'ILLEGAL_MOVE'
  return null
}

/** The claim actions the viewer may take now, for the case page's `can`. */
export const claimActions = (actor: Actor, c: ClaimFacts): string[] => [
  ...(reissueDecision(actor, c) === null ? ['reissueClaimCode'] : []),
  ...(undoClaimDecision(actor, c) === null ? ['undoClaim'] : [])
]
