/** Kept self-screenings (PIPL Art. 29: only with separate consent), sealed; withdrawal deletes every one of them. */
import type { Kysely, Transaction } from 'kysely'
import type { Database, ScreeningsTable } from '../schema'

export type ScreeningRow = ScreeningsTable
type Db = Kysely<Database> | Transaction<Database>

export class ScreeningRepository {
  constructor(private readonly db: Db) {}

  async insert(row: ScreeningRow): Promise<void> {
    await this.db.insertInto('screenings').values(row).execute()
  }

  async ofPerson(personId: string): Promise<ScreeningRow[]> {
    return this.db.selectFrom('screenings').selectAll().where('person_id', '=', personId).orderBy('created_at', 'desc').orderBy('id').execute()
  }

  async byIds(ids: string[]): Promise<Map<string, ScreeningRow>> {
    const wanted = [...new Set(ids)]
    const rows = wanted.length ? await this.db.selectFrom('screenings').selectAll().where('id', 'in', wanted).execute() : []
    return new Map(rows.map((r) => [r.id, r]))
  }

  async ownedBy(id: string, personId: string): Promise<ScreeningRow | null> {
    return (await this.db.selectFrom('screenings').selectAll().where('id', '=', id).where('person_id', '=', personId).executeTakeFirst()) ?? null
  }

  /** Unshares and deletes all of a person's screenings; returns how many there were. */
  async deleteAllOf(personId: string): Promise<number> {
    await this.db.updateTable('bookings').set({ shared_screening_id: null }).where('person_id', '=', personId).where('shared_screening_id', 'is not', null).execute()
    const result = await this.db.deleteFrom('screenings').where('person_id', '=', personId).executeTakeFirst()
    return Number(result.numDeletedRows)
  }
}
