import { useEffect } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import type { MessageKey } from '../../i18n'
import { useStores } from '../../stores/root'

/**
 * Sets the navigation bar's title from the catalogue: each time the page shows (another page may have set its own)
 * and when the words change (the person chose another language). Call it from an observer page.
 */
export function usePageTitle(key: MessageKey, params?: Record<string, string | number>): void {
  const { ui } = useStores()
  const title = ui.t(key, params)
  const apply = () => void Taro.setNavigationBarTitle({ title }).catch(() => undefined)
  useDidShow(apply)
  useEffect(apply, [title])
}
