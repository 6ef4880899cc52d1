/** On-site days (驻村日) as the booking engine sees them: the nth weekday of each month, in Shanghai time. */
import { atLocal, datesOf, generateSlots, isScheduledSlot, LEGAL_ONSITE_RULES as R, localDay, opensOn, scheduledOpening, weekdayOccurrence, type WeeklyHours } from '../../cloud/domain/booking/slots'

const secondTuesday: WeeklyHours = { nth: 2, weekday: 2, start: '09:00', end: '12:00', place: '441302001200' }
const dates = (slots: { start: Date }[]) => [...new Set(slots.map((s) => localDay(s.start).date))]

describe('which occurrence of its weekday a date is', () => {
  test('the first seven days hold the first of each weekday, and so on', () => {
    expect(weekdayOccurrence('2026-12-01')).toEqual({ weekday: 2, nth: 1, last: false })
    expect(weekdayOccurrence('2026-12-08')).toEqual({ weekday: 2, nth: 2, last: false })
    expect(weekdayOccurrence('2026-12-29')).toEqual({ weekday: 2, nth: 5, last: true })
    // The 4th is the last when the month has no 5th: 2027-02-23 is February's 4th and last Tuesday.
    expect(weekdayOccurrence('2027-02-23')).toEqual({ weekday: 2, nth: 4, last: true })
    expect(weekdayOccurrence('2026-12-22')).toEqual({ weekday: 2, nth: 4, last: false })
  })

  test('leap years and month lengths decide the last weekday', () => {
    expect(weekdayOccurrence('2028-02-29')).toEqual({ weekday: 2, nth: 5, last: true })
    expect(weekdayOccurrence('2027-02-28')).toEqual({ weekday: 7, nth: 4, last: true })
    expect(weekdayOccurrence('2026-04-30')).toEqual({ weekday: 4, nth: 5, last: true })
    expect(weekdayOccurrence('2026-04-24')).toEqual({ weekday: 5, nth: 4, last: true })
  })

  test('weekly hours (no nth) open every week; monthly ones on their week only', () => {
    const weekly = { weekday: 2, start: '09:00', end: '12:00' }
    expect(['2026-12-01', '2026-12-08', '2026-12-15'].map((d) => opensOn(weekly, d))).toEqual([true, true, true])
    expect(['2026-12-01', '2026-12-08', '2026-12-15', '2026-12-09'].map((d) => opensOn(secondTuesday, d))).toEqual([false, true, false, false])
  })
})

describe('the next on-site dates', () => {
  test('across a month end and a year end', () => {
    expect(datesOf(secondTuesday, '2026-11-30', 4)).toEqual(['2026-12-08', '2027-01-12', '2027-02-09', '2027-03-09'])
    // From the day itself, that day counts.
    expect(datesOf(secondTuesday, '2026-12-08', 1)).toEqual(['2026-12-08'])
    expect(datesOf(secondTuesday, '2026-12-09', 1)).toEqual(['2027-01-12'])
  })

  test('the last Friday of each month, whether it is the 4th or the 5th', () => {
    expect(datesOf({ nth: -1, weekday: 5, start: '14:00', end: '17:00' }, '2026-12-01', 4)).toEqual(['2026-12-25', '2027-01-29', '2027-02-26', '2027-03-26'])
  })

  test('the dates computed month by month are those a day-by-day walk finds, for every rule, from any day over three years', () => {
    const walk = (rule: WeeklyHours, from: string, n: number) => {
      const out: string[] = []
      for (let ms = Date.parse(`${from}T00:00:00Z`); out.length < n; ms += 86_400_000) {
        const date = new Date(ms).toISOString().slice(0, 10)
        if (opensOn(rule, date)) out.push(date)
      }
      return out
    }
    let checked = 0
    for (let ms = Date.parse('2026-01-01T00:00:00Z'); ms < Date.parse('2029-01-01T00:00:00Z'); ms += 11 * 86_400_000) {
      const from = new Date(ms).toISOString().slice(0, 10)
      for (const nth of [undefined, 1, 2, 3, 4, 5, -1]) {
        for (let weekday = 1; weekday <= 7; weekday++) {
          const rule = { nth, weekday, start: '09:00', end: '12:00' }
          expect([from, nth, weekday, datesOf(rule, from, 3)]).toEqual([from, nth, weekday, walk(rule, from, 3)])
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(4000)
  })

  test('a 5th weekday skips the months that have none', () => {
    expect(datesOf({ nth: 5, weekday: 1, start: '09:00', end: '12:00' }, '2026-12-01', 3)).toEqual(['2027-03-29', '2027-05-31', '2027-08-30'])
  })
})

describe('on-site slots from a monthly rule, in Shanghai time', () => {
  test('half-hour slots on the 2nd Tuesday, each carrying its village', () => {
    const slots = generateSlots([secondTuesday], atLocal('2026-11-30', '08:00'), R)
    expect(dates(slots)).toEqual(['2026-12-08', '2027-01-12'])
    const first = slots.filter((s) => localDay(s.start).date === '2026-12-08')
    expect(first.map((s) => s.start.toISOString())).toEqual(['01:00', '01:30', '02:00', '02:30', '03:00', '03:30'].map((t) => `2026-12-08T${t}:00.000Z`))
    expect(first.every((s) => s.place === '441302001200' && s.end.getTime() - s.start.getTime() === 30 * 60_000)).toBe(true)
  })

  test('over the year end: December’s and January’s on-site days, never a Tuesday of the wrong week', () => {
    const rules = [secondTuesday, { nth: 4, weekday: 4, start: '14:30', end: '17:30', place: '441302001202' }]
    const slots = generateSlots(rules, atLocal('2026-12-20', '10:00'), R)
    expect(dates(slots)).toEqual(['2026-12-24', '2027-01-12', '2027-01-28', '2027-02-09'])
    expect(slots.filter((s) => localDay(s.start).date === '2026-12-24').every((s) => s.place === '441302001202')).toBe(true)
  })

  test('a Shanghai morning is the UTC evening before: the date is Shanghai’s, not UTC’s', () => {
    // 2027-01-12 09:00 in Shanghai is 2027-01-12 01:00 UTC; asked at 2027-01-11T20:00Z (04:00 Shanghai on the 12th).
    const slots = generateSlots([secondTuesday], new Date('2027-01-11T20:00:00Z'), R)
    expect(slots[0].start.toISOString()).toBe('2027-01-12T01:00:00.000Z')
    // New Year's Eve 23:30 UTC is already 1 January in Shanghai; the first on-site day of 2027 is found from there.
    expect(localDay(new Date('2026-12-31T16:30:00Z')).date).toBe('2027-01-01')
    expect(dates(generateSlots([{ nth: 1, weekday: 5, start: '09:00', end: '10:00' }], new Date('2026-12-31T16:30:00Z'), R))[0]).toBe('2027-01-01')
  })

  test('a slot that has started is gone, and only real slot starts on the right week can be booked', () => {
    const slots = generateSlots([secondTuesday], atLocal('2026-12-08', '09:10'), R)
    expect(slots[0].start.toISOString()).toBe(atLocal('2026-12-08', '09:30').toISOString())
    expect(isScheduledSlot([secondTuesday], atLocal('2026-12-08', '11:30'), R)).toBe(true)
    expect(isScheduledSlot([secondTuesday], atLocal('2026-12-08', '09:15'), R)).toBe(false)
    expect(isScheduledSlot([secondTuesday], atLocal('2026-12-08', '12:00'), R)).toBe(false)
    expect(isScheduledSlot([secondTuesday], atLocal('2026-12-15', '09:00'), R)).toBe(false)
    expect(isScheduledSlot([secondTuesday], atLocal('2026-12-01', '09:00'), R)).toBe(false)
    expect(scheduledOpening([secondTuesday], atLocal('2027-01-12', '10:00'), R)?.place).toBe('441302001200')
  })
})
