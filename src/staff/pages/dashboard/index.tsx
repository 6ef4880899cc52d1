/**
 * 数据看板: a region's live figures for centre, county and city staff — new, open, overdue, concluded, resolved at
 * township level or below, median days and satisfaction — with a drill-down by sub-region (city → counties →
 * townships). It opens on `?code=` (default: the person's own jurisdiction); the server refuses anything outside it.
 */
import '../../texts'
import '../../../public/texts'
import { useEffect } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { usePageTitle, useSignInGuard, withPageShell } from '../../../components/page-shell'
import { isSignedOut } from '../../../api/errors'
import { useDashboardStore } from './store'
import { DashboardView } from './view'
import './index.scss'

export default withPageShell(
  observer(function DashboardPage() {
    const store = useDashboardStore()
    const { code } = useRouter().params
    useEffect(() => void store.open(code ?? null), [store, code])
    usePageTitle('dash.title')
    usePullDownRefresh(() => void store.reload().finally(() => void Taro.stopPullDownRefresh()))

    const gate = useSignInGuard({ next: '/staff/pages/dashboard/index', signedOut: isSignedOut(store.error), needsProfile: false })
    if (gate) return gate
    return <DashboardView />
  })
)
