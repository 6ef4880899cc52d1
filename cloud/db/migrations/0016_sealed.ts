/**
 * Personal data sealed at rest (see db/sealed.ts). A case's map point becomes one sealed text column, `point`
 * ("lat,lng"), instead of two numbers in clear: this copies the points across and drops the two columns. The values
 * of `point` and of the other columns sealed since this version are sealed once, at the next start (sealAtRest),
 * because sealing needs the keys, which migrations do not have.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('point', 'text').execute()
  await sql`update cases set point = cast(lat as text) || ',' || cast(lng as text) where lat is not null and lng is not null`.execute(db)
  await db.schema.alterTable('cases').dropColumn('lat').execute()
  await db.schema.alterTable('cases').dropColumn('lng').execute()
}
