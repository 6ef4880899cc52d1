/** The workbench's content: the person's queues, most pressing first, and the dashboards their area has. */
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { WorkbenchQueue } from '@minan/types/functions/stats'
import { useStores } from '../../../stores/root'
import { Skeleton } from '../../../components/skeleton'
import { errorText } from '../../format'
import { DASHBOARD_PAGE, QUEUE_PAGES, TAB_PAGES, queueTitleKey, useDashboardStore } from '../dashboard/store'
import { Cell } from '../../../components/cell'

function go(url: string) {
  void (TAB_PAGES.has(url) ? Taro.switchTab({ url }) : Taro.navigateTo({ url }))
}

/** One queue, drawn as the app's one list row: its name, how many in it, and its overdue and due-soon counts as chips. */
const QueueCard = observer(function QueueCard({ queue }: { queue: WorkbenchQueue }) {
  const { ui } = useStores()
  const page = QUEUE_PAGES[queue.kind]
  const title = ui.t(queueTitleKey(queue.kind))
  const name = queue.regionName ? `${title} · ${queue.regionName}` : title
  const label = `${ui.t('dash.queue.open', { name })}: ${ui.t('dash.queue.total', { n: queue.total })}, ${ui.t('dash.queue.overdue', { n: queue.overdue })}, ${ui.t('dash.queue.dueSoon', { n: queue.dueSoon })}`
  return (
    <Cell
      className={`queue-card queue-card--${queue.kind}`}
      ariaLabel={label}
      title={name}
      meta={ui.t('dash.queue.total', { n: queue.total })}
      // A count of none is said in grey and without a mark (the grey tone's mark means refused or withdrawn): only
      // what is pressing takes the overdue and waiting colours and their marks.
      chip={{ tone: queue.overdue ? 'overdue' : 'closed', mark: queue.overdue > 0, label: ui.t('dash.queue.overdue', { n: queue.overdue }), className: 'queue-card__count queue-card__count--overdue' }}
      flag={{ tone: queue.dueSoon ? 'waiting' : 'closed', mark: queue.dueSoon > 0, label: ui.t('dash.queue.dueSoon', { n: queue.dueSoon }), className: 'queue-card__count queue-card__count--soon' }}
      onClick={() => go(page)}
    />
  )
})

export const WorkbenchView = observer(function WorkbenchView() {
  const { ui } = useStores()
  const store = useDashboardStore()
  const w = store.workbench
  return (
    <View className='workbench'>
      <Text className='page-title workbench__title' role='heading' aria-level={1}>
        {ui.t('dash.workbench.title')}
      </Text>
      <Text className='workbench__intro'>{ui.t('dash.workbench.intro')}</Text>
      {w && <Text className='muted workbench__intro'>{ui.t('dash.workbench.soonNote', { n: w.dueSoonDays })}</Text>}
      {store.workbenchError && (
        <View className='card'>
          <Text className='error-text' role='alert'>
            {errorText(store.workbenchError, ui.locale)}
          </Text>
          <Button className='btn-plain' onClick={() => void store.loadWorkbench()}>
            {ui.t('common.retry')}
          </Button>
        </View>
      )}
      {!w && store.workbenchLoading && <Skeleton rows={2} />}
      {w && w.queues.length === 0 && <Text className='muted workbench__state'>{ui.t('dash.workbench.none')}</Text>}
      {w && w.queues.length > 0 && (
        <View role='list' className='workbench__queues'>
          {store.queues.map((q) => (
            <QueueCard key={`${q.kind}:${q.regionCode ?? ''}`} queue={q} />
          ))}
        </View>
      )}
      {w && w.dashboards.length > 0 && (
        <View className='card workbench__dashboards'>
          <Text className='workbench__subtitle' role='heading' aria-level={2}>
            {ui.t('dash.workbench.dashboards')}
          </Text>
          {w.dashboards.map((d) => (
            <Button key={d.code} className='btn-primary workbench__dashboard' onClick={() => go(`${DASHBOARD_PAGE}?code=${d.code}`)}>
              {ui.t('dash.workbench.openDashboard', { name: d.name })}
            </Button>
          ))}
        </View>
      )}
    </View>
  )
})
