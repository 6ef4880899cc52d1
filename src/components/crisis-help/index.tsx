import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../stores/root'
import './index.scss'

/** The crisis line, one tap to call. Shown on home and on every counselling page. */
export const CrisisHelp = observer(function CrisisHelp() {
  const { ui } = useStores()
  const call = (phoneNumber: string) => () => void Taro.makePhoneCall({ phoneNumber }).catch(() => undefined)
  return (
    <View className='crisis-help' role='region' aria-label={ui.t('crisis.title')}>
      <Text className='crisis-help__title'>{ui.t('crisis.title')}</Text>
      <Button className='crisis-help__call' onClick={call('12356')}>
        {ui.t('crisis.call')}
      </Button>
      <Text className='crisis-help__note'>{ui.t('crisis.note')}</Text>
    </View>
  )
})
