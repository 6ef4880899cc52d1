/** Rules of one-time sign-in codes (pure: time is passed in). */

export interface CodeRules {
  codeMinutes: number
  codeAttempts: number
  resendSeconds: number
}

export interface StoredCode {
  expires_at: string
  failures: number
  created_at: string
}

/** Seconds until a new code may be sent to a number that has `current` (0: now). */
export function secondsUntilResend(current: StoredCode | null, rules: CodeRules, now: Date): number {
  if (!current) return 0
  const wait = new Date(current.created_at).getTime() + rules.resendSeconds * 1000 - now.getTime()
  return wait > 0 ? Math.ceil(wait / 1000) : 0
}

/** Whether a stored code may still be tried: not expired, and wrong tries left. */
export function codeUsable(current: StoredCode | null, rules: CodeRules, now: Date): current is StoredCode {
  return current !== null && new Date(current.expires_at).getTime() > now.getTime() && current.failures < rules.codeAttempts
}

/** Wrong tries left after one more wrong try. */
export const triesLeftAfterFailure = (current: StoredCode, rules: CodeRules): number => Math.max(0, rules.codeAttempts - current.failures - 1)

/** The name a person signed in by phone is shown under until they give one: 手机用户 and the last four digits. */
export const phoneDisplayName = (e164: string): string => `手机用户${e164.slice(-4)}`
