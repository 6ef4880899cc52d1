import { median, publicStats, summarise, type CaseFact } from '../../cloud/domain/stats'

const fact = (over: Partial<CaseFact>): CaseFact => ({
  kind: 'complaint',
  status: 'closed',
  filedAt: '2026-10-01T02:00:00Z',
  closedAt: '2026-10-11T02:00:00Z',
  handlingRegion: '441302001',
  rating: null,
  outcome: 'opinion',
  ...over
})

describe('public statistics', () => {
  test('median of odd and even lists; none of an empty list', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNull()
  })

  test('the township share counts cases closed by a township centre among all resolved ones', () => {
    const s = summarise([fact({}), fact({}), fact({}), fact({ handlingRegion: '441302' }), fact({ status: 'declined' }), fact({ status: 'submitted', closedAt: null })], 12, new Date('2026-11-27T00:00:00Z'))
    expect(s.closed).toBe(4)
    expect(s.resolvedAtTownshipShare).toBe(75)
    expect(s.open).toBe(1)
    expect(s.medianDaysToClose).toBe(10)
  })

  test('satisfaction counts 满意 and 基本满意 as satisfied', () => {
    const s = summarise([fact({ rating: 'satisfied' }), fact({ rating: 'basically_satisfied' }), fact({ rating: 'unsatisfied' }), fact({})], 12, new Date('2026-11-27T00:00:00Z'))
    expect(s.satisfaction).toEqual({ rated: 3, satisfied: 1, basicallySatisfied: 1, unsatisfied: 1, satisfiedShare: 66.7 })
  })

  test('months are Shanghai months, the last twelve up to now', () => {
    const s = summarise([fact({ filedAt: '2026-10-31T17:00:00Z', closedAt: '2026-11-02T00:00:00Z' })], 12, new Date('2026-11-27T00:00:00Z'))
    expect(s.byMonth).toHaveLength(12)
    expect(s.byMonth[0].month).toBe('2025-12')
    expect(s.byMonth.at(-1)).toEqual({ month: '2026-11', filed: 1, closed: 1 })
  })

  test('the public page: the summary, each city of the list with its filed and closed cases, and every kind counted', () => {
    const now = new Date('2026-11-27T00:00:00Z')
    const facts = [
      { ...fact({}), city: '4413' },
      { ...fact({ status: 'submitted', closedAt: null, kind: 'suggestion' }), city: '4413' },
      { ...fact({}), city: '4401' }
    ]
    const page = publicStats(facts, [{ code: '4401', name: '广州市' }, { code: '4413', name: '惠州市' }, { code: '4403', name: '深圳市' }], now)
    expect(page).toMatchObject({ generatedAt: now.toISOString(), ...summarise(facts, 12, now) })
    expect(page.byCity).toEqual([
      { code: '4401', name: '广州市', filed: 1, closed: 1 },
      { code: '4413', name: '惠州市', filed: 2, closed: 1 },
      { code: '4403', name: '深圳市', filed: 0, closed: 0 }
    ])
    expect(page.byKind.find((k) => k.kind === 'complaint')?.count).toBe(2)
    expect(page.byKind.reduce((n, k) => n + k.count, 0)).toBe(3)
  })
})
