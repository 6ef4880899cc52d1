/**
 * The sources of 我的事项, each read newest activity first from its (person, updated_at) index, after a cursor and up
 * to a limit, with the names its rows show — all in one statement (a UNION ALL of the limited sources), so a page
 * costs one round trip; the handler merges the rows in memory. Only the columns a list row needs are read.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely'
import type { Database } from '../schema'
import { isPostgres } from '../dialect'
import type { MatterKind } from '../../../types/functions/matters'
import { afterCursor, type MatterKey } from '../../domain/matters'

/** One row of any source; what a source does not have is null. */
export interface MatterRow {
  kind: MatterKind
  id: string
  updated_at: string
  status: string
  /** A case's kind or a question's category. */
  type: string | null
  title: string | null
  stage: string | null
  is_open: number | null
  due_at: string | null
  due_kind: string | null
  rating: string | null
  tracking_no: string | null
  starts_at: string | null
  /** A booking's counsellor or advisor. */
  who: string | null
  /** A booking's station (counselling) or village (on-site). */
  place: string | null
  /** A question's sealed text. */
  question: string | null
}

type Table = 'cases' | 'bookings' | 'consultations'

export class MatterRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Ids compare by code units on both databases (PostgreSQL would otherwise use the database's collation). */
  private idRef(table: Table) {
    return isPostgres(this.db) ? sql<string>`${sql.ref(`${table}.id`)} collate "C"` : sql<string>`${sql.ref(`${table}.id`)}`
  }

  /** The condition "comes after the cursor" for a source of one kind. */
  private after(table: Table, kind: MatterKind, cursor: MatterKey | null): Expression<SqlBool> {
    if (!cursor) return sql<SqlBool>`1 = 1`
    const { before, sameTime } = afterCursor(kind, cursor)
    const at = sql.ref(`${table}.updated_at`)
    if (sameTime === 'all') return sql<SqlBool>`${at} <= ${before}`
    if (sameTime === 'none') return sql<SqlBool>`${at} < ${before}`
    return sql<SqlBool>`(${at} < ${before} or (${at} = ${before} and ${this.idRef(table)} < ${sameTime.idBelow}))`
  }

  /**
   * Up to `limit` rows of each source after the cursor: cases the person owns, those they filed (a grid worker's
   * 代办) and disputes they joined as the other party (0021) — index look-ups rather than an OR that neither index serves, so the same case can come twice —,
   * counselling bookings, on-site bookings (offers on hold left out: they are waitlist business), and questions.
   */
  async sources(userId: string, cursor: MatterKey | null, limit: number): Promise<MatterRow[]> {
    const text = sql<string | null>`cast(null as text)`
    const int = sql<number | null>`cast(null as integer)`
    const cases = (column: 'owner_id' | 'filed_by' | 'respondent_id') =>
      this.db
        .selectFrom('cases')
        .select([
          sql<MatterKind>`'case'`.as('kind'),
          'cases.id',
          'cases.updated_at',
          'cases.status',
          'cases.kind as type',
          'cases.title',
          'cases.stage',
          'cases.is_open',
          'cases.due_at',
          'cases.due_kind',
          'cases.rating',
          'cases.tracking_no',
          text.as('starts_at'),
          text.as('who'),
          text.as('place'),
          text.as('question')
        ])
        .where(`cases.${column}`, '=', userId)
        .where(this.after('cases', 'case', cursor))
        .orderBy('cases.updated_at', 'desc')
        .orderBy(this.idRef('cases'), 'desc')
        .limit(limit)
    const bookings = (service: 'counselling' | 'legal') =>
      this.db
        .selectFrom('bookings')
        .leftJoin('providers', 'providers.id', 'bookings.provider_id')
        .leftJoin('stations', 'stations.id', 'bookings.station_id')
        .leftJoin('regions', 'regions.code', 'bookings.place_code')
        .select([
          sql<MatterKind>`${service === 'counselling' ? 'counselling' : 'legal_onsite'}`.as('kind'),
          'bookings.id',
          'bookings.updated_at',
          'bookings.status',
          text.as('type'),
          text.as('title'),
          text.as('stage'),
          int.as('is_open'),
          text.as('due_at'),
          text.as('due_kind'),
          text.as('rating'),
          text.as('tracking_no'),
          'bookings.starts_at',
          'providers.display_name as who',
          sql<string | null>`${sql.ref(service === 'counselling' ? 'stations.name' : 'regions.name')}`.as('place'),
          text.as('question')
        ])
        .where('bookings.person_id', '=', userId)
        .where('bookings.service', '=', service)
        .where('bookings.status', '<>', 'held')
        .where(this.after('bookings', service === 'counselling' ? 'counselling' : 'legal_onsite', cursor))
        .orderBy('bookings.updated_at', 'desc')
        .orderBy(this.idRef('bookings'), 'desc')
        .limit(limit)
    const questions = this.db
      .selectFrom('consultations')
      .select([
        sql<MatterKind>`'legal_question'`.as('kind'),
        'consultations.id',
        'consultations.updated_at',
        'consultations.status',
        'consultations.category as type',
        text.as('title'),
        text.as('stage'),
        int.as('is_open'),
        'consultations.due_at',
        text.as('due_kind'),
        'consultations.rating',
        text.as('tracking_no'),
        text.as('starts_at'),
        text.as('who'),
        text.as('place'),
        'consultations.question'
      ])
      .where('consultations.person_id', '=', userId)
      .where(this.after('consultations', 'legal_question', cursor))
      .orderBy('consultations.updated_at', 'desc')
      .orderBy(this.idRef('consultations'), 'desc')
      .limit(limit)
    // Each limited source is a derived table, so that its ORDER BY and LIMIT apply to it alone.
    const parts = [cases('owner_id'), cases('filed_by'), cases('respondent_id'), bookings('counselling'), bookings('legal'), questions].map((q, i) => sql`select * from (${q}) as ${sql.raw(`s${i}`)}`)
    const { rows } = await sql<MatterRow>`${sql.join(parts, sql` union all `)}`.execute(this.db)
    return rows
  }
}
