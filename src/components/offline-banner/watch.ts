/** The device's connectivity as a plain callback: true online, false offline. Returns the unsubscribe. */
import Taro from '@tarojs/taro'

export function watchNetwork(onChange: (online: boolean) => void): () => void {
  if (process.env.TARO_ENV === 'weapp') {
    Taro.getNetworkType({ success: (r) => onChange(r.networkType !== 'none') }).catch(() => undefined)
    const listener = (r: { isConnected: boolean }) => onChange(r.isConnected)
    Taro.onNetworkStatusChange(listener)
    return () => Taro.offNetworkStatusChange?.(listener)
  }
  // H5: Taro's onNetworkStatusChange listens to navigator.connection, which does not report going offline.
  if (typeof window === 'undefined' || typeof navigator === 'undefined') return () => undefined
  onChange(navigator.onLine !== false)
  const online = () => onChange(true)
  const offline = () => onChange(false)
  window.addEventListener('online', online)
  window.addEventListener('offline', offline)
  return () => {
    window.removeEventListener('online', online)
    window.removeEventListener('offline', offline)
  }
}
