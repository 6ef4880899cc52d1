/**
 * Feature stores beside the RootStore: each made on first use, one per root, so a subpackage's store needs no
 * change to the root (and is not in the main package). `xOf(root)` reaches it in tests; `useX()` in pages.
 * Every feature store belongs to the person signed in: at sign-out, or when someone else signs in, they are all
 * dropped and the next use makes a fresh one, so no filter, list or form of one person reaches the next.
 */
import type { RootStore } from './root'

const made = new WeakMap<RootStore, Map<string, unknown>>()

/** The root's one store under `key`, made by `make` the first time it is asked for (for the person signed in). */
export function feature<T>(root: RootStore, key: string, make: () => T): T {
  // Read so that a view showing this store re-renders, and asks again, when the person changes.
  void root.session.personEpoch
  let stores = made.get(root)
  if (!stores) {
    made.set(root, (stores = new Map()))
    root.session.onPersonChange(() => made.get(root)?.clear())
  }
  if (!stores.has(key)) stores.set(key, make())
  return stores.get(key) as T
}

/**
 * Puts a store back after the person changed, for one that must outlive the person it served: the confirmation
 * that their account is gone is shown after they are signed out.
 */
export function keepFeature<T>(root: RootStore, key: string, store: T): void {
  feature(root, key, () => store)
}
