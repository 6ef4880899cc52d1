/**
 * The audit log of reads of personal data by anyone other than the person it belongs to: who read whose record, when,
 * through which action, and under which role (and the region of that grant) the policy let them. Append-only: this
 * module only inserts and reads, nothing in the code updates or deletes a row, and the database refuses both
 * (migrations 0006, 0014). Admins read it through admin.audit and `npm run admin -- audit`.
 *
 * Each row is a link of a hash chain: its hash covers the previous row's hash and its own content, in the order of
 * `seq`, and audit_head holds the last link (locked FOR UPDATE on PostgreSQL while a writer appends, so concurrent
 * writers chain one after another). `npm run admin -- audit verify` walks it and names the first broken link.
 * The chain covers a keyed tag (HMAC with the hash key) of the actor's and the person's ids, not the ids themselves:
 * when an account is deleted its id in the log is replaced by a pseudonym made for that deletion, recorded in
 * audit_erasures with the tag of the id it replaced, so the chain still verifies while the log no longer names the
 * account, and nobody without the key can tell whose it was.
 */
import crypto from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { AuditEntry, AuditQuery } from '../../types/functions/admin'
import { readBasis, type Actor, type CaseAccessFacts, type Grant } from '../domain/petition/policy'
import type { UserContext } from '../core/context'
import type { Role } from '../../types/roles'
import type { FieldCipher } from '../core/crypto'
import { canonicalJson } from '../../types/canonical'
import { AuditRepository } from '../db/repositories/audit'
import { RoleGrantRepository } from '../db/repositories/role-grants'
import { decodeCursor, encodeCursor } from './paging'

type Db = Kysely<Database> | Transaction<Database>

export type SubjectKind = 'case' | 'booking' | 'consultation'

export interface Subject {
  kind: SubjectKind
  id: string
  /** Whose data it is; a read of one's own record is never logged. */
  personId: string | null
}

/** The role under which a read was allowed: a grant (role and region), or a role without a region. */
export interface Basis {
  role: string
  region: string | null
}

export const basisOf = (grant: Grant): Basis => ({ role: grant.role, region: grant.regionCode })

/**
 * Records that the caller read these subjects through `action` under `basis`: one row per subject, skipping the
 * caller's own records. Written before the answer leaves (dispatch waits for durability after the handler).
 */
export async function auditReads(db: Db, ctx: Pick<UserContext, 'userId' | 'now' | 'services'>, action: string, basis: Basis, subjects: Subject[]): Promise<void> {
  const at = ctx.now.toISOString()
  const rows = subjects
    .filter((s) => s.personId !== ctx.userId)
    .map((s) => ({
      id: ctx.services.newId(),
      at,
      actor_id: ctx.userId,
      actor_role: basis.role,
      actor_region: basis.region,
      action,
      subject_kind: s.kind,
      subject_id: s.id,
      person_id: s.personId
    }))
  if (!rows.length) return
  const append = (trx: Transaction<Database>) => appendChained(trx, ctx.services.cipher, rows)
  if (db.isTransaction) await append(db as Transaction<Database>)
  else await db.transaction().execute(append)
}

type Unchained = Omit<Database['audit_log'], 'seq' | 'prev_hash' | 'hash'>
type Chained = Database['audit_log']

/** The keyed tag of an actor's or a person's id that the chain covers (see the top of this module). */
const idTag = (cipher: FieldCipher, id: string): string => cipher.hash(`audit:${id}`)
export const auditTag = (cipher: FieldCipher, userId: string | null): string | null => (userId === null ? null : idTag(cipher, userId))

function linkHash(prev: string, row: Unchained & { seq: number }, actorTag: string | null, personTag: string | null): string {
  const content = canonicalJson([row.seq, row.id, row.at, actorTag, row.actor_role, row.actor_region, row.action, row.subject_kind, row.subject_id, personTag])
  return crypto.createHash('sha256').update(`${prev}\n${content}`).digest('base64url')
}

/** Appends rows to the chain after its head, in the caller's transaction, and moves the head. */
async function appendChained(trx: Transaction<Database>, cipher: FieldCipher, rows: Unchained[]): Promise<void> {
  const repo = new AuditRepository(trx)
  // Concurrent writers wait for the head, so each chains onto the last link committed (SQLite has one writer).
  let { seq, hash } = await repo.head()
  const chained: Chained[] = rows.map((r) => {
    seq += 1
    const prev = hash
    hash = linkHash(prev, { ...r, seq }, auditTag(cipher, r.actor_id), auditTag(cipher, r.person_id))
    return { ...r, seq, prev_hash: prev, hash }
  })
  await repo.append(chained, { seq, hash })
}

/**
 * After an account is deleted: its id, where the log names it as the person or the reader, becomes a pseudonym made
 * for this deletion, recorded with the keyed tag of the id so that the chain still verifies. In the deletion's
 * transaction.
 */
export async function pseudonymiseAudit(trx: Transaction<Database>, cipher: FieldCipher, userId: string, pseudonym: string, now: string): Promise<void> {
  await new AuditRepository(trx).pseudonymise(userId, pseudonym, idTag(cipher, userId), now)
}

export interface AuditVerdict {
  /** Rows in the chain, and rows from before it (migration 0014) that it does not cover. */
  chained: number
  unchained: number
  /** The first broken link, if any: the row (or the head) where what is stored stops matching the chain. */
  broken: { seq: number; id: string | null; reason: 'missing' | 'link' | 'content' | 'head' } | null
}

/** Walks the chain from the first link to the head, recomputing every hash. */
export async function verifyAudit(db: Db, cipher: FieldCipher): Promise<AuditVerdict> {
  const repo = new AuditRepository(db)
  const erasures = await repo.erasureTags()
  // A pseudonym stands for the tag recorded at its deletion; any other id is tagged as it is.
  const tagOf = (id: string | null): string | null => (id !== null && erasures.has(id) ? erasures.get(id)! : auditTag(cipher, id))
  const head = await repo.head()
  const unchained = await repo.unchainedCount()
  let expected = 1
  let prev = ''
  for (;;) {
    const page = await repo.chainFrom(expected, 1000)
    for (const row of page) {
      const seq = Number(row.seq)
      const broken = (reason: NonNullable<AuditVerdict['broken']>['reason'], at = seq, id: string | null = row.id) => ({ chained: expected - 1, unchained, broken: { seq: at, id, reason } })
      if (seq !== expected) return broken('missing', expected, null)
      if (row.prev_hash !== prev) return broken('link')
      if (linkHash(prev, { ...row, seq }, tagOf(row.actor_id), tagOf(row.person_id)) !== row.hash) return broken('content')
      prev = row.hash
      expected++
    }
    if (page.length < 1000) break
  }
  const chained = expected - 1
  // Rows cut off the end leave the head ahead of the last row; a rewritten head does not match it.
  if (Number(head.seq) !== chained || head.hash !== prev) return { chained, unchained, broken: { seq: Number(head.seq), id: null, reason: 'head' } }
  return { chained, unchained, broken: null }
}

/**
 * Records reads under the caller's grant of `role` (the one for `region` when given): for the handlers whose policy is
 * "the counsellor of this session", "the advisor of this village", "the staff of this station's township".
 */
export async function auditReadsAs(ctx: Pick<UserContext, 'userId' | 'now' | 'services'>, role: Role, action: string, subjects: Subject[], region?: string): Promise<void> {
  if (!subjects.some((s) => s.personId !== ctx.userId)) return
  const { db } = ctx.services
  const regions = await new RoleGrantRepository(db).regionsOf(ctx.userId, role)
  const grant = regions.find((code) => region === undefined || code === region) ?? regions[0]
  await auditReads(db, ctx, action, { role, region: grant || null }, subjects)
}

/**
 * The grant under which the policy lets a non-owner read a case in full (domain/petition/policy.ts readBasis); null for
 * its owner, and for anyone the policy does not let read it.
 */
export function caseReadBasis(actor: Actor, c: CaseAccessFacts): Basis | null {
  const grant = readBasis(actor, c)
  return grant ? basisOf(grant) : null
}

/** A page of the log, newest first, filtered by reader, record, person and time ([from, to)). */
export async function readAudit(db: Db, query: AuditQuery): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const size = query.limit ?? 50
  const { actorId, subjectId, personId, action } = query
  const after = decodeCursor(query.cursor, 1)
  const filter = { actorId, subjectId, personId, action, from: query.from ? new Date(query.from).toISOString() : undefined, to: query.to ? new Date(query.to).toISOString() : undefined }
  const rows = await new AuditRepository(db).page(filter, after && { at: after[0], id: after[1] }, size + 1)
  const page = rows.slice(0, size)
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      role: r.actor_role,
      roleRegion: r.actor_region,
      action: r.action,
      subjectKind: r.subject_kind as SubjectKind,
      subjectId: r.subject_id,
      personId: r.person_id
    })),
    nextCursor: rows.length > size ? encodeCursor([page[page.length - 1].at, page[page.length - 1].id]) : null
  }
}
