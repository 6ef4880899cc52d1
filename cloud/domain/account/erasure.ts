/**
 * What happens to a person's data when they delete their account (PIPL Art. 47), as pure rules.
 *
 * - What the person alone owns is deleted: kept screening results, consultations that never became a case, waitlist
 *   places, messages, photos no kept record uses, rate-limit and request records, the account and its roles.
 *   Bookings still to come are cancelled first, with a message to the counsellor or advisor.
 * - What the law requires to keep is detached, not deleted: petition and mediation case records (信访工作条例,
 *   人民调解法 Art. 27), the consultation a case grew from, and a counsellor's notes of a session that took place.
 *   They point to one shared "erased person" instead of the account, so nothing links them to each other either.
 * - A closed case's contact name and phone are replaced by a marker at once. A case still being handled keeps them
 *   until it closes (the unit must still reach the person and give its written reply, Arts. 23, 34); the petition
 *   handler replaces them in the same write that closes it.
 * - Case records are kept `caseRecordYears` after closing (a setting, 10 years by default).
 */

/** The one user row every detached record points to; nobody can sign in as it. */
export const ERASED_USER_ID = 'erased-person'
/** Its display name, and what replaces a detached closed case's contact name and phone. */
export const ERASED_MARK = '已注销'

export interface RetentionSettings {
  /** Years a case record is kept after it closes. Default 10: the shortest fixed term of Chinese archive schedules (永久 / 30 年 / 10 年); *unconfirmed* for 信访 records. */
  caseRecordYears: number
}

export const DEFAULT_RETENTION: RetentionSettings = { caseRecordYears: 10 }

/** Until when a closed case is kept: its closing date plus the retention period; null while it is open. */
export function keptUntil(closedAt: string | null, settings: RetentionSettings): string | null {
  if (!closedAt) return null
  const d = new Date(closedAt)
  d.setUTCFullYear(d.getUTCFullYear() + settings.caseRecordYears)
  return d.toISOString()
}

/** A detached case's contact details are replaced once it is closed (and no longer reachable by phone look-up). */
export const erasesContact = (row: { owner_id: string | null; is_open: number; phone_hash: string }): boolean =>
  row.owner_id === ERASED_USER_ID && row.is_open === 0 && row.phone_hash !== ''

/** The columns that replace a closed, detached case's personal contact fields (sealed on the way in, like any contact). */
export const erasedContact = () => ({
  contact_name: ERASED_MARK,
  contact_phone: ERASED_MARK,
  phone_hash: '',
  subscribed: 0
})

/** Bookings a deletion cancels: those still to come (booked, or a waitlist offer held for the person). */
export const cancelsOnDeletion = (row: { status: string; starts_at: string }, now: Date): boolean =>
  (row.status === 'booked' || row.status === 'held') && new Date(row.starts_at).getTime() > now.getTime()

/** A consultation that became a case is part of that case's record: detached, not deleted. */
export const detachesConsultation = (row: { case_id: string | null }): boolean => row.case_id !== null

/**
 * What detaching a case from the person changes: the links to them point to the erased person, the subscription
 * ends, and a closed case's contact details are replaced now (an open one's when it closes).
 */
export function detachedCase(row: { owner_id: string | null; filed_by: string | null; is_open: number }, userId: string) {
  return {
    subscribed: 0,
    ...(row.owner_id === userId ? { owner_id: ERASED_USER_ID } : {}),
    ...(row.filed_by === userId ? { filed_by: ERASED_USER_ID } : {}),
    ...(row.is_open ? {} : erasedContact())
  }
}

/** Photos a kept record shows (its text names the file's id) stay with it, detached; the others are deleted. */
export function splitFiles<F extends { id: string }>(files: F[], keptText: string): { kept: F[]; gone: F[] } {
  return { kept: files.filter((f) => keptText.includes(f.id)), gone: files.filter((f) => !keptText.includes(f.id)) }
}
