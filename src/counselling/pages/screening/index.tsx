/** 心理自评: PHQ-9 or GAD-7, one question a screen, scored on the phone; the crisis screen replaces it when needed. */
import { useEffect } from 'react'
import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { CrisisLine } from '../../../components/crisis-help'
import { useCounselling } from '../../store'
import { ScreeningFlow } from '../../components/screening-flow'
import { usePageTitle, withPageShell } from '../../../components/page-shell'

export default withPageShell(observer(function ScreeningPage() {
  const s = useCounselling().screening
  usePageTitle('counselling.screening.title')
  // 心理服务 opens a questionnaire straight away (?start=phq9): its first question says what happens to the answers.
  const start = useRouter().params.start
  useEffect(() => {
    if ((start === 'phq9' || start === 'gad7') && s.step === 'intro') s.start(start)
    // Once, on opening: going back to the intro later stays there.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  return (
    <View className='counselling'>
      {/* The helpline one tap away, in one line so the question stays above the fold; the crisis screen and a result
          that calls for it carry the full card themselves, first. */}
      {s.step !== 'crisis' && !(s.step === 'result' && s.crisis) && <CrisisLine />}
      <ScreeningFlow />
    </View>
  )
}))
