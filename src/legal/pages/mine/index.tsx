/** 我的法律咨询: the person's questions (status and overdue flag in words) and on-site bookings, with cancel. */
import { View, Text, Button } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { useStores } from '../../../stores/root'
import { useLegal } from '../../use'
import { bookingStatusKey, whenText } from '../../format'
import { ConsultationRow } from '../../components/consultation-row'
import { Heading, NoticeAlert } from '../../ui'
import { useSignInGuard, withPageShell } from '../../../components/page-shell'

export default withPageShell(observer(function MinePage() {
  const { ui, session } = useStores()
  const store = useLegal()
  const t = ui.t
  const load = () => void (session.signedIn && Promise.all([store.loadConsultations(), store.loadBookings()]))
  useDidShow(load)
  // Opened straight after launch (a message, a shared link), the profile arrives after the page shows: load once it does.
  useEffect(load, [session.signedIn]) // eslint-disable-line react-hooks/exhaustive-deps
  const gate = useSignInGuard({ next: '/legal/pages/mine/index' })
  const openThread = (id: string) => void Taro.navigateTo({ url: `/legal/pages/thread/index?id=${id}` }).catch(() => undefined)
  if (gate) return gate
  return (
    <View className='legal'>
      <Heading level={1}>{t('legal.mine.title')}</Heading>
      <View className='card' role={store.consultations.length ? 'list' : undefined}>
        {store.consultations.length === 0 && <Text className='lg-text'>{t('legal.mine.none')}</Text>}
        {store.consultations.map((c) => (
          <ConsultationRow key={c.id} className='lg-mine__row' item={c} t={t} locale={ui.locale} onOpen={openThread} />
        ))}
      </View>
      <Heading level={2}>{t('legal.bookings.title')}</Heading>
      <View className='card'>
        <NoticeAlert notice={store.bookingNotice} t={t} locale={ui.locale} />
        {store.bookings.length === 0 && <Text className='lg-text'>{t('legal.bookings.none')}</Text>}
        {store.bookings.map((b) => (
          <View key={b.id} className='lg-row'>
            <Text className='lg-text'>{t('legal.bookings.item', { when: whenText(b.start, ui.locale, t), advisor: b.advisorName, place: b.place })}</Text>
            <Text className='lg-text'>{t('legal.thread.status', { text: t(bookingStatusKey(b.status)) })}</Text>
            {b.canCancel && (
              <View>
                <Text className='lg-text muted'>{t('legal.bookings.cancelBy', { when: whenText(b.cancelBy, ui.locale, t) })}</Text>
                <Button className='btn-plain lg-button' onClick={() => void store.cancelBooking(b.id)}>
                  {t('legal.bookings.cancel')}
                </Button>
              </View>
            )}
          </View>
        ))}
      </View>
    </View>
  )
}))
