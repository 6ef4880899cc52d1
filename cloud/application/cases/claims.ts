/**
 * Claim codes of cases filed on a resident's behalf: issued with the filing (and again on request or with an undone
 * claim), kept only as a keyed hash bound to the case, shown once to whoever issued it, sent by SMS where a sender is
 * configured, and spent by the claim that uses it.
 */
import crypto from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { UserContext } from '../../core/context'
import type { FieldCipher } from '../../core/crypto'
import { fail } from '../../core/errors'
import type { Database } from '../../db/schema'
import { CaseRepository, type CaseRow } from '../../db/repositories/cases'
import { claimCode, claimCodeDigestInput, trackingNo } from '../../domain/petition/tracking'
import { localDate } from '../../domain/petition/deadlines'
import { formatClaimCode } from '../../../types/tracking'

type Db = Kysely<Database> | Transaction<Database>

const randomInt = (max: number) => crypto.randomInt(max)

export const newClaimCode = (): string => claimCode(randomInt)

export const claimCodeHash = (cipher: FieldCipher, caseId: string, code: string): string => cipher.hash(claimCodeDigestInput(caseId, code))

/** True when `code` is the case's current claim code (a case without one matches nothing). */
export function claimCodeMatches(cipher: FieldCipher, row: Pick<CaseRow, 'id' | 'claim_code_hash'>, code: string): boolean {
  if (!row.claim_code_hash) return false
  const expected = Buffer.from(row.claim_code_hash)
  const given = Buffer.from(claimCodeHash(cipher, row.id, code))
  return expected.length === given.length && crypto.timingSafeEqual(expected, given)
}

/** A fresh tracking number for a case filed now in `regionCode`'s city (random, checked for collisions). */
export const newTrackingNo = (cases: CaseRepository, regionCode: string, now: Date): Promise<string> =>
  cases.unusedTrackingNo(() => trackingNo(regionCode.slice(0, 4), localDate(now), randomInt))

/** Replaces a case's claim code with a new one (the old stops working) in the caller's transaction; the new code. */
export async function reissueClaimCode(trx: Db, ctx: UserContext, row: CaseRow, patch: Partial<CaseRow> = {}): Promise<string> {
  const code = newClaimCode()
  const changes = { ...patch, claim_code_hash: claimCodeHash(ctx.services.cipher, row.id, code), updated_at: ctx.now.toISOString() }
  if (!(await new CaseRepository(trx, ctx.services.cipher).update(row.id, row.version, changes))) fail('CONFLICT')
  return code
}

/**
 * After commit: the code by SMS to the phone the case was filed with, where a sender is configured. True once the
 * provider took it; a failure is reported to the caller (the grid worker then hands the receipt over), never thrown.
 */
export async function sendClaimCode(ctx: UserContext, row: Pick<CaseRow, 'tracking_no' | 'contact_phone'>, code: string): Promise<boolean> {
  const { sms } = ctx.services
  if (!sms) return false
  try {
    await sms.sendClaimCode({ to: row.contact_phone, trackingNo: row.tracking_no, code: formatClaimCode(code) })
    return true
  } catch {
    return false
  }
}
