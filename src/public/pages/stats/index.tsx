/** 办事统计: public figures from live data, for the province or one city. No sign-in needed. */
import '../../texts'
import { useEffect } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { usePublicStore } from '../../store'
import { StatsView } from '../../components/stats-view'
import { usePageTitle, withPageShell } from '../../../components/page-shell'
import './index.scss'

export default withPageShell(observer(function StatsPage() {
  const store = usePublicStore()
  // Fresh figures each time the page is opened; the area chosen last time is kept.
  useEffect(() => {
    void store.loadCities()
    void store.load()
  }, [store])
  usePageTitle('public.title')
  usePullDownRefresh(() => void store.load().finally(() => void Taro.stopPullDownRefresh()))
  return <StatsView />
}))
