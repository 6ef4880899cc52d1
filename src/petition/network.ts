/** The platform's connectivity events, for the petition store's automatic retry. */
import Taro from '@tarojs/taro'
import type { NetworkWatch } from './stores/draft'

export const taroNetwork: NetworkWatch = {
  onReconnect(callback) {
    const listener = (result: { isConnected: boolean }) => {
      if (result.isConnected) callback()
    }
    Taro.onNetworkStatusChange(listener)
    return () => Taro.offNetworkStatusChange?.(listener)
  }
}

declare const MINAN_SUBSCRIBE_TEMPLATE: string | undefined

/**
 * The WeChat subscribe-message template for progress updates, when the build defines MINAN_SUBSCRIBE_TEMPLATE
 * (config defineConstants); empty otherwise, and then the app does not ask.
 */
export const SUBSCRIBE_TEMPLATE: string = typeof MINAN_SUBSCRIBE_TEMPLATE === 'string' ? MINAN_SUBSCRIBE_TEMPLATE : ''
