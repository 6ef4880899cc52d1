/**
 * Where the main package's texts in the other languages come from. In the mini-program (and the tests) they are
 * part of the bundle; the H5 build resolves ./languages.h5.ts instead, which downloads a language once it is chosen.
 */
import type { Locale } from '@minan/types/locale'
import type { MainTexts } from '.'
import zhHK from './zh-HK'
import en from './en'

export type OtherLocale = Exclude<Locale, 'zh-CN'>

/** The languages already in the bundle. */
export const bundled: Partial<Record<OtherLocale, MainTexts>> = { 'zh-HK': zhHK, en }

/** Fetches a language that is not bundled (never called here: every one is). */
export const download = (locale: OtherLocale): Promise<MainTexts> => Promise.resolve(locale === 'en' ? en : zhHK)
