/** stats: public figures from live data. No personal data: counts, shares and medians only. */
import * as v from 'valibot'
import type { PetitionKind } from './petition'

export const statsInput = {
  public: v.strictObject({ cityCode: v.optional(v.pipe(v.string(), v.regex(/^44\d{2}$/))) }),
  /** A staff member's queues across all their roles, with how many items are overdue and due soon. */
  workbench: v.strictObject({}),
  /** Live figures of a region within the caller's jurisdiction (centre staff); without a code, their own region. */
  dashboard: v.strictObject({ regionCode: v.optional(v.pipe(v.string(), v.regex(/^44(\d{2}|\d{4}|\d{7})$/))) })
}

/**
 * One queue of the workbench. `cases`: open cases a centre's jurisdiction handles; `assigned`: open cases assigned to a
 * mediator; `filed`: open cases a grid worker filed for residents; `sessions`: a counsellor's booked sessions (overdue:
 * started, attendance not yet recorded); `questions`: legal questions waiting for the advisor's answer; `station`: the
 * bookings at a township centre's counselling station.
 */
export type WorkbenchQueueKind = 'cases' | 'assigned' | 'filed' | 'sessions' | 'questions' | 'station'

export interface WorkbenchQueue {
  kind: WorkbenchQueueKind
  /** The staff role the queue comes from. */
  role: string
  /** The jurisdiction or station it covers, when it has one. */
  regionCode: string | null
  regionName: string | null
  /** Items waiting (open cases, upcoming and unrecorded sessions, unanswered questions). */
  total: number
  overdue: number
  /** Not overdue, and due by the end of the day `dueSoonDays` days from today (Asia/Shanghai). */
  dueSoon: number
}

export interface Workbench {
  generatedAt: string
  dueSoonDays: number
  queues: WorkbenchQueue[]
  /** Regions whose dashboard the caller may open (centre staff at township, county or city level). */
  dashboards: { code: string; name: string }[]
}

export interface RegionFigures {
  code: string
  name: string
  /** Filed in the last 30 days, today included. */
  newLast30Days: number
  /** Open now, and how many of them are past their deadline. */
  open: number
  overdue: number
  /** Resolved (closed with a reply or mediation outcome), all time. */
  closed: number
  resolvedAtTownshipShare: number | null
}

export interface Dashboard extends RegionFigures {
  generatedAt: string
  level: 'city' | 'county' | 'township'
  /** From the caller's jurisdiction down to this region, for the way back up. */
  path: { code: string; name: string }[]
  newThisMonth: number
  dueSoon: number
  /** Due soon: by the end of the day this many days from today (a setting). */
  dueSoonDays: number
  /** Whole Asia/Shanghai calendar days from filing to closing, over every resolved case. */
  medianDaysToClose: number | null
  satisfaction: PublicStats['satisfaction']
  /** The last 12 months, oldest first: filed, and resolved in that month. */
  byMonth: { month: string; filed: number; closed: number }[]
  /** The sub-regions (counties of a city, townships of a county); empty for a township. */
  children: RegionFigures[]
}

export interface PublicStats {
  generatedAt: string
  total: number
  open: number
  closed: number
  /** Closed by a township centre or below, as a share of all closed (the province reports 99.8 %). */
  resolvedAtTownshipShare: number | null
  medianDaysToClose: number | null
  satisfaction: { rated: number; satisfied: number; basicallySatisfied: number; unsatisfied: number; satisfiedShare: number | null }
  byMonth: { month: string; filed: number; closed: number }[]
  byCity: { code: string; name: string; filed: number; closed: number }[]
  byKind: { kind: PetitionKind; count: number }[]
  /**
   * Mediation agreements in effect (人民调解法 Arts. 31 and 33; issue #17): how many, how many judicially confirmed,
   * how many performed — in all, and per region (each city of the province, or each county of the city chosen), only
   * the regions that have one, in region-code order.
   */
  agreements: AgreementFigures & { byRegion: (AgreementFigures & { code: string; name: string })[] }
}

export interface AgreementFigures {
  agreements: number
  confirmed: number
  performed: number
}

export interface StatsOutput {
  public: PublicStats
  workbench: Workbench
  dashboard: Dashboard
}
