/** A feature's own catalogue, in every language, with the same keys in each (the compiler checks it). */
import type { Locale } from '@minan/types/locale'

export type ModuleCatalogue<K extends string> = Record<Locale, Record<K, string>>

export const defineMessages = <K extends string>(zhCN: Record<K, string>, zhHK: Record<K, string>, en: Record<K, string>): ModuleCatalogue<K> => ({
  'zh-CN': zhCN,
  'zh-HK': zhHK,
  en
})
