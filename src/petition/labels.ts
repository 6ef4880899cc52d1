/**
 * Words for a case's codes (kind, status, deadline, flag, timeline event) and its dates, in the person's language.
 * Shared by the petition subpackage and the 我的事项 tab.
 */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import 'dayjs/locale/zh-cn'
import 'dayjs/locale/zh-hk'
import type { Locale } from '@minan/types/locale'
import type { CaseEvent, CaseSummary } from '@minan/types/functions/petition'
import type { MessageKey } from '../i18n'
import type { Notice } from './stores/draft'

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
    .format(t(withTime ? 'petition.format.datetime' : 'petition.format.date'))
}

export const noticeText = (t: T, notice: Notice): string => ('key' in notice ? t(notice.key, notice.params) : notice.text)

export const kindKey = (kind: string) => `petition.kind.${kind}` as MessageKey
export const disputeKey = (type: string) => `petition.dispute.${type}` as MessageKey
export const statusKey = (status: string) => `petition.status.${status}` as MessageKey
export const ratingKey = (rating: string) => `petition.rating.${rating}` as MessageKey
export const roleKey = (role: string) => `role.${role}` as MessageKey

/** A flag in words with its icon, never colour alone; null when nothing is pressing. */
export function flagText(flag: CaseSummary['flag'], t: T): string | null {
  if (flag === 'overdue') return `⚠ ${t('petition.flag.overdue')}`
  if (flag === 'due_soon') return `⏰ ${t('petition.flag.due_soon')}`
  return null
}

/** "受理期限：2026年12月12日", with what the date means; null when no deadline runs. */
export function deadlineText(c: Pick<CaseSummary, 'nextDeadline' | 'nextDeadlineKind' | 'stage'>, locale: Locale, t: T): string | null {
  if (!c.nextDeadline || !c.nextDeadlineKind) return null
  // After a 复查 the next request is a 复核.
  const kind = c.nextDeadlineKind === 'review_request' && c.stage === 'review' ? 'petition.deadline.rereview_request' : (`petition.deadline.${c.nextDeadlineKind}` as MessageKey)
  return t('petition.deadline.line', { kind: t(kind), date: formatDate(c.nextDeadline, locale, t) })
}

/** What happens next for the person, in a line; null when the matter is over. */
export function nextStepText(c: Pick<CaseSummary, 'status' | 'stage' | 'nextDeadlineKind'>, t: T): string | null {
  if (c.status === 'submitted') return t('petition.next.submitted')
  if (c.status === 'accepted' || c.status === 'assigned') return t('petition.next.handling')
  if (c.status === 'closed' && c.nextDeadlineKind === 'review_request') return t(c.stage === 'original' ? 'petition.next.review' : 'petition.next.rereview')
  return null
}

/** One timeline entry: what happened, in words, and the public details that came with it, one line each. */
export function describeEvent(e: CaseEvent, locale: Locale, t: T): { what: string; details: string[] } {
  const d = e.data
  const str = (key: string) => (typeof d[key] === 'string' && d[key] !== '' ? (d[key] as string) : null)
  const details: string[] = []
  const add = (key: MessageKey, value: string | null, param = 'text') => value && details.push(t(key, { [param]: value }))
  let what: string
  switch (e.type) {
    case 'file':
      if (str('parentTrackingNo')) what = t(d.stage === 'rereview' ? 'petition.event.file.rereview' : 'petition.event.file.review', { no: str('parentTrackingNo')! })
      else {
        what = t('petition.event.file')
        if (str('kind')) details.push(t('petition.data.kind', { kind: t(kindKey(str('kind')!)) }))
      }
      break
    case 'accept':
      what = t('petition.event.accept')
      add('petition.data.note', str('note'))
      if (str('handlingDue')) details.push(t('petition.data.handlingDue', { date: formatDate(str('handlingDue')!, locale, t) }))
      break
    case 'decline':
      what = t('petition.event.decline')
      add('petition.data.reason', str('reason'))
      add('petition.data.otherRoutes', str('otherRoutes'))
      break
    case 'extend':
      what = t('petition.event.extend', { days: Number(d.days ?? 0) })
      add('petition.data.reason', str('reason'))
      if (str('handlingDue')) details.push(t('petition.data.handlingDue', { date: formatDate(str('handlingDue')!, locale, t) }))
      break
    case 'assign':
      what = t('petition.event.assign')
      add('petition.data.department', str('department'))
      if (d.mediator === true) details.push(t('petition.data.mediator'))
      break
    case 'escalate':
      what = t('petition.event.escalate')
      if (d.level === 'county' || d.level === 'city') details.push(t(`petition.data.level.${d.level}`))
      add('petition.data.reason', str('reason'))
      break
    case 'takeOver':
      what = t('petition.event.takeOver')
      if (d.takenBy === 'county' || d.takenBy === 'city') details.push(t(`petition.data.takenBy.${d.takenBy}`))
      add('petition.data.reason', str('reason'))
      break
    case 'closeMediation':
      what = t(d.success === true ? 'petition.event.closeMediation.success' : 'petition.event.closeMediation.failed')
      add('petition.data.agreement', str('agreement'))
      add('petition.data.otherRoutes', str('otherRoutes'))
      break
    case 'recordSession':
      what = t('petition.event.recordSession')
      add('petition.data.date', str('date') && formatDate(str('date')!, locale, t), 'date')
      break
    case 'addInfo':
      what = t('petition.event.addInfo')
      add('petition.data.text', str('text'))
      if (Number(d.photos) > 0) details.push(t('petition.data.photos', { count: Number(d.photos) }))
      break
    case 'rate':
      what = t('petition.event.rate', { rating: str('rating') ? t(ratingKey(str('rating')!)) : '' })
      add('petition.data.comment', str('comment'))
      break
    case 'requestReview':
      what = t(d.stage === 'rereview' ? 'petition.event.requestReview.rereview' : 'petition.event.requestReview.review')
      add('petition.data.reason', str('reason'))
      break
    case 'transfer':
    case 'close':
    case 'flagRisk':
    case 'withdraw':
      what = t(`petition.event.${e.type}`)
      add('petition.data.reason', str('reason'))
      add('petition.data.opinion', str('opinion'))
      break
    case 'claim':
    case 'unclaim':
      what = t(`petition.event.${e.type}`)
      break
    default:
      what = t('petition.event.other')
  }
  return { what, details }
}
