/** Table shapes as Kysely sees them. Instants are ISO-8601 UTC strings, so both databases sort them alike. */
export interface RegionsTable {
  code: string
  parent_code: string | null
  level: string
  name: string
}

export interface UsersTable {
  id: string
  openid: string | null
  demo_account: string | null
  display_name: string
  home_region: string | null
  created_at: string
}

export interface RoleGrantsTable {
  user_id: string
  role: string
  /** '' for a resident, so that the primary key needs no NULL. */
  region_code: string
  created_at: string
}

export interface IdempotencyTable {
  request_key: string
  response: string | null
  created_at: string
}

export interface MetaTable {
  key: string
  value: string
}

export interface Database {
  regions: RegionsTable
  users: UsersTable
  role_grants: RoleGrantsTable
  idempotency: IdempotencyTable
  meta: MetaTable
}
