/**
 * The staff workbench (a count of each queue a person's roles give them) and the regional dashboard (live figures of
 * a centre's jurisdiction, with a drill-down by sub-region). Every count is one indexed aggregate; the dashboard's
 * history comes from the rollups of migration 0012, so a city over a million cases reads a few thousand rows.
 */
import type { UserContext } from '../core/context'
import { fail } from '../core/errors'
import { RegionRepository } from '../db/repositories/regions'
import { BookingRepository } from '../db/repositories/bookings'
import { StationRepository } from '../db/repositories/stations'
import { StatsRepository, type DeadlineCounts } from '../db/repositories/stats'
import type { Dashboard, RegionFigures, Workbench, WorkbenchQueue } from '../../types/functions/stats'
import { dashboardAccess, dashboardRoots, medianOfHistogram, monthSeries, prefixRange, satisfactionOf, share, windows, type MonthRollup } from '../domain/stats-staff'

export async function workbench(ctx: UserContext): Promise<Workbench> {
  const { db, settings } = ctx.services
  const actor = ctx.actor
  const w = windows(ctx.now, settings.deadlines.dueSoonDays)
  const grants = actor.grants.filter((g) => g.role !== 'resident')
  if (!grants.length) fail('FORBIDDEN')
  const bookings = new BookingRepository(db)
  const has = (role: string) => grants.some((g) => g.role === role)
  const [counsellor, advisor] = await Promise.all([
    has('counsellor') ? bookings.providerOfUser(actor.userId, 'counselling') : null,
    has('legal_advisor') ? bookings.providerOfUser(actor.userId, 'legal') : null
  ])
  const stationIds = grants.filter((g) => g.role === 'centre_staff' && g.regionCode?.length === 9).map((g) => `st${g.regionCode}`)
  const stations = stationIds.length ? [...(await new StationRepository(db).byIds(stationIds)).values()] : []
  const stats = new StatsRepository(db)

  type Pending = Omit<WorkbenchQueue, 'total' | 'overdue' | 'dueSoon' | 'regionName'> & { counts: Promise<DeadlineCounts> }
  const pending: Pending[] = []
  for (const g of grants) {
    if ((g.role === 'centre_staff' || g.role === 'admin') && g.regionCode) {
      pending.push({ kind: 'cases', role: g.role, regionCode: g.regionCode, counts: stats.openCaseCounts(w, { jurisdiction: g.regionCode }) })
    }
  }
  if (has('mediator')) pending.push({ kind: 'assigned', role: 'mediator', regionCode: null, counts: stats.openCaseCounts(w, { assigneeId: actor.userId }) })
  if (has('grid_worker')) pending.push({ kind: 'filed', role: 'grid_worker', regionCode: null, counts: stats.openCaseCounts(w, { filedBy: actor.userId }) })
  if (counsellor) pending.push({ kind: 'sessions', role: 'counsellor', regionCode: null, counts: stats.bookedCounts(w, { providerId: counsellor.id }) })
  if (advisor) pending.push({ kind: 'questions', role: 'legal_advisor', regionCode: null, counts: stats.waitingQuestionCounts(w, advisor.id) })
  for (const s of stations) pending.push({ kind: 'station', role: 'centre_staff', regionCode: s.township_code, counts: stats.bookedCounts(w, { stationId: s.id }) })

  const roots = dashboardRoots(grants)
  const names = await new RegionRepository(db).byCodes([...pending.flatMap((p) => p.regionCode ?? []), ...roots])
  const counts = await Promise.all(pending.map((p) => p.counts))
  return {
    generatedAt: w.now,
    dueSoonDays: settings.deadlines.dueSoonDays,
    queues: pending.map(({ counts: _, ...p }, i) => ({ ...p, regionName: p.regionCode ? names.get(p.regionCode)?.name ?? null : null, ...counts[i] })),
    dashboards: roots.map((code) => ({ code, name: names.get(code)?.name ?? code }))
  }
}

export async function dashboard(ctx: UserContext, regionCode: string | undefined): Promise<Dashboard> {
  const { db, settings } = ctx.services
  const actor = ctx.actor
  const access = dashboardAccess(actor.grants, regionCode)
  if (!access.ok) return fail(access.code, 'regionCode')
  const { target, root, level } = access
  const regions = new RegionRepository(db)
  const [names, paths, children] = await Promise.all([regions.byCodes([target]), regions.paths([target]), level === 'township' ? [] : regions.children(target)])
  const region = names.get(target) ?? fail('REGION_NOT_FOUND', 'regionCode')
  const w = windows(ctx.now, settings.deadlines.dueSoonDays)
  // Sub-regions are rows of one level: group by that many leading digits (the region itself when it has none).
  const part = children[0]?.code.length ?? target.length
  const { lo, hi } = prefixRange(target)

  const stats = new StatsRepository(db)
  const [rollups, days, open, histogram] = await Promise.all([
    stats.monthRollups(lo, hi, part),
    stats.filedSince(lo, hi, part, w.last30From),
    stats.openByPart(lo, hi, part, w),
    stats.closeDayHistogram(lo, hi)
  ])
  const figures = (code: string, name: string, inPart: (p: string) => boolean): RegionFigures => {
    const mine = rollups.filter((r) => inPart(r.part))
    const closed = mine.reduce((s, r) => s + r.closed, 0)
    const openRows = open.filter((r) => inPart(r.part))
    return {
      code,
      name,
      newLast30Days: days.filter((r) => inPart(r.part)).reduce((s, r) => s + r.filed, 0),
      open: openRows.reduce((s, r) => s + r.total, 0),
      overdue: openRows.reduce((s, r) => s + r.overdue, 0),
      closed,
      resolvedAtTownshipShare: share(
        mine.reduce((s, r) => s + r.closedTownship, 0),
        closed
      )
    }
  }
  const byMonth = new Map<string, MonthRollup>()
  for (const r of rollups) {
    const m = byMonth.get(r.month) ?? { month: r.month, filed: 0, closed: 0, closedTownship: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0 }
    for (const k of ['filed', 'closed', 'closedTownship', 'satisfied', 'basicallySatisfied', 'unsatisfied'] as const) m[k] += r[k]
    byMonth.set(r.month, m)
  }
  const all = [...byMonth.values()]
  const path = [...(paths.get(target) ?? []).filter((r) => r.code.length >= root.length), region]
  return {
    generatedAt: w.now,
    level,
    ...figures(target, region.name, () => true),
    path: path.map((r) => ({ code: r.code, name: r.name })),
    newThisMonth: byMonth.get(w.thisMonth)?.filed ?? 0,
    dueSoon: open.reduce((s, r) => s + r.dueSoon, 0),
    dueSoonDays: settings.deadlines.dueSoonDays,
    medianDaysToClose: medianOfHistogram(histogram),
    satisfaction: satisfactionOf(all),
    byMonth: monthSeries(all, w.months),
    children: children.map((c) => figures(c.code, c.name, (p) => p.startsWith(c.code)))
  }
}
