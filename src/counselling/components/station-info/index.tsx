/** A station's details: address, opening hours, phone (one tap to call), services and languages in words. */
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { Station } from '@minan/types/functions/counselling'
import { addressText } from '@minan/types/address'
import { useStores } from '../../../stores/root'
import { languageKey, listText, serviceKey } from '../../format'
import { dial } from '../../platform'

export const StationInfo = observer(function StationInfo({ station: s }: { station: Station }) {
  const { ui } = useStores()
  const t = ui.t
  return (
    <View className='card station-info'>
      <Text className='cs-text'>{t(s.kind === 'station' ? 'counselling.kind.station' : 'counselling.kind.room')}</Text>
      <Text className='cs-text'>{t('counselling.station.address', { text: addressText(s.regionPath, s.address) })}</Text>
      <Text className='cs-text'>{t('counselling.station.hours', { text: s.hours })}</Text>
      <Text className='cs-text'>{t('counselling.station.services', { text: listText(s.services, serviceKey, t) })}</Text>
      <Text className='cs-text'>{t('counselling.station.languages', { text: listText(s.languages, languageKey, t) })}</Text>
      {s.phone && (
        <Button className='btn-plain station-info__call' style={{ marginTop: '16px' }} onClick={() => dial(s.phone)}>
          {t('counselling.station.call', { phone: s.phone })}
        </Button>
      )}
    </View>
  )
})
