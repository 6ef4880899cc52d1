/**
 * Both parties at the table (人民调解法): pure rules, no I/O.
 * - Consent (Art. 17): mediation needs both parties. The applicant consents by filing a dispute for mediation; the
 *   other party, once joined, accepts or declines. A clear refusal means no mediation: the case ends as 调解不成 and the
 *   centre tells both parties their other routes (Art. 26).
 * - Art. 23: a party may ask for another mediator, and may ask to end the mediation at any time; an end asked for ends
 *   it (the same Art. 26 ending).
 * - Sessions (调解会): scheduled by the assigned mediator; each party confirms or asks for another time; confirmed when
 *   both confirmed; attendance is recorded once it has started.
 * - Invitations: a one-time code, usable until it expires, by one person, who is not the applicant.
 */
import type { CaseStatus } from '../../../types/functions/petition'
import type { ErrorCode } from '../../../types/errors'
import { handlesCase, isAssignedMediator, isOwner, isRespondent, type Actor, type CaseAccessFacts } from './policy'

export type Side = 'applicant' | 'respondent'
export type Consent = 'pending' | 'accepted' | 'declined'
export type SessionStatus = 'proposed' | 'confirmed' | 'rescheduling' | 'held' | 'cancelled'
export type SessionAnswer = 'pending' | 'confirmed' | 'another_time'
export type SessionMode = 'in_person' | 'phone' | 'video'

export interface PartiesCase extends CaseAccessFacts {
  status: CaseStatus
  kind: string
}

/** Where mediation with both parties happens: a dispute the centre accepted (and possibly assigned), not yet closed. */
export const inMediation = (c: Pick<PartiesCase, 'status' | 'kind'>) => c.kind === 'dispute' && (c.status === 'accepted' || c.status === 'assigned')

/** Who may invite the other party (and see the invitation's state): the handling unit's staff and the assigned mediator. */
export const canInvite = (actor: Actor, c: PartiesCase) => handlesCase(actor, c) || isAssignedMediator(actor, c)

/** The days an invitation is usable, per setting. */
export interface PartySettings {
  /** Days an invitation code can be used. */
  invitationDays: number
  /** Hours the parties have to answer a session (confirm or ask for another time); at most until it starts. */
  answerHours: number
  /** Hours before the answer time ends at which a party who has not answered is reminded. */
  answerReminderHours: number
  /** Hours before a confirmed session starts at which both parties are reminded. */
  sessionReminderHours: number
}

export const DEFAULT_PARTY_SETTINGS: PartySettings = { invitationDays: 14, answerHours: 48, answerReminderHours: 24, sessionReminderHours: 24 }

export const invitationExpiry = (now: Date, s: PartySettings) => new Date(now.getTime() + s.invitationDays * 86_400_000)

export interface InvitationFacts {
  expiresAt: Date
  usedAt: Date | null
  usedBy: string | null
  revokedAt: Date | null
}

/**
 * Whether a person may join with an invitation: not used (or used by them already — a retry), not replaced, not
 * expired, a case still in mediation, and not their own case. Every refusal is the same to the caller (an unknown code).
 */
export function joinable(inv: InvitationFacts, c: PartiesCase, actor: Actor, now: Date): 'join' | 'already' | 'refuse' {
  if (inv.usedAt) return inv.usedBy === actor.userId && isRespondent(actor, c) ? 'already' : 'refuse'
  if (inv.revokedAt || now.getTime() >= inv.expiresAt.getTime()) return 'refuse'
  if (!inMediation(c) || isOwner(actor, c) || c.respondentId) return 'refuse'
  return 'join'
}

export interface PartyFacts {
  side: Side
  consent: Consent
  anotherMediatorAt: Date | null
  endRequestedAt: Date | null
}

export type PartyMove = { move: 'accept' } | { move: 'decline'; reason?: string } | { move: 'anotherMediator'; reason: string } | { move: 'endMediation'; reason?: string }

/** What a party's step changes: their row, and whether the mediation ends with it (Arts. 17, 26). */
export type PartyDecision =
  | { ok: true; party: Partial<{ consent: Consent; consentAt: Date; anotherMediatorAt: Date; endRequestedAt: Date }>; endsMediation: boolean; event: Record<string, string | null> }
  | { ok: false; code: ErrorCode }

export function decideParty(c: PartiesCase, actor: Actor, party: PartyFacts | null, input: PartyMove, now: Date): PartyDecision {
  const side: Side | null = isOwner(actor, c) ? 'applicant' : isRespondent(actor, c) ? 'respondent' : null
  if (!side) return { ok: false, code: 'FORBIDDEN' }
  if (!inMediation(c)) return { ok: false, code: 'ILLEGAL_MOVE' }
  const consent = side === 'applicant' ? 'accepted' : party?.consent ?? 'pending'
  switch (input.move) {
    case 'accept':
      // Only the other party answers the invitation to mediate; once.
      if (side !== 'respondent' || consent !== 'pending') return { ok: false, code: 'ILLEGAL_MOVE' }
      return { ok: true, party: { consent: 'accepted', consentAt: now }, endsMediation: false, event: { side } }
    case 'decline':
      // Art. 17: a clear refusal means no mediation; Art. 26: the case ends and both are told their other routes.
      if (side !== 'respondent' || consent !== 'pending') return { ok: false, code: 'ILLEGAL_MOVE' }
      return { ok: true, party: { consent: 'declined', consentAt: now }, endsMediation: true, event: { side, reason: input.reason ?? null } }
    case 'anotherMediator':
      if (consent === 'declined') return { ok: false, code: 'ILLEGAL_MOVE' }
      return { ok: true, party: { anotherMediatorAt: now }, endsMediation: false, event: { side, reason: input.reason } }
    case 'endMediation':
      // Either party, at any time while it lasts (Art. 23).
      return { ok: true, party: { endRequestedAt: now }, endsMediation: true, event: { side, reason: input.reason ?? null } }
  }
}

export interface SessionFacts {
  status: SessionStatus
  startsAt: Date
  applicant: SessionAnswer
  respondent: SessionAnswer
}

/** The session's status from the two answers (while it is still to be held). */
export function statusFromAnswers(applicant: SessionAnswer, respondent: SessionAnswer): SessionStatus {
  if (applicant === 'another_time' || respondent === 'another_time') return 'rescheduling'
  if (applicant === 'confirmed' && respondent === 'confirmed') return 'confirmed'
  return 'proposed'
}

const OPEN_SESSION: SessionStatus[] = ['proposed', 'confirmed', 'rescheduling']

/** Who schedules, moves, cancels a session and records attendance: the assigned mediator of a case in mediation. */
export const canRunSessions = (actor: Actor, c: PartiesCase) => isAssignedMediator(actor, c) && c.status === 'assigned' && c.kind === 'dispute'

/**
 * A new session (or a session moved to a new time): in the future, and only with the other party present and
 * consenting (Art. 17) — before that there is nobody to meet.
 */
export function checkSchedule(c: PartiesCase, actor: Actor, respondentConsent: Consent | null, startsAt: Date, now: Date): ErrorCode | null {
  if (!isAssignedMediator(actor, c)) return 'FORBIDDEN'
  if (!canRunSessions(actor, c)) return 'ILLEGAL_MOVE'
  if (respondentConsent !== 'accepted') return 'PARTY_CONSENT_PENDING'
  if (startsAt.getTime() <= now.getTime()) return 'SESSION_IN_PAST'
  return null
}

/** Until when the parties are asked to answer: the setting's hours from now, but never after the session starts. */
export const answerDue = (startsAt: Date, now: Date, s: PartySettings) => new Date(Math.min(now.getTime() + s.answerHours * 3_600_000, startsAt.getTime()))

/** A party's answer to a session: before it starts, while it is open. */
export function answerSession(sess: SessionFacts, side: Side, answer: Exclude<SessionAnswer, 'pending'>, now: Date): { ok: true; status: SessionStatus; applicant: SessionAnswer; respondent: SessionAnswer } | { ok: false; code: ErrorCode } {
  if (!OPEN_SESSION.includes(sess.status)) return { ok: false, code: 'ILLEGAL_MOVE' }
  if (now.getTime() >= sess.startsAt.getTime()) return { ok: false, code: 'SESSION_STARTED' }
  const applicant = side === 'applicant' ? answer : sess.applicant
  const respondent = side === 'respondent' ? answer : sess.respondent
  return { ok: true, status: statusFromAnswers(applicant, respondent), applicant, respondent }
}

/** Attendance is recorded once the session has started, for a session not cancelled; once. */
export function checkAttendance(sess: SessionFacts, now: Date): ErrorCode | null {
  if (!OPEN_SESSION.includes(sess.status)) return 'ILLEGAL_MOVE'
  if (now.getTime() < sess.startsAt.getTime()) return 'SESSION_NOT_STARTED'
  return null
}

/** A session can be moved or cancelled while it is still to be held. */
export const sessionOpen = (sess: Pick<SessionFacts, 'status'>) => OPEN_SESSION.includes(sess.status)

/** The sides still to answer a session, for its reminder. */
export const pendingSides = (sess: Pick<SessionFacts, 'applicant' | 'respondent'>): Side[] =>
  (['applicant', 'respondent'] as const).filter((side) => sess[side] === 'pending')
