/**
 * Integrity of what is stored:
 * - a request id is bound to a digest of what it asked (core/idempotency);
 * - the audit log is a hash chain (each row's hash covers the one before; audit_head holds the last, application/audit), an
 *   existing row cannot be rewritten by INSERT OR REPLACE on SQLite (a REPLACE deletes without firing the delete
 *   trigger), and the one change allowed to a row is an account deletion's pseudonym in place of the person's id, to a
 *   pseudonym recorded in audit_erasures (append-only too). Rows written before this migration are not chained (no
 *   key here to tag their ids); every row written after it must be.
 * - On PostgreSQL, UPDATE, DELETE and TRUNCATE of the log are revoked from PUBLIC and from the role that runs the
 *   migrations, except UPDATE of the two id columns that a pseudonym replaces. The owner of a table can grant itself
 *   the rest back, and a superuser ignores grants: the triggers are what holds in every case.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely'

/** An update of a log row that only puts a recorded pseudonym in place of the actor's or the person's id. */
const PSEUDONYMISATION = `
  new.id = old.id and new.at = old.at and new.actor_role = old.actor_role and new.actor_region is not distinct from old.actor_region
  and new.action = old.action and new.subject_kind = old.subject_kind and new.subject_id = old.subject_id
  and new.seq is not distinct from old.seq and new.prev_hash is not distinct from old.prev_hash and new.hash is not distinct from old.hash
  and (new.actor_id = old.actor_id or exists (select 1 from audit_erasures e where e.pseudonym = new.actor_id))
  and (new.person_id is not distinct from old.person_id or exists (select 1 from audit_erasures e where e.pseudonym = new.person_id))`

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema.alterTable('idempotency').addColumn('input_digest', 'text').execute()

  await db.schema.alterTable('audit_log').addColumn('seq', 'integer').execute()
  await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute()
  await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute()
  await db.schema.createIndex('audit_log_seq').on('audit_log').column('seq').unique().execute()
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute()
  await db.insertInto('audit_head').values({ id: 1, seq: 0, hash: '' }).execute()
  await db.schema
    .createTable('audit_erasures')
    .addColumn('pseudonym', 'text', (c) => c.primaryKey())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()

  if (postgres) {
    await sql`drop trigger audit_log_no_change on audit_log`.execute(db)
    await sql.raw(`
      create function audit_log_update_guard() returns trigger language plpgsql as $$
      begin
        if ${PSEUDONYMISATION} then return new; end if;
        raise exception 'audit_log is append-only: UPDATE refused' using errcode = 'insufficient_privilege';
      end
      $$`).execute(db)
    await sql`create trigger audit_log_no_update before update on audit_log for each row execute function audit_log_update_guard()`.execute(db)
    await sql`create trigger audit_log_no_delete before delete on audit_log for each row execute function audit_log_append_only()`.execute(db)
    await sql`create trigger audit_erasures_no_change before update or delete on audit_erasures for each row execute function audit_log_append_only()`.execute(db)
    await sql`create trigger audit_erasures_no_truncate before truncate on audit_erasures for each statement execute function audit_log_append_only()`.execute(db)
    // Rows from before this migration stay unchained (verify counts them); every row from now on must be a link.
    await sql`alter table audit_log add constraint audit_log_chained check (seq is not null and hash is not null and prev_hash is not null) not valid`.execute(db)
    await sql`revoke update, delete, truncate on audit_log, audit_erasures from public`.execute(db)
    await sql`revoke update, delete, truncate on audit_log, audit_erasures from current_user`.execute(db)
    await sql`grant update (actor_id, person_id) on audit_log to current_user`.execute(db)
  } else {
    await sql`drop trigger audit_log_no_update`.execute(db)
    await sql
      .raw(`create trigger audit_log_no_update before update on audit_log when not (${PSEUDONYMISATION.replace(/is not distinct from/g, 'is')}) begin select raise(abort, 'audit_log is append-only: UPDATE refused'); end`)
      .execute(db)
    // INSERT OR REPLACE (and REPLACE INTO) deletes the row it replaces without firing the delete trigger: refuse any
    // insert of an id that is there already, before SQLite resolves the conflict.
    await sql`create trigger audit_log_no_replace before insert on audit_log when exists (select 1 from audit_log where id = new.id) begin select raise(abort, 'audit_log is append-only: an existing row cannot be replaced'); end`.execute(db)
    // Rows from before this migration stay unchained (verify counts them); every row from now on must be a link.
    await sql`create trigger audit_log_chained before insert on audit_log when new.seq is null or new.hash is null or new.prev_hash is null begin select raise(abort, 'audit_log rows are chained: a row without its link refused'); end`.execute(db)
    await sql`create trigger audit_erasures_no_update before update on audit_erasures begin select raise(abort, 'audit_erasures is append-only: UPDATE refused'); end`.execute(db)
    await sql`create trigger audit_erasures_no_delete before delete on audit_erasures begin select raise(abort, 'audit_erasures is append-only: DELETE refused'); end`.execute(db)
    await sql`create trigger audit_erasures_no_replace before insert on audit_erasures when exists (select 1 from audit_erasures where pseudonym = new.pseudonym) begin select raise(abort, 'audit_erasures is append-only: an existing row cannot be replaced'); end`.execute(db)
  }
}
