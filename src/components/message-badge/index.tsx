/**
 * The unread count where a person sees it outside the message list: the 我的事项 tab's badge and the 消息 row at the
 * top of that tab. The count is asked for when the app comes to the foreground, when a tab page shows, and when
 * someone signs in; signing out clears it.
 */
import { useEffect } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { autorun } from 'mobx'
import { observer } from 'mobx-react-lite'
import { useStores, type RootStore } from '../../stores/root'
import './index.scss'

export const MESSAGES_PAGE = '/messages/pages/list/index'
/** 我的事项's place in app.config.ts's tabBar list. */
const MATTERS_TAB = 1

/** Whether a badge may be on the tab: until a removal has succeeded, it is tried again. */
let badged = false

/**
 * Sets or clears the badge. The tab-bar APIs may be missing (some H5 hosts) and WeChat refuses them while a page
 * outside the tab bar is on top: the failure is ignored, and the next tab page to show puts the count back.
 */
function showBadge(unread: number): void {
  try {
    if (unread > 0) {
      badged = true
      if (typeof Taro.setTabBarBadge === 'function') void Promise.resolve(Taro.setTabBarBadge({ index: MATTERS_TAB, text: unread > 99 ? '99+' : String(unread) })).catch(() => undefined)
    } else if (badged && typeof Taro.removeTabBarBadge === 'function') {
      void Promise.resolve(Taro.removeTabBarBadge({ index: MATTERS_TAB }))
        .then(() => (badged = false))
        .catch(() => undefined)
    }
  } catch {
    // A host without a tab bar throws synchronously: nothing to show the count on.
  }
}

const watched = new WeakSet<RootStore>()

/** Starts following the count for this app: once per RootStore, whichever tab page mounts first. */
export function watchUnread(root: RootStore): void {
  if (watched.has(root)) return
  watched.add(root)
  root.messages.followSession(() => root.session.me?.userId ?? null)
  autorun(() => showBadge(root.messages.unread))
  if (typeof Taro.onAppShow === 'function') Taro.onAppShow(() => void root.messages.refresh())
}

/** For the tab pages: starts the watch, and on each show asks for the count and puts the badge back. */
export function useUnreadBadge(): void {
  const root = useStores()
  useEffect(() => watchUnread(root), [root])
  useDidShow(() => {
    showBadge(root.messages.unread)
    void root.messages.refresh()
  })
}

/** "消息（N 条未读）" at the top of 我的事项: opens the message list. */
export const MessagesEntry = observer(function MessagesEntry() {
  const { ui, messages } = useStores()
  return (
    <Button className={`messages-entry${messages.unread > 0 ? ' messages-entry--unread' : ''}`} onClick={() => void Taro.navigateTo({ url: MESSAGES_PAGE })}>
      {messages.unread > 0 && <View className='messages-entry__dot' aria-hidden='true' />}
      <Text className='messages-entry__text'>{ui.t('messages.entry', { n: messages.unread })}</Text>
      <Text className='messages-entry__go' aria-hidden='true'>
        ›
      </Text>
    </Button>
  )
})
