/** stats: the public statistics page's figures, from live data, cached for a minute. */
import { statsInput, type PublicStats } from '../../types/functions/stats'
import { action } from '../core/context'
import { publicStats } from '../domain/stats'
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
      const [facts, cities] = await Promise.all([new StatsRepository(services.db).caseFacts(cityCode), new RegionRepository(services.db).children('44')])
      const value = publicStats(facts, cities, now)
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
