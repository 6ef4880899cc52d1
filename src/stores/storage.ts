/** Device storage behind a small interface, so that stores can be tested without Taro. */
import Taro from '@tarojs/taro'

export interface KeyValueStorage {
  get<T>(key: string): T | null
  set(key: string, value: unknown): void
  remove(key: string): void
}

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

export function memoryStorage(initial: Record<string, unknown> = {}): KeyValueStorage {
  const data = new Map(Object.entries(initial))
  return {
    get: <T>(key: string) => (data.has(key) ? (data.get(key) as T) : null),
    set: (key, value) => void data.set(key, value),
    remove: (key) => void data.delete(key)
  }
}
