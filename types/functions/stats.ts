/** stats: public figures from live data. No personal data: counts, shares and medians only. */
import * as v from 'valibot'
import type { PetitionKind } from './petition'

export const statsInput = {
  public: v.strictObject({ cityCode: v.optional(v.pipe(v.string(), v.regex(/^44\d{2}$/))) })
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
}

export interface StatsOutput {
  public: PublicStats
}
