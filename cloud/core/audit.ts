/**
 * The audit log of reads of personal data by anyone other than the person it belongs to: who read whose record, when,
 * through which action, and under which role (and the region of that grant) the policy let them. Append-only: this
 * module only inserts and reads, nothing in the code updates or deletes a row, and the database refuses both
 * (migration 0006). Admins read it through admin.audit and `npm run admin -- audit`.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { AuditEntry, AuditQuery } from '../../types/functions/admin'
import { handlesCase, isAssignedMediator, isFiler, isOwner, type Actor, type CaseAccessFacts, type Grant } from '../domain/petition/policy'
import { isWithin } from '../domain/regions'
import type { HandlerContext } from './context'
import type { Role } from '../../types/roles'
import { fail } from './errors'

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
export async function auditReads(db: Db, ctx: Pick<HandlerContext, 'userId' | 'now' | 'services'>, action: string, basis: Basis, subjects: Subject[]): Promise<void> {
  const at = ctx.now.toISOString()
  const rows = subjects
    .filter((s) => s.personId !== ctx.userId)
    .map((s) => ({
      id: ctx.services.newId(),
      at,
      actor_id: ctx.userId!,
      actor_role: basis.role,
      actor_region: basis.region,
      action,
      subject_kind: s.kind,
      subject_id: s.id,
      person_id: s.personId
    }))
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('audit_log').values(rows.slice(i, i + 500)).execute()
}

/**
 * Records reads under the caller's grant of `role` (the one for `region` when given): for the handlers whose policy is
 * "the counsellor of this session", "the advisor of this village", "the staff of this station's township".
 */
export async function auditReadsAs(ctx: Pick<HandlerContext, 'userId' | 'now' | 'services'>, role: Role, action: string, subjects: Subject[], region?: string): Promise<void> {
  if (!subjects.some((s) => s.personId !== ctx.userId)) return
  const { db } = ctx.services
  const grants = await db.selectFrom('role_grants').select('region_code').where('user_id', '=', ctx.userId!).where('role', '=', role).execute()
  const grant = grants.find((g) => region === undefined || g.region_code === region) ?? grants[0]
  await auditReads(db, ctx, action, { role, region: grant?.region_code || null }, subjects)
}

/**
 * The grant under which the policy lets a non-owner read a case in full, in the policy's own order (its handling unit,
 * a jurisdiction over its handling unit or its village, its assigned mediator, an admin, the grid worker who filed it); null for its owner.
 */
export function caseReadBasis(actor: Actor, c: CaseAccessFacts): Basis | null {
  if (isOwner(actor, c)) return null
  const grant = (role: string, test: (g: Grant) => boolean) => actor.grants.find((g) => g.role === role && test(g))
  const found =
    (handlesCase(actor, c) ? grant('centre_staff', (g) => g.regionCode === c.handlingRegion) : undefined) ??
    grant('centre_staff', (g) => g.regionCode !== null && isWithin(c.handlingRegion, g.regionCode)) ??
    grant('centre_staff', (g) => g.regionCode !== null && isWithin(c.regionCode, g.regionCode)) ??
    (isAssignedMediator(actor, c) ? grant('mediator', () => true) : undefined) ??
    grant('admin', () => true) ??
    (isFiler(actor, c) ? grant('grid_worker', () => true) : undefined)
  return found ? basisOf(found) : null
}

const cursorOf = (e: { at: string; id: string }) => Buffer.from(JSON.stringify([e.at, e.id])).toString('base64url')

function parseCursor(cursor: string): [string, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((p) => typeof p === 'string')) return parsed as [string, string]
  } catch {
    // fall through
  }
  return fail('INVALID_VALUE', 'cursor', { field: 'cursor' })
}

/** A page of the log, newest first, filtered by reader, record, person and time ([from, to)). */
export async function readAudit(db: Db, query: AuditQuery): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const size = query.limit ?? 50
  let q = db.selectFrom('audit_log').selectAll()
  if (query.actorId) q = q.where('actor_id', '=', query.actorId)
  if (query.subjectId) q = q.where('subject_id', '=', query.subjectId)
  if (query.personId) q = q.where('person_id', '=', query.personId)
  if (query.action) q = q.where('action', '=', query.action)
  if (query.from) q = q.where('at', '>=', new Date(query.from).toISOString())
  if (query.to) q = q.where('at', '<', new Date(query.to).toISOString())
  if (query.cursor) {
    const [at, id] = parseCursor(query.cursor)
    q = q.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', id)])]))
  }
  const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(size + 1).execute()
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
    nextCursor: rows.length > size ? cursorOf(page[page.length - 1]) : null
  }
}
