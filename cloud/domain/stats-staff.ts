/**
 * Pure rules of the staff workbench and dashboard: who may see which region's figures, the time windows in
 * Asia/Shanghai, code ranges for index scans, and figures from rollup rows. No I/O; time is passed in.
 */
import type { Grant } from './petition/policy'
import { isWithin, levelOf } from './regions'
import type { RegionLevel } from '../../types/roles'
import { addDays, addMonths, shanghaiDate, startOfShanghaiDay } from '../../types/shanghai'

export type DashboardLevel = 'city' | 'county' | 'township'
const DASHBOARD_LEVELS: RegionLevel[] = ['city', 'county', 'township']

/** The regions whose dashboard an actor may open: their centre-staff jurisdictions at city, county or township level. */
export function dashboardRoots(grants: Grant[]): string[] {
  const codes = grants.filter((g) => g.role === 'centre_staff' && g.regionCode && DASHBOARD_LEVELS.includes(levelOf(g.regionCode)!)).map((g) => g.regionCode!)
  // A grant inside another of the same person's grants adds nothing.
  return [...new Set(codes)].filter((c) => !codes.some((o) => o !== c && isWithin(c, o))).sort()
}

export type DashboardAccess = { ok: true; root: string; target: string; level: DashboardLevel } | { ok: false; code: 'FORBIDDEN' }

/**
 * Whether an actor may see `requested` (default: their first jurisdiction): it must lie within one of their roots and
 * be a city, county or township. Anything else is FORBIDDEN, so that a refusal tells nothing about other regions.
 */
export function dashboardAccess(grants: Grant[], requested?: string): DashboardAccess {
  const roots = dashboardRoots(grants)
  const target = requested ?? roots[0]
  if (!target) return { ok: false, code: 'FORBIDDEN' }
  const root = roots.find((r) => isWithin(target, r))
  const level = levelOf(target)
  if (!root || !level || !DASHBOARD_LEVELS.includes(level)) return { ok: false, code: 'FORBIDDEN' }
  return { ok: true, root, target, level: level as DashboardLevel }
}

/** The half-open range [lo, hi) of codes that start with `prefix`, for an index scan on a code column. */
export function prefixRange(prefix: string): { lo: string; hi: string } {
  const digits = prefix.split('').map(Number)
  let i = digits.length - 1
  while (i >= 0 && digits[i] === 9) digits[i--] = 0
  // All nines ('99'): every longer code starting with it sorts before ':'.
  return { lo: prefix, hi: i < 0 ? `${prefix}:` : (digits[i]++, digits.join('')) }
}

/** The UTC instant at which a Shanghai calendar date ('YYYY-MM-DD') begins: the shared calendar's, by its name here. */
export { startOfShanghaiDay as startOfLocalDay }

export interface Windows {
  now: string
  /** Due soon: a deadline before this instant (the end of the day `dueSoonDays` from today), not yet passed. */
  soonEnd: string
  thisMonth: string
  /** The last 12 months, oldest first. */
  months: string[]
  /** The first day of the last 30 days, today included. */
  last30From: string
}

export function windows(now: Date, dueSoonDays: number): Windows {
  const today = shanghaiDate(now)
  const months: string[] = []
  for (let i = 11; i >= 0; i--) months.push(addMonths(today.slice(0, 7), -i))
  return {
    now: now.toISOString(),
    soonEnd: startOfShanghaiDay(addDays(today, dueSoonDays + 1)).toISOString(),
    thisMonth: today.slice(0, 7),
    months,
    last30From: addDays(today, -29)
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10

export const share = (part: number, whole: number): number | null => (whole > 0 ? round1((100 * part) / whole) : null)

/** The median of a histogram of whole days ({ days, n } in any order); the mean of the middle two for an even count. */
export function medianOfHistogram(rows: { days: number; n: number }[]): number | null {
  const sorted = rows.filter((r) => r.n > 0).sort((a, b) => a.days - b.days)
  const total = sorted.reduce((sum, r) => sum + r.n, 0)
  if (total === 0) return null
  const at = (k: number) => {
    let seen = 0
    for (const r of sorted) {
      seen += r.n
      if (seen > k) return r.days
    }
    return sorted[sorted.length - 1].days
  }
  return total % 2 ? at((total - 1) / 2) : round1((at(total / 2 - 1) + at(total / 2)) / 2)
}

/** One row of the monthly rollup, summed over the townships of a region. */
export interface MonthRollup {
  month: string
  filed: number
  closed: number
  closedTownship: number
  satisfied: number
  basicallySatisfied: number
  unsatisfied: number
}

export function satisfactionOf(rows: MonthRollup[]) {
  const satisfied = rows.reduce((s, r) => s + r.satisfied, 0)
  const basicallySatisfied = rows.reduce((s, r) => s + r.basicallySatisfied, 0)
  const unsatisfied = rows.reduce((s, r) => s + r.unsatisfied, 0)
  const rated = satisfied + basicallySatisfied + unsatisfied
  return { rated, satisfied, basicallySatisfied, unsatisfied, satisfiedShare: share(satisfied + basicallySatisfied, rated) }
}

/** The 12 months of the chart, with zeros where nothing happened. */
export function monthSeries(rows: MonthRollup[], months: string[]) {
  const by = new Map(rows.map((r) => [r.month, r]))
  return months.map((month) => ({ month, filed: by.get(month)?.filed ?? 0, closed: by.get(month)?.closed ?? 0 }))
}
