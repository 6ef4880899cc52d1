/**
 * The confirm step of a booking: a clear summary, the way to meet (面谈/电话/视频), an optional pseudonym — and,
 * when rescheduling, the old and the new time. Booking needs a signed-in person: the button asks them to sign in first.
 */
import { useEffect } from 'react'
import { View, Text, Button, Input } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { Mode } from '@minan/types/functions/counselling'
import { addressText } from '@minan/types/address'
import { useStores } from '../../../stores/root'
import { useCounselling } from '../../store'
import { errorText } from '../../errors'
import { modeKey, whenText } from '../../format'
import { signInThen } from '../../platform'
import { Alert, Choices } from '../controls'
import './index.scss'
import { askToSubscribe } from '../../../platform/subscribe'

export const BookingConfirm = observer(function BookingConfirm({ here }: { here: string }) {
  const { ui, session, messages } = useStores()
  const store = useCounselling()
  const t = ui.t
  const slot = store.selected
  const suggestions = t('counselling.pseudonym.suggestions')
  useEffect(() => {
    if (slot && !store.moving) store.suggestPseudonym(suggestions.split(','))
  }, [slot, store, suggestions])
  if (!slot || !store.station) return null
  const counsellor = store.counsellorOf(slot.counsellorId)
  const moving = store.moving
  const submit = () => {
    if (!session.signedIn) return signInThen(here)
    // Within the tap: WeChat lets the booking send one reminder (a subscription message) when the person accepts.
    void askToSubscribe('booking', (accepted) => void messages.subscribed(accepted))
    void store.book()
  }
  const notice = store.notice && 'error' in store.notice ? store.notice.error : null

  return (
    <View className='booking-confirm'>
      <View className='card' role='group' aria-label={t('counselling.confirm.summary')}>
        <Text className='cs-label'>{t('counselling.confirm.station')}</Text>
        <Text className='cs-text booking-confirm__value'>{store.station.name}</Text>
        <Text className='cs-text'>{addressText(store.station.regionPath, store.station.address)}</Text>
        <Text className='cs-label'>{t('counselling.confirm.counsellor')}</Text>
        <Text className='cs-text booking-confirm__value'>{slot.counsellorName}</Text>
        {moving && <Text className='cs-label'>{t('counselling.confirm.from')}</Text>}
        {moving && <Text className='cs-text'>{whenText(moving.start, ui.locale, t)}</Text>}
        <Text className='cs-label'>{t(moving ? 'counselling.confirm.to' : 'counselling.confirm.when')}</Text>
        <Text className='cs-text booking-confirm__value booking-confirm__when'>{whenText(slot.start, ui.locale, t)}</Text>
        <Text className='cs-text'>{t('counselling.confirm.length')}</Text>
        {store.priority && <Text className='cs-text booking-confirm__priority'>{`⚑ ${t('counselling.priority.note')}`}</Text>}
      </View>
      {!moving && (
        <View className='card'>
          <Text className='cs-label'>{t('counselling.confirm.mode')}</Text>
          <Choices<Mode>
            name='mode'
            label={t('counselling.confirm.mode')}
            value={store.mode}
            onChange={(m) => store.setMode(m)}
            choices={(counsellor?.modes ?? ['in_person']).map((m) => ({ value: m, text: t(modeKey(m)) }))}
          />
          <Text className='cs-label'>{t('counselling.confirm.pseudonym')}</Text>
          <Text className='cs-text'>{t('counselling.confirm.pseudonymHint')}</Text>
          {store.pseudonym.trim() && !store.pseudonymEdited && <Text className='cs-text booking-confirm__suggested'>{t('counselling.confirm.pseudonymSuggested')}</Text>}
          <Input
            className='cs-input booking-confirm__pseudonym'
            type='text'
            value={store.pseudonym}
            maxlength={20}
            aria-label={t('counselling.confirm.pseudonym')}
            // On H5 the host carries aria-label, the inner <input> needs its own.
            nativeProps={{ 'aria-label': t('counselling.confirm.pseudonym') }}
            onInput={(e) => store.setPseudonym(e.detail.value)}
          />
          {!store.pseudonym.trim() && <Alert tone='info' text={t('counselling.confirm.realName')} />}
        </View>
      )}
      {store.notice && notice && <View className='booking-confirm__error'><Alert text={errorText(notice, ui.locale)} /></View>}
      <View className='cs-actions booking-confirm__actions'>
        <Button className='btn-primary booking-confirm__submit' disabled={store.sending || undefined} onClick={submit}>
          {store.sending ? t('counselling.confirm.sending') : t(session.signedIn ? (moving ? 'counselling.confirm.move' : 'counselling.confirm.book') : 'counselling.confirm.signIn')}
        </Button>
        <Button className='btn-plain booking-confirm__back' onClick={() => store.unpick()}>
          {t('counselling.confirm.back')}
        </Button>
      </View>
    </View>
  )
})

/** After booking: what was booked, and the way to the person's bookings. */
export const BookingDone = observer(function BookingDone() {
  const { ui } = useStores()
  const store = useCounselling()
  const t = ui.t
  const b = store.done
  if (!b) return null
  return (
    <View className='card booking-confirm__done' role='status'>
      <Text className='booking-confirm__ok'>{`✓ ${t(store.moving ? 'counselling.done.moved' : 'counselling.done.booked')}`}</Text>
      <Text className='cs-text booking-confirm__value'>{whenText(b.start, ui.locale, t)}</Text>
      <Text className='cs-text'>{`${b.stationName} · ${b.counsellorName} · ${t(modeKey(b.mode))}`}</Text>
      {b.pseudonym && <Text className='cs-text'>{t('counselling.booking.pseudonym', { name: b.pseudonym })}</Text>}
      <Text className='cs-text'>{t('counselling.booking.cancelBy', { when: whenText(b.cancelBy, ui.locale, t) })}</Text>
    </View>
  )
})
