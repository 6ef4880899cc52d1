/** The device's storage through Taro (wx.setStorageSync on weapp, localStorage on H5). */
import Taro from '@tarojs/taro'
import type { KeyValueStorage } from './storage'

export const taroStorage: KeyValueStorage = {
  get<T>(key: string): T | null {
    try {
      const value = Taro.getStorageSync(key) as T | ''
      return value === '' ? null : (value as T)
    } catch {
      return null
    }
  },
  set(key, value) {
    Taro.setStorageSync(key, value)
  },
  remove(key) {
    Taro.removeStorageSync(key)
  }
}
