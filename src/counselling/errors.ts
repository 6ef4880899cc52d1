/** API errors as the counselling screens show them. */
import { errorMessage, type ApiError } from '@minan/types/api'
import type { Locale } from '@minan/types/locale'

/** The server answers in the person's language; a network failure is described by the transport, so it gets ours. */
export function errorText(error: ApiError, locale: Locale): string {
  if (error.code === 'NETWORK') return errorMessage('NETWORK', locale)
  return error.message
}
