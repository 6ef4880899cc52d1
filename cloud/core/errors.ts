/** The one error type handlers throw; transports turn it into the envelope. */
import type { ErrorCode } from '../../types/errors'

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly field?: string,
    readonly params: Record<string, string> = {}
  ) {
    super(code)
    this.name = 'AppError'
  }
}

/** Throws; typed `never` as a declaration, so the compiler narrows after `if (!row) fail(...)`. */
export function fail(code: ErrorCode, field?: string, params?: Record<string, string>): never {
  throw new AppError(code, field, params)
}
