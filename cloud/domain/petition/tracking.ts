/** Tracking numbers people can read out on the phone: city code, Shanghai date, sequence — 4413-20261127-0007. */
export function trackingNo(cityCode: string, localDate: string, seq: number): string {
  return `${cityCode}-${localDate.replace(/-/g, '')}-${String(seq).padStart(4, '0')}`
}

export const trackingScope = (cityCode: string, localDate: string) => `tracking:${cityCode}:${localDate}`

export const TRACKING_PATTERN = /^44\d{2}-\d{8}-\d{4,}$/

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
