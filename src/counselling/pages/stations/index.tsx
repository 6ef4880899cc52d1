/** 心理服务: the entry of 粤心安 — the crisis line, self-screening, the person's bookings, and finding a station. */
import { View, Text, Button } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { CrisisLine } from '../../../components/crisis-help'
import { StationFinder } from '../../components/station-finder'
import { Heading } from '../../components/controls'
import { go } from '../../platform'
import { usePageTitle, withPageShell } from '../../../components/page-shell'
import './index.scss'

export default withPageShell(observer(function StationsPage() {
  const { ui } = useStores()
  const t = ui.t
  const priority = useRouter().params.priority === '1'
  usePageTitle('counselling.title')

  return (
    <View className='counselling'>
      <Heading level={1}>{t('counselling.title')}</Heading>
      <CrisisLine />
      <Text className='cs-text counselling__intro'>{t('counselling.intro')}</Text>
      {priority && <Text className='card cs-text counselling__priority'>{`⚑ ${t('counselling.priority.pick')}`}</Text>}
      <View className='counselling__menu'>
        {/* Each questionnaire one tap from here: PHQ-9 in 1 + 9 taps. */}
        <Button className='btn-primary counselling__menu-item counselling__menu-item--screening' onClick={() => go('/counselling/pages/screening/index?start=phq9')}>
          {t('counselling.screening.startPhq9')}
        </Button>
        <Button className='btn-plain counselling__menu-item counselling__menu-item--gad7' onClick={() => go('/counselling/pages/screening/index?start=gad7')}>
          {t('counselling.screening.startGad7')}
        </Button>
        <Button className='btn-plain counselling__menu-item counselling__menu-item--bookings' onClick={() => go('/counselling/pages/bookings/index')}>
          {t('counselling.menu.bookings')}
        </Button>
        <Button className='btn-plain counselling__menu-item counselling__menu-item--results' onClick={() => go('/counselling/pages/results/index')}>
          {t('counselling.results.title')}
        </Button>
      </View>
      <StationFinder priority={priority} />
    </View>
  )
}))
