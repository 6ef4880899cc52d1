/** Pure aggregation of case facts into the public statistics. */
import { PETITION_KINDS } from '../../types/functions/petition'
import type { PublicStats } from '../../types/functions/stats'
import { localDate } from './petition/deadlines'

export interface CaseFact {
  kind: string
  status: string
  filedAt: string
  closedAt: string | null
  /** The unit that held the case when it closed: its code's length says its level. */
  handlingRegion: string
  rating: string | null
  outcome: string | null
}

export function median(values: number[]): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits

/** Resolved means closed with a reply or a mediation outcome (not declined or withdrawn). */
export function summarise(facts: CaseFact[], months: number, now: Date) {
  const resolved = facts.filter((f) => f.status === 'closed' && f.closedAt)
  const atTownship = resolved.filter((f) => f.handlingRegion.length >= 9).length
  const days = resolved.map((f) => (new Date(f.closedAt!).getTime() - new Date(f.filedAt).getTime()) / 86_400_000)
  const rated = facts.filter((f) => f.rating)
  const count = (rating: string) => rated.filter((f) => f.rating === rating).length
  const monthKeys: string[] = []
  const today = localDate(now)
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - i, 1))
    monthKeys.push(d.toISOString().slice(0, 7))
  }
  const byMonth = monthKeys.map((month) => ({
    month,
    filed: facts.filter((f) => localDate(new Date(f.filedAt)).startsWith(month)).length,
    closed: resolved.filter((f) => localDate(new Date(f.closedAt!)).startsWith(month)).length
  }))
  return {
    total: facts.length,
    open: facts.filter((f) => ['submitted', 'accepted', 'assigned'].includes(f.status)).length,
    closed: resolved.length,
    resolvedAtTownshipShare: resolved.length ? round((100 * atTownship) / resolved.length) : null,
    medianDaysToClose: days.length ? round(median(days)!) : null,
    satisfaction: {
      rated: rated.length,
      satisfied: count('satisfied'),
      basicallySatisfied: count('basically_satisfied'),
      unsatisfied: count('unsatisfied'),
      satisfiedShare: rated.length ? round((100 * (count('satisfied') + count('basically_satisfied'))) / rated.length) : null
    },
    byMonth
  }
}

/** A case's facts with the city that handles it. */
export type CityCaseFact = CaseFact & { city: string }

/** The public page: the summary of the last 12 months, each city's filed and closed cases, and the count of each kind. */
export function publicStats(facts: CityCaseFact[], cities: { code: string; name: string }[], now: Date): PublicStats {
  return {
    generatedAt: now.toISOString(),
    ...summarise(facts, 12, now),
    byCity: cities.map((c) => {
      const inCity = facts.filter((r) => r.city === c.code)
      return { code: c.code, name: c.name, filed: inCity.length, closed: inCity.filter((r) => r.status === 'closed').length }
    }),
    byKind: PETITION_KINDS.map((kind) => ({ kind, count: facts.filter((r) => r.kind === kind).length }))
  }
}
