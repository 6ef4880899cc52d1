/** Tracking numbers, claim codes and phone numbers: the pure rules shared by the client and the backend. */
import { claimCode, trackingNo } from '../../cloud/domain/petition/tracking'
import { CLAIM_CODE_PATTERN, READABLE_ALPHABET, formatClaimCode, isTrackingNo, normaliseClaimCode, normaliseTrackingNo, trackingCheck } from '../../types/tracking'
import { PhoneSchema, displayPhone, toE164 } from '../../types/phone'
import * as v from 'valibot'

/** A seeded random source, so the property checks below are repeatable. */
function seeded(seed: number) {
  let s = seed
  return (max: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31
    return s % max
  }
}

describe('tracking numbers', () => {
  test('city, Shanghai date, five random readable characters and a check character', () => {
    const no = trackingNo('4413', '2026-11-27', seeded(1))
    expect(no).toMatch(/^4413-20261127-[2-9A-HJKMNP-Z]{6}$/)
    expect(isTrackingNo(no)).toBe(true)
    expect(trackingCheck(no.slice(0, -1))).toBe(no.at(-1))
  })

  test('no counter: numbers of one city and day share nothing after the date', () => {
    const random = seeded(7)
    const numbers = Array.from({ length: 1000 }, () => trackingNo('4413', '2026-11-27', random))
    expect(new Set(numbers).size).toBe(1000)
    expect(numbers.some((n) => /-\d{4}$/.test(n))).toBe(false)
  })

  test('the readable alphabet leaves out what is misheard or misread: 0 O 1 I L', () => {
    expect(READABLE_ALPHABET).toHaveLength(31)
    for (const c of '01OIL') expect(READABLE_ALPHABET).not.toContain(c)
  })

  test('every single slip and every swap of neighbours in the random part is caught by the check character', () => {
    const random = seeded(3)
    for (let n = 0; n < 20; n++) {
      const no = trackingNo('4403', '2026-12-01', random)
      const chars = no.split('')
      for (let i = no.length - 6; i < no.length; i++) {
        for (const c of READABLE_ALPHABET) {
          if (c === chars[i]) continue
          const slip = [...chars]
          slip[i] = c
          expect([slip.join(''), isTrackingNo(slip.join(''))]).toEqual([slip.join(''), false])
        }
        if (i < no.length - 1 && chars[i] !== chars[i + 1]) {
          const swap = [...chars]
          ;[swap[i], swap[i + 1]] = [swap[i + 1], swap[i]]
          expect(isTrackingNo(swap.join(''))).toBe(false)
        }
      }
      // A slip in the date is caught too.
      const day = [...chars]
      day[12] = day[12] === '7' ? '8' : '7'
      expect(isTrackingNo(day.join(''))).toBe(false)
    }
  })

  test('numbers of the older counter form stay valid; typed numbers are normalised', () => {
    expect(isTrackingNo('4413-20261127-0007')).toBe(true)
    expect(isTrackingNo('4413-20261127-12345')).toBe(true)
    expect(isTrackingNo('4413-20261127-7')).toBe(false)
    expect(isTrackingNo('4513-20261127-0007')).toBe(false)
    expect(normaliseTrackingNo(' 4413－20261127－ab c2de ')).toBe('4413-20261127-ABC2DE')
  })

  test('typed with spaces, in lower case or without dashes, a number is the number on the receipt', () => {
    const no = trackingNo('4413', '2026-11-27', seeded(11))
    const random = no.slice(-6)
    for (const typed of [`4413 20261127 ${random.toLowerCase()}`, `4413202611 27${random}`, `4413${'20261127'}${random.toLowerCase()}`, `4413 - 20261127 - ${random}`, `4413_20261127_${random}`]) {
      expect([typed, normaliseTrackingNo(typed)]).toEqual([typed, no])
      expect(isTrackingNo(normaliseTrackingNo(typed))).toBe(true)
    }
    expect(normaliseTrackingNo('4413 20261127 0007')).toBe('4413-20261127-0007')
    // What is not a number stays not one.
    for (const typed of ['441320261127', 'abc', '4413-2026-1127']) expect(isTrackingNo(normaliseTrackingNo(typed))).toBe(false)
  })
})

describe('claim codes', () => {
  test('eight readable characters, printed as XXXX-XXXX, typed any way', () => {
    const code = claimCode(seeded(5))
    expect(code).toMatch(CLAIM_CODE_PATTERN)
    const printed = formatClaimCode(code)
    expect(printed).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/)
    expect(normaliseClaimCode(` ${printed.toLowerCase().replace('-', ' ')} `)).toBe(code)
  })
})

describe('phone numbers', () => {
  test('+86 138-2222-3333, 8613822223333 and 13822223333 are one number', () => {
    for (const spelling of ['+86 138-2222-3333', '8613822223333', '13822223333', '138 2222 3333', '+8613822223333', '(+86) 138.2222.3333']) {
      expect([spelling, toE164(spelling)]).toEqual([spelling, '+8613822223333'])
      expect([spelling, v.parse(PhoneSchema, spelling)]).toEqual([spelling, '+8613822223333'])
    }
  })

  test('Hong Kong and Macau numbers keep their country code', () => {
    expect(toE164('852 9123 4567')).toBe('+85291234567')
    expect(toE164('+853 6612 3456')).toBe('+85366123456')
  })

  test('what is not a phone number is refused by the schema', () => {
    for (const bad of ['12345', '+1 415 555 0100', '2822223333', '1382222333a']) expect(v.safeParse(PhoneSchema, bad).success).toBe(false)
  })

  test('shown in full: a mainland mobile as its 11 digits, others in E.164', () => {
    expect(displayPhone('+8613822223333')).toBe('13822223333')
    expect(displayPhone('+85291234567')).toBe('+85291234567')
  })
})
