/** Language and display preferences of this device, and what the device tells us about itself (font size, network). */
import { makeAutoObservable, runInAction } from 'mobx'
import { LOCALES, resolveLocale, type Locale } from '@minan/types/locale'
import { prepareLanguage, translate, type MessageKey } from '../i18n'
import type { KeyValueStorage } from './storage'

const LOCALE_KEY = 'minan.locale'
const ELDER_KEY = 'minan.elder'

/** WeChat's font-size setting, as wx.getAppBaseInfo / getSystemInfoSync report it. */
export interface SystemFont {
  /** The user's font size in px ("我-设置-通用-字体大小"); base library 2.23.4+. */
  fontSizeSetting?: number
  /** The same setting as a factor of the standard size (1 = standard). */
  fontSizeScaleFactor?: number
}

/**
 * The largest fontSizeSetting that still counts as standard: WeChat reports 16 px on Android and 17 px on iOS at the
 * standard setting. Used only when the scale factor is missing (older base libraries).
 */
export const STANDARD_FONT_PX = 17

/** True when the person has asked WeChat for text larger than the standard. */
export function prefersLargeText(font: SystemFont | undefined): boolean {
  if (!font) return false
  if (typeof font.fontSizeScaleFactor === 'number' && font.fontSizeScaleFactor > 0) return font.fontSizeScaleFactor > 1.001
  return typeof font.fontSizeSetting === 'number' && font.fontSizeSetting > STANDARD_FONT_PX
}

/** On H5 a language other than Simplified Chinese is downloaded when first shown; meanwhile t() falls back to it. */
function fetchTexts(ui: UiStore, locale: Locale): void {
  prepareLanguage(locale)?.then(
    () => runInAction(() => ui.textsArrived++),
    () => undefined // no network: Simplified Chinese stays, and the next choice of the language tries again
  )
}

export class UiStore {
  locale: Locale
  /** Elder mode (适老化): large text, large touch targets, strong contrast, on every page. */
  elder: boolean
  /** False while the device reports no network: every page then says what happens to unsent work. */
  online = true
  /** Counts languages whose texts arrived after a download (H5): t() reads it, so what is on screen follows. */
  textsArrived = 0

  constructor(
    private readonly storage: KeyValueStorage,
    systemLanguage: string | undefined
  ) {
    const saved = storage.get<string>(LOCALE_KEY)
    this.locale = saved && (LOCALES as readonly string[]).includes(saved) ? (saved as Locale) : resolveLocale(systemLanguage)
    this.elder = storage.get<boolean>(ELDER_KEY) === true
    makeAutoObservable(this)
    // Only H5 downloads a language; the condition is a constant of each build, so the mini-program carries none of it.
    if (process.env.TARO_ENV === 'h5') fetchTexts(this, this.locale)
  }

  setLocale(locale: Locale): void {
    this.locale = locale
    this.storage.set(LOCALE_KEY, locale)
    if (process.env.TARO_ENV === 'h5') fetchTexts(this, locale)
  }

  /** The switch under 我的: remembered on this device, and from then on it wins over WeChat's font setting. */
  setElder(on: boolean): void {
    this.elder = on
    this.storage.set(ELDER_KEY, on)
  }

  /**
   * At start: follows WeChat's font size until the person has used the switch. The choice is not stored, so that
   * a later change of the WeChat setting is followed too.
   */
  followSystemFont(font: SystemFont | undefined): void {
    if (this.storage.get<boolean>(ELDER_KEY) !== null) return
    this.elder = prefersLargeText(font)
  }

  setOnline(online: boolean): void {
    this.online = online
  }

  t = (key: MessageKey, params?: Record<string, string | number>): string => (process.env.TARO_ENV === 'h5' && this.textsArrived, translate(this.locale, key, params))
}
