/** The case's history as staff see it: every step, who took it, and its details, session notes, risk notes and photos included. */
import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { CaseEvent } from '@minan/types/functions/petition'
import type { MessageKey } from '../../../i18n'
import { useStores } from '../../../stores/root'
import { apiUrl } from '../../../api/transports'
import { PhotoStrip } from '../../../components/photo-strip'
import { EVENT_FIELDS, eventKey, eventValue, formatDateTime, roleKey } from '../../format'
import './index.scss'

export const CaseTimeline = observer(function CaseTimeline({ events }: { events: CaseEvent[] }) {
  const { ui } = useStores()
  const t = (key: MessageKey) => ui.t(key)
  return (
    <View className='card case-timeline'>
      <Text className='case-timeline__heading' role='heading' aria-level={2}>
        {ui.t('staff.case.timeline')}
      </Text>
      <View role='list'>
        {events.map((e) => (
          <View key={e.seq} className={`case-timeline__event case-timeline__event--${e.type}`} role='listitem'>
            <Text className='case-timeline__type'>{ui.t(eventKey(e.type))}</Text>
            <Text className='case-timeline__when'>
              {formatDateTime(e.at)} · {ui.t(roleKey(e.actorRole))}
            </Text>
            {EVENT_FIELDS.filter((f) => e.data[f] !== undefined && e.data[f] !== null && e.data[f] !== '').map((f) => (
              <Text key={f} className='case-timeline__data'>
                {ui.t(`staff.data.${f}`)}：{eventValue(f, e.data[f]!, t)}
              </Text>
            ))}
            <PhotoStrip
              sources={(e.photos ?? []).map((p) => apiUrl(p.url)).filter((src): src is string => src !== null)}
              label={ui.t('staff.case.photos')}
              itemLabel={(n) => ui.t('staff.case.photo', { n })}
            />
          </View>
        ))}
      </View>
    </View>
  )
})
