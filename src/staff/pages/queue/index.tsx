/** The workbench queue: the cases staff handle (a mediator: those assigned to them), most urgent first. */
import '../../texts'
import { useEffect } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { jurisdictionOf, useStaffStore } from '../../store'
import { seesCaseQueue, WORKBENCH_PAGE } from '../../entry'
import { errorText } from '../../format'
import { QueueFilters } from '../../components/queue-filters'
import { CaseRow } from '../../components/case-row'
import { CentreCards } from './centre-cards'
import { usePageTitle, useSignInGuard, withPageShell } from '../../../components/page-shell'
import { isSignedOut } from '../../../api/errors'
import { Skeleton } from '../../../components/skeleton'
import './index.scss'
import { Icon, iconWarningOverdue } from '../../../components/icon'

export default withPageShell(observer(function QueuePage() {
  const { ui, session } = useStores()
  const store = useStaffStore()
  const area = jurisdictionOf(session.me)?.regionCode ?? null
  // A grid worker has no case queue: asking would only answer "no permission" (their cases are on the workbench).
  const notYours = session.me !== null && !seesCaseQueue(session.me)

  // Coming back from a case shows what changed there, keeping the pages already opened.
  usePageTitle('staff.title')
  useDidShow(() => void (notYours || store.loadQueue({ keepLoaded: true })))
  usePullDownRefresh(() => void (notYours ? Taro.stopPullDownRefresh() : store.loadQueue({ keepLoaded: true }).finally(() => void Taro.stopPullDownRefresh())))
  useReachBottom(() => void store.loadMore())
  useEffect(() => void (area && store.loadAreas(area)), [area, store])

  const gate = useSignInGuard({ next: '/staff/pages/queue/index', signedOut: isSignedOut(store.queueError), needsProfile: false })
  if (gate) return gate
  if (notYours)
    return (
      <View className='card staff-queue__not-yours'>
        <Text>{ui.t('staff.queue.notYours')}</Text>
        <Button className='btn-primary' onClick={() => void Taro.redirectTo({ url: WORKBENCH_PAGE })}>
          {ui.t('staff.queue.toWorkbench')}
        </Button>
      </View>
    )
  const { items } = store
  return (
    <View className='staff-queue'>
      <Text className='page-title staff-queue__title' role='heading' aria-level={1}>
        {ui.t('staff.queue.title')}
      </Text>
      <QueueFilters areaLevel={area !== null} />
      <View className='card staff-queue__summary' role='status'>
        {store.total !== null && <Text className='staff-queue__total'>{ui.t(store.totalCapped ? 'staff.queue.totalMore' : 'staff.queue.total', { total: store.total })}</Text>}
        <View className='staff-queue__count staff-queue__count--overdue'>
          <Icon src={iconWarningOverdue} />
          <Text>{ui.t('staff.queue.overdue', { n: store.overdueCount })}</Text>
        </View>
        <Text className='staff-queue__count staff-queue__count--due-soon'>◷ {ui.t('staff.queue.dueSoon', { n: store.dueSoonCount })}</Text>
        <Text className='muted staff-queue__note'>{ui.t('staff.queue.loadedNote', { n: items.length })}</Text>
      </View>
      <CentreCards />
      {store.queueError && (
        <View className='card'>
          <Text className='error-text' role='alert'>
            {errorText(store.queueError, ui.locale)}
          </Text>
          <Button className='btn-plain staff-queue__retry' onClick={() => void store.loadQueue({ keepLoaded: true })}>
            {ui.t('common.retry')}
          </Button>
        </View>
      )}
      {store.loading && items.length === 0 && <Skeleton />}
      {store.loaded && !store.loading && !store.queueError && items.length === 0 && <Text className='muted staff-queue__state'>{ui.t('staff.queue.empty')}</Text>}
      <View role='list'>
        {items.map((item) => (
          <CaseRow key={item.id} item={item} />
        ))}
      </View>
      {store.hasMore ? (
        <Button className='btn-plain staff-queue__more' disabled={store.loadingMore || undefined} onClick={() => void store.loadMore()}>
          {store.loadingMore ? ui.t('common.loading') : ui.t('staff.queue.more')}
        </Button>
      ) : (
        items.length > 0 && <Text className='muted staff-queue__state'>{ui.t('staff.queue.end')}</Text>
      )}
    </View>
  )
}))
