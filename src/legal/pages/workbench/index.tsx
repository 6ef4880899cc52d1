/** 法律顾问工作台: open questions (overdue first, then oldest), today's on-site bookings with attendance, and villages. */
import { View, Text, Button } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { useStores } from '../../../stores/root'
import { useLegal } from '../../use'
import { bookingStatusKey, onsiteText, whenText } from '../../format'
import { ConsultationRow } from '../../components/consultation-row'
import { Alert, Heading } from '../../ui'
import { useSignInGuard, withPageShell } from '../../../components/page-shell'
import { Skeleton } from '../../../components/skeleton'
import { Icon, iconWarningOverdue } from '../../../components/icon'

export default withPageShell(observer(function AdvisorWorkbench() {
  const { ui, session } = useStores()
  const store = useLegal()
  const t = ui.t
  const load = () => void (session.signedIn && store.loadWorkbench())
  useDidShow(load)
  // Opened straight after launch (a message, a shared link), the profile arrives after the page shows: load once it does.
  useEffect(load, [session.signedIn]) // eslint-disable-line react-hooks/exhaustive-deps
  usePullDownRefresh(() => void store.loadWorkbench().finally(() => void Taro.stopPullDownRefresh()))
  const gate = useSignInGuard({ next: '/legal/pages/workbench/index', skeleton: 'detail' })
  const openThread = (id: string) => void Taro.navigateTo({ url: `/legal/pages/thread/index?id=${id}` }).catch(() => undefined)
  if (gate) return gate

  const w = store.workbench
  return (
    <View className='legal'>
      <Heading level={1}>{t('legal.bench.title')}</Heading>
      {store.workbenchError && <Alert text={store.workbenchError.message} />}
      {!w && !store.workbenchError && <Skeleton variant='detail' />}
      {w && (
        <View>
          <Heading level={2}>{t('legal.bench.open', { n: w.open.length })}</Heading>
          {w.overdue > 0 && (
            <View className='lg-flag lg-bench__overdue'>
              <Icon src={iconWarningOverdue} />
              <Text>{t('legal.bench.overdueCount', { n: w.overdue })}</Text>
            </View>
          )}
          <View className='card' role={w.open.length ? 'list' : undefined}>
            {w.open.length === 0 && <Text className='lg-text'>{t('legal.bench.none')}</Text>}
            {w.open.map((c) => (
              <ConsultationRow key={c.id} className='lg-bench__open' item={c} t={t} locale={ui.locale} onOpen={openThread} forAdvisor />
            ))}
          </View>
          <Heading level={2}>{t('legal.bench.today')}</Heading>
          <View className='card' role={w.today.length ? 'list' : undefined}>
            {w.today.length === 0 && <Text className='lg-text'>{t('legal.bench.todayNone')}</Text>}
            {w.today.map((b) => (
              <View key={b.id} className='lg-row' role='listitem'>
                <Text className='lg-text'>{t('legal.bench.booking', { time: whenText(b.start, ui.locale, t), client: b.client, village: b.villageName })}</Text>
                <Text className='lg-text'>{t('legal.thread.status', { text: t(bookingStatusKey(b.status)) })}</Text>
                {b.status === 'booked' && (
                  <View>
                    <Button className='btn-plain lg-button' onClick={() => void store.markAttendance(b.id, true)}>
                      {t('legal.bench.attended')}
                    </Button>
                    <Button className='btn-plain lg-button' onClick={() => void store.markAttendance(b.id, false)}>
                      {t('legal.bench.noShow')}
                    </Button>
                  </View>
                )}
              </View>
            ))}
          </View>
          <Heading level={2}>{t('legal.bench.villages')}</Heading>
          <View className='card' role='list'>
            {w.villages.map((d) => (
              <View key={d.villageCode} role='listitem'>
                <Text className='lg-text'>{d.villageName}</Text>
                <Text className='lg-text muted'>{onsiteText(t, d)}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
    </View>
  )
}))
