/** t(): every user-facing string of the mini-program comes through here. */
import type { Locale } from '@minan/types/locale'
import core, { type MessageKey as CoreKey } from './zh-CN'
import coreHK from './zh-HK'
import coreEN from './en'
import caseWords from './case'
import petition from './petition'
import messages from './messages'
import matters from './matters'
import design from './design'
// Type only: the counselling texts load with their subpackage (registerMessages), not in the main package.
import type staff from './staff'
import type publicStats from './public'
import type counselling from './counselling'
import type legal from './legal'
import type staffdash from './staffdash'
import type lookup from './lookup'
import type centre from './centre'
import type account from './account'
import type agreement from './agreement'
import type parties from './parties'
import type filed from './filed'

type ModuleKey<M> = M extends Record<Locale, Record<infer K, string>> ? K : never
export type MessageKey = CoreKey | ModuleKey<typeof caseWords> | ModuleKey<typeof petition> | ModuleKey<typeof staff> | ModuleKey<typeof publicStats> | ModuleKey<typeof messages> | ModuleKey<typeof counselling> | ModuleKey<typeof legal> | ModuleKey<typeof staffdash> | ModuleKey<typeof matters> | ModuleKey<typeof design> | ModuleKey<typeof agreement> | ModuleKey<typeof parties> | ModuleKey<typeof lookup> | ModuleKey<typeof centre> | ModuleKey<typeof account> | ModuleKey<typeof filed>

const modules = [caseWords, petition, messages, matters, design]
const merge = (locale: Locale, base: Record<CoreKey, string>) =>
  Object.assign({}, base, ...modules.map((m) => m[locale])) as Record<MessageKey, string>

export const catalogues: Record<Locale, Record<MessageKey, string>> = {
  'zh-CN': merge('zh-CN', core),
  'zh-HK': merge('zh-HK', coreHK),
  en: merge('en', coreEN)
}

/**
 * Adds a subpackage's catalogue when its code first loads, so that its texts weigh on that subpackage rather than
 * on the main package every person downloads first. Its keys are typed through an `import type` above.
 */
export function registerMessages(module: Record<Locale, Record<string, string>>): void {
  for (const locale of Object.keys(catalogues) as Locale[]) Object.assign(catalogues[locale], module[locale])
}

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[locale][key] ?? catalogues['zh-CN'][key] ?? key
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''))
}
