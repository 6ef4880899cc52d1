/** Device storage behind a small interface, so that stores can be tested without Taro (the Taro one is in taro-storage.ts). */

export interface KeyValueStorage {
  get<T>(key: string): T | null
  set(key: string, value: unknown): void
  remove(key: string): void
}

export function memoryStorage(initial: Record<string, unknown> = {}): KeyValueStorage {
  const data = new Map(Object.entries(initial))
  return {
    get: <T>(key: string) => (data.has(key) ? (data.get(key) as T) : null),
    set: (key, value) => void data.set(key, value),
    remove: (key) => void data.delete(key)
  }
}
