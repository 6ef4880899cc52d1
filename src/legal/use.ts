/** The pages' way to the LegalStore: the village chosen is the person's, kept in the root's personal storage. */
import { useStore } from '../stores/root'
import { legalOf, type LegalStore } from './store'

export function useLegal(): LegalStore {
  return useStore((root) => legalOf(root, root.personalStorage))
}
