/**
 * Every status the app shows, as one of five tones — waiting, in progress, done, closed (refused or withdrawn),
 * overdue — so the same state looks the same on every screen. The chip's words come from each feature's catalogue;
 * only the tone is decided here.
 */
import type { CaseFlag, CaseStatus } from '@minan/types/functions/petition'
import type { ConsultationStatus } from '@minan/types/functions/legal'
import type { BookingStatus } from '@minan/types/functions/counselling'
import type { MatterKind } from '@minan/types/functions/matters'

export type Tone = 'waiting' | 'progress' | 'done' | 'closed' | 'overdue'
export const TONES: readonly Tone[] = ['waiting', 'progress', 'done', 'closed', 'overdue']

const TONE_OF = {
  case: { submitted: 'waiting', accepted: 'progress', assigned: 'progress', closed: 'done', declined: 'closed', withdrawn: 'closed' } satisfies Record<CaseStatus, Tone>,
  /** A case's deadline marker: past it, or within three days of it. */
  caseFlag: { overdue: 'overdue', due_soon: 'waiting' } satisfies Partial<Record<CaseFlag, Tone>>,
  /** A converted question goes on as a mediation request; a closed one is over with nothing left to do. */
  consultation: { waiting: 'waiting', answered: 'done', closed: 'closed', converted: 'progress', overdue: 'overdue' } satisfies Record<ConsultationStatus | 'overdue', Tone>,
  /** A booking still ahead, or over but not yet recorded, waits; a missed one is marked like a missed deadline. */
  booking: { booked: 'waiting', upcoming: 'waiting', attended: 'done', cancelled: 'closed', no_show: 'overdue' } satisfies Record<BookingStatus | 'upcoming', Tone>,
  /** The staff queue's 新: assigned to the viewer and waiting for them to open it. */
  staffMark: { new: 'waiting' }
} as const

export type ToneDomain = keyof typeof TONE_OF

/** The tone of a status of one domain (a case's, a consultation's, a booking's...). */
export function toneOf<D extends ToneDomain>(domain: D, status: keyof (typeof TONE_OF)[D]): Tone {
  return (TONE_OF[domain] as Record<string, Tone>)[status as string]
}

/** A row of 我的事项, whose status code is its source's (a case's, a question's, a booking's). */
export function matterTone(kind: MatterKind, status: string): Tone {
  const table: Record<string, Tone> = kind === 'case' ? TONE_OF.case : kind === 'legal_question' ? TONE_OF.consultation : TONE_OF.booking
  return table[status] ?? 'progress'
}
