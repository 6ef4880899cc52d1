/**
 * The figures of the statistics pages, as aggregates: the public page's rollups (0024 and 0012), the staff workbench's queue counts
 * (each one indexed aggregate) and the regional dashboard's rollups (migration 0012), grouped by sub-region.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../schema'
import type { MonthRollup, Windows } from '../../domain/stats-staff'
import type { PublicRollups } from '../../domain/stats'
import { prefixRange } from '../../domain/stats-staff'

/** total / overdue / due soon over a deadline. */
export interface DeadlineCounts {
  total: number
  overdue: number
  dueSoon: number
}

export type PartRollup = MonthRollup & { part: string }

const HANDLING_COLUMN = { 4: 'h_city', 6: 'h_county', 9: 'h_township' } as const

/** total / overdue / due soon over a deadline column, in one pass over an index that ends with that column. */
const deadlineCounts = (column: string, w: Windows) =>
  [
    sql<number>`count(*)`.as('total'),
    sql<number>`sum(case when ${sql.ref(column)} < ${w.now} then 1 else 0 end)`.as('overdue'),
    sql<number>`sum(case when ${sql.ref(column)} >= ${w.now} and ${sql.ref(column)} < ${w.soonEnd} then 1 else 0 end)`.as('dueSoon')
  ] as const

const numbers = (row: { total: unknown; overdue: unknown; dueSoon: unknown } | undefined): DeadlineCounts => ({
  total: Number(row?.total ?? 0),
  overdue: Number(row?.overdue ?? 0),
  dueSoon: Number(row?.dueSoon ?? 0)
})

/** The first `length` digits of a code column: the sub-region a row belongs to. */
const head = (column: string, length: number) => sql<string>`substr(${sql.ref(column)}, 1, ${sql.lit(length)})`

const MONTH_SUMS = ['filed', 'closed', 'closed_township', 'satisfied', 'basically_satisfied', 'unsatisfied'] as const

export class StatsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The public page's rollups (issue 16), for the province or one city: the counts per city, kind and status, and the
   * monthly and close-day rollups summed over its townships. A few hundred to a few thousand rollup rows, never cases.
   */
  async publicRollups(cityCode: string | undefined): Promise<PublicRollups> {
    const { lo, hi } = cityCode ? prefixRange(cityCode) : { lo: '', hi: '~' }
    let counts = this.db.selectFrom('stats_counts').select(['city', 'kind', 'status', 'n'])
    if (cityCode) counts = counts.where('city', '=', cityCode)
    const [countRows, months, closeDays] = await Promise.all([
      counts.execute(),
      this.db
        .selectFrom('stats_months')
        .select((eb) => ['month', ...MONTH_SUMS.map((c) => eb.fn.sum<number>(c).as(c))])
        .where('township', '>=', lo)
        .where('township', '<', hi)
        .groupBy('month')
        .execute(),
      this.closeDayHistogram(lo, hi)
    ])
    return {
      counts: countRows.map((r) => ({ city: r.city, kind: r.kind, status: r.status, n: Number(r.n) })),
      months: months.map((r) => ({
        month: r.month,
        filed: Number(r.filed),
        closed: Number(r.closed),
        closedTownship: Number(r.closed_township),
        satisfied: Number(r.satisfied),
        basicallySatisfied: Number(r.basically_satisfied),
        unsatisfied: Number(r.unsatisfied)
      })),
      closeDays
    }
  }

  /** Open cases by their deadline: within a jurisdiction (a handling unit), assigned to someone, or filed by someone. */
  async openCaseCounts(w: Windows, where: { jurisdiction?: string; assigneeId?: string; filedBy?: string }): Promise<DeadlineCounts> {
    let query = this.db.selectFrom('cases').where('is_open', '=', 1)
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
  async bookedCounts(w: Windows, where: { providerId?: string; stationId?: string }): Promise<DeadlineCounts> {
    let query = this.db.selectFrom('bookings').where('status', '=', 'booked')
    if (where.providerId) query = query.where('provider_id', '=', where.providerId)
    if (where.stationId) query = query.where('station_id', '=', where.stationId).where('service', '=', 'counselling')
    return numbers(await query.select(deadlineCounts('starts_at', w)).executeTakeFirst())
  }

  /** Questions waiting for an advisor's answer, by their deadline. */
  async waitingQuestionCounts(w: Windows, providerId: string): Promise<DeadlineCounts> {
    const row = await this.db.selectFrom('consultations').where('provider_id', '=', providerId).where('status', '=', 'waiting').select(deadlineCounts('due_at', w)).executeTakeFirst()
    return numbers(row)
  }

  /** Monthly rollups of the townships in [lo, hi), summed per sub-region (the first `part` digits) and month. */
  async monthRollups(lo: string, hi: string, part: number): Promise<PartRollup[]> {
    const rows = await this.db
      .selectFrom('stats_months')
      .select((eb) => [head('township', part).as('part'), 'month', ...MONTH_SUMS.map((c) => eb.fn.sum<number>(c).as(c))])
      .where('township', '>=', lo)
      .where('township', '<', hi)
      .groupBy([head('township', part), 'month'])
      .execute()
    return rows.map((r) => ({
      part: r.part,
      month: r.month,
      filed: Number(r.filed),
      closed: Number(r.closed),
      closedTownship: Number(r.closed_township),
      satisfied: Number(r.satisfied),
      basicallySatisfied: Number(r.basically_satisfied),
      unsatisfied: Number(r.unsatisfied)
    }))
  }

  /** Cases filed per sub-region since a day (the daily rollups). */
  async filedSince(lo: string, hi: string, part: number, fromDay: string): Promise<{ part: string; filed: number }[]> {
    const rows = await this.db
      .selectFrom('stats_days')
      .select((eb) => [head('township', part).as('part'), eb.fn.sum<number>('filed').as('filed')])
      .where('township', '>=', lo)
      .where('township', '<', hi)
      .where('day', '>=', fromDay)
      .groupBy(head('township', part))
      .execute()
    return rows.map((r) => ({ part: r.part, filed: Number(r.filed) }))
  }

  /** Open cases per sub-region (by the region they concern), by their deadline. */
  async openByPart(lo: string, hi: string, part: number, w: Windows): Promise<(DeadlineCounts & { part: string })[]> {
    const rows = await this.db
      .selectFrom('cases')
      .select([head('region_code', part).as('part'), ...deadlineCounts('due_at', w)])
      .where('is_open', '=', 1)
      .where('region_code', '>=', lo)
      .where('region_code', '<', hi)
      .groupBy(head('region_code', part))
      .execute()
    return rows.map((r) => ({ part: r.part, ...numbers(r) }))
  }

  /** How many cases took how many days to close, in the townships of [lo, hi). */
  async closeDayHistogram(lo: string, hi: string): Promise<{ days: number; n: number }[]> {
    const rows = await this.db
      .selectFrom('stats_close_days')
      .select((eb) => ['days', eb.fn.sum<number>('n').as('n')])
      .where('township', '>=', lo)
      .where('township', '<', hi)
      .groupBy('days')
      .execute()
    return rows.map((r) => ({ days: Number(r.days), n: Number(r.n) }))
  }
}
