import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../stores/root'
import { Icon, iconHeartBrand, iconPhoneBrand } from '../icon'
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

/**
 * The crisis line in one line — one tap calls 12356 — for pages where the full card would push everything else below
 * the fold (home, the station list). The full card stays where someone is already in the counselling journey.
 */
export const CrisisLine = observer(function CrisisLine() {
  const { ui } = useStores()
  const call = () => void Taro.makePhoneCall({ phoneNumber: '12356' }).catch(() => undefined)
  return (
    <View className='crisis-line' role='region' aria-label={ui.t('crisis.title')}>
      <Button className='crisis-help__call crisis-line__call' onClick={call} aria-label={ui.t('crisis.line.label')}>
        <Icon src={iconHeartBrand} />
        <Text className='crisis-line__text'>{ui.t('crisis.line')}</Text>
        <Icon src={iconPhoneBrand} className='crisis-line__phone' />
      </Button>
    </View>
  )
})
