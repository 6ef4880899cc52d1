/**
 * A station: its details, counsellors and two weeks of free slots; choosing one leads to the confirm step, then to
 * what was booked. Also where a booking is moved (?reschedule=) and where the crisis screen's priority booking lands.
 */
import { useEffect } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { CrisisHelp } from '../../../components/crisis-help'
import { useCounselling } from '../../store'
import { errorText } from '../../errors'
import { whenText } from '../../format'
import { go } from '../../platform'
import { Alert, Heading } from '../../components/controls'
import { StationInfo } from '../../components/station-info'
import { SlotList } from '../../components/slot-list'
import { BookingConfirm, BookingDone } from '../../components/booking-confirm'
import { BottomSheet } from '../../../components/bottom-sheet'
import { usePageTitle, withPageShell } from '../../../components/page-shell'
import { Skeleton } from '../../../components/skeleton'
import './index.scss'

export default withPageShell(observer(function StationPage() {
  const { ui } = useStores()
  const store = useCounselling()
  const t = ui.t
  const { id = '', priority, counsellor, reschedule } = useRouter().params
  const query = Object.entries({ id, priority, counsellor, reschedule }).filter(([, v]) => v).map(([k, v]) => `${k}=${v}`)
  const here = `/counselling/pages/station/index?${query.join('&')}`

  useEffect(() => void store.openStation(id, { priority: priority === '1', counsellorId: counsellor, moving: reschedule }), [id, priority, counsellor, reschedule, store])
  usePageTitle('counselling.station.title')

  const s = store.station?.id === id ? store.station : null
  const notice = store.notice
  const toBookings = () => (store.moving ? void Taro.navigateBack().catch(() => go('/counselling/pages/bookings/index')) : go('/counselling/pages/bookings/index'))
  return (
    <View className='counselling station-page'>
      <CrisisHelp />
      {store.stationError && <Alert text={errorText(store.stationError, ui.locale)} />}
      {!s && !store.stationError && <Skeleton variant='detail' />}
      {s && (
        <View>
          <Heading level={1}>{s.name}</Heading>
          <StationInfo station={s} />
          {store.priority && <Text className='card cs-text station-page__banner'>{`⚑ ${t('counselling.priority.note')}`}</Text>}
          {store.moving && <Text className='card cs-text station-page__banner'>{t('counselling.move.banner', { when: whenText(store.moving.start, ui.locale, t) })}</Text>}
          {store.done ? (
            <View>
              <BookingDone />
              <Button className='btn-primary station-page__next' onClick={toBookings}>
                {t('counselling.menu.bookings')}
              </Button>
            </View>
          ) : (
            <View>
              {notice && 'key' in notice && (
                <View className='station-page__notice'>
                  <Alert text={t(notice.key)} />
                </View>
              )}
              {notice && 'error' in notice && !store.selected && (
                <View className='station-page__notice'>
                  <Alert text={errorText(notice.error, ui.locale)} />
                </View>
              )}
              <SlotList />
              {/* A tap on a time opens the confirmation as a half-screen sheet over the grid. */}
              {store.selected && (
                <BottomSheet title={t(store.moving ? 'counselling.confirm.moveTitle' : 'counselling.confirm.title')} closeLabel={t('booking.close')} onClose={() => store.unpick()}>
                  <BookingConfirm here={here} />
                </BottomSheet>
              )}
            </View>
          )}
        </View>
      )}
    </View>
  )
}))
