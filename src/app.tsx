import { useState, type PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { RootStore, StoreContext } from './stores/root'
import { taroStorage } from './stores/taro-storage'
import { platformTransport } from './api/transports'
import { installButtonSemantics } from './platform/h5-accessibility'
import './app.scss'

function systemLanguage(): string | undefined {
  try {
    return Taro.getSystemInfoSync().language
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
    if (process.env.TARO_ENV === 'h5') installButtonSemantics(document)
    void store.session.restore()
  })
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
}

export default App
