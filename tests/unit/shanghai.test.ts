import {
  addDays,
  addMonths,
  atShanghai,
  daysBetween,
  daysInMonth,
  endOfShanghaiDay,
  isRealDate,
  SHANGHAI_OFFSET_MINUTES,
  shanghaiDate,
  shanghaiDateTime,
  shanghaiMonth,
  shanghaiTime,
  startOfShanghaiDay,
  weekdayOf
} from '../../types/shanghai'

const at = (iso: string) => new Date(iso)

describe('the Shanghai day of an instant', () => {
  it('turns at 16:00 UTC, Shanghai midnight', () => {
    expect(shanghaiDate(at('2026-12-07T15:59:59.999Z'))).toBe('2026-12-07')
    expect(shanghaiDate(at('2026-12-07T16:00:00.000Z'))).toBe('2026-12-08')
    expect(shanghaiTime(at('2026-12-07T15:59:59.999Z'))).toBe('23:59')
    expect(shanghaiTime(at('2026-12-07T16:00:00.000Z'))).toBe('00:00')
  })

  it('is already tomorrow in Shanghai late on a UTC evening, at a month and a year end', () => {
    expect(shanghaiDate(at('2026-11-30T16:30:00Z'))).toBe('2026-12-01')
    expect(shanghaiMonth(at('2026-11-30T16:30:00Z'))).toBe('2026-12')
    expect(shanghaiDate(at('2026-12-31T15:59:59Z'))).toBe('2026-12-31')
    expect(shanghaiDateTime(at('2026-12-31T16:00:00Z'))).toBe('2027-01-01 00:00')
    expect(shanghaiMonth(at('2026-12-31T16:00:00Z'))).toBe('2027-01')
  })

  it('reaches the leap day from the evening before in UTC', () => {
    expect(shanghaiDate(at('2028-02-28T16:00:00Z'))).toBe('2028-02-29')
    expect(shanghaiDate(at('2028-02-29T16:00:00Z'))).toBe('2028-03-01')
  })

  it('takes an ISO timestamp as well as a Date, in any offset it is written in', () => {
    expect(shanghaiDate('2026-12-07T16:00:00Z')).toBe('2026-12-08')
    expect(shanghaiDateTime('2026-12-08T09:30:00+08:00')).toBe('2026-12-08 09:30')
    expect(shanghaiDateTime('2026-12-08T09:30:00-05:00')).toBe('2026-12-08 22:30')
  })

  it('is a fixed UTC+8: no daylight saving, so midsummer and midwinter agree', () => {
    expect(SHANGHAI_OFFSET_MINUTES).toBe(480)
    expect(shanghaiTime(at('2026-07-01T00:00:00Z'))).toBe('08:00')
    expect(shanghaiTime(at('2026-01-01T00:00:00Z'))).toBe('08:00')
  })
})

describe('instants of Shanghai dates and times', () => {
  it('builds an instant from a Shanghai date and wall-clock time', () => {
    expect(atShanghai('2026-12-08', '09:00').toISOString()).toBe('2026-12-08T01:00:00.000Z')
    expect(atShanghai('2027-01-01', '07:59').toISOString()).toBe('2026-12-31T23:59:00.000Z')
    expect(atShanghai('2028-02-29', '00:00').toISOString()).toBe('2028-02-28T16:00:00.000Z')
  })

  it('gives a day its first and last millisecond, the last one just before the next day starts', () => {
    expect(startOfShanghaiDay('2027-01-01').toISOString()).toBe('2026-12-31T16:00:00.000Z')
    expect(endOfShanghaiDay('2026-12-31').toISOString()).toBe('2026-12-31T15:59:59.999Z')
    expect(endOfShanghaiDay('2028-02-29').getTime() + 1).toBe(startOfShanghaiDay('2028-03-01').getTime())
    expect(shanghaiDate(endOfShanghaiDay('2026-02-28'))).toBe('2026-02-28')
    expect(shanghaiDate(startOfShanghaiDay('2026-03-01'))).toBe('2026-03-01')
  })

  it('round-trips a date and time through an instant', () => {
    for (const [date, time] of [['2026-12-31', '23:59'], ['2028-02-29', '00:00'], ['2027-01-01', '08:00']]) {
      const instant = atShanghai(date, time)
      expect([shanghaiDate(instant), shanghaiTime(instant)]).toEqual([date, time])
    }
  })

  it('makes an invalid date an invalid instant', () => {
    expect(Number.isNaN(atShanghai('not a date', '09:00').getTime())).toBe(true)
    expect(Number.isNaN(startOfShanghaiDay('').getTime())).toBe(true)
  })
})

describe('calendar arithmetic on dates', () => {
  it('adds days across month and year ends, forwards and back', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31')
    expect(addDays('2026-12-08', 0)).toBe('2026-12-08')
  })

  it('knows leap years: February 2028 has a 29th, February 2026 does not', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    expect(addDays('2028-02-29', 365)).toBe('2029-02-28')
    expect(daysInMonth('2028-02')).toBe(29)
    expect(daysInMonth('2026-02')).toBe(28)
    expect(daysInMonth('2100-02')).toBe(28)
    expect(daysInMonth('2000-02')).toBe(29)
    expect(daysInMonth('2026-12')).toBe(31)
  })

  it('counts whole days between dates', () => {
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1)
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29)
    expect(daysBetween('2026-12-08', '2026-12-01')).toBe(-7)
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365)
  })

  it('gives the ISO weekday, Monday 1 to Sunday 7', () => {
    expect(weekdayOf('2026-12-07')).toBe(1)
    expect(weekdayOf('2026-12-08')).toBe(2)
    expect(weekdayOf('2026-12-13')).toBe(7)
    expect(weekdayOf('2028-02-29')).toBe(2)
    expect(weekdayOf('2027-01-01')).toBe(5)
  })

  it('adds months across a year end, forwards and back', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01')
    expect(addMonths('2026-01', -1)).toBe('2025-12')
    expect(addMonths('2026-12', -11)).toBe('2026-01')
    expect(addMonths('2026-03', 0)).toBe('2026-03')
  })

  it('tells real dates from ones the calendar does not have', () => {
    expect(isRealDate('2028-02-29')).toBe(true)
    expect(isRealDate('2026-02-29')).toBe(false)
    expect(isRealDate('2026-02-30')).toBe(false)
    expect(isRealDate('2026-04-31')).toBe(false)
    expect(isRealDate('2026-13-01')).toBe(false)
    expect(isRealDate('2026-12-8')).toBe(false)
    expect(isRealDate('2026-12-31')).toBe(true)
  })
})
