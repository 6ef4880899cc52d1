/** The pages' way to the LegalStore: device storage comes from Taro here, so the store itself stays testable in node. */
import { taroStorage } from '../stores/taro-storage'
import { useStore } from '../stores/root'
import { legalOf, type LegalStore } from './store'

export function useLegal(): LegalStore {
  return useStore((root) => legalOf(root, taroStorage))
}
