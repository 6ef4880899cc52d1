/** t(): every user-facing string of the mini-program comes through here. */
import type { Locale } from '@minan/types/locale'
import zhCN, { type MessageKey } from './zh-CN'
import zhHK from './zh-HK'
import en from './en'

export type { MessageKey }
export const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'zh-HK': zhHK, en }

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale][key] ?? catalogues['zh-CN'][key]
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''))
}
