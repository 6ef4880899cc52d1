/** Every step of a case in order: when, who (by role), what happened, and what the person may see of it, photos included. */
import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { CaseEvent } from '@minan/types/functions/petition'
import { useStores } from '../../../stores/root'
import { apiUrl } from '../../../api/transports'
import { PhotoStrip } from '../../../components/photo-strip'
import { describeEvent, formatDate, roleKey } from '../../labels'
import './index.scss'

export const CaseTimeline = observer(function CaseTimeline({ events }: { events: CaseEvent[] }) {
  const { ui } = useStores()
  return (
    <View className='card timeline'>
      <Text className='timeline__heading' role='heading' aria-level={2}>
        {ui.t('petition.detail.timeline')}
      </Text>
      <View role='list'>
        {events.map((e) => {
          const { what, details } = describeEvent(e, ui.locale, ui.t)
          return (
            <View key={e.seq} className={`timeline__event timeline__event--${e.type}`} role='listitem'>
              <Text className='timeline__time'>{formatDate(e.at, ui.locale, ui.t, true)}</Text>
              <Text className='timeline__what'>
                {ui.t(roleKey(e.actorRole))} · {what}
              </Text>
              {details.map((line) => (
                <Text key={line} className='timeline__detail'>
                  {line}
                </Text>
              ))}
              <PhotoStrip
                sources={(e.photos ?? []).map((p) => apiUrl(p.url)).filter((src): src is string => src !== null)}
                label={ui.t('petition.data.photos', { count: e.photos?.length ?? 0 })}
                itemLabel={(n) => ui.t('petition.photos.item', { n })}
              />
            </View>
          )
        })}
      </View>
    </View>
  )
})
