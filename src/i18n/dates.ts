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

dayjs.extend(utc)

const DAYJS_LOCALE: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'zh-HK': 'zh-hk', en: 'en' }
/** China Standard Time, which Hong Kong and Macau share. */
const CHINA_OFFSET_MINUTES = 480

/** An instant (an ISO timestamp) in China time, e.g. pattern 'YYYY年M月D日 HH:mm'. */
export function formatInstant(iso: string, locale: Locale, pattern: string): string {
  return dayjs(iso).utcOffset(CHINA_OFFSET_MINUTES).locale(DAYJS_LOCALE[locale]).format(pattern)
}

/** A calendar month 'YYYY-MM' (no time zone applies), e.g. pattern 'YYYY年M月' or 'MMM YYYY'. */
export function formatMonth(month: string, locale: Locale, pattern: string): string {
  return dayjs(`${month}-01`).locale(DAYJS_LOCALE[locale]).format(pattern)
}
