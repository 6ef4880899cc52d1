/**
 * The public statistics page, from rollups (issue 16): the counts per city, kind and status (migration 0024) and the
 * monthly and close-day rollups (0012), so the page costs the same at a thousand cases and at a million.
 * "Resolved" is closed with a closing time; days to close are whole Asia/Shanghai calendar days, as on the dashboard.
 */
import { PETITION_KINDS } from '../../types/functions/petition'
import type { AgreementFigures, PublicStats } from '../../types/functions/stats'
import { medianOfHistogram, monthSeries, satisfactionOf, share, windows, type MonthRollup } from './stats-staff'

/** How many cases of a kind are in a status, in a city (the first 4 digits of the region they concern). */
export interface StatusCount {
  city: string
  kind: string
  status: string
  n: number
}

export interface PublicRollups {
  counts: StatusCount[]
  /** Monthly rollups summed over the townships in scope (the province, or one city). */
  months: MonthRollup[]
  /** How many resolved cases took how many days, over the same townships. */
  closeDays: { days: number; n: number }[]
}

const OPEN = new Set(['submitted', 'accepted', 'assigned'])

/** Agreements in effect in one region (a city's or a county's code), as the agreements' own counts give them. */
export interface AgreementRegionRow extends AgreementFigures {
  regionCode: string
}

/** The agreement figures: the sum, and each region that has one, named from `areas` (its code when not there). */
export function agreementFigures(rows: AgreementRegionRow[], areas: { code: string; name: string }[]): PublicStats['agreements'] {
  const names = new Map(areas.map((a) => [a.code, a.name]))
  const total = (k: keyof AgreementFigures) => rows.reduce((s, r) => s + r[k], 0)
  return {
    agreements: total('agreements'),
    confirmed: total('confirmed'),
    performed: total('performed'),
    byRegion: rows
      .filter((r) => r.agreements > 0)
      .sort((a, b) => (a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : 0))
      .map((r) => ({ code: r.regionCode, name: names.get(r.regionCode) ?? r.regionCode, agreements: r.agreements, confirmed: r.confirmed, performed: r.performed }))
  }
}

/**
 * The public page: all-time totals, the last 12 months, each city of the list and every kind; and the mediation
 * agreements per region (`areas` names them: the cities, or the counties of the city chosen).
 */
export function publicStats(
  rollups: PublicRollups,
  cities: { code: string; name: string }[],
  now: Date,
  agreements: { rows: AgreementRegionRow[]; areas: { code: string; name: string }[] } = { rows: [], areas: [] }
): PublicStats {
  const { counts, months, closeDays } = rollups
  const sum = (rows: StatusCount[]) => rows.reduce((s, r) => s + r.n, 0)
  const closed = months.reduce((s, r) => s + r.closed, 0)
  return {
    generatedAt: now.toISOString(),
    total: sum(counts),
    open: sum(counts.filter((r) => OPEN.has(r.status))),
    closed,
    resolvedAtTownshipShare: share(
      months.reduce((s, r) => s + r.closedTownship, 0),
      closed
    ),
    medianDaysToClose: medianOfHistogram(closeDays),
    satisfaction: satisfactionOf(months),
    byMonth: monthSeries(months, windows(now, 0).months),
    byCity: cities.map((c) => {
      const inCity = counts.filter((r) => r.city === c.code)
      return { code: c.code, name: c.name, filed: sum(inCity), closed: sum(inCity.filter((r) => r.status === 'closed')) }
    }),
    byKind: PETITION_KINDS.map((kind) => ({ kind, count: sum(counts.filter((r) => r.kind === kind)) })),
    agreements: agreementFigures(agreements.rows, agreements.areas)
  }
}
