/** admin: what only an admin may read — the audit log of reads of personal data. */
import * as v from 'valibot'

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{10,40}$/))
const Instant = v.pipe(v.string(), v.isoTimestamp())

export const adminInput = {
  /** Newest first; every filter optional; `from` inclusive, `to` exclusive. */
  audit: v.strictObject({
    actorId: v.optional(Id),
    subjectId: v.optional(Id),
    personId: v.optional(Id),
    action: v.optional(v.pipe(v.string(), v.regex(/^[a-z]+\.[A-Za-z]+$/), v.maxLength(60))),
    from: v.optional(Instant),
    to: v.optional(Instant),
    cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(200)))
  })
}

export type AuditQuery = v.InferOutput<typeof adminInput.audit>

/** One read of a person's data by someone else. */
export interface AuditEntry {
  id: string
  at: string
  actorId: string
  /** The role under which the read was allowed, and that grant's region. */
  role: string
  roleRegion: string | null
  /** function.action, e.g. petition.get */
  action: string
  subjectKind: 'case' | 'booking' | 'consultation'
  subjectId: string
  /** Whose data it was (null for a case nobody has claimed yet). */
  personId: string | null
}

export interface AdminOutput {
  audit: { items: AuditEntry[]; nextCursor: string | null }
}
