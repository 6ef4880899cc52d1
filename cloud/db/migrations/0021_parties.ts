/**
 * Both parties at the table (issue #17, 人民调解法 Arts. 17, 23, 26): the other party of a dispute joins its case by a
 * one-time invitation, gives or refuses consent to mediation, and takes part in the mediation sessions.
 * - `case_parties`: one row per side of a case ('applicant' | 'respondent') once that side has a person in the app;
 *   their consent, a request for another mediator, a request to end mediation, their own account (sealed) and photos.
 * - `case_invitations`: the invitations of the other party; only a keyed hash of the code is kept, single-use, expiring.
 * - `case_sessions`: the mediation sessions (调解会) with each side's answer and the attendance.
 * - `cases.respondent_id`: the respondent, kept in step with case_parties, so that the policy reads who may see a
 *   case from the case row alone; `cases.private_photos`: the applicant's photos the respondent never sees.
 */
import type { Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('respondent_id', 'text').execute()
  await db.schema.alterTable('cases').addColumn('private_photos', 'text', (c) => c.notNull().defaultTo('[]')).execute()
  await db.schema.createIndex('cases_respondent').on('cases').column('respondent_id').execute()

  await db.schema
    .createTable('case_parties')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('side', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    /** 'pending' | 'accepted' | 'declined' (Art. 17). */
    .addColumn('consent', 'text', (c) => c.notNull())
    .addColumn('consent_at', 'text')
    /** Art. 23: the party asked for another mediator; cleared when the centre assigns one. */
    .addColumn('another_mediator_at', 'text')
    .addColumn('another_mediator_reason', 'text')
    /** The party asked to end the mediation (either party, at any time). */
    .addColumn('end_requested_at', 'text')
    /** Sealed: the party's own account of the dispute. */
    .addColumn('account', 'text')
    .addColumn('account_at', 'text')
    /** JSON array of file ids: the party's own photos. */
    .addColumn('photos', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_parties_pk', ['case_id', 'side'])
    .execute()
  await db.schema.createIndex('case_parties_user').on('case_parties').columns(['user_id', 'case_id']).execute()

  await db.schema
    .createTable('case_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    /** Keyed hash of the code (FieldCipher.hash); the code itself is never stored. */
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_by', 'text')
    /** A newer invitation of the same case replaces this one. */
    .addColumn('revoked_at', 'text')
    .execute()
  await db.schema.createIndex('case_invitations_case').on('case_invitations').columns(['case_id', 'created_at']).execute()

  await db.schema
    .createTable('case_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    /** 'in_person' | 'phone' | 'video'. */
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    /** Sealed: the place, or the joining details of a call. */
    .addColumn('place', 'text', (c) => c.notNull())
    /** 'proposed' | 'confirmed' | 'rescheduling' | 'held' | 'cancelled'. */
    .addColumn('status', 'text', (c) => c.notNull())
    /** Each side's answer: 'pending' | 'confirmed' | 'another_time'. */
    .addColumn('applicant_answer', 'text', (c) => c.notNull())
    .addColumn('respondent_answer', 'text', (c) => c.notNull())
    /** Sealed: what a side that asked for another time said. */
    .addColumn('answer_note', 'text')
    /** Until when the parties are asked to answer; a reminder goes out before, the centre is told after. */
    .addColumn('answer_due_at', 'text', (c) => c.notNull())
    .addColumn('answer_reminded_at', 'text')
    .addColumn('reminded_at', 'text')
    /** JSON {applicant: boolean, respondent: boolean} once attendance is recorded. */
    .addColumn('attendance', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('case_sessions_case').on('case_sessions').columns(['case_id', 'starts_at']).execute()
  await db.schema.createIndex('case_sessions_status').on('case_sessions').columns(['status', 'starts_at']).execute()
}
