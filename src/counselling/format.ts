/**
 * Counselling data in words and in Shanghai time: the days of the next two weeks, slot times, distances, and the
 * catalogue key of each code the API sends (modes, languages, services, statuses, bands).
 */
import type { Locale } from '@minan/types/locale'
import type { BookingStatus, Language, Mode, ScreeningBand, StationService } from '@minan/types/functions/counselling'
import type { Instrument } from '@minan/types/screening'
import { addDays, atShanghai, shanghaiDate, weekdayOf } from '@minan/types/shanghai'
import { formatDay, formatInstant } from '../i18n/dates'
import type { MessageKey } from '../i18n'

export type T = (key: MessageKey, params?: Record<string, string | number>) => string

/** Bookings are made in China time, wherever the phone is: the shared Shanghai calendar, for this subpackage's callers. */
export { addDays, atShanghai, shanghaiDate, weekdayOf }

/** "12月1日 星期二" / "Tue 1 Dec": a day heading. */
export const dayText = (date: string, locale: Locale, t: T): string => formatDay(date, locale, t('counselling.format.day'))
export const timeText = (iso: string, locale: Locale): string => formatInstant(iso, locale, 'HH:mm')
/** "12月1日 星期二 10:00": a booking's time in full. */
export const whenText = (iso: string, locale: Locale, t: T): string => formatInstant(iso, locale, t('counselling.format.when'))
export const dateText = (iso: string, locale: Locale, t: T): string => formatInstant(iso, locale, t('counselling.format.date'))

export const modeKey = (mode: Mode) => `counselling.mode.${mode}` as MessageKey
export const languageKey = (language: Language) => `counselling.language.${language}` as MessageKey
export const serviceKey = (service: StationService) => `counselling.service.${service}` as MessageKey
export const statusKey = (status: BookingStatus) => `counselling.status.${status}` as MessageKey
export const bandKey = (band: ScreeningBand) => `counselling.band.${band}` as MessageKey
export const instrumentKey = (instrument: Instrument) => `counselling.instrument.${instrument}` as MessageKey

/** Several codes in words, joined as the language joins a list ("普通话、粤语" / "Mandarin, Cantonese"). */
export const listText = <C extends string>(codes: readonly C[], key: (code: C) => MessageKey, t: T): string => codes.map((c) => t(key(c))).join(t('counselling.list.separator'))

/** "约 800 米" / "约 1.2 公里": rounded, because the station's location is where its building is, not its door. */
export function distanceText(metres: number, t: T): string {
  if (metres < 1000) return t('counselling.distance.m', { n: Math.max(10, Math.round(metres / 10) * 10) })
  return t('counselling.distance.km', { n: (Math.round(metres / 100) / 10).toFixed(1) })
}

/** The township of a village or township code (12 or 9 digits), or null for a larger area. */
export const townshipOf = (code: string | null | undefined): string | null => (code && code.length >= 9 ? code.slice(0, 9) : null)
