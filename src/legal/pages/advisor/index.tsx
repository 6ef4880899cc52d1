/** The advisor's page: who, firm, practice areas, languages, on-site days and places, a call, 咨询 and on-site booking. */
import { useEffect, useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { useLegal } from '../../use'
import { areasText, dayText, languagesText, onsiteText, whenText } from '../../format'
import type { OnsiteSlot } from '@minan/types/functions/legal'
import { Alert, Heading, NoticeAlert } from '../../ui'
import { OnsiteBooked, OnsiteConfirm } from '../../onsite-confirm'
import { BookingGrid } from '../../../components/booking-grid'
import { gridDay, gridLabels } from '../../../components/booking-grid/labels'
import { BottomSheet } from '../../../components/bottom-sheet'
import { shanghaiDate } from '@minan/types/shanghai'
import { formatInstant } from '../../../i18n/dates'
import { withPageShell } from '../../../components/page-shell'
import { Skeleton } from '../../../components/skeleton'
import { askToSubscribe } from '../../../platform/subscribe'
import { Icon, iconPhoneBrand } from '../../../components/icon'

const slotKey = (s: OnsiteSlot) => `${s.villageCode}:${s.start}`
const timeText = (iso: string) => formatInstant(iso, 'zh-CN', 'HH:mm')

const go = (url: string) => void Taro.navigateTo({ url }).catch(() => undefined)

export default withPageShell(observer(function AdvisorPage() {
  const { ui, session, messages } = useStores()
  const store = useLegal()
  const t = ui.t
  const { id = '', village = '' } = useRouter().params
  const here = `/legal/pages/advisor/index?id=${id}&village=${village}`
  useEffect(() => void store.openAdvisor(id), [id, store])
  useEffect(() => void (session.signedIn && store.loadBookings()), [session.signedIn, store])

  // A tap on a time opens the confirmation sheet; only 确认预约 books, and then says what was booked.
  const [pending, setPending] = useState<OnsiteSlot | null>(null)
  const [done, setDone] = useState<OnsiteSlot | null>(null)
  const confirmBooking = async () => {
    if (!pending) return
    // Within the tap: WeChat lets the booking send one reminder (a subscription message) when the person accepts.
    void askToSubscribe('booking', (accepted) => void messages.subscribed(accepted))
    const slot = pending
    if (await store.book(slot)) setDone(slot)
    setPending(null)
  }
  const [day, setDay] = useState<string | null>(null)
  const a = store.advisor?.id === id ? store.advisor : null
  const signedInThen = (url: string) => go(session.signedIn ? url : `/pages/signin/index?next=${encodeURIComponent(here)}`)
  const booked = (start: string) => store.bookings.some((b) => b.start === start && b.status === 'booked')
  if (store.advisorError) return <View className='legal'><Alert text={store.advisorError.message} /></View>
  if (!a) return <View className='legal'><Skeleton variant='detail' /></View>
  const askVillage = village || a.villages[0]?.villageCode
  // The grid: the days with on-site times (days without are not offered), each time with its village's place.
  const byDay = new Map<string, OnsiteSlot[]>()
  for (const s of store.slots) byDay.set(shanghaiDate(s.start), [...(byDay.get(shanghaiDate(s.start)) ?? []), s])
  const grid = [...byDay.entries()].map(([date, slots]) =>
    gridDay(
      date,
      dayText(date, ui.locale, t),
      slots.map((s) => ({ key: slotKey(s), text: timeText(s.start), label: `${t('legal.slots.book', { when: whenText(s.start, ui.locale, t) })}，${s.place}`, mine: booked(s.start) })),
      ui.locale,
      t
    )
  )
  return (
    <View className='legal'>
      <Heading level={1}>{t('legal.advisor.name', { name: a.name })}</Heading>
      <View className='card'>
        <Text className='lg-text'>{t('legal.advisor.firm', { firm: a.firm })}</Text>
        <Text className='lg-text'>{t('legal.advisor.areas', { text: areasText(t, a.practiceAreas) })}</Text>
        <Text className='lg-text'>{t('legal.advisor.languages', { text: languagesText(t, a.languages) })}</Text>
        {/* One primary action on the page (ask in writing); calling is the secondary one. */}
        <Button className='btn-plain lg-button lg-advisor__call' onClick={() => void Taro.makePhoneCall({ phoneNumber: a.phone }).catch(() => undefined)}>
          <Icon src={iconPhoneBrand} />
          <Text>{t('legal.advisor.call', { name: a.name })}</Text>
        </Button>
        <Button className='btn-primary lg-button lg-advisor__ask' onClick={() => signedInThen(`/legal/pages/ask/index?id=${a.id}&village=${askVillage}`)}>
          {t('legal.advisor.ask')}
        </Button>
      </View>

      <Heading level={2}>{t('legal.advisor.villages')}</Heading>
      <View className='card' role='list'>
        {a.villages.map((d) => (
          <View key={d.villageCode} role='listitem' className='lg-advisor__village'>
            <Text className='lg-text'>{d.villageName}</Text>
            <Text className='lg-text'>{onsiteText(t, d)}</Text>
            {d.nextDates[0] && <Text className='lg-text muted'>{t('legal.onsite.next', { date: dayText(d.nextDates[0], ui.locale, t) })}</Text>}
          </View>
        ))}
      </View>

      <Heading level={2}>{t('legal.advisor.book')}</Heading>
      {done && <OnsiteBooked slot={done} onMine={() => go('/legal/pages/mine/index')} t={t} locale={ui.locale} />}
      <View className='card'>
        <NoticeAlert notice={store.bookingNotice} t={t} locale={ui.locale} />
        {store.slots.length === 0 && <Text className='lg-text'>{t('legal.slots.none')}</Text>}
      </View>
      {store.slots.length > 0 && (
        <BookingGrid
          days={grid}
          value={day}
          onDay={setDay}
          onPick={(key) => {
            const slot = store.slots.find((s) => slotKey(s) === key)
            if (!slot) return
            if (!session.signedIn) return signedInThen(here)
            setDone(null)
            setPending(slot)
          }}
          labels={gridLabels(t)}
        />
      )}
      {pending && (
        <BottomSheet title={t('legal.confirm.title')} closeLabel={t('booking.close')} onClose={() => setPending(null)}>
          <OnsiteConfirm slot={pending} sending={store.booking} onConfirm={() => void confirmBooking()} onBack={() => setPending(null)} t={t} locale={ui.locale} />
        </BottomSheet>
      )}
      {session.signedIn && (
        <Button className='btn-plain lg-button' onClick={() => go('/legal/pages/mine/index')}>
          {t('legal.menu.mine')}
        </Button>
      )}
    </View>
  )
}))
