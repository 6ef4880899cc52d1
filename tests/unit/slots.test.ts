import { atLocal, canCancel, COUNSELLING_RULES as R, generateSlots, isScheduledSlot, localDay, pausedUntil } from '../../cloud/domain/booking/slots'

const hours = [
  { weekday: 1, start: '09:00', end: '12:00' },
  { weekday: 3, start: '14:00', end: '17:30' }
]
const iso = (d: Date) => d.toISOString()

describe('slots from a weekly schedule, in Shanghai time', () => {
  test('50-minute slots on the hour within opening hours, for two weeks', () => {
    // Monday 2026-11-30 08:00 Shanghai.
    const slots = generateSlots(hours, atLocal('2026-11-30', '08:00'), R)
    expect(slots.slice(0, 3).map((s) => iso(s.start))).toEqual(['2026-11-30T01:00:00.000Z', '2026-11-30T02:00:00.000Z', '2026-11-30T03:00:00.000Z'])
    expect(iso(slots[0].end)).toBe('2026-11-30T01:50:00.000Z')
    // Wednesday 14:00–17:30: 14, 15, 16 (a 17:00 slot would end at 17:50, after closing).
    expect(slots.filter((s) => localDay(s.start).weekday === 3).slice(0, 3).map((s) => iso(s.start))).toEqual(['2026-12-02T06:00:00.000Z', '2026-12-02T07:00:00.000Z', '2026-12-02T08:00:00.000Z'])
    expect(slots).toHaveLength(2 * (3 + 3))
  })

  test('a slot that has started is no longer offered; leave days are skipped', () => {
    const slots = generateSlots(hours, atLocal('2026-11-30', '09:30'), R, (date) => date === '2026-12-02')
    expect(iso(slots[0].start)).toBe('2026-11-30T02:00:00.000Z')
    expect(slots.some((s) => localDay(s.start).date === '2026-12-02')).toBe(false)
  })

  test('across a year end, the weekdays stay right', () => {
    const slots = generateSlots(hours, atLocal('2026-12-28', '00:00'), R)
    expect(slots.map((s) => localDay(s.start).date).filter((d, i, a) => a.indexOf(d) === i)).toEqual(['2026-12-28', '2026-12-30', '2027-01-04', '2027-01-06'])
  })

  test('late evening UTC is already tomorrow in Shanghai', () => {
    expect(localDay(new Date('2026-11-29T16:30:00Z'))).toEqual({ date: '2026-11-30', weekday: 1 })
  })

  test('only real slot starts can be booked', () => {
    expect(isScheduledSlot(hours, atLocal('2026-11-30', '10:00'), R)).toBe(true)
    expect(isScheduledSlot(hours, atLocal('2026-11-30', '10:30'), R)).toBe(false)
    expect(isScheduledSlot(hours, atLocal('2026-11-30', '11:30'), R)).toBe(false)
    expect(isScheduledSlot(hours, atLocal('2026-12-01', '10:00'), R)).toBe(false)
  })
})

describe('booking rules', () => {
  test('cancel up to 24 hours before', () => {
    const start = atLocal('2026-12-02', '14:00')
    expect(canCancel(start, new Date(start.getTime() - 24 * 3600_000), R)).toBe(true)
    expect(canCancel(start, new Date(start.getTime() - 24 * 3600_000 + 1), R)).toBe(false)
  })

  test('3 no-shows within 90 days pause booking for 30 days from the third', () => {
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000)
    expect(pausedUntil([day(0), day(10)], day(11), R)).toBeNull()
    expect(pausedUntil([day(0), day(10), day(80)], day(81), R)).toEqual(day(110))
    expect(pausedUntil([day(0), day(10), day(80)], day(110), R)).toBeNull()
    expect(pausedUntil([day(0), day(50), day(100)], day(101), R)).toBeNull()
  })
})
