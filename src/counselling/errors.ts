/** API errors as the counselling screens show them. */
import { errorMessage, type ApiError } from '@minan/types/api'
import type { Locale } from '@minan/types/locale'
import { ApiFailure } from '../api/client'

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiFailure) return e.error
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) }
}

/** The server answers in the person's language; a network failure is described by the transport, so it gets ours. */
export function errorText(error: ApiError, locale: Locale): string {
  if (error.code === 'NETWORK') return errorMessage('NETWORK', locale)
  return error.message
}

export const isSignedOut = (error: ApiError | null): boolean => error?.code === 'UNAUTHENTICATED' || error?.code === 'SESSION_EXPIRED'
