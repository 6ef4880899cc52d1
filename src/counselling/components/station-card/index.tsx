/** A station in a list: name, kind, address, distance, hours, services and languages in words; tapping opens it. */
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { Station } from '@minan/types/functions/counselling'
import { addressText } from '@minan/types/address'
import { useStores } from '../../../stores/root'
import { distanceText, languageKey, listText, serviceKey } from '../../format'
import { go } from '../../platform'
import './index.scss'

export const StationCard = observer(function StationCard({ station, priority = false }: { station: Station; priority?: boolean }) {
  const { ui } = useStores()
  const t = ui.t
  const open = () => go(`/counselling/pages/station/index?id=${station.id}${priority ? '&priority=1' : ''}`)
  return (
    <View role='listitem' className='station-card'>
      <Button className='station-card__button' onClick={open}>
        <Text className='station-card__name'>{station.name}</Text>
        <Text className='station-card__line'>{t(station.kind === 'station' ? 'counselling.kind.station' : 'counselling.kind.room')}</Text>
        {station.distance !== null && <Text className='station-card__line station-card__distance'>{distanceText(station.distance, t)}</Text>}
        <Text className='station-card__line'>{t('counselling.station.address', { text: addressText(station.regionPath, station.address) })}</Text>
        <Text className='station-card__line'>{t('counselling.station.hours', { text: station.hours })}</Text>
        <Text className='station-card__line'>{t('counselling.station.services', { text: listText(station.services, serviceKey, t) })}</Text>
        <Text className='station-card__line'>{t('counselling.station.languages', { text: listText(station.languages, languageKey, t) })}</Text>
      </Button>
    </View>
  )
})
