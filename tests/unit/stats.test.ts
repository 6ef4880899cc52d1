import { publicStats, type PublicRollups } from '../../cloud/domain/stats'
import type { MonthRollup } from '../../cloud/domain/stats-staff'

const month = (over: Partial<MonthRollup>): MonthRollup => ({ month: '2026-10', filed: 0, closed: 0, closedTownship: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0, ...over })
const CITIES = [
  { code: '4401', name: '广州市' },
  { code: '4413', name: '惠州市' },
  { code: '4403', name: '深圳市' }
]
const now = new Date('2026-11-27T00:00:00Z')

describe('public statistics from rollups', () => {
  const rollups: PublicRollups = {
    counts: [
      { city: '4413', kind: 'complaint', status: 'closed', n: 3 },
      { city: '4413', kind: 'suggestion', status: 'submitted', n: 1 },
      { city: '4413', kind: 'complaint', status: 'declined', n: 1 },
      { city: '4401', kind: 'complaint', status: 'assigned', n: 2 },
      { city: '4401', kind: 'dispute', status: 'closed', n: 1 }
    ],
    months: [month({ month: '2026-10', filed: 6, closed: 3, closedTownship: 3, satisfied: 1, basicallySatisfied: 1, unsatisfied: 1 }), month({ month: '2026-11', filed: 2, closed: 1 }), month({ month: '2024-01', filed: 5 })],
    closeDays: [
      { days: 2, n: 1 },
      { days: 10, n: 2 },
      { days: 30, n: 1 }
    ]
  }
  const page = publicStats(rollups, CITIES, now)

  test('totals: every case counted once, open is submitted, accepted or assigned', () => {
    expect(page).toMatchObject({ generatedAt: now.toISOString(), total: 8, open: 3, closed: 4 })
  })

  test('the township share counts cases closed by a township centre among all resolved ones', () => {
    expect(page.resolvedAtTownshipShare).toBe(75)
  })

  test('the median of the close-day histogram; none without resolved cases', () => {
    expect(page.medianDaysToClose).toBe(10)
    expect(publicStats({ ...rollups, closeDays: [] }, CITIES, now).medianDaysToClose).toBeNull()
  })

  test('satisfaction counts 满意 and 基本满意 as satisfied', () => {
    expect(page.satisfaction).toEqual({ rated: 3, satisfied: 1, basicallySatisfied: 1, unsatisfied: 1, satisfiedShare: 66.7 })
  })

  test('months are the last twelve Shanghai months up to now, with zeros where nothing happened', () => {
    expect(page.byMonth).toHaveLength(12)
    expect(page.byMonth[0]).toEqual({ month: '2025-12', filed: 0, closed: 0 })
    expect(page.byMonth.at(-2)).toEqual({ month: '2026-10', filed: 6, closed: 3 })
    expect(page.byMonth.at(-1)).toEqual({ month: '2026-11', filed: 2, closed: 1 })
  })

  test('each city of the list with its filed and closed cases, and every kind counted', () => {
    expect(page.byCity).toEqual([
      { code: '4401', name: '广州市', filed: 3, closed: 1 },
      { code: '4413', name: '惠州市', filed: 5, closed: 3 },
      { code: '4403', name: '深圳市', filed: 0, closed: 0 }
    ])
    expect(page.byKind.find((k) => k.kind === 'complaint')?.count).toBe(6)
    expect(page.byKind.reduce((n, k) => n + k.count, 0)).toBe(8)
  })
})
