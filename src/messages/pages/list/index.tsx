/** 消息: every change to my matters, newest first; tap one to read it and open its case; 全部已读; pull down to refresh. */
import { useEffect } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { Message } from '@minan/types/functions/messages'
import { useStores } from '../../../stores/root'
import { messageTarget, useMessageList } from '../../store'
import { MessageRow } from '../../components/message-row'
import { usePageTitle, useSignInGuard, withPageShell } from '../../../components/page-shell'
import { isSignedOut } from '../../../api/errors'
import { Skeleton } from '../../../components/skeleton'
import './index.scss'

export default withPageShell(observer(function MessagesPage() {
  const { ui, session } = useStores()
  const store = useMessageList()
  const t = ui.t
  // Once the person is known (the profile may still be loading on a cold start), afresh each time the page opens.
  useEffect(() => void (session.signedIn && store.load()), [session.signedIn, store])
  usePageTitle('messages.title')
  usePullDownRefresh(() => void store.load().finally(() => void Taro.stopPullDownRefresh()))
  useReachBottom(() => void store.loadMore())

  const gate = useSignInGuard({ next: '/messages/pages/list/index', signedOut: isSignedOut(store.list.error), needsProfile: false })
  if (gate) return gate
  const open = (m: Message) => {
    void store.markRead(m.id)
    const url = messageTarget(m)
    if (url) void Taro.navigateTo({ url })
  }
  const error = store.errorText(t('messages.error.network'))
  return (
    <View className='messages'>
      <View className='messages__head'>
        <Text className='page-title messages__title' role='heading' aria-level={1}>
          {t('messages.title')}
        </Text>
        <Text className='messages__count' role='status'>
          {t('messages.unreadCount', { n: store.unread })}
        </Text>
        <Button className='btn-plain messages__all' disabled={store.unread === 0 || store.markingAll || undefined} onClick={() => void store.markAllRead()}>
          {t('messages.markAll')}
        </Button>
      </View>
      {error && (
        <View className='card'>
          <Text className='error-text' role='alert'>
            {error}
          </Text>
          <Button className='btn-plain messages__retry' onClick={() => void store.load()}>
            {t('common.retry')}
          </Button>
        </View>
      )}
      {store.list.loading && store.list.items.length === 0 && <Skeleton />}
      {store.list.loaded && !store.list.loading && store.list.items.length === 0 && !error && <Text className='card messages__empty'>{t('messages.empty')}</Text>}
      <View role='list'>
        {store.list.items.map((m) => (
          <MessageRow key={m.id} message={m} onOpen={open} />
        ))}
      </View>
      {store.list.hasMore ? (
        <Button className='btn-plain messages__more' disabled={store.list.loadingMore || undefined} onClick={() => void store.loadMore()}>
          {store.list.loadingMore ? t('common.loading') : t('messages.more')}
        </Button>
      ) : (
        store.list.items.length > 0 && <Text className='muted messages__state'>{t('messages.end')}</Text>
      )}
    </View>
  )
}))
