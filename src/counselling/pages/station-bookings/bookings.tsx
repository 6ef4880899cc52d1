/**
 * A station's bookings for a week, day by day: when, which counsellor, the person's pseudonym, how, and the status —
 * what station staff need to receive visitors. Session notes and screening results are not part of a StationBooking,
 * so there is nothing of them to show; the page says so.
 */
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { StationBooking } from '@minan/types/functions/counselling'
import type { MessageKey } from '../../../i18n'
import { useStores } from '../../../stores/root'
import { formatDay, formatInstant } from '../../../i18n/dates'
import { Choices } from '../../../staff/components/fields'
import { errorText } from '../../../staff/format'
import { useStationBookings } from './store'
import { Cell } from '../../../components/cell'
import { toneOf } from '../../../components/status-chip'

/** One visit, as the app's one list row (only to read: staff open nothing from here). */
const BookingRow = observer(function BookingRow({ booking: b }: { booking: StationBooking }) {
  const { ui } = useStores()
  const t = ui.t
  return (
    <Cell
      className={`station-booking station-booking--${b.status}`}
      title={`${formatInstant(b.start, ui.locale, 'HH:mm')}–${formatInstant(b.end, ui.locale, 'HH:mm')} · ${t('centre.station.client', { name: b.client })}`}
      meta={`${t('centre.station.counsellor', { name: b.counsellorName })} · ${t(`counselling.mode.${b.mode}` as MessageKey)}`}
      chip={{ tone: toneOf('booking', b.status), label: t(`counselling.status.${b.status}` as MessageKey), className: 'station-booking__status' }}
    />
  )
})

export const StationBookings = observer(function StationBookings() {
  const { ui } = useStores()
  const store = useStationBookings()
  const t = ui.t
  const date = (d: string) => formatDay(d, ui.locale, t('centre.station.format.date'))
  const dayLabel = (d: string) => formatDay(d, ui.locale, t('centre.station.format.day'))
  const live = store.bookings.filter((b) => b.status !== 'cancelled').length

  if (!store.known) return <Text className='muted station-bookings__state'>{t('common.loading')}</Text>
  if (!store.township) {
    return (
      <View className='card'>
        <Text className='muted'>{t('centre.station.only')}</Text>
      </View>
    )
  }
  return (
    <View className='station-bookings'>
      <View className='card'>
        {store.stations.length > 1 && <Choices label={t('centre.station.choose')} value={store.stationId} onChange={(id) => void store.setStation(id)} options={store.stations.map((s) => ({ value: s.id, text: s.name }))} />}
        {store.stations.length === 1 && <Text className='station-bookings__name'>{store.stations[0].name}</Text>}
        <Text className='muted station-bookings__note'>{t('centre.station.confidential')}</Text>
      </View>
      <View className='card station-bookings__week'>
        <Text className='station-bookings__range' role='status'>{`${t('centre.station.range', { from: date(store.from), to: date(store.to) })} · ${t('centre.station.count', { n: live })}`}</Text>
        <View className='station-bookings__nav'>
          <Button className='btn-plain station-bookings__prev' onClick={() => void store.shiftWeek(-1)}>
            {t('centre.station.prev')}
          </Button>
          {store.from !== store.today && (
            <Button className='btn-plain station-bookings__today' onClick={() => void store.shiftWeek(0)}>
              {t('centre.station.today')}
            </Button>
          )}
          <Button className='btn-plain station-bookings__next' onClick={() => void store.shiftWeek(1)}>
            {t('centre.station.next')}
          </Button>
        </View>
      </View>
      {store.error && (
        <View className='card'>
          <Text className='error-text' role='alert'>{errorText(store.error, ui.locale)}</Text>
          <Button className='btn-plain' onClick={() => void store.load()}>{t('common.retry')}</Button>
        </View>
      )}
      {store.loading && !store.loaded && <Text className='muted station-bookings__state'>{t('common.loading')}</Text>}
      {store.loaded && store.bookings.length === 0 && <Text className='muted station-bookings__state'>{t('centre.station.none')}</Text>}
      {store.loaded &&
        store.bookings.length > 0 &&
        store.days.map((day) => (
          <View key={day.date} className='card station-bookings__day'>
            <Text className='station-bookings__date' role='heading' aria-level={2}>
              {dayLabel(day.date)}
            </Text>
            {day.bookings.length === 0 ? (
              <Text className='muted'>{t('centre.station.noneDay')}</Text>
            ) : (
              <View role='list' aria-label={dayLabel(day.date)}>
                {day.bookings.map((b) => (
                  <BookingRow key={b.id} booking={b} />
                ))}
              </View>
            )}
          </View>
        ))}
    </View>
  )
})
