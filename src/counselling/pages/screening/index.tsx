/** 心理自评: PHQ-9 or GAD-7, one question a screen, scored on the phone; the crisis screen replaces it when needed. */
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { CrisisHelp } from '../../../components/crisis-help'
import { useCounselling } from '../../store'
import { ScreeningFlow } from '../../components/screening-flow'
import { usePageTitle, withPageShell } from '../../../components/page-shell'

export default withPageShell(observer(function ScreeningPage() {
  const s = useCounselling().screening
  usePageTitle('counselling.screening.title')
  return (
    <View className='counselling'>
      {/* The crisis screen carries the helpline itself, first. */}
      {s.step !== 'crisis' && <CrisisHelp />}
      <ScreeningFlow />
    </View>
  )
}))
