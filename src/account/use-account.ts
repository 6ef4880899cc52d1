/** The one AccountStore of a RootStore, made on first use with the platform's way of saving a file. */
import { useStore, type RootStore } from '../stores/root'
import { feature } from '../stores/feature'
import { ACCOUNT_KEY, AccountStore } from './store'
import { saveExport } from './platform'

export function accountOf(root: RootStore): AccountStore {
  return feature(root, ACCOUNT_KEY, () => new AccountStore(root, saveExport))
}

export function useAccount(): AccountStore {
  return useStore(accountOf)
}
