/**
 * 我的事项 reads a person's bookings of each service newest activity first: an index on (person, service, updated_at).
 * Cases (owner / filer, updated_at) and consultations (person, updated_at) have theirs already.
 */
import type { Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('bookings_person_activity').on('bookings').columns(['person_id', 'service', 'updated_at']).execute()
}
