/** Table shapes as Kysely sees them. Instants are ISO-8601 UTC strings, so both databases sort them alike. */
export interface RegionsTable {
  code: string
  parent_code: string | null
  level: string
  name: string
  /** Full pinyin and initials of the name, for search (migration 0019); null on rows written without them. */
  pinyin?: string | null
  initials?: string | null
}

export interface UsersTable {
  id: string
  openid: string | null
  demo_account: string | null
  display_name: string
  home_region: string | null
  created_at: string
  /** WeChat UNIONID, where WeChat gives one (0025). */
  unionid?: string | null
  /** Keyed hash of the E.164 number verified by a text-message code, and when (0025). */
  phone_hash?: string | null
  phone_verified_at?: string | null
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
  /** What the request asked (core/idempotency requestDigest); null on records from before 0014. */
  input_digest: string | null
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
  /** Sealed, as are description, address, point, the contacts, the other party and the rating comment (db/sealed.ts). */
  title: string
  description: string
  region_code: string
  address: string | null
  /** The map point, "lat,lng" (0016: was lat and lng in clear). */
  point: string | null
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
  /** When the assignee first opened the case since it was assigned to them; null: not yet (0017_assignee_seen). */
  assignee_seen_at: string | null
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
  /** Keyed hash of the one-time claim code of a case filed on someone's behalf, until it is used (0013_claims). */
  claim_code_hash: string | null
  /** The opaque id the public Open311 feed names the case by. */
  public_id: string
  /** The other party once they joined by invitation (0021_parties; kept in step with case_parties). */
  respondent_id?: string | null
  /** JSON array of the applicant's photo ids the respondent never sees (0021_parties). */
  private_photos?: string
}

export interface CaseEventsTable {
  case_id: string
  seq: number
  type: string
  actor_id: string
  actor_role: string
  at: string
  /** Sealed JSON, both. */
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
  /** Sealed JSON. */
  params: string
  created_at: string
  read_at: string | null
  pushed_at: string | null
}

/** WeChat's image check of a photo (migration 0026): pending until its verdict message arrives. */
export interface MediaChecksTable {
  file_id: string
  owner_id: string
  trace_id: string | null
  status: 'pending' | 'pass' | 'risky' | 'review'
  requested_at: string
  decided_at: string | null
  /** How many times the check was asked for (0030); `retry_at`: when to ask again, null when nothing is to retry. */
  attempts: number
  retry_at: string | null
  /** When the retries stopped with the check never asked: the photo stays hidden from others for good (0030). */
  gave_up_at: string | null
  /** The case the photo was given to, if any (0030): its handling staff are told when the check is given up. */
  case_id: string | null
}

/** Subscription-message acceptances not yet spent, per person and template (migration 0027). */
export interface SubscriptionsTable {
  user_id: string
  template: string
  remaining: number
  updated_at: string
}

export interface FilesTable {
  id: string
  owner_id: string
  mime: string
  bytes: number
  sha256: string
  created_at: string
  /** Where the bytes are when the device stored them on the platform (a WeChat cloud fileID); null when the FileStore holds them. */
  storage_ref: string | null
  /** When the photo was first attached to a case, a step of one, a consultation or a reply; null: never (removed after a day). */
  attached_at: string | null
  /** The size of what was received, before re-encoding (the daily quota counts it). */
  received_bytes: number | null
  /** The device's own upload reference (a WeChat cloud fileID) the photo was registered from: one registration each. */
  source_ref: string | null
}

export interface StationsTable {
  id: string
  /** 'station' (township 社会心理服务站) | 'room' (village 心理服务室) */
  kind: string
  name: string
  region_code: string
  township_code: string
  city_code: string
  address: string
  hours: string
  phone: string
  /** JSON arrays. */
  services: string
  languages: string
  lat: number | null
  lng: number | null
}

/** Whoever keeps bookable hours at a station: a counsellor ('counselling'), later a legal advisor ('legal'). */
export interface ProvidersTable {
  id: string
  service: string
  user_id: string | null
  station_id: string
  display_name: string
  qualification: string
  /** JSON arrays; `hours` is WeeklyHours[]. */
  languages: string
  modes: string
  hours: string
  active: number
  created_at: string
  updated_at: string
}

export interface ProviderLeaveTable {
  provider_id: string
  /** Shanghai calendar date. */
  date: string
  reason: string | null
}

export interface BookingsTable {
  id: string
  service: string
  provider_id: string
  station_id: string
  person_id: string
  pseudonym: string | null
  starts_at: string
  ends_at: string
  mode: string
  priority: number
  /** held | booked | cancelled | attended | no_show */
  status: string
  hold_expires_at: string | null
  waitlist_id: string | null
  cancelled_at: string | null
  /** person | provider | offer_expired */
  cancelled_by: string | null
  /** Sealed. */
  cancel_reason: string | null
  attendance_at: string | null
  reminded_at: string | null
  shared_screening_id: string | null
  /** The village an on-site (legal) booking takes place in; absent or null for counselling. Added by 0004_legal. */
  place_code?: string | null
  created_at: string
  updated_at: string
}

export interface SessionNotesTable {
  booking_id: string
  provider_id: string
  /** Sealed. */
  notes: string
  risk: number
  /** Sealed. */
  referral: string | null
  updated_at: string
}

export interface WaitlistTable {
  id: string
  service: string
  provider_id: string
  person_id: string
  date: string
  pseudonym: string | null
  mode: string
  /** waiting | offered | taken | expired */
  status: string
  booking_id: string | null
  offered_start: string | null
  offer_expires_at: string | null
  created_at: string
  updated_at: string
}

export interface ScreeningsTable {
  id: string
  person_id: string
  instrument: string
  /** Sealed JSON: answers and score. */
  data: string
  consent_version: string
  created_at: string
}

/** A village legal advisor: the provider row (service 'legal') holds name, languages and on-site hours; this the rest. */
export interface LegalAdvisorsTable {
  provider_id: string
  firm: string
  /** JSON array of LegalCategory. */
  practice_areas: string
  phone: string
  township_code: string
  created_at: string
}

/** Which advisor serves each village or community: every village has exactly one row. */
export interface LegalVillagesTable {
  village_code: string
  provider_id: string
  township_code: string
  lat: number | null
  lng: number | null
}

export interface ConsultationsTable {
  id: string
  person_id: string
  provider_id: string
  village_code: string
  township_code: string
  category: string
  /** Sealed. */
  question: string
  /** JSON array of file ids. */
  photos: string
  anonymous: number
  /** Sealed; only with consent_version. */
  contact_phone: string | null
  consent_version: string | null
  /** waiting | answered | closed | converted */
  status: string
  due_at: string | null
  posts: number
  asked_at: string
  answered_at: string | null
  closed_at: string | null
  rating: string | null
  rating_comment: string | null
  case_id: string | null
  updated_at: string
  version: number
}

export interface ConsultationPostsTable {
  consultation_id: string
  seq: number
  /** person | advisor */
  author: string
  author_id: string
  /** Sealed. */
  text: string
  photos: string
  at: string
}

/** A one-time sign-in code sent by text message (0025): its keyed hash, expiry and wrong tries. */
export interface SignInCodesTable {
  phone_hash: string
  code_hash: string
  expires_at: string
  failures: number
  created_at: string
}

export interface AttemptsTable {
  scope: string
  at: string
}

/** Append-only (migration 0006): a read of a person's data by someone other than that person. */
export interface AuditLogTable {
  id: string
  at: string
  actor_id: string
  /** The role under which the read was allowed, and the region of that grant (null for a grant without one). */
  actor_role: string
  actor_region: string | null
  /** The function.action that read it, e.g. petition.get. */
  action: string
  /** case | booking | consultation */
  subject_kind: string
  subject_id: string
  /** Whose data it is (null for a case a grid worker filed that nobody has claimed yet). */
  person_id: string | null
  /** Place in the hash chain (application/audit), the hash of the row before and this row's; null on rows from before 0014. */
  seq: number | null
  prev_hash: string | null
  hash: string | null
}

/** The last link of the audit chain: one row (id 1), locked while a writer appends. */
export interface AuditHeadTable {
  id: number
  seq: number
  hash: string
}

/** A deleted account's pseudonym in the audit log, with the keyed tag of the id it replaced (which the chain covers). */
export interface AuditErasuresTable {
  pseudonym: string
  tag: string
  at: string
}

/** Staff dashboard rollups (0012), kept in step with `cases` by triggers: never written by the code. */
export interface StatsMonthsTable {
  /** The first 9 digits of the cases' region code. */
  township: string
  /** Asia/Shanghai 'YYYY-MM': `filed` counts by filing month, the rest by closing month. */
  month: string
  filed: number
  closed: number
  closed_township: number
  satisfied: number
  basically_satisfied: number
  unsatisfied: number
}

export interface StatsDaysTable {
  township: string
  /** Asia/Shanghai 'YYYY-MM-DD' of filing. */
  day: string
  filed: number
}

export interface StatsCloseDaysTable {
  township: string
  /** Whole Shanghai calendar days from filing to closing. */
  days: number
  n: number
}

/** The public statistics' counts (0024), kept in step with `cases` by triggers: never written by the code. */
export interface StatsCountsTable {
  /** The first 4 digits of the cases' region code. */
  city: string
  kind: string
  status: string
  n: number
}

/** A side of a case with a person in the app (0021_parties). */
export interface CasePartiesTable {
  case_id: string
  /** 'applicant' | 'respondent'. */
  side: string
  user_id: string
  joined_at: string
  /** 'pending' | 'accepted' | 'declined'. */
  consent: string
  consent_at: string | null
  another_mediator_at: string | null
  another_mediator_reason: string | null
  end_requested_at: string | null
  /** Sealed: the party's own account of the dispute. */
  account: string | null
  account_at: string | null
  /** JSON array of file ids. */
  photos: string
  updated_at: string
}

export interface CaseInvitationsTable {
  id: string
  case_id: string
  code_hash: string
  created_by: string
  created_at: string
  expires_at: string
  used_at: string | null
  used_by: string | null
  revoked_at: string | null
}

export interface CaseSessionsTable {
  id: string
  case_id: string
  mode: string
  starts_at: string
  /** Sealed. */
  place: string
  status: string
  applicant_answer: string
  respondent_answer: string
  /** Sealed. */
  answer_note: string | null
  answer_due_at: string
  answer_reminded_at: string | null
  reminded_at: string | null
  attendance: string | null
  created_by: string
  created_at: string
  updated_at: string
}

/** Mediation agreements (0023): one per case, revised in place; `content` is sealed JSON (domain AgreementContent). */
export interface AgreementsTable {
  id: string
  case_id: string
  /** The number printed on the document, by which staff verify it: the case's tracking number and a suffix. */
  doc_no: string
  kind: string
  status: string
  version: number
  content: string
  region_code: string
  mediator_id: string
  created_at: string
  updated_at: string
  issued_at: string | null
  agreed_at: string | null
  effective_at: string | null
  confirmed_at: string | null
  performed_at: string | null
}

export interface AgreementSignaturesTable {
  agreement_id: string
  version: number
  signer: string
  user_id: string
  /** Sealed PNG (base64) of a handwritten signature; null for the seal. */
  image: string | null
  signed_at: string
}

export interface AgreementCodesTable {
  agreement_id: string
  signer: string
  code_hash: string
  expires_at: string
  tries: number
}

export interface AgreementFollowupsTable {
  agreement_id: string
  item: number
  due_date: string
  result: string | null
  /** Sealed. */
  note: string | null
  recorded_by: string | null
  recorded_at: string | null
}

export interface AgreementReportsTable {
  id: string
  agreement_id: string
  side: string
  user_id: string
  /** Sealed. */
  note: string
  created_at: string
}

export interface AgreementRemindersTable {
  agreement_id: string
  kind: string
  sent_at: string
}

/** A record loaded from an operator's roster (0028): its natural key; a counsellor's mobile, sealed. */
export interface RosterEntriesTable {
  /** station | counsellor | advisor */
  kind: string
  record_id: string
  /** A station's id; a person's keyed phone hash. */
  natural_key: string
  phone: string | null
  imported_at: string
}

export interface Database {
  regions: RegionsTable
  users: UsersTable
  role_grants: RoleGrantsTable
  idempotency: IdempotencyTable
  meta: MetaTable
  cases: CasesTable
  attempts: AttemptsTable
  sign_in_codes: SignInCodesTable
  audit_log: AuditLogTable
  audit_head: AuditHeadTable
  audit_erasures: AuditErasuresTable
  case_events: CaseEventsTable
  counters: CountersTable
  messages: MessagesTable
  files: FilesTable
  stations: StationsTable
  providers: ProvidersTable
  provider_leave: ProviderLeaveTable
  bookings: BookingsTable
  session_notes: SessionNotesTable
  waitlist: WaitlistTable
  screenings: ScreeningsTable
  legal_advisors: LegalAdvisorsTable
  legal_villages: LegalVillagesTable
  consultations: ConsultationsTable
  consultation_posts: ConsultationPostsTable
  stats_months: StatsMonthsTable
  stats_days: StatsDaysTable
  stats_close_days: StatsCloseDaysTable
  stats_counts: StatsCountsTable
  case_parties: CasePartiesTable
  case_invitations: CaseInvitationsTable
  case_sessions: CaseSessionsTable
  agreements: AgreementsTable
  agreement_signatures: AgreementSignaturesTable
  agreement_codes: AgreementCodesTable
  agreement_followups: AgreementFollowupsTable
  agreement_reports: AgreementReportsTable
  agreement_reminders: AgreementRemindersTable
  roster_entries: RosterEntriesTable
  media_checks: MediaChecksTable
  subscriptions: SubscriptionsTable
}
