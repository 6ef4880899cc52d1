/**
 * Phone numbers as one canonical string (E.164), so that `+86 138-2222-3333`, `8613822223333` and `13822223333` are
 * one number wherever a phone is hashed, matched or stored.
 */
import * as v from 'valibot'

/** Mainland mobile (1xxxxxxxxxx), Hong Kong (+852 8 digits) and Macau (+853 8 digits), separators removed. */
export const PHONE_PATTERN = /^(?:(?:\+?86)?1[3-9]\d{9}|\+?852[2-9]\d{7}|\+?853[6]\d{7})$/

/** Spaces, dashes, dots and brackets people write between the digits. */
const stripSeparators = (phone: string): string => phone.trim().replace(/[\s\-.()（）]/g, '')

/**
 * The E.164 form of a number PHONE_PATTERN accepts (after its separators are removed): +8613822223333, +85291234567.
 * Anything else comes back without separators, unchanged, so a caller that has not checked it still hashes one form.
 */
export function toE164(phone: string): string {
  const digits = stripSeparators(phone)
  if (!PHONE_PATTERN.test(digits)) return digits
  const bare = digits.replace(/^\+/, '')
  return /^1\d{10}$/.test(bare) ? `+86${bare}` : `+${bare}`
}

/** A phone field of the API: checked, then given on in E.164. */
export const PhoneSchema = v.pipe(v.string(), v.maxLength(40), v.transform(stripSeparators), v.regex(PHONE_PATTERN), v.transform(toE164))

/** How a stored (E.164) number is shown in full: a mainland mobile as its 11 digits, others in E.164. */
export const displayPhone = (e164: string): string => (/^\+861\d{10}$/.test(e164) ? e164.slice(3) : e164)
