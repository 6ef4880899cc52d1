/** stats: the public statistics page's figures, from live data, cached for a minute. */
import { statsInput, type PublicStats } from '../../types/functions/stats'
import { PETITION_KINDS, type PetitionKind } from '../../types/functions/petition'
import { action } from '../core/context'
import { summarise } from '../domain/stats'
import { RegionRepository } from '../db/repositories/regions'
import { StatsRepository } from '../db/repositories/stats'
import { dashboard, workbench } from '../application/stats-staff'

const CACHE_MS = 60_000
const cache = new Map<string, { at: number; value: PublicStats }>()

export const stats = {
  public: action({
    input: statsInput.public,
    access: 'public',
    async run({ cityCode }, { services, now }) {
      const key = `${services.config.dataDir}:${services.config.databaseUrl}:${cityCode ?? ''}`
      const hit = cache.get(key)
      if (hit && now.getTime() - hit.at < CACHE_MS && now.getTime() >= hit.at) return hit.value
      const rows = await new StatsRepository(services.db).caseFacts(cityCode)
      const facts = rows.map((r) => ({ kind: r.kind, status: r.status, filedAt: r.filed_at, closedAt: r.closed_at, handlingRegion: r.handling_region, rating: r.rating, outcome: r.outcome }))
      const cities = await new RegionRepository(services.db).children('44')
      const value: PublicStats = {
        generatedAt: now.toISOString(),
        ...summarise(facts, 12, now),
        byCity: cities.map((c) => {
          const inCity = rows.filter((r) => r.h_city === c.code)
          return { code: c.code, name: c.name, filed: inCity.length, closed: inCity.filter((r) => r.status === 'closed').length }
        }),
        byKind: PETITION_KINDS.map((kind: PetitionKind) => ({ kind, count: rows.filter((r) => r.kind === kind).length }))
      }
      cache.set(key, { at: now.getTime(), value })
      return value
    }
  }),

  /** Staff: the count of every queue their roles give them (cases, sessions, questions, station bookings). */
  workbench: action({
    input: statsInput.workbench,
    access: 'user',
    run: (_input, ctx) => workbench(ctx)
  }),

  /** Centre staff: a region's live figures within their jurisdiction, with its sub-regions for the drill-down. */
  dashboard: action({
    input: statsInput.dashboard,
    access: 'user',
    run: ({ regionCode }, ctx) => dashboard(ctx, regionCode)
  })
}
