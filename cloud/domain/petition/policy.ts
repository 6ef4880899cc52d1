/**
 * Who may see and act on a case. Acting is for the unit that handles it: a township's case is the township centre's
 * until it is transferred, escalated or taken over (提级办理) by a higher level. Higher levels read what lies in their
 * jurisdiction (audited), but they act only once the case is theirs.
 */
import type { Role } from '../../../types/roles'
import { isWithin } from '../regions'

export interface Grant {
  role: Role
  regionCode: string | null
}

export interface Actor {
  userId: string
  grants: Grant[]
}

/** The facts about a case that rights depend on. */
export interface CaseAccessFacts {
  ownerId: string | null
  filedById: string
  regionCode: string
  handlingRegion: string
  assigneeId: string | null
  /** The other party of a dispute, once they joined the case by invitation (absent: nobody joined). */
  respondentId?: string | null
}

const covers = (actor: Actor, role: Role, code: string) => actor.grants.some((g) => g.role === role && g.regionCode !== null && isWithin(code, g.regionCode))

export const isOwner = (actor: Actor, c: CaseAccessFacts) => c.ownerId !== null && c.ownerId === actor.userId

/**
 * The other party of a dispute (被申请人), joined by invitation: a party of this case only. They see the dispute, the
 * mediator and the schedule, never the applicant's contact details, address or private photos (application/cases/view).
 */
export const isRespondent = (actor: Actor, c: CaseAccessFacts) => Boolean(c.respondentId) && c.respondentId === actor.userId

/** The side a person takes in a case: its applicant (owner) or its respondent; null for anyone else. */
export function sideIn(actor: Actor, c: CaseAccessFacts): 'applicant' | 'respondent' | null {
  if (isOwner(actor, c)) return 'applicant'
  if (isRespondent(actor, c)) return 'respondent'
  return null
}

/** A grid worker follows up the cases they filed for a resident. */
export const isFiler = (actor: Actor, c: CaseAccessFacts) => c.filedById === actor.userId && actor.grants.some((g) => g.role === 'grid_worker')

/** The handling unit's staff: a centre_staff grant for exactly the unit that handles the case now, not a level above it. */
export const handlesCase = (actor: Actor, c: CaseAccessFacts) => actor.grants.some((g) => g.role === 'centre_staff' && g.regionCode === c.handlingRegion)

/** Centre staff above or at the case: its handling unit or its village lies in their jurisdiction (they may read it). */
export const overseesCase = (actor: Actor, c: CaseAccessFacts) => covers(actor, 'centre_staff', c.handlingRegion) || covers(actor, 'centre_staff', c.regionCode)

/** The levels that may take a case over from a unit below them (提级办理): a county's or a city's centre. */
const TAKE_OVER_LEVELS = [4, 6]

/**
 * The unit that takes a case over when this actor does: their nearest county or city centre above the unit handling it
 * now; null when they have none (they handle it already, or it is not below them).
 */
export function takeOverUnit(actor: Actor, c: CaseAccessFacts): string | null {
  const units = actor.grants
    .filter((g) => g.role === 'centre_staff' && g.regionCode !== null && TAKE_OVER_LEVELS.includes(g.regionCode.length))
    .map((g) => g.regionCode!)
    .filter((code) => code !== c.handlingRegion && isWithin(c.handlingRegion, code))
  return units.sort((a, b) => b.length - a.length)[0] ?? null
}

export const canTakeOver = (actor: Actor, c: CaseAccessFacts) => takeOverUnit(actor, c) !== null

export const isAssignedMediator = (actor: Actor, c: CaseAccessFacts) => c.assigneeId === actor.userId && actor.grants.some((g) => g.role === 'mediator')

/** Staff who may read the case in full (with the resident's contact details). */
export function isStaffReader(actor: Actor, c: CaseAccessFacts): boolean {
  return (
    handlesCase(actor, c) ||
    overseesCase(actor, c) ||
    isAssignedMediator(actor, c) ||
    actor.grants.some((g) => g.role === 'admin')
  )
}

export function canView(actor: Actor, c: CaseAccessFacts): boolean {
  return isOwner(actor, c) || isFiler(actor, c) || isRespondent(actor, c) || isStaffReader(actor, c)
}

/**
 * The grant under which a non-owner reads a case in full, for the audit log, in this order: its handling unit, a
 * jurisdiction over its handling unit or its village, its assigned mediator, an admin, the grid worker who filed it.
 * Null for its owner and its respondent (a party's read of their own case is not audited, and shows them no one's
 * contact details) and for anyone the policy does not let read it.
 */
export function readBasis(actor: Actor, c: CaseAccessFacts): Grant | null {
  if (isOwner(actor, c)) return null
  if (isRespondent(actor, c) && !isStaffReader(actor, c)) return null
  const first = (role: Role, test: (g: Grant) => boolean = () => true) => actor.grants.find((g) => g.role === role && test(g))
  const within = (code: string) => (g: Grant) => g.regionCode !== null && isWithin(code, g.regionCode)
  return (
    first('centre_staff', (g) => g.regionCode === c.handlingRegion) ??
    first('centre_staff', within(c.handlingRegion)) ??
    first('centre_staff', within(c.regionCode)) ??
    (isAssignedMediator(actor, c) ? first('mediator') : undefined) ??
    first('admin') ??
    (isFiler(actor, c) ? first('grid_worker') : undefined) ??
    null
  )
}

/** The region codes whose cases an actor's queue shows, per role. */
export function queueRegions(actor: Actor): string[] {
  return actor.grants.filter((g) => (g.role === 'centre_staff' || g.role === 'admin') && g.regionCode).map((g) => g.regionCode!)
}

/** A grid worker files for residents anywhere in the township of their grid. */
export const canFileOnBehalf = (actor: Actor, regionCode: string) =>
  actor.grants.some((g) => g.role === 'grid_worker' && g.regionCode !== null && isWithin(regionCode, g.regionCode.slice(0, 9)))
