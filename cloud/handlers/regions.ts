/** regions: read Guangdong's administrative tree. Public: no personal data here. */
import { regionsInput } from '../../types/functions/regions'
import { action } from '../core/context'
import { fail } from '../core/errors'
import { RegionRepository } from '../db/repositories/regions'
import { ownCounty } from '../application/region-search'

export const regions = {
  get: action({
    input: regionsInput.get,
    access: 'public',
    async run({ code }, { services }) {
      const repo = new RegionRepository(services.db)
      const region = (await repo.get(code)) ?? fail('REGION_NOT_FOUND', 'code')
      const paths = await repo.paths([code])
      return { ...region, path: paths.get(code) ?? [] }
    }
  }),

  children: action({
    input: regionsInput.children,
    access: 'public',
    async run({ code }, { services }) {
      const repo = new RegionRepository(services.db)
      if (code && !(await repo.get(code))) fail('REGION_NOT_FOUND', 'code')
      return repo.children(code ?? null)
    }
  }),

  search: action({
    input: regionsInput.search,
    access: 'public',
    async run({ q, level, within, limit }, ctx) {
      const repo = new RegionRepository(ctx.services.db)
      const found = await repo.search(q.normalize('NFC'), { level, within, limit: limit ?? 20, county: await ownCounty(ctx) })
      const paths = await repo.paths(found.map((r) => r.code))
      return found.map((r) => ({ ...r, path: paths.get(r.code) ?? [] }))
    }
  })
}
