/** Statutory deadlines in Asia/Shanghai days, across month ends, year ends and leap days. */
import {
  DEFAULT_DEADLINES as S,
  acceptanceDue,
  deadlineFlag,
  dueAfter,
  endOfLocalDay,
  handlingDue,
  localDate,
  reviewRequestDue,
  transferObjectionDue
} from '../../cloud/domain/petition/deadlines'

const at = (iso: string) => new Date(iso)
const shanghai = (d: Date) => localDate(d)

describe('Shanghai days', () => {
  test('an instant late in the UTC day is already the next day in Shanghai', () => {
    expect(localDate(at('2026-11-27T15:59:59.999Z'))).toBe('2026-11-27')
    expect(localDate(at('2026-11-27T16:00:00.000Z'))).toBe('2026-11-28')
  })

  test('a deadline is the last millisecond of its Shanghai day', () => {
    expect(endOfLocalDay('2026-11-27').toISOString()).toBe('2026-11-27T15:59:59.999Z')
  })
})

describe('calendar-day deadlines', () => {
  test('15 days to accept, counted from the day of filing', () => {
    expect(shanghai(acceptanceDue(at('2026-11-27T02:00:00Z'), S))).toBe('2026-12-12')
  })

  test('filing at 23:30 Shanghai time counts from that Shanghai day, not the UTC one', () => {
    expect(shanghai(acceptanceDue(at('2026-11-27T15:30:00Z'), S))).toBe('2026-12-12')
    expect(shanghai(acceptanceDue(at('2026-11-27T16:30:00Z'), S))).toBe('2026-12-13')
  })

  test('across a year end', () => {
    expect(shanghai(acceptanceDue(at('2026-12-20T04:00:00Z'), S))).toBe('2027-01-04')
  })

  test('across a leap day and a non-leap February', () => {
    expect(shanghai(dueAfter(at('2028-02-20T04:00:00Z'), 15, S, 'calendar'))).toBe('2028-03-06')
    expect(shanghai(dueAfter(at('2027-02-20T04:00:00Z'), 15, S, 'calendar'))).toBe('2027-03-07')
    expect(shanghai(dueAfter(at('2028-01-31T04:00:00Z'), 29, S, 'calendar'))).toBe('2028-02-29')
  })

  test('60 days to finish from acceptance, plus one extension; reviews are decided in 30', () => {
    const accepted = at('2026-11-27T02:00:00Z')
    expect(shanghai(handlingDue(accepted, 'original', 0, S))).toBe('2027-01-26')
    expect(shanghai(handlingDue(accepted, 'original', 30, S))).toBe('2027-02-25')
    expect(shanghai(handlingDue(accepted, 'review', 0, S))).toBe('2026-12-27')
    expect(shanghai(reviewRequestDue(accepted, S))).toBe('2026-12-27')
  })
})

describe('working-day deadlines', () => {
  test('5 working days to object to a wrongly routed matter skip the weekend', () => {
    // Friday 2026-11-27 → Mon 30, Tue 1, Wed 2, Thu 3, Fri 4 December.
    expect(shanghai(transferObjectionDue(at('2026-11-27T02:00:00Z'), S))).toBe('2026-12-04')
  })

  test('holidays are skipped and make-up working days count, as settings', () => {
    const settings = { ...S, holidays: ['2026-12-01'], workdays: ['2026-11-29'] }
    // Sun 29 (make-up day), Mon 30, Wed 2, Thu 3, Fri 4.
    expect(shanghai(dueAfter(at('2026-11-27T02:00:00Z'), 5, settings, 'working'))).toBe('2026-12-04')
    const noMakeUp = { ...S, holidays: ['2026-12-01'] }
    expect(shanghai(dueAfter(at('2026-11-27T02:00:00Z'), 5, noMakeUp, 'working'))).toBe('2026-12-07')
  })

  test('the day counting rule is a setting: working days stretch 15 days to three weeks', () => {
    const working = { ...S, counting: 'working' as const }
    expect(shanghai(acceptanceDue(at('2026-11-27T02:00:00Z'), working))).toBe('2026-12-18')
  })
})

describe('flags', () => {
  const deadline = endOfLocalDay('2026-12-10')
  test('overdue only after the last millisecond of the day', () => {
    expect(deadlineFlag(deadline, at('2026-12-10T15:59:59.999Z'), S)).toBe('due_soon')
    expect(deadlineFlag(deadline, at('2026-12-10T16:00:00.000Z'), S)).toBe('overdue')
  })
  test('due soon within 3 Shanghai days, otherwise ok; no deadline, no flag', () => {
    expect(deadlineFlag(deadline, at('2026-12-07T02:00:00Z'), S)).toBe('due_soon')
    expect(deadlineFlag(deadline, at('2026-12-06T02:00:00Z'), S)).toBe('ok')
    expect(deadlineFlag(null, at('2026-12-06T02:00:00Z'), S)).toBe('none')
  })
})
