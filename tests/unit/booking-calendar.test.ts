import { addDays, cancelBy, dayBounds, isRealDate, leaveDates, localDateTime, normaliseHours, offerExpiry, withinOpening, reminderWindow, withinHorizon } from '../../cloud/domain/booking/calendar'
import { atLocal, COUNSELLING_RULES as R, generateSlots, localDay } from '../../cloud/domain/booking/slots'

const HOUR = 3600_000

describe('calendar days in Shanghai', () => {
  test('days add across months and years; impossible dates are not real', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(isRealDate('2026-02-28')).toBe(true)
    expect(isRealDate('2026-02-30')).toBe(false)
    expect(isRealDate('2026-13-01')).toBe(false)
    expect(isRealDate('2026-1-01')).toBe(false)
  })

  test('a local day starts at 16:00 UTC the day before', () => {
    expect(dayBounds('2026-12-01')).toEqual({ start: new Date('2026-11-30T16:00:00Z'), end: new Date('2026-12-01T16:00:00Z') })
  })

  test('times in messages are written in Shanghai time', () => {
    expect(localDateTime(new Date('2026-12-01T02:00:00Z'))).toBe('2026-12-01 10:00')
    expect(localDateTime(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01 00:30')
  })

  test('the horizon runs from today for 14 days', () => {
    const now = atLocal('2026-11-30', '23:00')
    expect(withinHorizon('2026-11-30', now, R)).toBe(true)
    expect(withinHorizon('2026-12-13', now, R)).toBe(true)
    expect(withinHorizon('2026-12-14', now, R)).toBe(false)
    expect(withinHorizon('2026-11-29', now, R)).toBe(false)
  })
})

describe('weekly hours', () => {
  test('sorted by day and time', () => {
    expect(
      normaliseHours([
        { weekday: 3, start: '14:00', end: '17:00' },
        { weekday: 1, start: '14:00', end: '17:00' },
        { weekday: 1, start: '09:00', end: '12:00' }
      ])
    ).toEqual([
      { weekday: 1, start: '09:00', end: '12:00' },
      { weekday: 1, start: '14:00', end: '17:00' },
      { weekday: 3, start: '14:00', end: '17:00' }
    ])
  })

  test('an opening must end after it starts, and openings on one day must not overlap (touching is fine)', () => {
    expect(normaliseHours([{ weekday: 1, start: '12:00', end: '09:00' }])).toBe('inverted')
    expect(normaliseHours([{ weekday: 1, start: '09:00', end: '09:00' }])).toBe('inverted')
    expect(normaliseHours([{ weekday: 2, start: '09:00', end: '12:00' }, { weekday: 2, start: '11:59', end: '13:00' }])).toBe('overlap')
    expect(normaliseHours([{ weekday: 2, start: '09:00', end: '12:00' }, { weekday: 2, start: '12:00', end: '13:00' }])).toHaveLength(2)
    expect(normaliseHours([{ weekday: 2, start: '09:00', end: '12:00' }, { weekday: 3, start: '10:00', end: '11:00' }])).toHaveLength(2)
  })
})

describe('hours within a station\'s opening hours', () => {
  // 周二至周六 9:00–12:00，14:30–17:30
  const open = [2, 3, 4, 5, 6].flatMap((weekday) => [
    { weekday, start: '09:00', end: '12:00' },
    { weekday, start: '14:30', end: '17:30' }
  ])

  test('a Monday the station is closed is dropped; an afternoon is cut to when it opens', () => {
    const weekdays = [1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, start: '09:00', end: '12:00' },
      { weekday, start: '14:00', end: '17:00' }
    ])
    const kept = withinOpening(weekdays, open)
    expect(kept.some((h) => h.weekday === 1)).toBe(false)
    expect(kept.filter((h) => h.weekday === 2)).toEqual([
      { weekday: 2, start: '09:00', end: '12:00' },
      { weekday: 2, start: '14:30', end: '17:00' }
    ])
    expect(generateSlots(kept, atLocal('2026-11-30', '00:00'), R).some((s) => localDay(s.start).weekday === 1)).toBe(false)
  })

  test('evening hours outside the opening are dropped; hours already inside are kept as they are', () => {
    expect(withinOpening([{ weekday: 3, start: '19:00', end: '21:00' }], open)).toEqual([])
    expect(withinOpening([{ weekday: 6, start: '09:00', end: '12:00' }], open)).toEqual([{ weekday: 6, start: '09:00', end: '12:00' }])
  })
})

describe('leave', () => {
  const now = atLocal('2026-11-30', '10:00')
  test('every date from the first to the last', () => {
    expect(leaveDates('2026-12-30', '2027-01-02', now)).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02'])
    expect(leaveDates('2026-11-30', '2026-11-30', now)).toEqual(['2026-11-30'])
  })
  test('not in the past, not backwards, at most 90 days', () => {
    expect(leaveDates('2026-11-29', '2026-12-01', now)).toEqual({ field: 'from' })
    expect(leaveDates('2026-12-05', '2026-12-04', now)).toEqual({ field: 'to' })
    expect(leaveDates('2026-12-01', '2027-02-28', now)).toHaveLength(90)
    expect(leaveDates('2026-12-01', '2027-03-01', now)).toEqual({ field: 'to' })
    expect(leaveDates('2026-02-30', '2026-12-01', now)).toEqual({ field: 'from' })
  })
})

describe('offers and reminders', () => {
  const now = new Date('2026-11-30T00:00:00Z')
  test('a freed slot is held for 12 hours, but never past its own start', () => {
    expect(offerExpiry(now, new Date(now.getTime() + 48 * HOUR), R)).toEqual(new Date(now.getTime() + 12 * HOUR))
    expect(offerExpiry(now, new Date(now.getTime() + 5 * HOUR), R)).toEqual(new Date(now.getTime() + 5 * HOUR))
  })
  test('cancel by 24 hours before the start', () => {
    expect(cancelBy(new Date('2026-12-02T06:00:00Z'), R)).toEqual(new Date('2026-12-01T06:00:00Z'))
  })
  test('reminders go to bookings starting 24 to 48 hours from now, while they can still be cancelled', () => {
    expect(reminderWindow(now, R)).toEqual({ from: new Date(now.getTime() + 24 * HOUR), to: new Date(now.getTime() + 48 * HOUR) })
  })
})
