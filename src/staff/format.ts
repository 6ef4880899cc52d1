/** Staff screens' dates in China time, and API errors in words (the case's codes are in ../case/labels). */
import { errorMessage, type ApiError } from '@minan/types/api'
import type { Locale } from '@minan/types/locale'
import { shanghaiDate, shanghaiDateTime } from '@minan/types/shanghai'

/** Deadlines and event times are instants; staff read them as Shanghai dates, whatever the phone's time zone. */
export const formatDate = (iso: string): string => shanghaiDate(iso)
export const formatDateTime = (iso: string): string => shanghaiDateTime(iso)
/** Today in Shanghai, as YYYY-MM-DD (a mediation session's default date). */
export const today = (now: Date = new Date()): string => shanghaiDate(now)

/**
 * The message to show for an API error. The server answers in the person's language; a network failure is
 * described by the transport in technical words, so it gets the catalogue's message instead.
 */
export function errorText(error: ApiError, locale: Locale): string {
  if (error.code === 'NETWORK') return errorMessage('NETWORK', locale)
  return error.message
}
