/**
 * 粤心安 counselling and the generic booking engine: stations (reference data), providers (a counsellor now, a village
 * legal advisor later) with weekly hours and leave, bookings, the waitlist, session notes and kept screenings.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('city_code', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('hours', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('services', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('lat', 'real')
    .addColumn('lng', 'real')
    .execute()
  await db.schema.createIndex('stations_region').on('stations').column('region_code').execute()
  await db.schema.createIndex('stations_lat').on('stations').columns(['lat', 'lng']).execute()

  await db.schema
    .createTable('providers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // 'counselling' for 粤心安 counsellors; legal advisors' on-site hours will be 'legal'.
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('qualification', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('modes', 'text', (c) => c.notNull())
    .addColumn('hours', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('providers_station').on('providers').columns(['station_id', 'service']).execute()
  await db.schema.createIndex('providers_user').on('providers').columns(['user_id', 'service']).unique().execute()

  await db.schema
    .createTable('provider_leave')
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('provider_leave_pk', ['provider_id', 'date'])
    .execute()

  await db.schema
    .createTable('screenings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('instrument', 'text', (c) => c.notNull())
    // Sealed JSON of the answers and the score: nothing of a screening is stored in the clear.
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('consent_version', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('screenings_person').on('screenings').columns(['person_id', 'created_at']).execute()

  await db.schema
    .createTable('bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
    .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('pseudonym', 'text')
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    // held (a waitlist offer not yet taken) | booked | cancelled | attended | no_show
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('hold_expires_at', 'text')
    .addColumn('waitlist_id', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('cancelled_by', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('attendance_at', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('shared_screening_id', 'text', (c) => c.references('screenings.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  // One slot, one booking: whatever the concurrency, the database refuses a second live booking of a provider's slot.
  // A held offer counts as live, so a freed slot offered from the waitlist cannot be taken from under the person.
  await db.schema
    .createIndex('bookings_live_slot')
    .on('bookings')
    .columns(['provider_id', 'starts_at'])
    .unique()
    .where(sql.raw<boolean>(`status <> 'cancelled'`))
    .execute()
  await db.schema.createIndex('bookings_provider').on('bookings').columns(['provider_id', 'starts_at']).execute()
  await db.schema.createIndex('bookings_person').on('bookings').columns(['person_id', 'starts_at']).execute()
  await db.schema.createIndex('bookings_station').on('bookings').columns(['station_id', 'starts_at']).execute()
  await db.schema.createIndex('bookings_due').on('bookings').columns(['status', 'starts_at']).execute()
  await db.schema.createIndex('bookings_holds').on('bookings').columns(['status', 'hold_expires_at']).execute()

  await db.schema
    .createTable('session_notes')
    .addColumn('booking_id', 'text', (c) => c.primaryKey().references('bookings.id'))
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('risk', 'integer', (c) => c.notNull())
    .addColumn('referral', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('waitlist')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('pseudonym', 'text')
    .addColumn('mode', 'text', (c) => c.notNull())
    // waiting | offered | taken | expired
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('booking_id', 'text')
    .addColumn('offered_start', 'text')
    .addColumn('offer_expires_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('waitlist_one_live')
    .on('waitlist')
    .columns(['provider_id', 'date', 'person_id'])
    .unique()
    .where(sql.raw<boolean>(`status in ('waiting', 'offered')`))
    .execute()
  await db.schema.createIndex('waitlist_queue').on('waitlist').columns(['provider_id', 'date', 'status', 'created_at']).execute()
  await db.schema.createIndex('waitlist_person').on('waitlist').columns(['person_id', 'created_at']).execute()
}
