/** 我的预约: freed slots offered to the person, the pause notice, upcoming and past bookings, and days they wait for. */
import { View, Text, Button } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { CrisisHelp } from '../../../components/crisis-help'
import { useCounselling } from '../../store'
import { isSignedOut } from '../../../api/errors'
import { errorText } from '../../errors'
import { whenText } from '../../format'
import { go } from '../../platform'
import { Alert, Heading } from '../../components/controls'
import { BookingCard } from '../../components/booking-card'
import { WaitlistCard } from '../../components/waitlist-card'
import { usePageTitle, useSignInGuard, withPageShell } from '../../../components/page-shell'
import { Skeleton } from '../../../components/skeleton'
import './index.scss'
import { Icon, iconWarningOverdue } from '../../../components/icon'

export default withPageShell(observer(function BookingsPage() {
  const { ui, session } = useStores()
  const store = useCounselling()
  const t = ui.t
  usePageTitle('counselling.menu.bookings')
  useDidShow(() => void (session.canSignIn && store.loadMine()))
  usePullDownRefresh(() => void store.loadMine().finally(() => void Taro.stopPullDownRefresh()))

  const gate = useSignInGuard({ next: '/counselling/pages/bookings/index', signedOut: isSignedOut(store.mineError), needsProfile: false })
  if (gate) {
    return (
      <View className='counselling'>
        <CrisisHelp />
        {gate}
      </View>
    )
  }
  const { offers, upcoming, past, waiting } = store
  return (
    <View className='counselling bookings-page'>
      <CrisisHelp />
      <Heading level={1}>{t('counselling.menu.bookings')}</Heading>
      {store.pausedUntil && (
        <View className='card cs-text bookings-page__paused' role='status'>
          <Icon src={iconWarningOverdue} />
          <Text>{t('counselling.paused', { until: whenText(store.pausedUntil, ui.locale, t) })}</Text>
        </View>
      )}
      {store.mineError && <Alert text={errorText(store.mineError, ui.locale)} />}
      {!store.mineLoaded && store.mineLoading && <Skeleton />}
      {offers.length > 0 && (
        <View role='list' aria-label={t('counselling.offer.list')}>
          {offers.map((w) => (
            <WaitlistCard key={w.id} entry={w} />
          ))}
        </View>
      )}
      <Heading level={2}>{t('counselling.bookings.upcoming')}</Heading>
      {store.mineLoaded && upcoming.length === 0 && <Text className='cs-text bookings-page__state'>{t('counselling.bookings.none')}</Text>}
      {upcoming.length > 0 && (
        <View role='list' aria-label={t('counselling.bookings.upcoming')}>
          {upcoming.map((b) => (
            <BookingCard key={b.id} booking={b} upcoming />
          ))}
        </View>
      )}
      <Button className='btn-plain bookings-page__new' onClick={() => go('/counselling/pages/stations/index')}>
        {t('counselling.bookings.new')}
      </Button>
      {waiting.length > 0 && (
        <View>
          <Heading level={2}>{t('counselling.waitlist.title')}</Heading>
          <View role='list' aria-label={t('counselling.waitlist.title')}>
            {waiting.map((w) => (
              <WaitlistCard key={w.id} entry={w} />
            ))}
          </View>
        </View>
      )}
      {past.length > 0 && (
        <View>
          <Heading level={2}>{t('counselling.bookings.past')}</Heading>
          <View role='list' aria-label={t('counselling.bookings.past')}>
            {past.map((b) => (
              <BookingCard key={b.id} booking={b} upcoming={false} />
            ))}
          </View>
        </View>
      )}
    </View>
  )
}))
