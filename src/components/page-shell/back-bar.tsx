import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../stores/root'
import { Icon, iconBackText } from '../icon'

/** The tab pages: they are reached from the tab bar, so they have no back bar. */
export const TAB_PAGES = ['pages/home/index', 'pages/matters/index', 'pages/me/index']

export const isTabPage = (path: string | undefined): boolean => {
  const route = (path ?? '').split('?')[0].replace(/^\//, '')
  return route === '' || TAB_PAGES.includes(route)
}

/**
 * H5 only: the back bar WeChat draws itself on weapp (its navigation bar has the back arrow). Back to where the
 * person came from, or home when they opened the page by its address.
 */
export const BackBar = observer(function BackBar() {
  const { ui } = useStores()
  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack().catch(() => undefined)
    else void Taro.reLaunch({ url: '/pages/home/index' })
  }
  return (
    <View className='back-bar' role='navigation' aria-label={ui.t('nav.back')}>
      <Button className='back-bar__back' onClick={back}>
        <Icon src={iconBackText} />
        <Text>{ui.t('nav.back')}</Text>
      </Button>
    </View>
  )
})
