/** The one AccountStore of a RootStore, made on first use with the platform's way of saving a file. */
import { useStores, type RootStore } from '../stores/root'
import { AccountStore } from './store'
import { saveExport } from './platform'

const stores = new WeakMap<RootStore, AccountStore>()

export function accountOf(root: RootStore): AccountStore {
  let store = stores.get(root)
  if (!store) {
    store = new AccountStore(root, saveExport)
    stores.set(root, store)
  }
  return store
}

export function useAccount(): AccountStore {
  return accountOf(useStores())
}
