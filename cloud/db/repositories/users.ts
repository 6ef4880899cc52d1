/** Users, their role grants and their home village. */
import type { Kysely } from 'kysely'
import type { Database, UsersTable } from '../schema'
import { fixed } from './statements'
import type { Role } from '../../../types/roles'

export interface UserRecord {
  id: string
  displayName: string
  homeRegion: string | null
  demoAccount: string | null
  /** The phone was verified by a sign-in code (0025). */
  phoneVerified?: boolean
  grants: { role: Role; regionCode: string | null }[]
}

export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Account erasure, the last step: the person's role grants, then the account itself. */
  async eraseAccount(userId: string): Promise<void> {
    await this.db.deleteFrom('role_grants').where('user_id', '=', userId).execute()
    await this.db.deleteFrom('users').where('id', '=', userId).execute()
  }

  /** The user with their grants, in one query (every signed-in action asks this first). */
  async byId(id: string): Promise<UserRecord | null> {
    const rows = await fixed<UsersTable & { grant_role: string | null; grant_region: string | null }>(
      this.db,
      'select "users".*, "role_grants"."role" as "grant_role", "role_grants"."region_code" as "grant_region" from "users" left join "role_grants" on "role_grants"."user_id" = "users"."id" where "users"."id" = ? order by "role_grants"."role", "role_grants"."region_code"',
      [id]
    )
    if (!rows.length) return null
    const row = rows[0]
    return {
      id: row.id,
      displayName: row.display_name,
      homeRegion: row.home_region,
      demoAccount: row.demo_account,
      phoneVerified: Boolean(row.phone_verified_at),
      grants: rows.flatMap((g) => (g.grant_role === null ? [] : [{ role: g.grant_role as Role, regionCode: g.grant_region || null }]))
    }
  }

  async exists(id: string): Promise<boolean> {
    return (await fixed(this.db, 'select "id" from "users" where "id" = ?', [id])).length > 0
  }

  async idByDemoAccount(account: string): Promise<string | null> {
    const row = await this.db.selectFrom('users').select('id').where('demo_account', '=', account).executeTakeFirst()
    return row?.id ?? null
  }

  async idByOpenid(openid: string): Promise<string | null> {
    const row = await this.db.selectFrom('users').select('id').where('openid', '=', openid).executeTakeFirst()
    return row?.id ?? null
  }

  async listDemo(): Promise<{ account: string; displayName: string; role: Role; regionCode: string | null }[]> {
    const rows = await this.db
      .selectFrom('users')
      .innerJoin('role_grants', 'role_grants.user_id', 'users.id')
      .select(['users.demo_account', 'users.display_name', 'role_grants.role', 'role_grants.region_code'])
      .where('users.demo_account', 'is not', null)
      .orderBy('users.demo_account')
      .execute()
    return rows.map((r) => ({ account: r.demo_account!, displayName: r.display_name, role: r.role as Role, regionCode: r.region_code || null }))
  }

  async create(user: { id: string; displayName: string; openid?: string; demoAccount?: string; homeRegion?: string | null; createdAt: string }): Promise<void> {
    await this.db
      .insertInto('users')
      .values({
        id: user.id,
        display_name: user.displayName,
        openid: user.openid ?? null,
        demo_account: user.demoAccount ?? null,
        home_region: user.homeRegion ?? null,
        created_at: user.createdAt
      })
      .execute()
  }

  /** Creates a resident for a WeChat OPENID on first sight; a concurrent first call finds the winner's row. */
  async ensureForOpenid(openid: string, newId: string, createdAt: string): Promise<string> {
    await this.db
      .insertInto('users')
      .values({ id: newId, openid, display_name: '微信用户', created_at: createdAt, demo_account: null, home_region: null })
      .onConflict((oc) => oc.column('openid').doNothing())
      .execute()
    const id = (await this.idByOpenid(openid))!
    await this.grant(id, 'resident', null, createdAt)
    return id
  }

  async grant(userId: string, role: Role, regionCode: string | null, createdAt: string): Promise<void> {
    await this.db
      .insertInto('role_grants')
      .values({ user_id: userId, role, region_code: regionCode ?? '', created_at: createdAt })
      .onConflict((oc) => oc.columns(['user_id', 'role', 'region_code']).doNothing())
      .execute()
  }

  async revoke(userId: string, role: Role, regionCode: string | null): Promise<number> {
    const result = await this.db
      .deleteFrom('role_grants')
      .where('user_id', '=', userId)
      .where('role', '=', role)
      .where('region_code', '=', regionCode ?? '')
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  async setHomeRegion(userId: string, code: string): Promise<void> {
    await this.db.updateTable('users').set({ home_region: code }).where('id', '=', userId).execute()
  }

  /** Display names by user id, for the few people a list names (a counsellor's clients, a consultation's asker). */
  async displayNames(ids: string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids)]
    const rows = wanted.length ? await this.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute() : []
    return new Map(rows.map((r) => [r.id, r.display_name]))
  }

  /** The WeChat openid a person signed in with, if any (where a push is sent). */
  async openidOf(id: string): Promise<string | null> {
    return (await this.db.selectFrom('users').select('openid').where('id', '=', id).executeTakeFirst())?.openid ?? null
  }
}
