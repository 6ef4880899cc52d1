/**
 * 一村（居）一法律顾问: advisors (a provider of the booking engine, service 'legal', plus their firm, practice areas
 * and phone), which advisor serves each village (one row per village: the look-up by village is its primary key),
 * consultations and their threads. On-site bookings are the engine's bookings; a booking now records the village it
 * takes place in, since an advisor keeps hours in several.
 */
import type { Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('legal_advisors')
    .addColumn('provider_id', 'text', (c) => c.primaryKey().references('providers.id'))
    .addColumn('firm', 'text', (c) => c.notNull())
    // JSON array of categories.
    .addColumn('practice_areas', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('legal_advisors_township').on('legal_advisors').column('township_code').execute()

  await db.schema
    .createTable('legal_villages')
    .addColumn('village_code', 'text', (c) => c.primaryKey().references('regions.code'))
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
    .addColumn('township_code', 'text', (c) => c.notNull())
    // The village committee's office, for "nearest to me".
    .addColumn('lat', 'real')
    .addColumn('lng', 'real')
    .execute()
  await db.schema.createIndex('legal_villages_provider').on('legal_villages').columns(['provider_id', 'village_code']).execute()
  await db.schema.createIndex('legal_villages_lat').on('legal_villages').columns(['lat', 'lng']).execute()

  await db.schema
    .createTable('consultations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('provider_id', 'text', (c) => c.notNull().references('providers.id'))
    .addColumn('village_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('township_code', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    // Sealed: what people ask a lawyer stays between them.
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('photos', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    // Sealed; kept only with consent to the privacy notice, for turning the question into a case.
    .addColumn('contact_phone', 'text')
    .addColumn('consent_version', 'text')
    // waiting | answered | closed | converted
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('posts', 'integer', (c) => c.notNull())
    .addColumn('asked_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('rating', 'text')
    .addColumn('rating_comment', 'text')
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  // The advisor's queue and the overdue counts are ranges on these.
  await db.schema.createIndex('consultations_advisor').on('consultations').columns(['provider_id', 'status', 'due_at']).execute()
  await db.schema.createIndex('consultations_township').on('consultations').columns(['township_code', 'status', 'due_at']).execute()
  await db.schema.createIndex('consultations_due').on('consultations').columns(['status', 'due_at']).execute()
  await db.schema.createIndex('consultations_person').on('consultations').columns(['person_id', 'updated_at']).execute()
  await db.schema.createIndex('consultations_case').on('consultations').column('case_id').execute()

  await db.schema
    .createTable('consultation_posts')
    .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultations.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    // person | advisor
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('photos', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('consultation_posts_pk', ['consultation_id', 'seq'])
    .execute()

  // The village an on-site booking takes place in (null for counselling, which books a station).
  await db.schema
    .alterTable('bookings')
    .addColumn('place_code', 'text', (c) => c.references('regions.code'))
    .execute()
}
