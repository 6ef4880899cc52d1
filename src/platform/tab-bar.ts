/**
 * The tab bar's labels in the person's language. app.config.ts can only hold one (Chinese) text per tab; the
 * platform's setTabBarItem replaces it at run time. The H5 tab bar exists once the first tab page has mounted, so
 * there the texts are applied at launch and again shortly after; a refusal (no tab bar yet) is ignored.
 */
import Taro from '@tarojs/taro'
import type { MessageKey } from '../i18n'

const TABS: MessageKey[] = ['tab.home', 'tab.matters', 'tab.me']

export function applyTabTexts(t: (key: MessageKey) => string): void {
  const apply = () => TABS.forEach((key, index) => void Promise.resolve(Taro.setTabBarItem({ index, text: t(key), fail: () => undefined })).catch(() => undefined))
  apply()
  if (process.env.TARO_ENV === 'h5') for (const delay of [300, 1500]) setTimeout(apply, delay)
}
