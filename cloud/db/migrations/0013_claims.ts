/**
 * Claiming a case filed on someone's behalf needs a one-time claim code: `claim_code_hash` keeps its keyed hash (bound
 * to the case) until it is used. The Open311 feed names cases by `public_id`, an opaque id of its own, so the feed
 * gives away neither tracking numbers nor case ids; existing cases get one here.
 */
import crypto from 'node:crypto'
import type { Kysely } from 'kysely'

const newPublicId = (): string => crypto.randomBytes(12).toString('base64url')

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('claim_code_hash', 'text').execute()
  await db.schema.alterTable('cases').addColumn('public_id', 'text').execute()
  const ids = (await db.selectFrom('cases').select('id').execute()) as { id: string }[]
  for (const { id } of ids) await db.updateTable('cases').set({ public_id: newPublicId() }).where('id', '=', id).execute()
  await db.schema.createIndex('cases_public_id').on('cases').column('public_id').unique().execute()
}
