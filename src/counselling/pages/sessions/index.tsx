/** 我的咨询安排: the counsellor's workbench — today's or the week's sessions, then weekly hours and leave. */
import { useEffect } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { Choices } from '../../../staff/components/fields'
import { errorText } from '../../../staff/format'
import { SessionCard } from './session-card'
import { HoursEditor } from './hours-editor'
import { LeaveForm } from './leave-form'
import { useSessionsStore, type Range } from './store'
import { usePageTitle, useSignInGuard, withPageShell } from '../../../components/page-shell'
import { isSignedOut } from '../../../api/errors'
import './index.scss'

export default withPageShell(observer(function SessionsPage() {
  const { ui, session } = useStores()
  const store = useSessionsStore()
  const t = ui.t
  usePageTitle('counselling.sessions.title')
  useDidShow(() => void store.load())
  usePullDownRefresh(() => void store.load().finally(() => void Taro.stopPullDownRefresh()))
  useEffect(() => void store.loadHours(session.me), [session.me, store])

  const gate = useSignInGuard({ next: '/counselling/pages/sessions/index', signedOut: isSignedOut(store.error), needsProfile: false })
  if (gate) return gate
  const heading = (level: 1 | 2, key: Parameters<typeof t>[0]) => (
    <Text className='section-title sessions__heading' role='heading' aria-level={level}>
      {t(key)}
    </Text>
  )
  return (
    <View className='sessions'>
      {heading(1, 'counselling.sessions.title')}
      <View className='card'>
        <Choices<Range> label={t('counselling.sessions.range')} value={store.range} onChange={(r) => void store.setRange(r)} options={[{ value: 'today', text: t('counselling.sessions.today') }, { value: 'week', text: t('counselling.sessions.week') }]} />
        <Text className='muted'>{t('counselling.sessions.confidential')}</Text>
      </View>
      {store.error && (
        <View className='card'>
          <Text className='error-text' role='alert'>{errorText(store.error, ui.locale)}</Text>
          <Button className='btn-plain' onClick={() => void store.load()}>{t('common.retry')}</Button>
        </View>
      )}
      {store.loading && !store.loaded && <Text className='muted sessions__state'>{t('common.loading')}</Text>}
      {store.loaded && store.sessions.length === 0 && <Text className='muted sessions__state'>{t(store.range === 'today' ? 'counselling.sessions.noneToday' : 'counselling.sessions.noneWeek')}</Text>}
      {store.sessions.length > 0 && (
        <View role='list' aria-label={t('counselling.sessions.title')}>
          {store.sessions.map((s) => (
            <SessionCard key={s.id} session={s} withDate={store.range === 'week'} />
          ))}
        </View>
      )}
      {heading(2, 'counselling.hours.title')}
      <HoursEditor />
      {heading(2, 'counselling.leave.title')}
      <LeaveForm />
    </View>
  )
}))
