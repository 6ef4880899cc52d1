import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../stores/root'
import { CrisisLine } from '../../components/crisis-help'
import { Icon, iconCounsellingDone, iconLegalProgress, iconPetitionOnBrand, iconStatsClosed, iconTrackingWaiting } from '../../components/icon'
import { SERVICES, type Service } from '../../features'
import { useUnreadBadge } from '../../components/message-badge'
import { withPageShell } from '../../components/page-shell'
import './index.scss'

const ICON: Record<Service['key'], string> = { petition: iconPetitionOnBrand, counselling: iconCounsellingDone, legal: iconLegalProgress, tracking: iconTrackingWaiting }
const STATS_URL = '/public/pages/stats/index'

/**
 * Home as residents know it from 粤省事 and 12345: one primary action (我要反映), the other services as an icon
 * grid above the fold, and the crisis line one tap away in a single line.
 */
export default withPageShell(observer(function HomePage() {
  const { ui, session } = useStores()
  useUnreadBadge()
  const open = (service: Service) => {
    if (!session.signedIn && service.signedOutUrl) return void Taro.navigateTo({ url: service.signedOutUrl })
    if (service.signIn && !session.signedIn) return void Taro.navigateTo({ url: `/pages/signin/index?next=${encodeURIComponent(service.url)}` })
    if (service.tab) return void Taro.switchTab({ url: service.url })
    void Taro.navigateTo({ url: service.url })
  }
  const primary = SERVICES.find((s) => s.key === 'petition')
  const others = SERVICES.filter((s) => s !== primary)
  const village = session.me?.homeRegion?.name
  return (
    <View className='home'>
      <View className='home__header'>
        <Text className='home__title' role='heading' aria-level={1}>{ui.t('app.name')}</Text>
        <Text className='home__tagline'>{village ?? ui.t('app.tagline')}</Text>
      </View>
      {primary && (
        <Button className='home__primary home__service--petition' onClick={() => open(primary)}>
          <Icon src={iconPetitionOnBrand} size='large' className='home__primary-icon' />
          <View className='home__primary-words'>
            <Text className='home__primary-title'>{ui.t(primary.title)}</Text>
            <Text className='home__primary-desc'>{ui.t(primary.description)}</Text>
          </View>
        </Button>
      )}
      <Text className='section-title home__section' role='heading' aria-level={2}>
        {ui.t('home.services')}
      </Text>
      <View className='home__grid'>
        {others.map((s) => (
          <Button key={s.key} className={`home__tile home__service--${s.key}`} onClick={() => open(s)} aria-label={`${ui.t(s.title)}：${ui.t(s.description)}`}>
            <View className={`home__tile-icon home__tile-icon--${s.key}`}>
              <Icon src={ICON[s.key]} size='medium' />
            </View>
            <Text className='home__tile-title'>{ui.t(s.title)}</Text>
          </Button>
        ))}
        {/* Public figures need no sign-in. */}
        <Button className='home__tile home__service--public' onClick={() => void Taro.navigateTo({ url: STATS_URL })} aria-label={`${ui.t('public.entry')}：${ui.t('public.entry.desc')}`}>
          <View className='home__tile-icon home__tile-icon--public'>
            <Icon src={iconStatsClosed} size='medium' />
          </View>
          <Text className='home__tile-title'>{ui.t('home.stats')}</Text>
        </Button>
        {SERVICES.length === 0 && <Text className='muted home__none'>{ui.t('home.none')}</Text>}
      </View>
      <CrisisLine />
    </View>
  )
}))
