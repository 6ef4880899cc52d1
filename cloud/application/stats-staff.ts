/**
 * The staff workbench (a count of each queue a person's roles give them) and the regional dashboard (live figures of
 * a centre's jurisdiction, with a drill-down by sub-region). Every count is one indexed aggregate; the dashboard's
 * history comes from the rollups of migration 0012, so a city over a million cases reads a few thousand rows.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { UserContext } from '../core/context'
import { fail } from '../core/errors'
import { RegionRepository } from '../db/repositories/regions'
import { BookingRepository } from '../db/repositories/bookings'
import type { Dashboard, RegionFigures, Workbench, WorkbenchQueue } from '../../types/functions/stats'
import {
  dashboardAccess,
  dashboardRoots,
  medianOfHistogram,
  monthSeries,
  prefixRange,
  satisfactionOf,
  share,
  windows,
  type MonthRollup,
  type Windows
} from '../domain/stats-staff'

type Db = Kysely<Database>

type Counts = Pick<WorkbenchQueue, 'total' | 'overdue' | 'dueSoon'>

const HANDLING_COLUMN = { 4: 'h_city', 6: 'h_county', 9: 'h_township' } as const

/** total / overdue / due soon over a deadline column, in one pass over an index that ends with that column. */
const deadlineCounts = (column: string, w: Windows) =>
  [
    sql<number>`count(*)`.as('total'),
    sql<number>`sum(case when ${sql.ref(column)} < ${w.now} then 1 else 0 end)`.as('overdue'),
    sql<number>`sum(case when ${sql.ref(column)} >= ${w.now} and ${sql.ref(column)} < ${w.soonEnd} then 1 else 0 end)`.as('dueSoon')
  ] as const

const numbers = (row: { total: unknown; overdue: unknown; dueSoon: unknown } | undefined): Counts => ({
  total: Number(row?.total ?? 0),
  overdue: Number(row?.overdue ?? 0),
  dueSoon: Number(row?.dueSoon ?? 0)
})

async function caseCounts(db: Db, w: Windows, where: { jurisdiction?: string; assigneeId?: string; filedBy?: string }): Promise<Counts> {
  let query = db.selectFrom('cases').where('is_open', '=', 1)
  if (where.jurisdiction) {
    const column = HANDLING_COLUMN[where.jurisdiction.length as 4 | 6 | 9]
    // The province (an admin) is every open case; a village grant is its township's unit.
    if (column) query = query.where(column, '=', where.jurisdiction)
    else if (where.jurisdiction.length > 2) query = query.where('h_township', '=', where.jurisdiction.slice(0, 9))
  }
  if (where.assigneeId) query = query.where('assignee_id', '=', where.assigneeId)
  if (where.filedBy) query = query.where('filed_by', '=', where.filedBy)
  return numbers(await query.select(deadlineCounts('due_at', w)).executeTakeFirst())
}

/** Booked sessions not yet recorded: overdue once started, due soon when they start within the window. */
async function bookingCounts(db: Db, w: Windows, where: { providerId?: string; stationId?: string }): Promise<Counts> {
  let query = db.selectFrom('bookings').where('status', '=', 'booked')
  if (where.providerId) query = query.where('provider_id', '=', where.providerId)
  if (where.stationId) query = query.where('station_id', '=', where.stationId).where('service', '=', 'counselling')
  return numbers(await query.select(deadlineCounts('starts_at', w)).executeTakeFirst())
}

async function questionCounts(db: Db, w: Windows, providerId: string): Promise<Counts> {
  const row = await db.selectFrom('consultations').where('provider_id', '=', providerId).where('status', '=', 'waiting').select(deadlineCounts('due_at', w)).executeTakeFirst()
  return numbers(row)
}

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
  const stations = stationIds.length ? await db.selectFrom('stations').select(['id', 'township_code']).where('id', 'in', stationIds).execute() : []

  type Pending = Omit<WorkbenchQueue, 'total' | 'overdue' | 'dueSoon' | 'regionName'> & { counts: Promise<Counts> }
  const pending: Pending[] = []
  for (const g of grants) {
    if ((g.role === 'centre_staff' || g.role === 'admin') && g.regionCode) {
      pending.push({ kind: 'cases', role: g.role, regionCode: g.regionCode, counts: caseCounts(db, w, { jurisdiction: g.regionCode }) })
    }
  }
  if (has('mediator')) pending.push({ kind: 'assigned', role: 'mediator', regionCode: null, counts: caseCounts(db, w, { assigneeId: actor.userId }) })
  if (has('grid_worker')) pending.push({ kind: 'filed', role: 'grid_worker', regionCode: null, counts: caseCounts(db, w, { filedBy: actor.userId }) })
  if (counsellor) pending.push({ kind: 'sessions', role: 'counsellor', regionCode: null, counts: bookingCounts(db, w, { providerId: counsellor.id }) })
  if (advisor) pending.push({ kind: 'questions', role: 'legal_advisor', regionCode: null, counts: questionCounts(db, w, advisor.id) })
  for (const s of stations) pending.push({ kind: 'station', role: 'centre_staff', regionCode: s.township_code, counts: bookingCounts(db, w, { stationId: s.id }) })

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

/** The first `length` digits of a code column: the sub-region a row belongs to. */
const head = (column: string, length: number) => sql<string>`substr(${sql.ref(column)}, 1, ${sql.lit(length)})`

const MONTH_SUMS = ['filed', 'closed', 'closed_township', 'satisfied', 'basically_satisfied', 'unsatisfied'] as const

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

  const [months, days, open, histogram] = await Promise.all([
    db
      .selectFrom('stats_months')
      .select((eb) => [head('township', part).as('part'), 'month', ...MONTH_SUMS.map((c) => eb.fn.sum<number>(c).as(c))])
      .where('township', '>=', lo)
      .where('township', '<', hi)
      .groupBy([head('township', part), 'month'])
      .execute(),
    db
      .selectFrom('stats_days')
      .select((eb) => [head('township', part).as('part'), eb.fn.sum<number>('filed').as('filed')])
      .where('township', '>=', lo)
      .where('township', '<', hi)
      .where('day', '>=', w.last30From)
      .groupBy(head('township', part))
      .execute(),
    db
      .selectFrom('cases')
      .select([head('region_code', part).as('part'), ...deadlineCounts('due_at', w)])
      .where('is_open', '=', 1)
      .where('region_code', '>=', lo)
      .where('region_code', '<', hi)
      .groupBy(head('region_code', part))
      .execute(),
    db
      .selectFrom('stats_close_days')
      .select((eb) => ['days', eb.fn.sum<number>('n').as('n')])
      .where('township', '>=', lo)
      .where('township', '<', hi)
      .groupBy('days')
      .execute()
  ])

  const rollups = months.map(
    (r): MonthRollup & { part: string } => ({
      part: r.part,
      month: r.month,
      filed: Number(r.filed),
      closed: Number(r.closed),
      closedTownship: Number(r.closed_township),
      satisfied: Number(r.satisfied),
      basicallySatisfied: Number(r.basically_satisfied),
      unsatisfied: Number(r.unsatisfied)
    })
  )
  const figures = (code: string, name: string, inPart: (p: string) => boolean): RegionFigures => {
    const mine = rollups.filter((r) => inPart(r.part))
    const closed = mine.reduce((s, r) => s + r.closed, 0)
    const openRows = open.filter((r) => inPart(r.part))
    return {
      code,
      name,
      newLast30Days: days.filter((r) => inPart(r.part)).reduce((s, r) => s + Number(r.filed), 0),
      open: openRows.reduce((s, r) => s + Number(r.total), 0),
      overdue: openRows.reduce((s, r) => s + Number(r.overdue), 0),
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
    dueSoon: open.reduce((s, r) => s + Number(r.dueSoon), 0),
    dueSoonDays: settings.deadlines.dueSoonDays,
    medianDaysToClose: medianOfHistogram(histogram.map((r) => ({ days: Number(r.days), n: Number(r.n) }))),
    satisfaction: satisfactionOf(all),
    byMonth: monthSeries(all, w.months),
    children: children.map((c) => figures(c.code, c.name, (p) => p.startsWith(c.code)))
  }
}
