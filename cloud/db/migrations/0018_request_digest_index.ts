/**
 * An index on the digest of what each request asked: the content check lets a retry of a call already carried out
 * through to its first answer (core/idempotency carriedOut), and finds it by the digest, a keyed hash of the call.
 */
import type { Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('idempotency_digest').on('idempotency').column('input_digest').execute()
}
