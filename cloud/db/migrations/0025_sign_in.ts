/**
 * Real sign-in (issue 15). A person found by WeChat may also carry a UNIONID (the same person across an operator's
 * apps); a person who signed in with a text-message code has the keyed hash of their number (E.164) and when it was
 * verified. One-time codes live in `sign_in_codes`: one row per number, the code's keyed hash only, its expiry, and
 * how many wrong tries it has taken; the row goes when it is used.
 */
import type { Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('unionid', 'text').execute()
  await db.schema.alterTable('users').addColumn('phone_hash', 'text').execute()
  await db.schema.alterTable('users').addColumn('phone_verified_at', 'text').execute()
  // NULLs are distinct on both engines: only numbers that are set must be unique.
  await db.schema.createIndex('users_phone_hash').on('users').column('phone_hash').unique().execute()
  await db.schema.createIndex('users_unionid').on('users').column('unionid').execute()
  await db.schema
    .createTable('sign_in_codes')
    .addColumn('phone_hash', 'text', (c) => c.primaryKey())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
}
