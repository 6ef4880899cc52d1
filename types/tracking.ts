/**
 * Tracking numbers and claim codes, shared by the client (checking what a person typed) and the backend. Both are read
 * out over the phone to the hotline, so their random parts use characters nobody confuses (no 0/O, 1/I/L); a tracking
 * number ends in a check character, so a slip of the tongue or the finger is caught before any look-up.
 *
 * A tracking number is the city, the filing day (Shanghai) and five random characters plus the check character:
 * 4413-20261127-7KQ4XM. Numbers of the older form (a daily counter, 4413-20261127-0007) stay valid for what was filed
 * with them.
 */

/** 31 characters (a prime, so a weighted sum modulo it catches every single slip and every swap of neighbours). */
export const READABLE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

export const TRACKING_RANDOM_LENGTH = 5
export const CLAIM_CODE_LENGTH = 8

const READABLE = `[${READABLE_ALPHABET}]`
/** The new form (six characters), and the older counter form (four or five digits). */
export const TRACKING_NO_PATTERN = new RegExp(`^44\\d{2}-\\d{8}-(?:\\d{4,5}|${READABLE}{${TRACKING_RANDOM_LENGTH + 1}})$`)
export const CLAIM_CODE_PATTERN = new RegExp(`^${READABLE}{${CLAIM_CODE_LENGTH}}$`)

/** The digits of city and date count as their value, the random characters as their place in the alphabet. */
const PREFIX_DIGITS = 12

/** The check character of a number's city, date and random part (separators left out). */
export function trackingCheck(body: string): string {
  const chars = body.replace(/-/g, '').split('')
  const sum = chars.reduce((s, c, i) => s + (i + 1) * (i < PREFIX_DIGITS ? Number(c) : READABLE_ALPHABET.indexOf(c)), 0)
  return READABLE_ALPHABET[sum % READABLE_ALPHABET.length]
}

/**
 * What a person typed, as the number is written: spaces, dashes of any width or none at all, lower case —
 * '4413 20261127 7kq4xm' and '4413202611277KQ4XM' are 4413-20261127-7KQ4XM. City and date are always 4 + 8 digits, so
 * the dashes go back where they belong; anything else is left for the check to refuse.
 */
export function normaliseTrackingNo(typed: string): string {
  const bare = typed.replace(/[\s\-－—–‐‑_.·]/g, '').toUpperCase()
  const parts = /^(\d{4})(\d{8})([0-9A-Z]+)$/.exec(bare)
  return parts ? `${parts[1]}-${parts[2]}-${parts[3]}` : typed.replace(/\s/g, '').replace(/[－—–]/g, '-').toUpperCase()
}

/** A well-formed tracking number: of the older form, or of the new form with its check character right. */
export function isTrackingNo(no: string): boolean {
  if (!TRACKING_NO_PATTERN.test(no)) return false
  const last = no.slice(no.lastIndexOf('-') + 1)
  return last.length < TRACKING_RANDOM_LENGTH + 1 || trackingCheck(no.slice(0, -1)) === no.slice(-1)
}

/** A claim code as typed (4 + 4 with a dash, lower case, spaces) in the form it was issued in. */
export const normaliseClaimCode = (typed: string): string => typed.replace(/[\s\-－—–]/g, '').toUpperCase()

/** How a claim code is printed and read out: XXXX-XXXX. */
export const formatClaimCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`
