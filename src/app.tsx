import { useState, type PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { autorun } from 'mobx'
import { RootStore, StoreContext } from './stores/root'
import { taroStorage } from './stores/taro-storage'
import { platformTransport } from './api/transports'
import { installButtonSemantics } from './platform/h5-accessibility'
import { watchNetwork } from './components/offline-banner/watch'
import { applyTabTexts } from './platform/tab-bar'
import { promptUpdateIfTooOld } from './platform/base-library'
import type { SystemFont } from './stores/ui'
import './app.scss'

function systemLanguage(): string | undefined {
  try {
    return Taro.getSystemInfoSync().language
  } catch {
    return undefined
  }
}

/** WeChat's font-size setting (wx.getAppBaseInfo, base library 2.20.1+; else getSystemInfoSync). H5 has none. */
function systemFont(): SystemFont | undefined {
  if (process.env.TARO_ENV !== 'weapp') return undefined
  try {
    const info = (typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync()) as SystemFont
    return { fontSizeSetting: info.fontSizeSetting, fontSizeScaleFactor: info.fontSizeScaleFactor }
  } catch {
    return undefined
  }
}

function App({ children }: PropsWithChildren) {
  const usesCloud = process.env.TARO_ENV === 'weapp' && !MINAN_API_BASE
  const [store] = useState(() => {
    if (usesCloud) Taro.cloud.init({ env: MINAN_CLOUD_ENV || undefined })
    return new RootStore({ transport: platformTransport(), storage: taroStorage, systemLanguage: systemLanguage(), platformIdentity: usesCloud })
  })
  useLaunch(() => {
    store.ui.followSystemFont(systemFont())
    promptUpdateIfTooOld({ title: store.ui.t('app.update.title'), body: store.ui.t('app.update.body') })
    if (process.env.TARO_ENV === 'h5') {
      installButtonSemantics(document)
      // Elder mode on <html> as well as on each page's shell: it then reaches the tab bar and Taro's dialogs.
      autorun(() => document.documentElement.classList.toggle('elder', store.ui.elder))
    }
    // The language the app follows (the system's at first start, or the one chosen under 我的): tab labels, and <html lang> on H5.
    autorun(() => applyTabTexts(store.ui.t))
    if (process.env.TARO_ENV === 'h5') autorun(() => (document.documentElement.lang = store.ui.locale))
    watchNetwork((online) => {
      store.ui.setOnline(online)
      // A filing waiting for the network goes at once (H5 has no other reconnect signal; on weapp it is harmless).
      if (online) store.filing.retryNow()
    })
    void store.session.restore()
  })
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
}

export default App
