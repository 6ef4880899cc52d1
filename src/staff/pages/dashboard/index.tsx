/**
 * 数据看板: a region's live figures for centre, county and city staff — new, open, overdue, concluded, resolved at
 * township level or below, median days and satisfaction — with a drill-down by sub-region (city → counties →
 * townships). It opens on `?code=` (default: the person's own jurisdiction); the server refuses anything outside it.
 */
import { useEffect } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { SignInPrompt } from '../../../components/sign-in-prompt'
import { withPageShell } from '../../../components/page-shell'
import { useDashboardStore } from './store'
import { DashboardView } from './view'
import './index.scss'

export default withPageShell(
  observer(function DashboardPage() {
    const { ui, session } = useStores()
    const store = useDashboardStore()
    const { code } = useRouter().params
    useEffect(() => void store.open(code ?? null), [store, code])
    useDidShow(() => void Taro.setNavigationBarTitle({ title: ui.t('dash.title') }))
    usePullDownRefresh(() => void store.reload().finally(() => void Taro.stopPullDownRefresh()))

    const signedOut = ['UNAUTHENTICATED', 'SESSION_EXPIRED'].includes(store.error?.code ?? '')
    if (!session.canSignIn || signedOut) return <SignInPrompt next='/staff/pages/dashboard/index' />
    return <DashboardView />
  })
)
