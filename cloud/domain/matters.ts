/**
 * 我的事项: the order of the merged list, its cursor, and what comes next for each kind of matter. Pure: no I/O.
 *
 * Order: newest activity first; on equal times, by kind and then id (both descending, by code units), so that the
 * order is total and a cursor (activity time, kind, id) resumes exactly after the last item shown.
 */
import type { MatterKind, MatterNext } from '../../types/functions/matters'
import { deadlineFlag, type DeadlineSettings } from './petition/deadlines'

export interface MatterKey {
  kind: MatterKind
  id: string
  activityAt: string
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Negative when `a` comes first in the list. */
export const compareMatters = (a: MatterKey, b: MatterKey): number => cmp(b.activityAt, a.activityAt) || cmp(b.kind, a.kind) || cmp(b.id, a.id)

/**
 * How a source of kind `kind` must be narrowed to hold only what comes after `cursor`: rows active before the
 * cursor's time, plus, at exactly that time, the whole source (it sorts after), none of it (before), or those of
 * smaller id (the same kind).
 */
export function afterCursor(kind: MatterKind, cursor: MatterKey): { before: string; sameTime: 'all' | 'none' | { idBelow: string } } {
  const order = cmp(kind, cursor.kind)
  return { before: cursor.activityAt, sameTime: order < 0 ? 'all' : order > 0 ? 'none' : { idBelow: cursor.id } }
}

/** Merges sources (each already in list order and narrowed by the cursor) into one page, dropping repeats. */
export function mergePage<T extends MatterKey>(sources: T[][], limit: number): { items: T[]; more: boolean } {
  const seen = new Set<string>()
  const all: T[] = []
  for (const row of sources.flat()) {
    const key = `${row.kind}:${row.id}`
    if (!seen.has(key)) {
      seen.add(key)
      all.push(row)
    }
  }
  all.sort(compareMatters)
  return { items: all.slice(0, limit), more: all.length > limit }
}

/** An appointment is "due soon" from the day before. */
const APPOINTMENT_SOON = { dueSoonDays: 1 }

export interface CaseFacts {
  status: string
  stage: string
  isOpen: boolean
  dueAt: string | null
  dueKind: string | null
  rating: string | null
}

/** A case's next step: the unit's deadline while it is open; after the reply, the person's review window, then a rating. */
export function caseNext(c: CaseFacts, now: Date, settings: Pick<DeadlineSettings, 'dueSoonDays'>): MatterNext | null {
  if (c.dueAt && c.dueKind) {
    if (c.dueKind === 'review_request') {
      // The person's option, not a duty: no flag.
      return { step: c.stage === 'review' ? 'rereview_request' : 'review_request', at: c.dueAt, flag: 'none' }
    }
    const step = c.dueKind === 'acceptance' ? 'acceptance' : 'handling'
    return { step, at: c.dueAt, flag: c.isOpen ? deadlineFlag(new Date(c.dueAt), now, settings) : 'none' }
  }
  if (c.status === 'closed' && c.rating === null) return { step: 'rate', at: null, flag: 'none' }
  return null
}

/** A booking's next step: going to it, while it is booked and still ahead. */
export function bookingNext(b: { status: string; startsAt: string }, now: Date): MatterNext | null {
  if (b.status !== 'booked' || Date.parse(b.startsAt) <= now.getTime()) return null
  return { step: 'attend', at: b.startsAt, flag: deadlineFlag(new Date(b.startsAt), now, APPOINTMENT_SOON) }
}

/** A consultation's next step: the advisor's answer by its target; then the person's reply; once closed, a rating. */
export function consultationNext(c: { status: string; dueAt: string | null; rating: string | null }, now: Date): MatterNext | null {
  if (c.status === 'waiting') return { step: 'answer', at: c.dueAt, flag: c.dueAt ? deadlineFlag(new Date(c.dueAt), now, APPOINTMENT_SOON) : 'none' }
  if (c.status === 'answered') return { step: 'reply', at: null, flag: 'none' }
  if (c.status === 'closed' && c.rating === null) return { step: 'rate', at: null, flag: 'none' }
  return null
}
