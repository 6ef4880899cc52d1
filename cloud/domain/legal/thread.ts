/**
 * A legal consultation's thread: its states, who may make which move in each, the advisor's response target, and how
 * question text is measured. Pure: the time and the settings are passed in.
 *
 * waiting (the advisor owes an answer, due `responseDays` after the question or the follow-up that made it their turn)
 *   → answered (the person's turn) ⇄ waiting … → closed by the person, or converted into a mediation case by either.
 * A closed or converted consultation takes no more posts; the person rates it once.
 */
import type { ErrorCode } from '../../../types/errors'
import type { ConsultationStatus } from '../../../types/functions/legal'

export interface LegalSettings {
  /** Days the advisor has to answer a question or a follow-up. */
  responseDays: number
}

export const DEFAULT_LEGAL_SETTINGS: LegalSettings = { responseDays: 3 }

export type Viewer = 'person' | 'advisor' | 'admin'
export type ThreadMove = 'reply' | 'close' | 'rate' | 'toCase'

export interface ThreadState {
  status: ConsultationStatus
  dueAt: Date | null
  rated: boolean
  caseId: string | null
}

export interface ThreadPatch {
  status: ConsultationStatus
  dueAt: Date | null
}

export type Decision = { ok: true; patch: ThreadPatch } | { ok: false; code: ErrorCode }

const DAY = 86_400_000
const OPEN = new Set<ConsultationStatus>(['waiting', 'answered'])

export const dueAfter = (from: Date, settings: LegalSettings): Date => new Date(from.getTime() + settings.responseDays * DAY)

/** Past the response target and still the advisor's turn. */
export const isOverdue = (state: Pick<ThreadState, 'status' | 'dueAt'>, now: Date): boolean => state.status === 'waiting' && state.dueAt !== null && state.dueAt.getTime() < now.getTime()

/** Characters as people count them on a page: Unicode code points after NFC, so 𠀀 is one and é is one either way. */
export const charCount = (text: string): number => [...text.normalize('NFC')].length

/** The text as stored (NFC, trimmed), or why it cannot be. */
export function measureText(raw: string, max: number): { text: string } | { error: 'empty' | 'too_long' } {
  const text = raw.normalize('NFC').trim()
  if (!text) return { error: 'empty' }
  return charCount(text) > max ? { error: 'too_long' } : { text }
}

/** Which moves a viewer may make now (an admin supervises and makes none). */
export function allowedMoves(state: ThreadState, viewer: Viewer): ThreadMove[] {
  const open = OPEN.has(state.status)
  const moves: ThreadMove[] = []
  if (viewer === 'person') {
    if (open) moves.push('reply', 'close', 'toCase')
    if (!open && !state.rated) moves.push('rate')
  }
  if (viewer === 'advisor' && open) moves.push('reply', 'toCase')
  return moves
}

/** The state after a move, or the code that refuses it. */
export function decide(state: ThreadState, viewer: Viewer, move: ThreadMove, now: Date, settings: LegalSettings): Decision {
  if (allowedMoves(state, viewer).includes(move)) {
    switch (move) {
      case 'reply':
        if (viewer === 'advisor') return { ok: true, patch: { status: 'answered', dueAt: null } }
        // A follow-up makes it the advisor's turn; one sent while they still owe an answer does not move their target.
        return { ok: true, patch: { status: 'waiting', dueAt: state.status === 'waiting' && state.dueAt ? state.dueAt : dueAfter(now, settings) } }
      case 'close':
        return { ok: true, patch: { status: 'closed', dueAt: null } }
      case 'rate':
        return { ok: true, patch: { status: state.status, dueAt: state.dueAt } }
      case 'toCase':
        return { ok: true, patch: { status: 'converted', dueAt: null } }
    }
  }
  const mayEver = viewer === 'person' || (viewer === 'advisor' && (move === 'reply' || move === 'toCase'))
  if (!mayEver) return { ok: false, code: 'FORBIDDEN' }
  if (move === 'rate') return { ok: false, code: state.rated ? 'ALREADY_RATED' : 'CONSULTATION_OPEN' }
  return { ok: false, code: state.status === 'converted' ? 'CONSULTATION_CONVERTED' : 'CONSULTATION_CLOSED' }
}
