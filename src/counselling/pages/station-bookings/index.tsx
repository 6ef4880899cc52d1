/** 服务站预约: the township centre's staff see who is booked at their station and village rooms, week by week. */
import { useEffect } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { StationBookings } from './bookings'
import { useStationBookings } from './store'
import { usePageTitle, useSignInGuard, withPageShell } from '../../../components/page-shell'
import { isSignedOut } from '../../../api/errors'
import './index.scss'

export default withPageShell(observer(function StationPage() {
  const { ui, session } = useStores()
  const store = useStationBookings()
  usePageTitle('centre.station.title')
  useDidShow(() => void store.open(session.me))
  // Opened straight from a link, the page shows before the session has loaded who is signed in.
  useEffect(() => void store.open(session.me), [session.me, store])
  usePullDownRefresh(() => void store.load().finally(() => void Taro.stopPullDownRefresh()))

  const gate = useSignInGuard({ next: '/counselling/pages/station-bookings/index', signedOut: isSignedOut(store.error), needsProfile: false })
  if (gate) return gate
  return (
    <View className='station-page'>
      <Text className='page-title station-page__title' role='heading' aria-level={1}>
        {ui.t('centre.station.title')}
      </Text>
      <StationBookings />
    </View>
  )
}))
