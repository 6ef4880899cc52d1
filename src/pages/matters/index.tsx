import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../stores/root'
import { SignInPrompt } from '../../components/sign-in-prompt'

export default observer(function MattersPage() {
  const { session, ui } = useStores()
  if (!session.signedIn) return <SignInPrompt next='/pages/matters/index' />
  return (
    <View>
      <Text className='section-title' role='heading' aria-level={1}>
        {ui.t('matters.title')}
      </Text>
      <View className='card'>
        <Text className='muted'>{ui.t('matters.empty')}</Text>
      </View>
    </View>
  )
})
