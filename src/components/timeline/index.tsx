/**
 * A case's timeline, the one residents and staff both read: every step in order, when (in China time), who took it
 * (by role) and what happened, with the details and photos the viewer may see.
 */
import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { Locale } from '@minan/types/locale'
import type { CaseEvent } from '@minan/types/functions/petition'
import { useStores } from '../../stores/root'
import { apiUrl } from '../../api/transports'
import { caseDate, describeEvent, roleKey, type T } from '../../case/labels'
import { PhotoStrip } from '../photo-strip'
import './index.scss'

export interface TimelineProps {
  events: CaseEvent[]
  locale: Locale
  t: T
}

export function Timeline({ events, locale, t }: TimelineProps) {
  const ordered = [...events].sort((a, b) => a.seq - b.seq)
  return (
    <View className='card timeline'>
      <Text className='timeline__heading' role='heading' aria-level={2}>
        {t('case.timeline')}
      </Text>
      <View role='list'>
        {ordered.map((e) => {
          const { what, details } = describeEvent(e, locale, t)
          return (
            <View key={e.seq} className={`timeline__event timeline__event--${e.type}`} role='listitem'>
              <Text className='timeline__time'>{caseDate(e.at, locale, t, true)}</Text>
              <Text className='timeline__what'>
                {t(roleKey(e.actorRole))} · {what}
              </Text>
              {details.map((line) => (
                <Text key={line} className='timeline__detail'>
                  {line}
                </Text>
              ))}
              <PhotoStrip
                sources={(e.photos ?? []).map((p) => apiUrl(p.url)).filter((src): src is string => src !== null)}
                label={t('case.photos')}
                itemLabel={(n) => t('case.photo', { n })}
              />
            </View>
          )
        })}
      </View>
    </View>
  )
}
Timeline.displayName = 'Timeline'

/** The timeline in the language of the person using the app: for a page (an observer) to drop in. */
export const CaseTimeline = observer(function CaseTimeline({ events }: { events: CaseEvent[] }) {
  const { ui } = useStores()
  return <Timeline events={events} locale={ui.locale} t={ui.t} />
})
