/** The one shape of a failure on the client: the server's ApiError, or one made from whatever else was thrown. */
import type { ApiError } from '@minan/types/api'
import { ApiFailure } from './client'

export type { ApiError }

/** Any caught value as an ApiError: the server's own for an API failure, INTERNAL with the message otherwise. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiFailure) return e.error
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) }
}

/** The identity is gone (never there, or expired): the page offers to sign in rather than showing the error. */
export const isSignedOut = (error: ApiError | null | undefined): boolean => error?.code === 'UNAUTHENTICATED' || error?.code === 'SESSION_EXPIRED'
