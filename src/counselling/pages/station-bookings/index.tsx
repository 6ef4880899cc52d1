/** 服务站预约: the township centre's staff see who is booked at their station and village rooms, week by week. */
import { useEffect } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { SignInPrompt } from '../../../components/sign-in-prompt'
import { StationBookings } from './bookings'
import { useStationBookings } from './store'
import { withPageShell } from '../../../components/page-shell'
import './index.scss'

export default withPageShell(observer(function StationPage() {
  const { ui, session } = useStores()
  const store = useStationBookings()
  useDidShow(() => {
    void Taro.setNavigationBarTitle({ title: ui.t('centre.station.title') }).catch(() => undefined)
    void store.open(session.me)
  })
  // Opened straight from a link, the page shows before the session has loaded who is signed in.
  useEffect(() => void store.open(session.me), [session.me, store])
  usePullDownRefresh(() => void store.load().finally(() => void Taro.stopPullDownRefresh()))

  if (!session.canSignIn || ['UNAUTHENTICATED', 'SESSION_EXPIRED'].includes(store.error?.code ?? '')) return <SignInPrompt next='/counselling/pages/station-bookings/index' />
  return (
    <View className='station-page'>
      <Text className='section-title station-page__title' role='heading' aria-level={1}>
        {ui.t('centre.station.title')}
      </Text>
      <StationBookings />
    </View>
  )
}))
