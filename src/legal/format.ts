/** Legal data in words: on-site days, languages, areas, statuses and dates in the person's language. */
import type { Locale } from '@minan/types/locale'
import type { Language } from '@minan/types/functions/counselling'
import type { ConsultationStatus, LegalCategory, OnsiteBookingStatus, OnsiteDay } from '@minan/types/functions/legal'
import type { Rating } from '@minan/types/functions/petition'
import { formatDay, formatInstant } from '../i18n/dates'
import type { MessageKey } from '../i18n'

export type T = (key: MessageKey, params?: Record<string, string | number>) => string

export const categoryKey = (c: LegalCategory) => `legal.category.${c}` as MessageKey
export const statusKey = (s: ConsultationStatus) => `legal.status.${s}` as MessageKey
export const bookingStatusKey = (s: OnsiteBookingStatus) => `legal.booking.${s}` as MessageKey
export const ratingKey = (r: Rating) => `legal.rating.${r}` as MessageKey

export const listText = (t: T, keys: MessageKey[]): string => keys.map((k) => t(k)).join(t('legal.list.separator'))
export const languagesText = (t: T, languages: Language[]) => listText(t, languages.map((l) => `legal.language.${l}` as MessageKey))
export const areasText = (t: T, areas: LegalCategory[]) => listText(t, areas.map(categoryKey))

/** “每月第二个星期二 09:00–12:00，东平村民委员会办公室”. */
export function onsiteText(t: T, day: OnsiteDay): string {
  const nth = t((day.nth === -1 ? 'legal.nth.last' : `legal.nth.${day.nth}`) as MessageKey)
  return t('legal.onsite.rule', { nth, weekday: t(`legal.weekday.${day.weekday}` as MessageKey), start: day.start, end: day.end, place: day.place })
}

export const whenText = (iso: string, locale: Locale, t: T) => formatInstant(iso, locale, t('legal.format.when'))
export const dateText = (iso: string, locale: Locale, t: T) => formatInstant(iso, locale, t('legal.format.date'))
/** A Shanghai calendar date (YYYY-MM-DD) as a day. */
export const dayText = (date: string, locale: Locale, t: T) => formatDay(date, locale, t('legal.format.date'))
