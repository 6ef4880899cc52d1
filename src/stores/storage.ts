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

/** Device storage for what belongs to one person (a draft, a chosen village): `forget()` removes all of it. */
export interface PersonalStorage extends KeyValueStorage {
  forget(): void
}

/** Where the personal keys written so far are listed, so that they are forgotten even after a restart. */
export const PERSONAL_KEYS = 'minan.personal.keys'

export function personalStorage(device: KeyValueStorage): PersonalStorage {
  const keys = () => device.get<string[]>(PERSONAL_KEYS) ?? []
  return {
    get: (key) => device.get(key),
    set(key, value) {
      if (!keys().includes(key)) device.set(PERSONAL_KEYS, [...keys(), key])
      device.set(key, value)
    },
    remove: (key) => device.remove(key),
    forget() {
      for (const key of keys()) device.remove(key)
      device.remove(PERSONAL_KEYS)
    }
  }
}
