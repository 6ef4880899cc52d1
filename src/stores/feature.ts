/**
 * Feature stores beside the RootStore: each made on first use, one per root, so a subpackage's store needs no
 * change to the root (and is not in the main package). `xOf(root)` reaches it in tests; `useX()` in pages.
 */
import type { RootStore } from './root'

const made = new WeakMap<RootStore, Map<string, unknown>>()

/** The root's one store under `key`, made by `make` the first time it is asked for. */
export function feature<T>(root: RootStore, key: string, make: () => T): T {
  let stores = made.get(root)
  if (!stores) made.set(root, (stores = new Map()))
  if (!stores.has(key)) stores.set(key, make())
  return stores.get(key) as T
}
