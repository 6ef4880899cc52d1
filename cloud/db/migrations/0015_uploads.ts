/**
 * Bounded uploads: when a photo was first attached to something (a case, its added information, a consultation or a
 * reply), so a photo never attached can be removed after a day; the bytes received, for the daily quota; and the
 * device's own upload reference (a WeChat cloud fileID), kept apart from where the server stored the re-encoded photo.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('files').addColumn('attached_at', 'text').execute()
  await db.schema.alterTable('files').addColumn('received_bytes', 'integer').execute()
  await db.schema.alterTable('files').addColumn('source_ref', 'text').execute()
  // Photos stored before this migration are kept: nothing says which were never attached, so none is taken for an orphan.
  await sql`update files set attached_at = created_at, received_bytes = bytes, source_ref = storage_ref`.execute(db)
  await db.schema.createIndex('files_source_ref').on('files').column('source_ref').unique().execute()
  // The daily quota sums one person's recent uploads; the cleanup reads the oldest unattached ones.
  await db.schema.createIndex('files_owner_created').on('files').columns(['owner_id', 'created_at']).execute()
  await db.schema.createIndex('files_unattached').on('files').column('created_at').where(sql.ref('attached_at'), 'is', null).execute()
}
