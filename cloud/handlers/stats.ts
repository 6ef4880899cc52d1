/**
 * stats: the public statistics page's figures, from the rollups the database keeps (never from all cases), cached for
 * a minute (MINAN_STATS_CACHE_SECONDS); concurrent refreshes of one key share one read (core/single-flight).
 */
import { statsInput, type PublicStats } from '../../types/functions/stats'
import { action } from '../core/context'
import { SingleFlightCache } from '../core/single-flight'
import { publicStats } from '../domain/stats'
import { RegionRepository } from '../db/repositories/regions'
import { AgreementRepository } from '../db/repositories/agreements'
import { StatsRepository } from '../db/repositories/stats'
import { dashboard, workbench } from '../application/stats-staff'

const cache = new SingleFlightCache<PublicStats>()

export const stats = {
  public: action({
    input: statsInput.public,
    access: 'public',
    run({ cityCode }, { services, now }) {
      const key = `${services.config.dataDir}:${services.config.databaseUrl}:${cityCode ?? ''}`
      return cache.get(key, now.getTime(), (services.config.statsCacheSeconds ?? 60) * 1000, async () => {
        const regions = new RegionRepository(services.db)
        // Agreements per city, or per county of the city chosen: grouped from the agreements in effect (an index on
        // their region), never from the cases.
        const [rollups, cities, rows, counties] = await Promise.all([
          new StatsRepository(services.db).publicRollups(cityCode),
          regions.children('44'),
          new AgreementRepository(services.db, services.cipher).countsByRegion(cityCode ? 6 : 4, cityCode ?? ''),
          cityCode ? regions.children(cityCode) : null
        ])
        return publicStats(rollups, cities, now, { rows, areas: counties ?? cities })
      })
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
