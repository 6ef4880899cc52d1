/**
 * Indexes for the look-ups every filing and booking makes:
 * - Booking checks a person's standing: their upcoming bookings (at most a few) and their recent no-shows. Without
 *   (person, service, status, starts_at) SQLite answers both from (status, starts_at), walking every future booking of
 *   everyone: fine on a new database, linear in the number of bookings on a busy one.
 * - Filing tells the staff of the case's township centre: role grants by (role, region). The primary key starts with
 *   the user, so without this every filing read every grant, one per resident.
 */
import type { Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('bookings_person_status').on('bookings').columns(['person_id', 'service', 'status', 'starts_at']).execute()
  await db.schema.createIndex('role_grants_role_region').on('role_grants').columns(['role', 'region_code']).execute()
}

