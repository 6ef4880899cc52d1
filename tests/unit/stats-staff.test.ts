/** The staff dashboard's pure rules: who sees which region, code ranges, Shanghai windows, the median of a histogram. */
import { dashboardAccess, dashboardRoots, medianOfHistogram, prefixRange, satisfactionOf, startOfLocalDay, windows } from '../../cloud/domain/stats-staff'
import type { Grant } from '../../cloud/domain/petition/policy'

const centre = (regionCode: string): Grant => ({ role: 'centre_staff', regionCode })

describe('dashboard access', () => {
  test('centre staff open their own region and anything below it, down to townships', () => {
    const city = [centre('4413')]
    expect(dashboardAccess(city)).toEqual({ ok: true, root: '4413', target: '4413', level: 'city' })
    expect(dashboardAccess(city, '441302')).toEqual({ ok: true, root: '4413', target: '441302', level: 'county' })
    expect(dashboardAccess(city, '441302001')).toEqual({ ok: true, root: '4413', target: '441302001', level: 'township' })
  })

  test('above, beside or outside the jurisdiction, a village, or no centre grant: FORBIDDEN', () => {
    const refused = { ok: false, code: 'FORBIDDEN' }
    expect(dashboardAccess([centre('441302')], '4413')).toEqual(refused)
    expect(dashboardAccess([centre('441302')], '441303')).toEqual(refused)
    expect(dashboardAccess([centre('441302001')], '441302002')).toEqual(refused)
    expect(dashboardAccess([centre('4413')], '441302001200')).toEqual(refused)
    // A prefix that is not a region level is not "within" anything.
    expect(dashboardAccess([centre('4413')], '44130')).toEqual(refused)
    expect(dashboardAccess([{ role: 'mediator', regionCode: '441302001' }])).toEqual(refused)
    expect(dashboardAccess([{ role: 'admin', regionCode: '44' }])).toEqual(refused)
    expect(dashboardAccess([])).toEqual(refused)
  })

  test('a grant inside another of the same person adds no second root', () => {
    expect(dashboardRoots([centre('441302001'), centre('4413'), centre('4401'), { role: 'mediator', regionCode: '4402' }])).toEqual(['4401', '4413'])
  })
})

test('prefix ranges carry over nines', () => {
  expect(prefixRange('4413')).toEqual({ lo: '4413', hi: '4414' })
  expect(prefixRange('441399')).toEqual({ lo: '441399', hi: '441400' })
  expect(prefixRange('441302009')).toEqual({ lo: '441302009', hi: '441302010' })
  expect(prefixRange('99')).toEqual({ lo: '99', hi: '99:' })
  for (const code of ['441302001200', '441399001001']) {
    const inside = code.startsWith('4413')
    const { lo, hi } = prefixRange('4413')
    expect(code >= lo && code < hi).toBe(inside)
  }
})

describe('windows in Asia/Shanghai', () => {
  test('late on 31 December UTC is already New Year in Shanghai', () => {
    const w = windows(new Date('2026-12-31T16:30:00Z'), 3)
    expect(w.thisMonth).toBe('2027-01')
    expect(w.months[0]).toBe('2026-02')
    expect(w.months[11]).toBe('2027-01')
    expect(w.last30From).toBe('2026-12-03')
    // Due soon: before the end of 4 January (today + 3), Shanghai time.
    expect(w.soonEnd).toBe('2027-01-04T16:00:00.000Z')
  })

  test('twelve months back across a leap February', () => {
    const w = windows(new Date('2028-03-01T00:00:00Z'), 3)
    expect(w.months).toEqual(['2027-04', '2027-05', '2027-06', '2027-07', '2027-08', '2027-09', '2027-10', '2027-11', '2027-12', '2028-01', '2028-02', '2028-03'])
    // The last 30 days, today included: 29 February counts in a leap year.
    expect(w.last30From).toBe('2028-02-01')
    expect(windows(new Date('2027-03-01T00:00:00Z'), 3).last30From).toBe('2027-01-31')
  })

  test('a Shanghai day starts at 16:00 UTC the day before', () => {
    expect(startOfLocalDay('2026-11-27').toISOString()).toBe('2026-11-26T16:00:00.000Z')
  })
})

describe('median of a histogram of days', () => {
  test('odd and even counts, unsorted rows, empty', () => {
    expect(medianOfHistogram([{ days: 5, n: 1 }, { days: 1, n: 1 }, { days: 9, n: 1 }])).toBe(5)
    expect(medianOfHistogram([{ days: 2, n: 2 }, { days: 7, n: 2 }])).toBe(4.5)
    expect(medianOfHistogram([{ days: 3, n: 10 }, { days: 40, n: 1 }])).toBe(3)
    expect(medianOfHistogram([{ days: 1, n: 0 }])).toBeNull()
    expect(medianOfHistogram([])).toBeNull()
  })
})

test('satisfaction shares count satisfied and basically satisfied', () => {
  const month = { month: '2026-11', filed: 0, closed: 0, closedTownship: 0 }
  expect(satisfactionOf([{ ...month, satisfied: 3, basicallySatisfied: 1, unsatisfied: 1 }, { ...month, satisfied: 1, basicallySatisfied: 0, unsatisfied: 2 }])).toEqual({
    rated: 8,
    satisfied: 4,
    basicallySatisfied: 1,
    unsatisfied: 3,
    satisfiedShare: 62.5
  })
  expect(satisfactionOf([]).satisfiedShare).toBeNull()
})
