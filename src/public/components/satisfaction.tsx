/** Satisfaction with concluded cases: the share, then one bar for each rating (the public page and the staff dashboard). */
import '../texts'
import { View, Text } from '@tarojs/components'
import type { PublicStats } from '@minan/types/functions/stats'
import type { MessageKey } from '../../i18n'
import { barWidth } from '../store'
import { LabelledBar } from './charts'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

export function SatisfactionFigures({ s, t, lineClass }: { s: PublicStats['satisfaction']; t: T; lineClass: string }) {
  if (s.satisfiedShare === null) return <Text className={lineClass}>{t('public.satisfaction.none')}</Text>
  const ratings = [
    ['public.rating.satisfied', s.satisfied],
    ['public.rating.basically_satisfied', s.basicallySatisfied],
    ['public.rating.unsatisfied', s.unsatisfied]
  ] as const
  return (
    <>
      <Text className={lineClass}>{t('public.satisfaction.share', { n: s.satisfiedShare, rated: s.rated })}</Text>
      <View role='list'>
        {ratings.map(([key, n]) => (
          <LabelledBar key={key} label={t(key)} width={barWidth(n, s.rated)} text={t('public.count', { n })} />
        ))}
      </View>
    </>
  )
}
