/**
 * Subscription messages (issue 15): what each person accepted, per template. WeChat lets one message be sent per
 * acceptance, so `remaining` counts acceptances not yet spent: one added each time the person accepts on the device,
 * one spent by each message sent, none left when WeChat answers that the quota is used up (43101). Templates are
 * named by what they are for ('progress', 'booking', 'legal'), not by their WeChat ids, which the deployment sets.
 * People who asked for progress messages when filing before this table existed start with one acceptance.
 */
import { sql, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('subscriptions')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('remaining', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscriptions_pk', ['user_id', 'template'])
    .execute()
  await sql`INSERT INTO subscriptions (user_id, template, remaining, updated_at)
    SELECT owner_id, 'progress', 1, MAX(filed_at) FROM cases WHERE subscribed = 1 AND owner_id IS NOT NULL GROUP BY owner_id`.execute(db)
}
