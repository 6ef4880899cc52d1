/** Who is searching: the county of a signed-in person's home region, which village searches rank first. */
import type { HandlerContext } from '../core/context'
import { UserRepository } from '../db/repositories/users'
import { countyPrefix } from '../domain/region-search'

/** The county of the caller's home region, when they are signed in and have set one; null otherwise. */
export async function ownCounty(ctx: HandlerContext): Promise<string | null> {
  if (!ctx.userId) return null
  return countyPrefix((await new UserRepository(ctx.services.db).byId(ctx.userId))?.homeRegion)
}
