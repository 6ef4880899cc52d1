/**
 * Mediation agreements (人民调解法 Arts. 28–33): one agreement per case, revised in place (each revision a new
 * `version`, to which signatures are bound); the signatures and the seal; the one-time codes that confirm a party's
 * signature; the follow-ups of performance; the parties' reports of non-performance; and the reminders already sent.
 * Contents, signature images and notes are sealed (db/sealed.ts); what lists and statistics need is in clear.
 */
import type { Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agreements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().unique())
    .addColumn('doc_no', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('mediator_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text')
    .addColumn('agreed_at', 'text')
    .addColumn('effective_at', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('performed_at', 'text')
    .execute()
  await db.schema.createIndex('agreements_region_effective').on('agreements').columns(['region_code', 'effective_at']).execute()
  await db.schema
    .createTable('agreement_signatures')
    .addColumn('agreement_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('signer', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('image', 'text')
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agreement_signatures_pk', ['agreement_id', 'version', 'signer'])
    .execute()
  await db.schema
    .createTable('agreement_codes')
    .addColumn('agreement_id', 'text', (c) => c.notNull())
    .addColumn('signer', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('tries', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('agreement_codes_pk', ['agreement_id', 'signer'])
    .execute()
  await db.schema
    .createTable('agreement_followups')
    .addColumn('agreement_id', 'text', (c) => c.notNull())
    .addColumn('item', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text')
    .addPrimaryKeyConstraint('agreement_followups_pk', ['agreement_id', 'item'])
    .execute()
  await db.schema.createIndex('agreement_followups_due').on('agreement_followups').columns(['due_date', 'result']).execute()
  await db.schema
    .createTable('agreement_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agreement_id', 'text', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('agreement_reports_agreement').on('agreement_reports').columns(['agreement_id', 'created_at']).execute()
  await db.schema
    .createTable('agreement_reminders')
    .addColumn('agreement_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agreement_reminders_pk', ['agreement_id', 'kind'])
    .execute()
}
