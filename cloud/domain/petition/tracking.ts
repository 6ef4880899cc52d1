/**
 * Tracking numbers people can read out on the phone, that nobody can count through: city code, Shanghai date, five
 * random characters and a check character — 4413-20261127-7KQ4XM (types/tracking.ts has the alphabet and the check).
 * About 28.6 million numbers per city and day, so a guessed number almost never exists; the caller retries on the rare
 * collision. Also the one-time claim codes of cases filed on someone's behalf.
 */
import { CLAIM_CODE_LENGTH, READABLE_ALPHABET, TRACKING_RANDOM_LENGTH, trackingCheck } from '../../../types/tracking'

/** A uniform random integer in [0, max): crypto.randomInt in production, a seeded one in demo data. */
export type RandomInt = (max: number) => number

const readable = (length: number, randomInt: RandomInt): string =>
  Array.from({ length }, () => READABLE_ALPHABET[randomInt(READABLE_ALPHABET.length)]).join('')

export function trackingNo(cityCode: string, localDate: string, randomInt: RandomInt): string {
  const body = `${cityCode}-${localDate.replace(/-/g, '')}-${readable(TRACKING_RANDOM_LENGTH, randomInt)}`
  return `${body}${trackingCheck(body)}`
}

/** A one-time claim code: 8 characters of the readable alphabet (31^8, about 8.5 × 10^11). */
export const claimCode = (randomInt: RandomInt): string => readable(CLAIM_CODE_LENGTH, randomInt)

/** What the database keeps of a claim code: a keyed hash bound to its case, so a code is worth nothing elsewhere. */
export const claimCodeDigestInput = (caseId: string, code: string): string => `claim-code:${caseId}:${code}`

/** A phone number shown to anyone but the staff handling the case: 138****5678, +852 ****5678. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/^\+/, '')
  if (/^1\d{10}$/.test(digits.replace(/^86/, ''))) {
    const local = digits.replace(/^86/, '')
    return `${local.slice(0, 3)}****${local.slice(7)}`
  }
  return `+${digits.slice(0, 3)} ****${digits.slice(-4)}`
}

/** Names are masked too, keeping the surname: 陈** . */
export const maskName = (name: string) => {
  const chars = [...name]
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 2))}`
}
