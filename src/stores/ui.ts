/** Language and display preferences of this device. */
import { makeAutoObservable } from 'mobx'
import { LOCALES, resolveLocale, type Locale } from '@minan/types/locale'
import { translate, type MessageKey } from '../i18n'
import type { KeyValueStorage } from './storage'

const LOCALE_KEY = 'minan.locale'

export class UiStore {
  locale: Locale

  constructor(
    private readonly storage: KeyValueStorage,
    systemLanguage: string | undefined
  ) {
    const saved = storage.get<string>(LOCALE_KEY)
    this.locale = saved && (LOCALES as readonly string[]).includes(saved) ? (saved as Locale) : resolveLocale(systemLanguage)
    makeAutoObservable(this)
  }

  setLocale(locale: Locale): void {
    this.locale = locale
    this.storage.set(LOCALE_KEY, locale)
  }

  t = (key: MessageKey, params?: Record<string, string | number>): string => translate(this.locale, key, params)
}
