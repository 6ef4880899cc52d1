import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../stores/root'
import { CrisisHelp } from '../../components/crisis-help'
import { SERVICES, type Service } from '../../features'
import { useUnreadBadge } from '../../components/message-badge'
import { withPageShell } from '../../components/page-shell'
import './index.scss'

export default withPageShell(observer(function HomePage() {
  const { ui, session } = useStores()
  useUnreadBadge()
  const open = (service: Service) => {
    if (service.signIn && !session.signedIn) return void Taro.navigateTo({ url: `/pages/signin/index?next=${encodeURIComponent(service.url)}` })
    if (service.tab) return void Taro.switchTab({ url: service.url })
    void Taro.navigateTo({ url: service.url })
  }
  return (
    <View className='home'>
      <View className='home__header'>
        <Text className='home__title'>{ui.t('app.name')}</Text>
        <Text className='home__tagline'>{ui.t('app.tagline')}</Text>
      </View>
      <CrisisHelp />
      <Text className='section-title' role='heading' aria-level={2}>
        {ui.t('home.services')}
      </Text>
      <View className='home__services'>
        {SERVICES.map((s) => (
          <Button key={s.key} className={`home__service home__service--${s.key}`} onClick={() => open(s)}>
            <Text className='home__service-title'>{ui.t(s.title)}</Text>
            <Text className='home__service-desc'>{ui.t(s.description)}</Text>
          </Button>
        ))}
        {SERVICES.length === 0 && <Text className='muted home__none'>{ui.t('home.none')}</Text>}
      </View>
      <View className='home__services'>
        {/* Public figures need no sign-in. */}
        <Button className='home__service home__service--public' onClick={() => void Taro.navigateTo({ url: '/public/pages/stats/index' })}>
          <Text className='home__service-title'>{ui.t('public.entry')}</Text>
          <Text className='home__service-desc'>{ui.t('public.entry.desc')}</Text>
        </Button>
        {/* Progress by tracking number and phone: no sign-in either. */}
        <Button className='home__service home__service--lookup' onClick={() => void Taro.navigateTo({ url: '/petition/pages/lookup/index' })}>
          <Text className='home__service-title'>{ui.t('matters.lookup.entry')}</Text>
          <Text className='home__service-desc'>{ui.t('matters.lookup.desc')}</Text>
        </Button>
      </View>
    </View>
  )
}))
