/**
 * The case vocabulary in code, for residents' and staff screens alike: the catalogue key (case.* in
 * src/i18n/case.ts) of each code the API sends, a case's dates in China time, and a timeline step in words.
 */
import type { Locale } from '@minan/types/locale'
import type { CaseEvent } from '@minan/types/functions/petition'
import type { MessageKey } from '../i18n'
import { formatInstant } from '../i18n/dates'

export type T = (key: MessageKey, params?: Record<string, string | number>) => string

export const kindKey = (kind: string) => `case.kind.${kind}` as MessageKey
export const disputeKey = (type: string) => `case.dispute.${type}` as MessageKey
export const statusKey = (status: string) => `case.status.${status}` as MessageKey
export const stageKey = (stage: string) => `case.stage.${stage}` as MessageKey
export const outcomeKey = (outcome: string) => `case.outcome.${outcome}` as MessageKey
export const ratingKey = (rating: string) => `case.rating.${rating}` as MessageKey
export const flagKey = (flag: string) => `case.flag.${flag}` as MessageKey
export const roleKey = (role: string) => `role.${role}` as MessageKey

/** What a deadline is; after a 复查 the request that can follow is a 复核. */
export function deadlineKey(kind: string, stage?: string): MessageKey {
  return kind === 'review_request' && stage === 'review' ? 'case.deadline.rereview_request' : (`case.deadline.${kind}` as MessageKey)
}

/**
 * A case's date in the person's language, in China time, where statutory deadlines end at midnight whatever the
 * phone's zone. A calendar date (a mediation session's) is a day, not a moment: it is read as that day in China.
 */
export function caseDate(iso: string, locale: Locale, t: T, withTime = false): string {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00+08:00` : iso
  return formatInstant(instant, locale, t(withTime ? 'case.format.datetime' : 'case.format.date'))
}

/**
 * One timeline step: what happened, in words, and the details that came with it, one line each. The server sends
 * staff-only details (session notes, risk notes) to staff alone, so both sides describe whatever the event carries.
 */
export function describeEvent(e: CaseEvent, locale: Locale, t: T): { what: string; details: string[] } {
  const d = e.data
  const str = (key: string) => (typeof d[key] === 'string' && d[key] !== '' ? (d[key] as string) : null)
  const details: string[] = []
  const add = (key: MessageKey, value: string | null, param = 'text') => value && details.push(t(key, { [param]: value }))
  const addDate = (key: MessageKey, value: string | null) => value && details.push(t(key, { date: caseDate(value, locale, t) }))
  let what: string
  switch (e.type) {
    case 'file':
      if (str('parentTrackingNo')) what = t(d.stage === 'rereview' ? 'case.event.file.rereview' : 'case.event.file.review', { no: str('parentTrackingNo')! })
      else {
        what = t('case.event.file')
        if (str('kind')) details.push(t('case.data.kind', { kind: t(kindKey(str('kind')!)) }))
      }
      break
    case 'accept':
      what = t('case.event.accept')
      add('case.data.note', str('note'))
      addDate('case.data.handlingDue', str('handlingDue'))
      break
    case 'decline':
      what = t('case.event.decline')
      add('case.data.reason', str('reason'))
      add('case.data.otherRoutes', str('otherRoutes'))
      break
    case 'extend':
      what = t('case.event.extend', { days: Number(d.days ?? 0) })
      add('case.data.reason', str('reason'))
      addDate('case.data.handlingDue', str('handlingDue'))
      break
    case 'assign':
      what = t('case.event.assign')
      add('case.data.department', str('department'))
      if (d.mediator === true) details.push(t('case.data.mediator'))
      break
    case 'escalate':
      what = t('case.event.escalate')
      if (d.level === 'county' || d.level === 'city') details.push(t(`case.data.level.${d.level}`))
      add('case.data.reason', str('reason'))
      break
    case 'takeOver':
      what = t('case.event.takeOver')
      if (d.takenBy === 'county' || d.takenBy === 'city') details.push(t(`case.data.takenBy.${d.takenBy}`))
      add('case.data.reason', str('reason'))
      break
    case 'closeMediation':
      what = t(d.success === true ? 'case.event.closeMediation.success' : 'case.event.closeMediation.failed')
      add('case.data.agreement', str('agreement'))
      add('case.data.otherRoutes', str('otherRoutes'))
      break
    case 'recordSession':
      what = t('case.event.recordSession')
      addDate('case.data.date', str('date'))
      add('case.data.participants', str('participants'))
      add('case.data.notes', str('notes'))
      break
    case 'addInfo':
      what = t('case.event.addInfo')
      add('case.data.text', str('text'))
      if (Number(d.photos) > 0) details.push(t('case.data.photos', { count: Number(d.photos) }))
      break
    case 'rate':
      what = t('case.event.rate', { rating: str('rating') ? t(ratingKey(str('rating')!)) : '' })
      add('case.data.comment', str('comment'))
      break
    case 'requestReview':
      what = t(d.stage === 'rereview' ? 'case.event.requestReview.rereview' : 'case.event.requestReview.review')
      add('case.data.reason', str('reason'))
      break
    case 'transfer':
    case 'close':
    case 'flagRisk':
    case 'withdraw':
      what = t(`case.event.${e.type}`)
      add('case.data.note', str('note'))
      add('case.data.reason', str('reason'))
      add('case.data.opinion', str('opinion'))
      break
    case 'claim':
    case 'unclaim':
      what = t(`case.event.${e.type}`)
      add('case.data.reason', str('reason'))
      break
    case 'agreement': {
      // The mediation agreement's steps (issue #17): who signed, the last day of the judicial-confirmation window.
      const step = str('step') ?? ''
      const who = str('signer') ?? str('side')
      const result = str('result')
      const key = `case.event.agreement.${step}` as MessageKey
      what = t(key, {
        who: who && who !== 'seal' ? t(`case.agreement.who.${who}` as MessageKey) : '',
        date: str('lastDay') ? caseDate(str('lastDay')!, locale, t) : '',
        item: Number(d.item ?? 0),
        result: result ? t(`case.agreement.result.${result}` as MessageKey) : ''
      })
      if (what === key) what = t('case.event.other')
      break
    }
    // Both parties of a dispute (issue #17).
    case 'partyJoin':
    case 'partyAccept':
    case 'partyAccount':
      what = t(`case.event.${e.type}`)
      break
    case 'partyDecline':
    case 'partyAnotherMediator':
    case 'partyEnd':
      what = t(`case.event.${e.type}`)
      add('case.data.reason', str('reason'))
      add('case.data.otherRoutes', str('otherRoutes'))
      break
    case 'sessionScheduled':
    case 'sessionMoved':
    case 'sessionCancelled':
    case 'sessionHeld':
      what = t(`case.event.${e.type}`)
      if (str('startsAt')) details.push(t('case.data.sessionAt', { date: caseDate(str('startsAt')!, locale, t, true) }))
      add('case.data.place', str('place'))
      add('case.data.reason', str('reason'))
      if (e.type === 'sessionHeld') {
        const present = (['applicant', 'respondent'] as const).filter((side) => d[side] === true).map((side) => t(`case.data.side.${side}`))
        details.push(t('case.data.attended', { text: present.length ? present.join('、') : '—' }))
      }
      break
    case 'sessionAnswer':
      what = t(d.answer === 'another_time' ? 'case.event.sessionAnswer.another_time' : 'case.event.sessionAnswer.confirm')
      if (str('startsAt')) details.push(t('case.data.sessionAt', { date: caseDate(str('startsAt')!, locale, t, true) }))
      add('case.data.note', str('note'))
      break
    default:
      what = t('case.event.other')
  }
  return { what, details }
}
