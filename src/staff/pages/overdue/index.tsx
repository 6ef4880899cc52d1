/**
 * 法律咨询超期情况: the township centre's list of village legal advisors with unanswered questions, the most overdue
 * first — names, counts and the oldest question's date, never a question or who asked it.
 */
import '../../texts'
import { View, Text, Button } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { formatInstant } from '../../../i18n/dates'
import { errorText } from '../../format'
import { useLegalOverdue } from '../queue/centre-store'
import { usePageTitle, useSignInGuard, withPageShell } from '../../../components/page-shell'
import { isSignedOut } from '../../../api/errors'
import './index.scss'
import { Icon, iconWarningOverdue } from '../../../components/icon'

export default withPageShell(observer(function OverduePage() {
  const { ui } = useStores()
  const store = useLegalOverdue()
  const t = ui.t
  usePageTitle('centre.overdue.title')
  useDidShow(() => {
    void store.loadCounts()
    void store.loadList()
  })
  usePullDownRefresh(() => void Promise.all([store.loadCounts(), store.loadList()]).finally(() => void Taro.stopPullDownRefresh()))

  const gate = useSignInGuard({ next: '/staff/pages/overdue/index', signedOut: isSignedOut(store.listError), needsProfile: false })
  if (gate) return gate
  const list = store.list
  return (
    <View className='overdue-page'>
      <Text className='page-title overdue-page__title' role='heading' aria-level={1}>
        {t('centre.overdue.title')}
      </Text>
      <View className='card'>
        {store.counts && <Text className='overdue-page__total' role='status'>{t('centre.overdue.counts', store.totals)}</Text>}
        <Text className='muted overdue-page__intro'>{t('centre.overdue.intro')}</Text>
      </View>
      {store.listError && (
        <View className='card'>
          <Text className='error-text' role='alert'>{errorText(store.listError, ui.locale)}</Text>
          <Button className='btn-plain' onClick={() => void store.loadList()}>{t('common.retry')}</Button>
        </View>
      )}
      {store.listLoading && !list && <Text className='muted overdue-page__state'>{t('common.loading')}</Text>}
      {list && list.length === 0 && <Text className='muted overdue-page__state'>{t('centre.overdue.none')}</Text>}
      {list && list.length > 0 && (
        <View role='list' aria-label={t('centre.overdue.title')}>
          {list.map((a) => (
            <View key={`${a.advisorId}:${a.townshipCode}`} role='listitem' className={`card overdue-row ${a.overdue > 0 ? 'overdue-row--late' : ''}`}>
              <Text className='overdue-row__name'>{t('centre.overdue.advisor', { name: a.advisorName, firm: a.firm })}</Text>
              <Text className='overdue-row__line'>{t('centre.overdue.township', { name: a.townshipName })}</Text>
              <View className='overdue-row__count'>
                {a.overdue > 0 && <Icon src={iconWarningOverdue} />}
                <Text>{t('centre.overdue.row', { overdue: a.overdue, waiting: a.waiting })}</Text>
              </View>
              <Text className='overdue-row__line'>{t('centre.overdue.oldest', { date: formatInstant(a.oldestAskedAt, ui.locale, t('centre.station.format.date')) })}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}))
