/** 我的事项: my cases, newest activity first; pull down to refresh, more at the bottom, tap one to open it. */
import { useEffect } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { CaseSummary } from '@minan/types/functions/petition'
import { useStores } from '../../stores/root'
import { SignInPrompt } from '../../components/sign-in-prompt'
import { CaseCard } from '../../petition/components/case-card'
import { MessagesEntry, useUnreadBadge } from '../../components/message-badge'

const FILE_URL = '/petition/pages/file/index'

export default observer(function MattersPage() {
  const { petitions, session, ui } = useStores()
  const t = ui.t
  const reload = () => {
    if (session.signedIn && !petitions.listLoading) void petitions.refresh()
  }
  useDidShow(reload)
  // The profile can arrive after the tab is first shown (restored on launch): load once it does.
  useEffect(reload, [session.signedIn]) // eslint-disable-line react-hooks/exhaustive-deps
  usePullDownRefresh(() => void petitions.refresh().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void petitions.loadMore())
  useUnreadBadge()

  if (!session.signedIn) return <SignInPrompt next='/pages/matters/index' />
  const open = (c: CaseSummary) => void Taro.navigateTo({ url: `/petition/pages/detail/index?id=${c.id}` })
  const empty = petitions.listLoaded && petitions.mine.length === 0

  return (
    <View className='matters'>
      <MessagesEntry />
      <Text className='section-title' role='heading' aria-level={1}>
        {t('matters.title')}
      </Text>
      <View role='list'>
        {petitions.mine.map((c) => (
          <CaseCard key={c.id} c={c} onOpen={open} />
        ))}
      </View>
      {empty && (
        <View className='card'>
          <Text>{t('petition.mine.empty')}</Text>
          <Button className='btn-primary' style={{ marginTop: '24px' }} onClick={() => void Taro.navigateTo({ url: FILE_URL })}>
            {t('petition.mine.file')}
          </Button>
        </View>
      )}
      {petitions.listError && (
        <View className='card'>
          <Text className='error-text'>✗ {petitions.listError}</Text>
          <Button className='btn-plain' style={{ marginTop: '16px' }} onClick={() => void petitions.refresh()}>
            {t('common.retry')}
          </Button>
        </View>
      )}
      <Button className='btn-plain' style={{ margin: '24px' }} onClick={() => void Taro.navigateTo({ url: '/petition/pages/claim/index' })}>
        {t('petition.claim.entry')}
      </Button>
      {petitions.listLoading && <Text className='muted' style={{ margin: '24px', display: 'block' }}>{t('common.loading')}</Text>}
      {!petitions.listLoading && petitions.listHasMore && (
        <Button className='btn-plain' style={{ margin: '24px' }} onClick={() => void petitions.loadMore()}>
          {t('petition.mine.more')}
        </Button>
      )}
      {petitions.listLoaded && !petitions.listHasMore && petitions.mine.length > 0 && <Text className='muted' style={{ margin: '24px', display: 'block', textAlign: 'center' }}>{t('petition.mine.end')}</Text>}
    </View>
  )
})
