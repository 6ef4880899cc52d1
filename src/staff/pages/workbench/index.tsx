/**
 * 工作台: one place for anyone with a staff role — each queue their roles give them (cases, mediations, sessions,
 * questions, station bookings) with how many are overdue and due soon, each opening its own page; and for centre
 * staff, the dashboard of their area.
 */
import '../../texts'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { usePageTitle, useSignInGuard, withPageShell } from '../../../components/page-shell'
import { isSignedOut } from '../../../api/errors'
import { useDashboardStore } from '../dashboard/store'
import { WorkbenchView } from './view'
import './index.scss'

export default withPageShell(
  observer(function WorkbenchPage() {
    const store = useDashboardStore()
    usePageTitle('dash.workbench.title')
    useDidShow(() => void store.loadWorkbench())
    usePullDownRefresh(() => void store.loadWorkbench().finally(() => void Taro.stopPullDownRefresh()))

    const gate = useSignInGuard({ next: '/staff/pages/workbench/index', signedOut: isSignedOut(store.workbenchError), needsProfile: false })
    if (gate) return gate
    return <WorkbenchView />
  })
)
