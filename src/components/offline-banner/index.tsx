import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../stores/root'
import './index.scss'
import { Icon, iconWarningWaiting } from '../icon'

/**
 * Says the device is offline, and what becomes of unsent work: what is typed stays on this phone (the filing draft
 * is saved as it is typed) and a filing already sent is sent again by itself when the network returns (the
 * petition store retries with the same request id, so it is filed once). Told in words and a sign, not by colour.
 */
export const OfflineBanner = observer(function OfflineBanner() {
  const { ui } = useStores()
  if (ui.online) return null
  return (
    <View className='offline-banner' role='status' aria-live='polite'>
      <View className='offline-banner__title'>
        <Icon src={iconWarningWaiting} />
        <Text>{ui.t('offline.title')}</Text>
      </View>
      <Text className='offline-banner__body'>{ui.t('offline.body')}</Text>
    </View>
  )
})
