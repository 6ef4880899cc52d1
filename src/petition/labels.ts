/**
 * A case's dates and the resident's lines about it (deadline, flag, next step), in the person's language. Shared by
 * the petition subpackage and the 我的事项 tab; the words for a case's codes and its timeline are in ../case/labels.
 */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import 'dayjs/locale/zh-cn'
import 'dayjs/locale/zh-hk'
import type { Locale } from '@minan/types/locale'
import type { CaseSummary } from '@minan/types/functions/petition'
import type { MessageKey } from '../i18n'
import type { Notice } from '../stores/petitions'
import { deadlineKey, flagKey } from '../case/labels'

dayjs.extend(utc)

type T = (key: MessageKey, params?: Record<string, string | number>) => string

const DAYJS_LOCALE: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'zh-HK': 'zh-hk', en: 'en' }
/** China Standard Time, which Hong Kong and Macau share: statutory deadlines end at midnight there, wherever the phone is. */
const CHINA_OFFSET_MINUTES = 480

export function formatDate(iso: string, locale: Locale, t: T, withTime = false): string {
  // A calendar date (a mediation session's) is a date, not a moment: no time zone applies.
  const day = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? dayjs(iso) : dayjs(iso).utcOffset(CHINA_OFFSET_MINUTES)
  return day
    .locale(DAYJS_LOCALE[locale])
    .format(t(withTime ? 'case.format.datetime' : 'case.format.date'))
}

export const noticeText = (t: T, notice: Notice): string => ('key' in notice ? t(notice.key, notice.params) : notice.text)

// The 我的事项 store reads these two from here.
export { kindKey, statusKey } from '../case/labels'

/** A flag in words with its icon, never colour alone; null when nothing is pressing. */
export function flagText(flag: CaseSummary['flag'], t: T): string | null {
  if (flag === 'overdue') return `⚠ ${t(flagKey(flag))}`
  if (flag === 'due_soon') return `⏰ ${t(flagKey(flag))}`
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
