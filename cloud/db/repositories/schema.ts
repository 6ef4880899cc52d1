/** What the database says about its own schema: whether a migration has been applied (Kysely's migration table). */
import type { Kysely } from 'kysely'

/** True when `name` is recorded as applied; false when it is not, or when no migration ever ran (no table). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrationApplied(db: Kysely<any>, name: string): Promise<boolean> {
  try {
    const row = await db.selectFrom('kysely_migration').select('name').where('name', '=', name).executeTakeFirst()
    return row !== undefined
  } catch (e) {
    if (/kysely_migration/.test(e instanceof Error ? e.message : String(e))) return false
    throw e
  }
}
