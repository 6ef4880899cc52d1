/** t(): every user-facing string of the mini-program comes through here. */
import type { Locale } from '@minan/types/locale'
import core, { type MessageKey as CoreKey } from './zh-CN'
import coreHK from './zh-HK'
import coreEN from './en'
import petition from './petition'
import staff from './staff'

type ModuleKey<M> = M extends Record<Locale, Record<infer K, string>> ? K : never
export type MessageKey = CoreKey | ModuleKey<typeof petition> | ModuleKey<typeof staff>

const modules = [petition, staff]
const merge = (locale: Locale, base: Record<CoreKey, string>) =>
  Object.assign({}, base, ...modules.map((m) => m[locale])) as Record<MessageKey, string>

export const catalogues: Record<Locale, Record<MessageKey, string>> = {
  'zh-CN': merge('zh-CN', core),
  'zh-HK': merge('zh-HK', coreHK),
  en: merge('en', coreEN)
}

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale][key] ?? catalogues['zh-CN'][key] ?? key
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''))
}
