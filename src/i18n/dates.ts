/**
 * Dates in the person's language, for any screen: the pattern comes from the caller's catalogue, the month and
 * weekday names from dayjs's locale. Instants are shown in China Standard Time (what the petition screens do in
 * src/petition/labels.ts), so a message's time reads the same wherever the phone is.
 */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import 'dayjs/locale/zh-cn'
import 'dayjs/locale/zh-hk'
import type { Locale } from '@minan/types/locale'
import { SHANGHAI_OFFSET_MINUTES } from '@minan/types/shanghai'

dayjs.extend(utc)

const DAYJS_LOCALE: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'zh-HK': 'zh-hk', en: 'en' }

/** An instant (an ISO timestamp) in China time (Hong Kong and Macau keep the same clock), e.g. pattern 'YYYY年M月D日 HH:mm'. */
export function formatInstant(iso: string, locale: Locale, pattern: string): string {
  return dayjs(iso).utcOffset(SHANGHAI_OFFSET_MINUTES).locale(DAYJS_LOCALE[locale]).format(pattern)
}

/** A calendar date 'YYYY-MM-DD' (no time zone applies: it already is a Shanghai day), e.g. pattern 'M月D日 dddd'. */
export function formatDay(date: string, locale: Locale, pattern: string): string {
  return dayjs(date).locale(DAYJS_LOCALE[locale]).format(pattern)
}

/** A calendar month 'YYYY-MM' (no time zone applies), e.g. pattern 'YYYY年M月' or 'MMM YYYY'. */
export function formatMonth(month: string, locale: Locale, pattern: string): string {
  return dayjs(`${month}-01`).locale(DAYJS_LOCALE[locale]).format(pattern)
}
