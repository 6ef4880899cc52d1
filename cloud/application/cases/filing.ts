/**
 * Filing a case, shared by every way a case is born: a resident's or grid worker's filing (petition.file) and a legal
 * consultation turned into a mediation case (legal.toCase). The checks run before the transaction; the insert, its
 * 'file' event and the message to the township centre run inside the caller's transaction. Also the case outbox:
 * message rows written with the change, pushed after it commits.
 */
import type { Kysely, Transaction } from 'kysely'
import { PRIVACY_NOTICE_VERSION, type DisputeType, type PetitionKind } from '../../../types/functions/petition'
import type { UserContext } from '../../core/context'
import { fail } from '../../core/errors'
import type { Database } from '../../db/schema'
import { CaseRepository, type CaseEventRow, type CaseRow } from '../../db/repositories/cases'
import { RegionRepository } from '../../db/repositories/regions'
import { RoleGrantRepository } from '../../db/repositories/role-grants'
import { FileRepository } from '../../db/repositories/files'
import { FINAL_MATTER, filingRefusal } from '../../domain/petition/filing'
import { claimCodeHash, newClaimCode, newTrackingNo } from './claims'
import { toE164 } from '../../../types/phone'
import { pointText } from '../../db/sealed'
import type { Notification } from '../../ports/notifier'
import { derived, freshHandling } from './state'
import { writeMessages, type Scope } from '../outbox'
import { attachPhotos } from '../files'
import { photosGivenTo } from '../media-checks'
import { refusedField } from '../content'
import { SubscriptionRepository } from '../../db/repositories/subscriptions'

type Db = Kysely<Database> | Transaction<Database>

/** Tells the people a case belongs to that it moved, through the outbox (pushed once the transaction has committed). */
export const notify = (trx: Db, ctx: Scope, sent: Notification[], row: CaseRow, kind: string, userIds: (string | null)[]): Promise<void> => {
  const params = { trackingNo: row.tracking_no, title: row.title, status: row.status }
  return writeMessages(trx, ctx, sent, userIds, { kind, caseId: row.id, params, push: params })
}

/** The staff of the unit that handles a case (not every level above it, which would drown city staff). */
export const centreStaffFor = (trx: Db, handlingRegion: string): Promise<string[]> => new RoleGrantRepository(trx).holders('centre_staff', handlingRegion)

/** A new case as its source describes it; field names are those of petition.file, so refusals name the same fields. */
export interface Filing {
  kind: PetitionKind
  disputeType?: DisputeType
  otherPartyName?: string
  otherPartyContact?: string
  title: string
  description: string
  regionCode: string
  address?: string
  location?: { lat: number; lng: number }
  photos: string[]
  /** Whose uploads the photos must be: the person the case is about. */
  photoOwner: string
  contactName: string
  contactPhone: string
  subscribe: boolean
  /** The person the case belongs to (null while a grid worker's filing waits to be claimed). */
  ownerId: string | null
  filedBy: string
  /** resident | grid_worker | legal_advisor */
  filedByRole: string
  /** More public facts for the 'file' event: where the case came from. */
  eventData?: Record<string, string>
}

/**
 * The checks every filing passes (domain/petition/filing.ts), before any transaction: the facts are gathered here and
 * the domain decides. Returns the filing with its texts normalised (NFC).
 */
export async function checkFiling(db: Db, ctx: UserContext, filing: Filing): Promise<Filing> {
  const title = filing.title.normalize('NFC')
  const description = filing.description.normalize('NFC')
  const { otherPartyName, otherPartyContact, address, contactName } = filing
  const [village, ownPhotos, contentField, finalTitles] = await Promise.all([
    new RegionRepository(db).get(filing.regionCode),
    new FileRepository(db).countOwned(filing.photos, filing.photoOwner),
    refusedField(ctx, { title, description, otherPartyName, otherPartyContact, address, contactName }),
    filing.ownerId ? new CaseRepository(db, ctx.services.cipher).titlesOf(filing.ownerId, FINAL_MATTER.stage, FINAL_MATTER.status) : []
  ])
  const refusal = filingRefusal({
    kind: filing.kind,
    disputeType: filing.disputeType,
    otherPartyName: filing.otherPartyName,
    regionLevel: village?.level ?? null,
    photos: new Set(filing.photos).size,
    ownPhotos,
    contentAccepted: contentField === null,
    contentField: contentField ?? undefined,
    title,
    finalTitles
  })
  if (refusal) fail(refusal.code, refusal.field)
  return { ...filing, title, description }
}

/** A case just written: its row and its events as stored, so the answer to the filing needs no second read. */
export interface FiledCase {
  row: CaseRow
  events: CaseEventRow[]
  /** A case filed on someone's behalf: its one-time claim code, for the answer to the filer only (stored as a hash). */
  claimCode?: string
}

/** Inserts a checked filing as a new case at its village's township centre, with its 'file' event and the centre's message. */
export async function insertFiling(trx: Db, ctx: UserContext, sent: Notification[], filing: Filing): Promise<CaseRow> {
  return (await fileCase(trx, ctx, sent, filing)).row
}

/** insertFiling, also returning the events written with the case. */
export async function fileCase(trx: Db, ctx: UserContext, sent: Notification[], filing: Filing): Promise<FiledCase> {
  const { cipher, settings, newId } = ctx.services
  const repo = new CaseRepository(trx, cipher)
  const now = ctx.now.toISOString()
  const township = filing.regionCode.slice(0, 9)
  const dispute = filing.kind === 'dispute'
  const id = newId()
  // Nobody owns it yet (a grid worker's filing): only the holder of its claim code can take it.
  const code = filing.ownerId === null ? newClaimCode() : undefined
  const row: CaseRow = {
    id,
    tracking_no: await newTrackingNo(repo, filing.regionCode, ctx.now),
    kind: filing.kind,
    dispute_type: dispute ? filing.disputeType ?? null : null,
    stage: 'original',
    parent_id: null,
    title: filing.title,
    description: filing.description,
    region_code: filing.regionCode,
    address: filing.address?.normalize('NFC') || null,
    point: pointText(filing.location),
    photos: JSON.stringify(filing.photos),
    owner_id: filing.ownerId,
    filed_by: filing.filedBy,
    filed_by_role: filing.filedByRole,
    contact_name: filing.contactName.normalize('NFC'),
    // One number, one spelling (E.164), whoever passes it in: what is hashed is what lookups and claims hash.
    contact_phone: toE164(filing.contactPhone),
    phone_hash: cipher.hash(toE164(filing.contactPhone)),
    other_party_name: dispute ? filing.otherPartyName ?? null : null,
    other_party_contact: dispute ? filing.otherPartyContact || null : null,
    consent_version: PRIVACY_NOTICE_VERSION,
    subscribed: filing.subscribe ? 1 : 0,
    risk_level: 0,
    claim_code_hash: code ? claimCodeHash(cipher, id, code) : null,
    public_id: newId(),
    ...freshHandling(township, now)
  }
  Object.assign(row, derived(row, settings.deadlines))
  await repo.insert(row)
  // Asking for progress messages when filing is one acceptance of the progress template (the device asked WeChat).
  if (filing.subscribe && filing.ownerId) await new SubscriptionRepository(trx).accept(filing.ownerId, ['progress'], now)
  await attachPhotos(trx, filing.photos, filing.photoOwner, ctx.now)
  await photosGivenTo(trx, filing.photos, row.id)
  const event = {
    case_id: row.id,
    type: 'file',
    actor_id: filing.filedBy,
    actor_role: filing.filedByRole,
    at: now,
    public_data: JSON.stringify({ kind: filing.kind, ...filing.eventData }),
    staff_data: '{}'
  }
  // The case was inserted just now: its 'file' event is its first.
  const eventSeq = await repo.appendEvent(event, true)
  await notify(trx, ctx, sent, row, 'case.new', await centreStaffFor(trx, township))
  return { row, events: [{ ...event, seq: eventSeq }], claimCode: code }
}
