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

export interface CasesTable {
  id: string
  tracking_no: string
  kind: string
  dispute_type: string | null
  stage: string
  parent_id: string | null
  title: string
  description: string
  region_code: string
  address: string | null
  lat: number | null
  lng: number | null
  /** JSON array of file ids. */
  photos: string
  owner_id: string | null
  filed_by: string
  filed_by_role: string
  contact_name: string
  contact_phone: string
  phone_hash: string
  other_party_name: string | null
  other_party_contact: string | null
  consent_version: string
  subscribed: number
  status: string
  is_open: number
  handling_region: string
  h_city: string
  h_county: string | null
  h_township: string | null
  department: string | null
  assignee_id: string | null
  filed_at: string
  routed_at: string
  accepted_at: string | null
  closed_at: string | null
  due_at: string | null
  due_kind: string | null
  extended_days: number
  outcome: string | null
  rating: string | null
  rating_comment: string | null
  risk_level: number
  has_review_child: number
  updated_at: string
  version: number
}

export interface CaseEventsTable {
  case_id: string
  seq: number
  type: string
  actor_id: string
  actor_role: string
  at: string
  public_data: string
  staff_data: string
}

export interface CountersTable {
  scope: string
  value: number
}

export interface MessagesTable {
  id: string
  user_id: string
  case_id: string | null
  kind: string
  params: string
  created_at: string
  read_at: string | null
  pushed_at: string | null
}

export interface FilesTable {
  id: string
  owner_id: string
  mime: string
  bytes: number
  sha256: string
  created_at: string
}

export interface Database {
  regions: RegionsTable
  users: UsersTable
  role_grants: RoleGrantsTable
  idempotency: IdempotencyTable
  meta: MetaTable
  cases: CasesTable
  case_events: CaseEventsTable
  counters: CountersTable
  messages: MessagesTable
  files: FilesTable
}
