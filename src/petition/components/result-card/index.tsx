/**
 * What a closed case opens on: the outcome, the agreement or opinion in the handling unit's words (if any), who handled
 * it (the unit, and the mediator or department the case shows its owner; never a staff member's private data), then
 * the way to rate it, which the case's actions below offer.
 */
import { View, Text } from '@tarojs/components'
import type { CaseDetail } from '@minan/types/functions/petition'
import type { Locale } from '@minan/types/locale'
import { outcomeKey, type T } from '../../../case/labels'
import { formatDate } from '../../labels'
import './index.scss'

/** The step that closed the case, and the texts it carried for the resident. */
function closing(c: CaseDetail) {
  const e = [...c.events].reverse().find((x) => x.type === 'close' || x.type === 'closeMediation')
  const text = (key: string) => (typeof e?.data[key] === 'string' && (e.data[key] as string).trim() ? (e.data[key] as string) : null)
  return { at: e?.at ?? c.updatedAt, agreement: text('agreement'), opinion: text('opinion'), otherRoutes: text('otherRoutes') }
}

export function ResultCard({ c, t, locale }: { c: CaseDetail; t: T; locale: Locale }) {
  if (c.status !== 'closed') return null
  const { at, agreement, opinion, otherRoutes } = closing(c)
  return (
    <View className='card result-card' role='region' aria-label={t('petition.result.title')}>
      <Text className='result-card__label'>{t('petition.result.title')}</Text>
      <Text className={`result-card__outcome result-card__outcome--${c.outcome ?? 'none'}`} role='heading' aria-level={2}>
        {c.outcome ? `${c.outcome === 'mediation_failed' ? 'ⓘ' : '✓'} ${t(outcomeKey(c.outcome))}` : '✓'}
      </Text>
      <Text className='result-card__date'>{t('petition.result.closedOn', { date: formatDate(at, locale, t) })}</Text>
      {agreement && <Fact label={t('petition.result.agreement')} text={agreement} />}
      {opinion && <Fact label={t('petition.result.opinion')} text={opinion} />}
      {otherRoutes && <Fact label={t('petition.result.otherRoutes')} text={otherRoutes} />}
      <Fact label={t('petition.result.unit')} text={t('petition.unit', { name: c.handlingUnit })} />
      {c.assignee && <Fact label={t('petition.result.handler')} text={c.assignee} />}
      {c.can.includes('rate') && <Text className='result-card__rate'>{t('petition.result.rateHint')}</Text>}
    </View>
  )
}

function Fact({ label, text }: { label: string; text: string }) {
  return (
    <View className='result-card__fact'>
      <Text className='result-card__label'>{label}</Text>
      <Text className='result-card__text'>{text}</Text>
    </View>
  )
}
