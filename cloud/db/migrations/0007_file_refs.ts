/**
 * Photos the device put straight into the platform's storage (a WeChat cloud fileID) rather than sending them to the
 * server: the file row names where the bytes are, and one storage file is registered once.
 */
import type { Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('files').addColumn('storage_ref', 'text').execute()
  await db.schema.createIndex('files_storage_ref').on('files').column('storage_ref').unique().execute()
}
