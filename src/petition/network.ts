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
