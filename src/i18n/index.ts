/** t(): every user-facing string of the mini-program comes through here. */
import type { Locale } from '@minan/types/locale'
import core, { type MessageKey as CoreKey } from './zh-CN'
import caseWords from './case'
import petition from './petition'
import messages from './messages'
import matters from './matters'
import design from './design'
import { bundled, download, type OtherLocale } from './languages'
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
/**
 * The main package's keys. Its Simplified Chinese texts are split by feature (zh-CN.ts, case.ts, petition.ts...), the
 * other languages' are one file each (zh-HK.ts, en.ts): H5 then loads only the language shown (./languages.h5.ts).
 */
type MainKey = CoreKey | keyof typeof caseWords | keyof typeof petition | keyof typeof messages | keyof typeof matters | keyof typeof design
/** Every text of the main package in one language. */
export type MainTexts = Record<MainKey, string>
export type MessageKey = MainKey | ModuleKey<typeof staff> | ModuleKey<typeof publicStats> | ModuleKey<typeof counselling> | ModuleKey<typeof legal> | ModuleKey<typeof staffdash> | ModuleKey<typeof agreement> | ModuleKey<typeof parties> | ModuleKey<typeof lookup> | ModuleKey<typeof centre> | ModuleKey<typeof account> | ModuleKey<typeof filed>

const zhCN: MainTexts = { ...core, ...caseWords, ...petition, ...messages, ...matters, ...design }

/** Each language's texts: Simplified Chinese always; another language once its main texts are here (bundled or downloaded). */
export const catalogues: Record<Locale, Record<MessageKey, string>> = {
  'zh-CN': zhCN as Record<MessageKey, string>,
  'zh-HK': { ...bundled['zh-HK'] } as Record<MessageKey, string>,
  en: { ...bundled.en } as Record<MessageKey, string>
}

/** Languages on their way (H5); made on first use, so that the mini-program, where every language is bundled, has none. */
let arriving: Map<OtherLocale, Promise<void>> | undefined

/**
 * Makes sure a language's main texts are here: null when they already are (always in the mini-program), else a
 * promise that settles when they have arrived (H5). Until then translate() shows Simplified Chinese; a failed download
 * (no network) is tried again on the next call.
 */
export function prepareLanguage(locale: Locale): Promise<void> | null {
  if (locale === 'zh-CN' || bundled[locale]) return null
  arriving ??= new Map()
  let pending = arriving.get(locale)
  if (!pending) {
    pending = download(locale).then(
      (texts) => {
        bundled[locale] = texts
        Object.assign(catalogues[locale], texts)
      },
      (error: unknown) => {
        arriving?.delete(locale)
        throw error
      }
    )
    arriving.set(locale, pending)
  }
  return pending
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
