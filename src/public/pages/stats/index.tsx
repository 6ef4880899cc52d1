/** 办事统计: public figures from live data, for the province or one city. No sign-in needed. */
import { useEffect } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { usePublicStore } from '../../store'
import { StatsView } from '../../components/stats-view'
import { withPageShell } from '../../../components/page-shell'
import './index.scss'

export default withPageShell(observer(function StatsPage() {
  const { ui } = useStores()
  const store = usePublicStore()
  // Fresh figures each time the page is opened; the area chosen last time is kept.
  useEffect(() => {
    void store.loadCities()
    void store.load()
  }, [store])
  useDidShow(() => void Taro.setNavigationBarTitle({ title: ui.t('public.title') }))
  usePullDownRefresh(() => void store.load().finally(() => void Taro.stopPullDownRefresh()))
  return <StatsView />
}))
