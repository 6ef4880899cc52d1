/** The grid's words and day labels from the app's catalogue, for the pages that use it. */
import type { Locale } from '@minan/types/locale'
import { formatDay } from '../../i18n/dates'
import type { MessageKey } from '../../i18n'
import type { BookingGridLabels, GridDay, GridSlot } from '.'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

export const gridLabels = (t: T): BookingGridLabels => ({
  days: t('booking.days'),
  times: (day) => t('booking.times', { day }),
  full: t('booking.full'),
  left: (n) => t('booking.slotsLeft', { n }),
  none: t('booking.none'),
  mine: t('booking.mine')
})

/** A day of the strip, its labels in the person's language. */
export const gridDay = (date: string, title: string, slots: GridSlot[], locale: Locale, t: T): GridDay => ({
  date,
  title,
  weekday: formatDay(date, locale, t('booking.format.weekday')),
  day: formatDay(date, locale, t('booking.format.day')),
  slots
})
