/** 心理自评: PHQ-9 or GAD-7, one question a screen, scored on the phone; the crisis screen replaces it when needed. */
import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { CrisisHelp } from '../../../components/crisis-help'
import { useCounselling } from '../../store'
import { ScreeningFlow } from '../../components/screening-flow'
import { withPageShell } from '../../../components/page-shell'

export default withPageShell(observer(function ScreeningPage() {
  const { ui } = useStores()
  const s = useCounselling().screening
  useDidShow(() => void Taro.setNavigationBarTitle({ title: ui.t('counselling.screening.title') }).catch(() => undefined))
  return (
    <View className='counselling'>
      {/* The crisis screen carries the helpline itself, first. */}
      {s.step !== 'crisis' && <CrisisHelp />}
      <ScreeningFlow />
    </View>
  )
}))
