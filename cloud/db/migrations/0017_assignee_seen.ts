/**
 * When the person a case is assigned to first opened it since the assignment: null until then, which is what the
 * staff queue's 新 mark shows. Kept on the server so the mark follows the person across phones and sign-outs.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('assignee_seen_at', 'text').execute()
  // Assignments made before this migration are not marked new: nothing says they were not looked at.
  await sql`update cases set assignee_seen_at = updated_at where assignee_id is not null`.execute(db)
}
