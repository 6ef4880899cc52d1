/**
 * Who holds which role where, as the case flow asks it: the staff of one unit, a mediator's regions, the mediators.
 * Granting and revoking stay with the users repository (accounts and the admin script).
 */
import type { Kysely } from 'kysely'
import type { Database } from '../schema'
import type { Role } from '../../../types/roles'
import { fixed } from './statements'

export interface MediatorRecord {
  id: string
  displayName: string
  regionCode: string
}

export class RoleGrantRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The people holding exactly this grant: the staff of one unit, not of every level above it. Runs on every filing. */
  async holders(role: Role, regionCode: string): Promise<string[]> {
    const rows = await fixed<{ user_id: string }>(this.db, 'select "user_id" from "role_grants" where "role" = ? and "region_code" = ?', [role, regionCode])
    return rows.map((r) => r.user_id)
  }

  /** The regions of a person's grants of one role. */
  async regionsOf(userId: string, role: Role): Promise<string[]> {
    const rows = await this.db.selectFrom('role_grants').select('region_code').where('user_id', '=', userId).where('role', '=', role).execute()
    return rows.map((r) => r.region_code)
  }

  /** Every mediator grant, with the mediator's name. */
  async mediators(): Promise<MediatorRecord[]> {
    const rows = await this.db
      .selectFrom('role_grants')
      .innerJoin('users', 'users.id', 'role_grants.user_id')
      .select(['users.id', 'users.display_name', 'role_grants.region_code'])
      .where('role_grants.role', '=', 'mediator')
      .execute()
    return rows.map((r) => ({ id: r.id, displayName: r.display_name, regionCode: r.region_code }))
  }
}
