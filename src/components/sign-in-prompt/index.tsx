import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../stores/root'

/** Shown in place of a page's content when the page needs a signed-in person. */
export const SignInPrompt = observer(function SignInPrompt({ next }: { next: string }) {
  const { ui } = useStores()
  return (
    <View className='card'>
      <Text className='muted'>{ui.t('signin.required')}</Text>
      <Button className='btn-primary' style={{ marginTop: '24px' }} onClick={() => void Taro.navigateTo({ url: `/pages/signin/index?next=${encodeURIComponent(next)}` })}>
        {ui.t('signin.go')}
      </Button>
    </View>
  )
})
