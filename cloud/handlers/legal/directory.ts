/**
 * The directory, public: a village's advisor (one indexed read), villages by name or nearest a point with their
 * advisors, an advisor's page with their on-site days and next free slots; and a person's own village's advisor.
 */
import { legalInput } from '../../../types/functions/legal'
import { action, type HandlerContext } from '../../core/context'
import { fail } from '../../core/errors'
import { BookingRepository } from '../../db/repositories/bookings'
import { LegalDirectoryRepository, type VillageWithAdvisor } from '../../db/repositories/legal'
import { RegionRepository } from '../../db/repositories/regions'
import { ownCounty } from '../../application/region-search'
import { UserRepository } from '../../db/repositories/users'
import { nearestIndexed } from '../../application/nearest'
import { levelOf } from '../../domain/regions'
import { expireLapsedOffers, freeSlots } from '../../application/booking/engine'
import { engineOf, namesOf, SERVICE } from '../../application/legal/service'
import * as view from './view'

const villagesOut = (ctx: HandlerContext, rows: (VillageWithAdvisor & { distance?: number | null })[]) =>
  rows.map((r) => view.villageAdvisor(r.village_code, r.village_name, r.path, r.advisor, ctx.now, r.distance ?? null))

/** One statement of primary-key reads: the village, its advisor and profile, and its path's names. */
async function forVillage(ctx: HandlerContext, code: string, field: string) {
  const row = (await new LegalDirectoryRepository(ctx.services.db).forVillage(code)) ?? fail('REGION_NOT_FOUND', field)
  return villagesOut(ctx, [row])[0]
}

/** Free on-site slots of one advisor, each named by its village. */
async function slotsOf(ctx: HandlerContext, advisorId: string, villageCode?: string) {
  const { db, settings } = ctx.services
  const provider = (await new BookingRepository(db).provider(advisorId, SERVICE)) ?? fail('ADVISOR_NOT_FOUND', 'advisorId')
  await expireLapsedOffers(ctx.services, ctx.now, engineOf(ctx))
  const free = (await freeSlots(db, [provider], ctx.now, settings.legalOnsite)).filter((s) => !villageCode || s.place === villageCode)
  const names = await namesOf(db, [...new Set(free.flatMap((s) => s.place ?? []))])
  return free.map((s) => view.onsiteSlot(s, names))
}

export const directory = {
  forVillage: action({
    input: legalInput.forVillage,
    access: 'public',
    run: ({ code }, ctx) => forVillage(ctx, code, 'code')
  }),

  search: action({
    input: legalInput.search,
    access: 'public',
    async run({ q, within, limit }, ctx) {
      const { db } = ctx.services
      // The region table's indexed name search (characters, pinyin, initials), then the advisors of the villages found.
      const found = await new RegionRepository(db).search(q.normalize('NFC'), { level: 'village', within, limit: limit ?? 20, county: await ownCounty(ctx) })
      return villagesOut(ctx, await new LegalDirectoryRepository(db).forVillages(found.map((r) => r.code)))
    }
  }),

  near: action({
    input: legalInput.near,
    access: 'public',
    async run({ lat, lng, limit }, ctx) {
      const repo = new LegalDirectoryRepository(ctx.services.db)
      // Candidates from the spatial index, the exact distance for those alone, then the nearest read whole.
      const nearest = await nearestIndexed({ lat, lng }, limit ?? 10, (box) => repo.locatedIn(box))
      const rows = await repo.forVillages(nearest.map((n) => n.village_code))
      const distance = new Map(nearest.map((n) => [n.village_code, n.distance]))
      return villagesOut(ctx, rows.map((r) => ({ ...r, distance: distance.get(r.village_code) ?? null })))
    }
  }),

  advisor: action({
    input: legalInput.advisor,
    access: 'public',
    async run({ id }, ctx) {
      const { db } = ctx.services
      const repo = new LegalDirectoryRepository(db)
      const advisor = (await repo.advisor(id)) ?? fail('ADVISOR_NOT_FOUND', 'id')
      const [villages, names, slots] = await Promise.all([repo.villagesOf(id), namesOf(db, [advisor.township_code]), slotsOf(ctx, id)])
      const villageNames = new Map(villages.map((v) => [v.code, v.name]))
      return {
        ...view.advisorSummary(advisor, names.get(advisor.township_code) ?? ''),
        villages: view.onsiteDays(advisor, villageNames, ctx.now),
        nextSlots: slots.slice(0, 12)
      }
    }
  }),

  slots: action({
    input: legalInput.slots,
    access: 'public',
    run: ({ advisorId, villageCode }, ctx) => slotsOf(ctx, advisorId, villageCode)
  }),

  myAdvisor: action({
    input: legalInput.myAdvisor,
    access: 'user',
    async run(_input, ctx) {
      const me = (await new UserRepository(ctx.services.db).byId(ctx.userId)) ?? fail('UNAUTHENTICATED')
      const home = me.homeRegion
      return { homeRegion: home, village: home && levelOf(home) === 'village' ? await forVillage(ctx, home, 'homeRegion') : null }
    }
  })
}
