/**
 * A kept self-screening result: the score and band in words, and sharing it with the counsellor of one of the
 * person's bookings (the counsellor sees the score, never the answers).
 */
import { useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { OwnScreening } from '@minan/types/functions/counselling'
import { useStores } from '../../../stores/root'
import { useCounselling } from '../../store'
import { errorText } from '../../errors'
import { bandKey, dateText, instrumentKey, whenText } from '../../format'
import { Alert, Choices } from '../controls'
import './index.scss'
import { Icon, iconWarningOverdue } from '../../../components/icon'

export const ResultCard = observer(function ResultCard({ result: r }: { result: OwnScreening }) {
  const { ui } = useStores()
  const store = useCounselling()
  const s = store.screening
  const t = ui.t
  const [sharing, setSharing] = useState(false)
  const [bookingId, setBookingId] = useState<string | null>(null)
  // Shared with a booking that is still to come (the server keeps one shared result per booking).
  const sharedWith = store.bookings.filter((b) => b.sharedScreeningId === r.id || s.sharedWith[r.id] === b.id)
  const share = async () => {
    if (bookingId && (await s.share(r.id, bookingId))) {
      setSharing(false)
      void store.loadMine()
    }
  }

  return (
    <View role='listitem' className='card result-card'>
      <Text className='result-card__title'>{`${t(instrumentKey(r.instrument))} · ${dateText(r.createdAt, ui.locale, t)}`}</Text>
      <Text className='cs-text result-card__score'>{t('counselling.results.score', { total: r.total, max: r.instrument === 'phq9' ? 27 : 21, band: t(bandKey(r.band)) })}</Text>
      {r.crisis && (
        <View className='cs-text result-card__crisis'>
          <Icon src={iconWarningOverdue} />
          <Text>{t('counselling.result.crisis')}</Text>
        </View>
      )}
      {sharedWith.map((b) => (
        <Text key={b.id} className='cs-text result-card__shared'>{`✓ ${t('counselling.results.sharedWith', { name: b.counsellorName, when: whenText(b.start, ui.locale, t) })}`}</Text>
      ))}
      {sharing ? (
        <View className='result-card__share'>
          {store.upcoming.length === 0 ? (
            <Text className='cs-text'>{t('counselling.results.noBookings')}</Text>
          ) : (
            <Choices
              name='share-booking'
              label={t('counselling.results.pickBooking')}
              value={bookingId}
              onChange={setBookingId}
              choices={store.upcoming.map((b) => ({ value: b.id, text: `${whenText(b.start, ui.locale, t)} · ${b.counsellorName}` }))}
            />
          )}
          <Text className='cs-text'>{t('counselling.results.shareNote')}</Text>
          <View className='cs-actions'>
            <Button className='btn-primary result-card__confirm' disabled={!bookingId || s.sharing !== null || undefined} onClick={() => void share()}>
              {t('counselling.results.shareConfirm')}
            </Button>
            <Button className='btn-plain' onClick={() => setSharing(false)}>
              {t('common.cancel')}
            </Button>
          </View>
        </View>
      ) : (
        <Button className='btn-plain result-card__share-button' onClick={() => setSharing(true)}>
          {t('counselling.results.share')}
        </Button>
      )}
      {s.shareError && sharing && <Alert text={errorText(s.shareError, ui.locale)} />}
    </View>
  )
})
