/**
 * The case state machine: every allowed move, who may make it, and what it records.
 * Pure: it is given the case, the actor, the time and the settings, and returns a decision.
 */
import type { CaseStage, CaseStatus, Outcome, Rating } from '../../../types/functions/petition'
import type { ErrorCode } from '../../../types/errors'
import { acceptanceDue, handlingDue, reviewRequestDue, transferObjectionDue, type DeadlineSettings } from './deadlines'
import { canTakeOver, handlesCase, isAssignedMediator, isFiler, isOwner, takeOverUnit, type Actor, type CaseAccessFacts } from './policy'

export interface CaseState extends CaseAccessFacts {
  status: CaseStatus
  stage: CaseStage
  filedAt: Date
  /** When the current handling unit received the case (filing, transfer or escalation). */
  routedAt: Date
  acceptedAt: Date | null
  closedAt: Date | null
  extendedDays: number
  outcome: Outcome | null
  rating: Rating | null
  riskLevel: number
  /** A 复查/复核 has already been asked for on this case. */
  hasReviewChild: boolean
}

export type MoveInput =
  | { move: 'accept'; note?: string }
  | { move: 'decline'; reason: string; otherRoutes: string }
  | { move: 'assign'; mediatorId?: string; department?: string }
  | { move: 'transfer'; townshipCode: string; reason: string }
  | { move: 'escalate'; regionCode: string; level: 'county' | 'city'; reason: string }
  | { move: 'extend'; days: number; reason: string }
  | { move: 'recordSession'; date: string; participants: string; notes: string }
  | { move: 'flagRisk'; note: string }
  | { move: 'closeMediation'; success: boolean; agreement?: string; partiesConfirmed?: boolean; otherRoutes?: string }
  | { move: 'close'; opinion: string }
  | { move: 'addInfo'; text: string; photos: string[] }
  | { move: 'withdraw'; reason?: string }
  | { move: 'rate'; rating: Rating; comment?: string }
  | { move: 'requestReview'; reason: string }
  | { move: 'takeOver'; reason: string }

export type Move = MoveInput['move']

/** What a move changes; undefined fields stay as they are. */
export interface CasePatch {
  status?: CaseStatus
  handlingRegion?: string
  routedAt?: Date
  acceptedAt?: Date
  closedAt?: Date
  assigneeId?: string | null
  department?: string | null
  extendedDays?: number
  outcome?: Outcome
  rating?: Rating
  ratingComment?: string | null
  riskLevel?: number
}

export interface MoveEvent {
  type: Move
  /** Shown to the resident on the timeline. Internal notes (mediation notes) are for staff only. */
  publicData: Record<string, string | number | boolean | null>
  staffData: Record<string, string | number | boolean | null>
  /** Photos the step brings to the case (added information), shown with it on the timeline to whoever sees the case. */
  photos?: string[]
}

export type Decision = { ok: true; patch: CasePatch; event: MoveEvent; createsReview: boolean } | { ok: false; code: ErrorCode }

type Who = (actor: Actor, c: CaseState) => boolean

const OPEN: CaseStatus[] = ['submitted', 'accepted', 'assigned']

export const MOVES: Record<Move, { from: CaseStatus[]; who: Who }> = {
  accept: { from: ['submitted'], who: handlesCase },
  decline: { from: ['submitted'], who: handlesCase },
  transfer: { from: ['submitted'], who: handlesCase },
  assign: { from: ['accepted', 'assigned'], who: handlesCase },
  escalate: { from: OPEN, who: handlesCase },
  extend: { from: ['accepted', 'assigned'], who: handlesCase },
  close: { from: ['accepted', 'assigned'], who: handlesCase },
  recordSession: { from: ['assigned'], who: isAssignedMediator },
  closeMediation: { from: ['assigned'], who: isAssignedMediator },
  flagRisk: { from: OPEN, who: (a, c) => isAssignedMediator(a, c) || handlesCase(a, c) },
  addInfo: { from: OPEN, who: (a, c) => isOwner(a, c) || isFiler(a, c) },
  withdraw: { from: ['submitted'], who: isOwner },
  rate: { from: ['closed'], who: isOwner },
  requestReview: { from: ['closed'], who: isOwner },
  // 提级办理: a county or city centre takes an open case of a unit below it; the case is theirs from then on.
  takeOver: { from: OPEN, who: canTakeOver }
}

/** Moves that the state allows but that would be refused anyway (once only, or final): not offered as buttons. */
const SPENT: Partial<Record<Move, (c: CaseState) => boolean>> = {
  rate: (c) => c.rating !== null,
  extend: (c) => c.extendedDays > 0,
  requestReview: (c) => c.hasReviewChild || c.stage === 'rereview'
}

/** The moves an actor may make on a case now (for showing buttons); decide() has the last word. */
export function allowedMoves(c: CaseState, actor: Actor): Move[] {
  return (Object.keys(MOVES) as Move[]).filter((m) => MOVES[m].from.includes(c.status) && MOVES[m].who(actor, c) && !SPENT[m]?.(c))
}

/** The deadline that matters next, and which one it is. */
export function nextDeadline(c: CaseState, s: DeadlineSettings): { at: Date; kind: 'acceptance' | 'handling' | 'review_request' } | null {
  if (c.status === 'submitted') return { at: acceptanceDue(c.routedAt, s), kind: 'acceptance' }
  if ((c.status === 'accepted' || c.status === 'assigned') && c.acceptedAt) return { at: handlingDue(c.acceptedAt, c.stage, c.extendedDays, s), kind: 'handling' }
  if (c.status === 'closed' && c.closedAt && c.stage !== 'rereview' && !c.hasReviewChild) return { at: reviewRequestDue(c.closedAt, s), kind: 'review_request' }
  return null
}

const fail = (code: ErrorCode): Decision => ({ ok: false, code })
const done = (patch: CasePatch, type: Move, publicData: MoveEvent['publicData'], staffData: MoveEvent['staffData'] = {}, createsReview = false): Decision => ({
  ok: true,
  patch,
  event: { type, publicData, staffData },
  createsReview
})

export function decide(c: CaseState, actor: Actor, input: MoveInput, now: Date, s: DeadlineSettings): Decision {
  const rule = MOVES[input.move]
  if (!rule.who(actor, c)) return fail('FORBIDDEN')
  if (!rule.from.includes(c.status)) return fail('ILLEGAL_MOVE')

  switch (input.move) {
    case 'accept':
      return done({ status: 'accepted', acceptedAt: now }, 'accept', { note: input.note ?? null, handlingDue: handlingDue(now, c.stage, 0, s).toISOString() })
    case 'decline':
      return done({ status: 'declined', closedAt: now }, 'decline', { reason: input.reason, otherRoutes: input.otherRoutes })
    case 'transfer':
      if (input.townshipCode === c.handlingRegion) return fail('INVALID_VALUE')
      if (now.getTime() > transferObjectionDue(c.routedAt, s).getTime()) return fail('TRANSFER_WINDOW_CLOSED')
      return done({ handlingRegion: input.townshipCode, routedAt: now }, 'transfer', { to: input.townshipCode, reason: input.reason })
    case 'assign':
      if (!input.mediatorId === !input.department) return fail('INVALID_VALUE')
      return done({ status: 'assigned', assigneeId: input.mediatorId ?? null, department: input.department ?? null }, 'assign', {
        department: input.department ?? null,
        mediator: input.mediatorId ? true : null
      })
    case 'escalate':
      return done({ handlingRegion: input.regionCode, routedAt: now, status: c.status === 'assigned' ? 'accepted' : c.status, assigneeId: null }, 'escalate', {
        to: input.regionCode,
        level: input.level,
        reason: input.reason
      })
    case 'extend':
      if (c.extendedDays > 0) return fail('EXTENSION_USED')
      if (input.days > s.maxExtensionDays) return fail('INVALID_VALUE')
      return done({ extendedDays: input.days }, 'extend', { days: input.days, reason: input.reason, handlingDue: handlingDue(c.acceptedAt!, c.stage, input.days, s).toISOString() })
    case 'close':
      return done({ status: 'closed', closedAt: now, outcome: 'opinion' }, 'close', { opinion: input.opinion })
    case 'recordSession':
      // The parties' privacy (人民调解法 Art. 23): session notes stay with staff.
      return done({}, 'recordSession', { date: input.date }, { participants: input.participants, notes: input.notes })
    case 'closeMediation':
      if (input.success) {
        if (!input.agreement || input.partiesConfirmed !== true) return fail('AGREEMENT_REQUIRED')
        return done({ status: 'closed', closedAt: now, outcome: 'mediation_success' }, 'closeMediation', { success: true, agreement: input.agreement, partiesConfirmed: true })
      }
      if (!input.otherRoutes) return fail('ROUTES_REQUIRED')
      return done({ status: 'closed', closedAt: now, outcome: 'mediation_failed' }, 'closeMediation', { success: false, otherRoutes: input.otherRoutes })
    case 'flagRisk':
      // 人民调解法 Art. 25: a dispute that may turn violent is raised to the centre at once.
      return done({ riskLevel: Math.max(c.riskLevel, 2) }, 'flagRisk', {}, { note: input.note })
    case 'addInfo': {
      const photos = [...new Set(input.photos)]
      return { ok: true, patch: {}, event: { type: 'addInfo', publicData: { text: input.text, photos: photos.length }, staffData: {}, photos }, createsReview: false }
    }
    case 'withdraw':
      return done({ status: 'withdrawn', closedAt: now }, 'withdraw', { reason: input.reason ?? null })
    case 'rate':
      if (c.rating) return fail('ALREADY_RATED')
      return done({ rating: input.rating, ratingComment: input.comment ?? null }, 'rate', { rating: input.rating, comment: input.comment ?? null })
    case 'takeOver': {
      // The unit below is told and the resident sees it with its reason; the deadlines keep running (no time is won).
      const unit = takeOverUnit(actor, c)!
      return done({ handlingRegion: unit, status: c.status === 'assigned' ? 'accepted' : c.status, assigneeId: null, department: null }, 'takeOver', {
        from: c.handlingRegion,
        to: unit,
        takenBy: unit.length === 6 ? 'county' : 'city',
        reason: input.reason
      })
    }
    case 'requestReview': {
      // Art. 36: after 复核 the same matter is not accepted again.
      if (c.stage === 'rereview') return fail('MATTER_FINAL')
      if (c.hasReviewChild) return fail('REVIEW_ALREADY_REQUESTED')
      if (c.outcome === null) return fail('ILLEGAL_MOVE')
      if (now.getTime() > reviewRequestDue(c.closedAt!, s).getTime()) return fail('REVIEW_WINDOW_CLOSED')
      return done({}, 'requestReview', { reason: input.reason, stage: c.stage === 'original' ? 'review' : 'rereview' }, {}, true)
    }
  }
}

/** Where a 复查 goes (the county above the township that replied) and a 复核 (the city above that). */
export function reviewTarget(c: Pick<CaseState, 'stage' | 'regionCode'>): { stage: CaseStage; handlingRegion: string } {
  return c.stage === 'original' ? { stage: 'review', handlingRegion: c.regionCode.slice(0, 6) } : { stage: 'rereview', handlingRegion: c.regionCode.slice(0, 4) }
}
