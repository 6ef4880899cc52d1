/** The languages 民安 speaks; Simplified Chinese first. */
export const LOCALES = ['zh-CN', 'zh-HK', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'zh-CN'

/** Maps a system or Accept-Language tag to a supported locale. */
export function resolveLocale(tag: string | undefined | null): Locale {
  if (!tag) return DEFAULT_LOCALE
  const first = tag.split(',')[0].trim().toLowerCase().replace('_', '-')
  if (first.startsWith('en')) return 'en'
  if (/^zh-(hk|mo|tw|hant)/.test(first)) return 'zh-HK'
  return DEFAULT_LOCALE
}
