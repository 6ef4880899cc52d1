/**
 * H5 (Taro picks this file over ./languages.ts): the first load carries Simplified Chinese only, the default; the
 * other two languages are a chunk each, fetched when a person chooses one (or had chosen it before). Issue 16.
 */
import type { MainTexts } from '.'
import type { OtherLocale } from './languages'

export type { OtherLocale }

export const bundled: Partial<Record<OtherLocale, MainTexts>> = {}

export const download = (locale: OtherLocale): Promise<MainTexts> =>
  (locale === 'en' ? import(/* webpackChunkName: "texts-en" */ './en') : import(/* webpackChunkName: "texts-zh-HK" */ './zh-HK')).then((m) => m.default)
