/**
 * Integrity of what is stored: a request id is bound to a digest of what it asked (core/idempotency).
 */
import type { Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('idempotency').addColumn('input_digest', 'text').execute()
}
