/**
 * One of the person's bookings, as a list row: when, where, with whom, how. While `canCancel` it offers 改期 and 取消
 * (asking first); after the window it says why it cannot, and what to do instead.
 */
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { Booking } from '@minan/types/functions/counselling'
import { useStores } from '../../../stores/root'
import { useCounselling } from '../../store'
import { errorText } from '../../errors'
import { modeKey, statusKey, whenText } from '../../format'
import { confirm, go } from '../../platform'
import { Alert } from '../controls'
import { toneOf } from '../../../components/status-chip'
import { Cell } from '../../../components/cell'
import './index.scss'

const STATUS_MARK = { booked: '◷', attended: '✓', no_show: '✗', cancelled: '⊘' } as const

export const BookingCard = observer(function BookingCard({ booking: b, upcoming }: { booking: Booking; upcoming: boolean }) {
  const { ui } = useStores()
  const store = useCounselling()
  const t = ui.t
  const state = store.actionOf(b.id)
  const when = whenText(b.start, ui.locale, t)

  const cancel = async () => {
    if (await confirm(t('counselling.cancel.title'), t('counselling.cancel.confirm', { when }), { confirm: t('counselling.cancel.yes'), cancel: t('counselling.cancel.keep') })) void store.cancel(b.id)
  }
  const reschedule = () => go(`/counselling/pages/station/index?id=${b.stationId}&counsellor=${b.counsellorId}&reschedule=${b.id}`)
  // A booking that is over but still 'booked' waits for the counsellor to record it.
  const status = upcoming ? t('counselling.status.upcoming') : b.status === 'booked' ? t('counselling.status.over') : t(statusKey(b.status))

  // The app's one list row (src/components/cell): when as the title, with whom and how as the meta line, the status as
  // a chip; where, and what the person can do with the booking (改期, 取消), under it in the same row.
  const meta = t('counselling.booking.with', { name: b.counsellorName, mode: t(modeKey(b.mode)) })
  return (
    <Cell
      className={`booking-card booking-card--${b.status}`}
      title={when}
      meta={meta}
      chip={{ tone: toneOf('booking', upcoming ? 'upcoming' : b.status), label: `${STATUS_MARK[b.status]} ${status}`, mark: false, className: 'booking-card__status' }}
      extra={
        <View className='booking-card__more'>
          <Text className='booking-card__line'>{b.stationName}</Text>
          <Text className='booking-card__line'>{b.stationAddress}</Text>
          {b.pseudonym && <Text className='booking-card__line'>{t('counselling.booking.pseudonym', { name: b.pseudonym })}</Text>}
          {upcoming && b.canCancel && <Text className='booking-card__line'>{t('counselling.booking.cancelBy', { when: whenText(b.cancelBy, ui.locale, t) })}</Text>}
          {upcoming && !b.canCancel && <Text className='booking-card__line booking-card__closed'>{t('counselling.booking.windowClosed')}</Text>}
          {upcoming && b.canCancel && (
            <View className='cs-actions'>
              <Button className='btn-plain booking-card__reschedule' disabled={state.sending || undefined} onClick={reschedule}>
                {t('counselling.booking.reschedule')}
              </Button>
              <Button className='btn-plain booking-card__cancel' disabled={state.sending || undefined} onClick={() => void cancel()}>
                {state.sending ? t('counselling.confirm.sending') : t('counselling.booking.cancel')}
              </Button>
            </View>
          )}
          {state.error && <Alert text={errorText(state.error, ui.locale)} />}
        </View>
      }
    />
  )
})
