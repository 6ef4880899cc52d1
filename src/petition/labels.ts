/**
 * A case's dates and the resident's lines about it (deadline, flag, next step), in the person's language. Shared by
 * the petition subpackage and the 我的事项 tab; the words for a case's codes and its timeline are in ../case/labels.
 */
import type { Locale } from '@minan/types/locale'
import type { CaseSummary } from '@minan/types/functions/petition'
import type { MessageKey } from '../i18n'
import { formatDay, formatInstant } from '../i18n/dates'
import type { Notice } from './stores/draft'
import { deadlineKey, flagKey } from '../case/labels'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

/** Statutory deadlines end at midnight in China time, wherever the phone is: instants are shown in it. */
export function formatDate(iso: string, locale: Locale, t: T, withTime = false): string {
  const pattern = t(withTime ? 'case.format.datetime' : 'case.format.date')
  // A calendar date (a mediation session's) is a date, not a moment: no time zone applies.
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatDay(iso, locale, pattern) : formatInstant(iso, locale, pattern)
}

export const noticeText = (t: T, notice: Notice): string => ('key' in notice ? t(notice.key, notice.params) : notice.text)

// The 我的事项 store reads these two from here.
export { kindKey, statusKey } from '../case/labels'

/** A flag in words (its chip adds the tone's icon: never colour alone); null when nothing is pressing. */
export function flagText(flag: CaseSummary['flag'], t: T): string | null {
  if (flag === 'overdue') return t(flagKey(flag))
  if (flag === 'due_soon') return t(flagKey(flag))
  return null
}

/** "受理期限：2026年12月12日", with what the date means; null when no deadline runs. */
export function deadlineText(c: Pick<CaseSummary, 'nextDeadline' | 'nextDeadlineKind' | 'stage'>, locale: Locale, t: T): string | null {
  if (!c.nextDeadline || !c.nextDeadlineKind) return null
  return t('case.deadline.line', { kind: t(deadlineKey(c.nextDeadlineKind, c.stage)), date: formatDate(c.nextDeadline, locale, t) })
}

/** What happens next for the person, in a line; null when the matter is over. */
export function nextStepText(c: Pick<CaseSummary, 'status' | 'stage' | 'nextDeadlineKind'>, t: T): string | null {
  if (c.status === 'submitted') return t('petition.next.submitted')
  if (c.status === 'accepted' || c.status === 'assigned') return t('petition.next.handling')
  if (c.status === 'closed' && c.nextDeadlineKind === 'review_request') return t(c.stage === 'original' ? 'petition.next.review' : 'petition.next.rereview')
  return null
}
