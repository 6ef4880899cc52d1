/** Who may see and act on a case: the person it belongs to, and staff whose jurisdiction covers it. */
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
}

const covers = (actor: Actor, role: Role, code: string) => actor.grants.some((g) => g.role === role && g.regionCode !== null && isWithin(code, g.regionCode))

export const isOwner = (actor: Actor, c: CaseAccessFacts) => c.ownerId !== null && c.ownerId === actor.userId

/** A grid worker follows up the cases they filed for a resident. */
export const isFiler = (actor: Actor, c: CaseAccessFacts) => c.filedById === actor.userId && actor.grants.some((g) => g.role === 'grid_worker')

/** Centre staff act on cases their unit currently handles. */
export const handlesCase = (actor: Actor, c: CaseAccessFacts) => covers(actor, 'centre_staff', c.handlingRegion)

export const isAssignedMediator = (actor: Actor, c: CaseAccessFacts) => c.assigneeId === actor.userId && actor.grants.some((g) => g.role === 'mediator')

/** Staff who may read the case in full (with the resident's contact details). */
export function isStaffReader(actor: Actor, c: CaseAccessFacts): boolean {
  return (
    handlesCase(actor, c) ||
    covers(actor, 'centre_staff', c.regionCode) ||
    isAssignedMediator(actor, c) ||
    actor.grants.some((g) => g.role === 'admin')
  )
}

export function canView(actor: Actor, c: CaseAccessFacts): boolean {
  return isOwner(actor, c) || isFiler(actor, c) || isStaffReader(actor, c)
}

/** The region codes whose cases an actor's queue shows, per role. */
export function queueRegions(actor: Actor): string[] {
  return actor.grants.filter((g) => (g.role === 'centre_staff' || g.role === 'admin') && g.regionCode).map((g) => g.regionCode!)
}

/** A grid worker files for residents anywhere in the township of their grid. */
export const canFileOnBehalf = (actor: Actor, regionCode: string) =>
  actor.grants.some((g) => g.role === 'grid_worker' && g.regionCode !== null && isWithin(regionCode, g.regionCode.slice(0, 9)))
