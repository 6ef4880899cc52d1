/**
 * Cases and their events. Every write happens inside the caller's transaction. Rows come and go in clear: the
 * repository seals their personal columns on the way in and opens them on the way out (db/sealed.ts).
 */
import { sql, type Kysely } from 'kysely'
import type { Database, CasesTable, CaseEventsTable } from '../schema'
import type { FieldCipher } from '../../core/crypto'
import { openRow, sealPatch, sealRow, siteOf } from '../sealed'
import { fixed, insertRows } from './statements'
import { isPostgres } from '../dialect'
import type { CaseStage, CaseStatus } from '../../../types/functions/petition'

export type CaseRow = CasesTable
export type CaseEventRow = CaseEventsTable

/** What a list row shows (petition.mine, petition.queue): of the sealed columns only the title, opened per row. */
const LIST_COLUMNS = ['id', 'tracking_no', 'kind', 'stage', 'title', 'status', 'region_code', 'handling_region', 'filed_at', 'updated_at', 'due_at', 'due_kind', 'is_open', 'risk_level', 'owner_id', 'filed_by', 'assignee_id', 'assignee_seen_at'] as const
export type CaseListRow = Pick<CaseRow, (typeof LIST_COLUMNS)[number]>

export interface QueueFilter {
  /** Jurisdiction codes; a case matches when its handling unit lies within any of them. */
  jurisdictions: string[]
  status?: string
  kind?: string
  regionCode?: string
  open?: boolean
  assigneeId?: string
  limit: number
  offset: number
}

const PUBLIC_FEED_COLUMNS = ['public_id', 'kind', 'dispute_type', 'status', 'is_open', 'filed_at', 'updated_at', 'due_at', 'handling_region', 'region_code'] as const
export type PublicFeedRow = Pick<CaseRow, (typeof PUBLIC_FEED_COLUMNS)[number]>

export interface PublicFeedQuery {
  /** Only these cases (their public ids). */
  publicIds?: string[]
  open?: boolean
  /** Any of these kinds (with a dispute type, only disputes of that type). */
  services?: { kind: string; disputeType: string | null }[]
  /** Filed at or after this instant, and before that one (ISO). */
  filedFrom?: string
  filedBefore?: string
  limit: number
  offset?: number
}

/** Queues report their size up to this many; beyond it, "more than". */
export const COUNT_CAP = 1000

const LEVEL_COLUMN = { 4: 'h_city', 6: 'h_county', 9: 'h_township' } as const

export class CaseRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cipher: FieldCipher
  ) {}

  /**
   * Account erasure: each case record of the person gets its detaching patch (sealed, the version moved on), and the
   * steps they took in any case's history point to `erasedId`.
   */
  async eraseOwner(userId: string, erasedId: string, detached: { id: string; version: number; patch: Partial<CaseRow> }[]): Promise<void> {
    for (const { id, version, patch } of detached) {
      await this.db.updateTable('cases').set({ ...sealPatch(this.cipher, 'cases', id, patch), version: version + 1 }).where('id', '=', id).execute()
    }
    await this.db.updateTable('case_events').set({ actor_id: erasedId }).where('actor_id', '=', userId).execute()
  }

  private open = (row: CaseRow): CaseRow => openRow(this.cipher, 'cases', row)
  private openEvent = (row: CaseEventRow): CaseEventRow => openRow(this.cipher, 'case_events', row)
  private openTitle = (row: CaseListRow): CaseListRow => ({ ...row, title: this.cipher.open(row.title, siteOf('cases', 'title', row)) })

  async byId(id: string): Promise<CaseRow | null> {
    const row = await this.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? this.open(row) : null
  }

  /** The case, locked until the caller's transaction ends (PostgreSQL; SQLite's one writer needs no row lock). */
  async byIdForUpdate(id: string): Promise<CaseRow | null> {
    const query = this.db.selectFrom('cases').selectAll().where('id', '=', id)
    const row = await (isPostgres(this.db) ? query.forUpdate() : query).executeTakeFirst()
    return row ? this.open(row) : null
  }

  /** The case with this number, and (when given) this phone's keyed hash: nothing is opened for a wrong guess. */
  async byTrackingNo(trackingNo: string, phoneHash?: string): Promise<CaseRow | null> {
    let query = this.db.selectFrom('cases').selectAll().where('tracking_no', '=', trackingNo)
    if (phoneHash !== undefined) query = query.where('phone_hash', '=', phoneHash)
    const row = await query.executeTakeFirst()
    return row ? this.open(row) : null
  }

  async insert(row: CaseRow): Promise<void> {
    await insertRows(this.db, 'cases', [sealRow(this.cipher, 'cases', row)])
  }

  /** Writes a patch if nobody changed the case since it was read; false when someone did. */
  async update(id: string, version: number, patch: Partial<CaseRow>): Promise<boolean> {
    const result = await this.db
      .updateTable('cases')
      .set({ ...sealPatch(this.cipher, 'cases', id, patch), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  /**
   * The assignee has opened the case: it is no longer 新 in their queue. Not a change of the case (no new version,
   * nothing for the resident), so it never makes a staff move made meanwhile fail; only the first opening writes.
   */
  async markSeenByAssignee(id: string, assigneeId: string, at: string): Promise<void> {
    await this.db.updateTable('cases').set({ assignee_seen_at: at }).where('id', '=', id).where('assignee_id', '=', assigneeId).where('assignee_seen_at', 'is', null).execute()
  }

  /** Appends an event after the case's last one; a case inserted in the same transaction passes `first` (seq 1). */
  async appendEvent(event: Omit<CaseEventRow, 'seq'>, first = false): Promise<number> {
    if (first) {
      await insertRows(this.db, 'case_events', [sealRow(this.cipher, 'case_events', { ...event, seq: 1 })])
      return 1
    }
    const last = await this.db
      .selectFrom('case_events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('case_id', '=', event.case_id)
      .executeTakeFirst()
    const seq = Number(last?.seq ?? 0) + 1
    await this.db.insertInto('case_events').values(sealRow(this.cipher, 'case_events', { ...event, seq })).execute()
    return seq
  }

  async events(caseId: string): Promise<CaseEventRow[]> {
    return (await this.db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('seq').execute()).map(this.openEvent)
  }

  async childIds(caseId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('cases').select('id').where('parent_id', '=', caseId).orderBy('filed_at').execute()
    return rows.map((r) => r.id)
  }

  /** A person's own cases, those a grid worker filed, and disputes they joined as the other party, newest activity first, by keyset cursor. */
  async mine(userId: string, limit: number, cursor: { updatedAt: string; id: string } | null): Promise<CaseListRow[]> {
    // Indexed look-ups rather than an OR, which no one index could serve.
    let query = this.db
      .selectFrom('cases')
      .select(LIST_COLUMNS)
      .where('id', 'in', (eb) =>
        eb.selectFrom('cases').select('id').where('owner_id', '=', userId).union(eb.selectFrom('cases').select('id').where('filed_by', '=', userId)).union(eb.selectFrom('cases').select('id').where('respondent_id', '=', userId))
      )
    if (cursor) {
      query = query.where((eb) =>
        eb.or([eb('updated_at', '<', cursor.updatedAt), eb.and([eb('updated_at', '=', cursor.updatedAt), eb('id', '<', cursor.id)])])
      )
    }
    return (await query.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(this.openTitle)
  }

  /** Most urgent first: the earliest deadline (overdue ones are earliest), cases without a deadline last. */
  async queue(filter: QueueFilter): Promise<{ rows: CaseListRow[]; total: number; totalCapped: boolean }> {
    // The province covers everything; any other jurisdiction is an equality on its level's column.
    const province = filter.jurisdictions.some((code) => code.length === 2)
    let query = province
      ? this.db.selectFrom('cases')
      : this.db.selectFrom('cases').where((eb) => eb.or(filter.jurisdictions.map((code) => eb(LEVEL_COLUMN[code.length as 4 | 6 | 9] ?? 'h_township', '=', code))))
    if (filter.open !== undefined) query = query.where('is_open', '=', filter.open ? 1 : 0)
    if (filter.status) query = query.where('status', '=', filter.status)
    if (filter.kind) query = query.where('kind', '=', filter.kind)
    if (filter.regionCode) query = query.where('region_code', 'like', `${filter.regionCode}%`)
    if (filter.assigneeId) query = query.where('assignee_id', '=', filter.assigneeId)
    // An open case always has a deadline, so the open queue reads straight off the (unit, is_open, due_at, id) index;
    // other filters may hold cases without one, which go last.
    const ordered = filter.open === true ? query.select(LIST_COLUMNS) : query.select(LIST_COLUMNS).orderBy(sql`case when due_at is null then 1 else 0 end`)
    const rows = await ordered
      .orderBy('due_at')
      .orderBy('id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute()
    // Counting every case of a city (tens of thousands) costs more than the page itself: count up to a cap.
    const counted = await this.db
      .selectFrom(query.select(sql`1`.as('one')).limit(COUNT_CAP + 1).as('capped'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const n = Number(counted.n)
    return { rows: rows.map(this.openTitle), total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP }
  }

  /**
   * A tracking number no case has yet, from `candidate` (random): tried until one is free. With 28.6 million numbers per
   * city and day a second try is rare and a tenth never happens; the unique index is the last word.
   */
  async unusedTrackingNo(candidate: () => string): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const no = candidate()
      const taken = await this.db.selectFrom('cases').select('id').where('tracking_no', '=', no).executeTakeFirst()
      if (!taken || attempt >= 9) return no
    }
  }

  /** The titles (opened: they are sealed, so a caller compares them) of a person's cases at this stage and status. */
  async titlesOf(ownerId: string, stage: CaseStage, status: CaseStatus): Promise<string[]> {
    // Stage and status are words of the case vocabulary, written into the statement as literals so that PostgreSQL
    // plans it on the partial index cases_final (stage = 'rereview') even as a prepared statement.
    if (!/^[a-z_]+$/.test(stage) || !/^[a-z_]+$/.test(status)) throw new Error(`not a case stage and status: ${stage} ${status}`)
    const rows = await fixed<Pick<CaseRow, 'id' | 'title'>>(this.db, `select "id", "title" from "cases" where "owner_id" = ? and "stage" = '${stage}' and "status" = '${status}'`, [ownerId])
    return rows.map((r) => this.cipher.open(r.title, { table: 'cases', column: 'title', id: r.id }))
  }

  /** Original cases for the public Open311 feed, newest filed first: only columns without personal data. */
  async publicFeed(query: PublicFeedQuery): Promise<PublicFeedRow[]> {
    let q = this.db.selectFrom('cases').select(PUBLIC_FEED_COLUMNS).where('stage', '=', 'original')
    if (query.publicIds) q = q.where('public_id', 'in', query.publicIds.length ? query.publicIds : [''])
    if (query.open !== undefined) q = q.where('is_open', '=', query.open ? 1 : 0)
    const services = query.services
    if (services?.length) {
      q = q.where((eb) => eb.or(services.map((s) => (s.disputeType === null ? eb('kind', '=', s.kind) : eb.and([eb('kind', '=', s.kind), eb('dispute_type', '=', s.disputeType)])))))
    }
    if (query.filedFrom) q = q.where('filed_at', '>=', query.filedFrom)
    if (query.filedBefore) q = q.where('filed_at', '<', query.filedBefore)
    // public_id breaks ties, so pages neither repeat nor skip a case filed in the same instant as another.
    return q.orderBy('filed_at', 'desc').orderBy('public_id', 'desc').limit(query.limit).offset(query.offset ?? 0).execute()
  }

  /** The owner asked for pushes about this case after filing it (the success page's subscribe prompt). */
  async markSubscribed(id: string): Promise<void> {
    await this.db.updateTable('cases').set({ subscribed: 1 }).where('id', '=', id).execute()
  }

  /** Whether the person asked for pushes about this case (subscribe on filing). */
  async subscribed(id: string): Promise<boolean> {
    return Boolean((await this.db.selectFrom('cases').select('subscribed').where('id', '=', id).executeTakeFirst())?.subscribed)
  }
}
