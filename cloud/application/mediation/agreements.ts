/**
 * The mediation agreement of a dispute, end to end: the mediator drafts it from the case and hands it to both parties;
 * each party reads it and signs on their phone (a handwritten signature and a one-time code from their own messages);
 * the mediator signs; the centre seals. It takes effect on the last of these (domain/mediation/agreement). Then both
 * parties see the Art. 33 window, follow-ups fall due on each performance deadline, a party can report that the other
 * has not performed. Every step goes on the case's timeline and into both parties' messages.
 *
 * Who is who comes from the case policy: the parties by sideIn (what partyOf answers), the mediator the case's assigned
 * one, the centre the unit that handles the case.
 */
import { spendAttempt } from '../../core/rate-limit'
import crypto from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type {
  AgreementContent,
  AgreementKind,
  AgreementPdf,
  AgreementRegionCounts,
  AgreementStatus,
  AgreementVerification,
  AgreementView,
  FollowUpResult,
  PartySide,
  Signer,
  Viewer
} from '../../../types/functions/agreement'
import { SIGNERS } from '../../../types/functions/agreement'
import type { HandlerContext, UserContext } from '../../core/context'
import { fail } from '../../core/errors'
import { once, requestKey } from '../../core/idempotency'
import type { Database } from '../../db/schema'
import { CaseRepository, type CaseRow } from '../../db/repositories/cases'
import { AgreementRepository, type AgreementRow, type SignatureRow } from '../../db/repositories/agreements'
import { RegionRepository } from '../../db/repositories/regions'
import {
  basicCourt,
  canonicalContent,
  checkContent,
  chineseDate,
  confirmationWindow,
  documentSections,
  documentTitle,
  effectiveAt as effectOf,
  followUpsOf,
  isPerformed,
  oralEffectiveAt,
  routesAfterNonPerformance,
  windowState,
  type Signatures
} from '../../domain/mediation/agreement'
import { handlesCase, isAssignedMediator, overseesCase, sideIn, type Actor } from '../../domain/petition/policy'
import type { Notification } from '../../ports/notifier'
import type { SignCodeSms } from '../../ports/sms'
import { smsPhone } from '../cases/mediation'
import { findCjkFont, renderAgreementPdf, type AgreementPdfInput } from '../../ports/pdf'
import { shanghaiDate } from '../../../types/shanghai'
import { pushAfterCommit, writeMessages } from '../outbox'
import { toState } from '../cases/state'

type Db = Kysely<Database> | Transaction<Database>

const CODE_MINUTES = 10
const CODE_TRIES = 5

interface Roles {
  side: PartySide | null
  mediator: boolean
  centre: boolean
  staff: boolean
}

function rolesOf(actor: Actor, row: CaseRow): Roles {
  const state = toState(row)
  return {
    side: sideIn(actor, state),
    mediator: isAssignedMediator(actor, state),
    centre: handlesCase(actor, state),
    staff: overseesCase(actor, state) || actor.grants.some((g) => g.role === 'admin')
  }
}

const viewerOf = (r: Roles): Viewer | null => r.side ?? (r.mediator ? 'mediator' : r.centre ? 'centre' : r.staff ? 'staff' : null)

/** The case and the caller's roles in it; a case they may not see answers like a missing one. */
async function caseFor(db: Db, ctx: UserContext, caseId: string): Promise<{ row: CaseRow; roles: Roles }> {
  const row = await new CaseRepository(db, ctx.services.cipher).byId(caseId)
  if (!row || row.kind !== 'dispute') fail('CASE_NOT_FOUND', 'caseId')
  const roles = rolesOf(ctx.actor, row)
  if (!viewerOf(roles)) fail('CASE_NOT_FOUND', 'caseId')
  return { row, roles }
}

const contentOf = (a: AgreementRow): AgreementContent => JSON.parse(a.content) as AgreementContent

const signaturesOf = (rows: SignatureRow[]): Signatures => Object.fromEntries(rows.map((s) => [s.signer, new Date(s.signed_at)])) as Signatures

/** The check code of an agreement in effect: a keyed hash over its number, version, content and effective instant. */
export function checkCodeOf(ctx: Pick<HandlerContext, 'services'>, a: Pick<AgreementRow, 'doc_no' | 'version' | 'kind' | 'content' | 'effective_at'>): string {
  const digest = ctx.services.cipher.hash(`agreement-check\u0000${a.doc_no}\u0000${a.version}\u0000${canonicalContent(a.kind as AgreementKind, JSON.parse(a.content) as AgreementContent)}\u0000${a.effective_at ?? ''}`)
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
  const bytes = Buffer.from(digest, 'base64url')
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5 && out.length < 16) {
      out += alphabet[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
    if (out.length >= 16) break
  }
  return out.match(/.{4}/g)!.join('-')
}

/** A code as typed: case, spaces and dashes ignored; the letters Crockford's base32 reads as digits read so. */
const normaliseCheckCode = (code: string) =>
  code
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
    .replace(/(.{4})(?=.)/g, '$1-')

async function committeeOf(db: Db, row: CaseRow): Promise<string> {
  const unit = await new RegionRepository(db).get(row.handling_region)
  return `${unit?.name ?? row.handling_region}人民调解委员会`
}

async function courtOf(db: Db, row: CaseRow): Promise<string> {
  const regions = new RegionRepository(db)
  const county = await regions.get(row.region_code.slice(0, 6))
  const city = await regions.get(row.region_code.slice(0, 4))
  return basicCourt({ countyCode: row.region_code.slice(0, 6), countyName: county?.name ?? '', cityName: city?.name ?? '' }).name
}

async function viewOf(db: Db, ctx: UserContext, row: CaseRow, roles: Roles, a: AgreementRow): Promise<AgreementView> {
  const repo = new AgreementRepository(db, ctx.services.cipher)
  const you = viewerOf(roles)!
  const content = contentOf(a)
  const kind = a.kind as AgreementKind
  const signed = await repo.signatures(a.id, a.version)
  const followUps = a.status === 'effective' ? await repo.followUps(a.id) : []
  const reports = a.status === 'effective' ? await repo.reports(a.id) : []
  const window = a.effective_at ? confirmationWindow(new Date(a.effective_at)) : null
  const failed = followUps.some((f) => f.result === 'not_performed' || f.result === 'partly')
  const signedBy = new Set(signed.map((s) => s.signer))
  const mine: Signer | null = roles.side ?? (roles.mediator ? 'mediator' : null)
  // A draft is the mediator's working copy: the parties see it once it is handed to them.
  const parties = you === 'applicant' || you === 'respondent'
  return {
    caseId: row.id,
    trackingNo: row.tracking_no,
    docNo: a.doc_no,
    kind,
    status: a.status as AgreementStatus,
    version: a.version,
    title: documentTitle(kind),
    sections: documentSections(kind, content),
    content,
    committee: await committeeOf(db, row),
    you,
    signatures: kind === 'written' ? SIGNERS.map((signer) => ({ signer, signedAt: signed.find((s) => s.signer === signer)?.signed_at ?? null })) : [],
    effectiveAt: a.effective_at,
    window: window ? { effectiveDate: window.effectiveDate, lastDay: window.lastDay, ...windowState(window, ctx.now), court: await courtOf(db, row) } : null,
    confirmedAt: a.confirmed_at,
    performedAt: a.performed_at,
    followUps: followUps.map((f) => ({ item: f.item, dueDate: f.due_date, result: f.result as FollowUpResult | null, note: f.note, recordedAt: f.recorded_at })),
    reports: reports.map((r) => ({ side: r.side as PartySide, note: r.note, createdAt: r.created_at })),
    routes: reports.length || failed ? routesAfterNonPerformance(a.confirmed_at !== null) : null,
    checkCode: a.status === 'effective' ? checkCodeOf(ctx, a) : null,
    can: {
      edit: roles.mediator && a.status !== 'effective',
      issue: roles.mediator && a.status === 'draft' && kind === 'written',
      sign: a.status === 'signing' && mine !== null && !signedBy.has(mine),
      seal: a.status === 'signing' && roles.centre && !signedBy.has('seal'),
      followUp: roles.mediator && a.status === 'effective',
      report: parties && a.status === 'effective' && !a.performed_at,
      confirm: (roles.mediator || roles.centre) && a.status === 'effective' && !a.confirmed_at
    }
  }
}

/** The case's agreement as the caller sees it; null when there is none yet (or, for a party, only a draft). */
export async function getAgreement(ctx: UserContext, caseId: string): Promise<AgreementView | null> {
  const { db } = ctx.services
  const { row, roles } = await caseFor(db, ctx, caseId)
  const a = await new AgreementRepository(db, ctx.services.cipher).byCase(caseId)
  if (!a || (a.status === 'draft' && !roles.mediator && !roles.centre && !roles.staff)) return null
  return viewOf(db, ctx, row, roles, a)
}

/** The mediator's starting point, from the case: the parties' names and the dispute as filed. */
export async function agreementTemplate(ctx: UserContext, caseId: string): Promise<{ content: AgreementContent }> {
  const { row, roles } = await caseFor(ctx.services.db, ctx, caseId)
  if (!roles.mediator) fail('FORBIDDEN')
  const existing = await new AgreementRepository(ctx.services.db, ctx.services.cipher).byCase(caseId)
  if (existing) return { content: contentOf(existing) }
  return {
    content: {
      applicant: { name: row.contact_name, details: '' },
      respondent: { name: row.other_party_name ?? '', details: '' },
      facts: row.description,
      disputedMatters: '',
      responsibilities: '',
      terms: '',
      performance: []
    }
  }
}

/** The timeline event and the messages of one step, to both parties (and whoever else is named), never the actor. */
async function tell(trx: Db, ctx: UserContext, sent: Notification[], row: CaseRow, step: string, data: Record<string, string | number | boolean | null>, also: (string | null)[] = []): Promise<void> {
  await new CaseRepository(trx, ctx.services.cipher).appendEvent({
    case_id: row.id,
    type: 'agreement',
    actor_id: ctx.userId,
    actor_role: row.owner_id === ctx.userId || row.respondent_id === ctx.userId ? 'resident' : (ctx.actor.grants.find((g) => g.role !== 'resident')?.role ?? 'resident'),
    at: ctx.now.toISOString(),
    public_data: JSON.stringify({ step, ...data }),
    staff_data: '{}'
  })
  const params = { trackingNo: row.tracking_no, title: row.title, status: row.status }
  await writeMessages(trx, ctx, sent, [row.owner_id, row.respondent_id ?? null, ...also], { kind: `agreement.${step}`, caseId: row.id, params: { ...params, ...stringsOf(data) }, push: params })
}

const stringsOf = (data: Record<string, string | number | boolean | null>): Record<string, string> =>
  Object.fromEntries(Object.entries(data).filter(([, v]) => v !== null).map(([k, v]) => [k, String(v)]))

/** Runs a write once per request and answers the agreement as the caller then sees it. */
async function write(ctx: UserContext, caseId: string, action: string, work: (trx: Transaction<Database>, row: CaseRow, roles: Roles, sent: Notification[]) => Promise<void>): Promise<AgreementView> {
  const { db } = ctx.services
  const sent: Notification[] = []
  await once(db, requestKey(ctx, ctx.userId, 'agreement', action), ctx.now, async (trx) => {
    const { row, roles } = await caseFor(trx, ctx, caseId)
    await work(trx, row, roles, sent)
    return caseId
  })
  pushAfterCommit(ctx.services, sent)
  const view = await getAgreement(ctx, caseId)
  if (!view) fail('AGREEMENT_NOT_FOUND')
  return view
}

function refuseProblems(content: AgreementContent, kind: AgreementKind, today: string, onlyHard: boolean): void {
  const problems = checkContent(content, kind, today).filter((p) => !onlyHard || p.problem === 'bad_date' || p.problem === 'date_past' || p.problem === 'too_long' || p.problem === 'too_many')
  if (!problems.length) return
  const first = problems[0]
  if (first.problem === 'too_long') fail('TEXT_TOO_LONG', `content.${first.field}`)
  if (first.problem === 'bad_date' || first.problem === 'date_past' || first.problem === 'too_many') fail('INVALID_VALUE', `content.${first.field}`)
  fail('AGREEMENT_INCOMPLETE', `content.${first.field}`)
}

/** The mediator saves the draft; a revision of one already out for signing voids its signatures (a new version). */
export function saveAgreement(ctx: UserContext, caseId: string, content: AgreementContent): Promise<AgreementView> {
  return write(ctx, caseId, 'save', async (trx, row, roles, sent) => {
    if (!roles.mediator || row.status !== 'assigned') fail('FORBIDDEN')
    refuseProblems(content, 'written', shanghaiDate(ctx.now), true)
    const repo = new AgreementRepository(trx, ctx.services.cipher)
    const existing = await repo.byCase(caseId, true)
    const now = ctx.now.toISOString()
    if (!existing) {
      await repo.insert({
        id: ctx.services.newId(),
        case_id: caseId,
        doc_no: `${row.tracking_no}-T`,
        kind: 'written',
        status: 'draft',
        version: 1,
        content: JSON.stringify(content),
        region_code: row.region_code,
        mediator_id: ctx.userId,
        created_at: now,
        updated_at: now,
        issued_at: null,
        agreed_at: null,
        effective_at: null,
        confirmed_at: null,
        performed_at: null
      })
      return
    }
    if (existing.status === 'effective') fail('ILLEGAL_MOVE')
    if (existing.content === JSON.stringify(content)) return
    const revising = existing.status === 'signing'
    await repo.update(existing.id, { content: JSON.stringify(content), status: 'draft', version: existing.version + 1, updated_at: now, mediator_id: ctx.userId })
    await repo.dropCodes(existing.id)
    if (revising) await tell(trx, ctx, sent, row, 'revised', { version: existing.version + 1 })
  })
}

/** The mediator hands the complete written agreement to both parties to read and sign. */
export function issueAgreement(ctx: UserContext, caseId: string, version: number): Promise<AgreementView> {
  return write(ctx, caseId, 'issue', async (trx, row, roles, sent) => {
    if (!roles.mediator) fail('FORBIDDEN')
    const repo = new AgreementRepository(trx, ctx.services.cipher)
    const a = await repo.byCase(caseId, true)
    if (!a) fail('AGREEMENT_NOT_FOUND')
    if (a.version !== version) fail('AGREEMENT_CHANGED', 'version')
    if (a.status !== 'draft') fail('ILLEGAL_MOVE')
    if (!row.respondent_id) fail('AGREEMENT_NEEDS_PARTY')
    refuseProblems(contentOf(a), 'written', shanghaiDate(ctx.now), false)
    await repo.update(a.id, { status: 'signing', issued_at: ctx.now.toISOString(), updated_at: ctx.now.toISOString() })
    await tell(trx, ctx, sent, row, 'issued', { version })
  })
}

/** What follows an agreement taking effect: its follow-ups, and the window told to both parties. */
async function takeEffect(trx: Db, ctx: UserContext, sent: Notification[], row: CaseRow, a: AgreementRow, at: Date, patch: Partial<AgreementRow> = {}): Promise<void> {
  const repo = new AgreementRepository(trx, ctx.services.cipher)
  await repo.update(a.id, { ...patch, status: 'effective', effective_at: at.toISOString(), updated_at: ctx.now.toISOString() })
  const content = contentOf(a)
  await repo.insertFollowUps(followUpsOf(content.performance).map((f) => ({ agreement_id: a.id, item: f.item, due_date: f.dueDate, result: null, note: null, recorded_by: null, recorded_at: null })))
  const window = confirmationWindow(at)
  await tell(trx, ctx, sent, row, 'effective', { effectiveDate: window.effectiveDate, lastDay: window.lastDay, kind: a.kind }, [row.assignee_id])
}

/** An oral agreement as the mediator recorded it (Art. 28): in effect from when the parties agreed. */
export function recordOralAgreement(ctx: UserContext, caseId: string, content: AgreementContent, agreedAt: string): Promise<AgreementView> {
  return write(ctx, caseId, 'recordOral', async (trx, row, roles, sent) => {
    if (!roles.mediator || row.status !== 'assigned') fail('FORBIDDEN')
    const agreed = new Date(agreedAt)
    const at = oralEffectiveAt(agreed, ctx.now)
    if (!at || agreed.getTime() < Date.parse(row.filed_at)) fail('INVALID_VALUE', 'agreedAt')
    refuseProblems(content, 'oral', shanghaiDate(at), false)
    const repo = new AgreementRepository(trx, ctx.services.cipher)
    const existing = await repo.byCase(caseId, true)
    if (existing?.status === 'effective') fail('ILLEGAL_MOVE')
    const now = ctx.now.toISOString()
    const row2: AgreementRow = {
      id: existing?.id ?? ctx.services.newId(),
      case_id: caseId,
      doc_no: `${row.tracking_no}-K`,
      kind: 'oral',
      status: 'draft',
      version: (existing?.version ?? 0) + 1,
      content: JSON.stringify(content),
      region_code: row.region_code,
      mediator_id: ctx.userId,
      created_at: existing?.created_at ?? now,
      updated_at: now,
      issued_at: now,
      agreed_at: agreed.toISOString(),
      effective_at: null,
      confirmed_at: null,
      performed_at: null
    }
    if (existing) {
      await repo.update(existing.id, { ...row2, id: undefined } as Partial<AgreementRow>)
      await repo.dropCodes(existing.id)
    } else await repo.insert(row2)
    await tell(trx, ctx, sent, row, 'oral', {})
    await takeEffect(trx, ctx, sent, row, row2, at)
  })
}

const codeHash = (ctx: UserContext, a: AgreementRow, signer: string, code: string) => ctx.services.cipher.hash(`agreement-sign\u0000${a.id}\u0000${a.version}\u0000${signer}\u0000${code}`)

/** A party asks for their one-time signing code; it goes to their own messages (never to anyone else). */
export async function requestSignCode(ctx: UserContext, caseId: string, version: number): Promise<{ expiresAt: string; smsSent: boolean }> {
  const { db } = ctx.services
  const sent: Notification[] = []
  let text: SignCodeSms | null = null
  const expiresAt = new Date(ctx.now.getTime() + CODE_MINUTES * 60_000).toISOString()
  await db.transaction().execute(async (trx) => {
    const { row, roles } = await caseFor(trx, ctx, caseId)
    if (!roles.side) fail('FORBIDDEN')
    const repo = new AgreementRepository(trx, ctx.services.cipher)
    const a = await repo.byCase(caseId, true)
    if (!a || a.status === 'draft') fail('AGREEMENT_NOT_FOUND')
    if (a.version !== version) fail('AGREEMENT_CHANGED', 'version')
    if (a.status !== 'signing') fail('ILLEGAL_MOVE')
    // Each code may be a paid text message to a phone: a few per person and case, counted only when one is issued.
    await spendAttempt(trx, [`signCode:user:${ctx.userId}:case:${caseId}`], ctx.services.settings.rateLimits.signCode, ctx.now)
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0')
    await repo.putCode({ agreement_id: a.id, signer: roles.side, code_hash: codeHash(ctx, a, roles.side, code), expires_at: expiresAt, tries: 0 })
    const params = { trackingNo: row.tracking_no, title: row.title, status: row.status }
    // To the caller themself: the outbox leaves out the actor, so the scope names nobody. The list shows the code as
    // the message's title; the push (a WeChat subscription message) carries only the case.
    await writeMessages(trx, { services: ctx.services, now: ctx.now, userId: null }, sent, [ctx.userId], { kind: 'agreement.code', caseId, params: { trackingNo: row.tracking_no, title: code, code, minutes: String(CODE_MINUTES) }, push: params })
    // And by SMS, as the invitation goes: the applicant's phone from the filing, the other party's the one invited.
    const to = smsPhone(roles.side === 'applicant' ? row.contact_phone : row.other_party_contact)
    if (to) text = { to, trackingNo: row.tracking_no, code, minutes: CODE_MINUTES }
  })
  pushAfterCommit(ctx.services, sent)
  return { expiresAt, smsSent: await sendSignCode(ctx, text) }
}

/** After commit: the signing code by SMS where a sender is configured; true once the provider took it. */
async function sendSignCode(ctx: UserContext, text: SignCodeSms | null): Promise<boolean> {
  const sender = ctx.services.sms
  if (!text || !sender?.sendSignCode) return false
  try {
    await sender.sendSignCode(text)
    return true
  } catch {
    return false
  }
}

/** Checks a party's code; a wrong one spends a try (kept even though the signing fails), a spent or expired one never matches. */
async function checkCode(ctx: UserContext, a: AgreementRow, signer: PartySide, code: string | undefined): Promise<void> {
  if (!code) fail('SIGN_CODE_REQUIRED', 'code')
  const repo = new AgreementRepository(ctx.services.db, ctx.services.cipher)
  const stored = await repo.code(a.id, signer)
  const given = Buffer.from(codeHash(ctx, a, signer, code))
  const ok =
    stored !== null &&
    stored.tries < CODE_TRIES &&
    Date.parse(stored.expires_at) >= ctx.now.getTime() &&
    stored.code_hash.length === given.length &&
    crypto.timingSafeEqual(Buffer.from(stored.code_hash), given)
  if (!ok) {
    if (stored) await repo.spendTry(a.id, signer)
    fail('SIGN_CODE_WRONG', 'code')
  }
}

/** A PNG signature as sent by the canvas: decoded and checked to be a PNG. */
function signaturePng(image: string): string {
  const base64 = image.slice('data:image/png;base64,'.length)
  const bytes = Buffer.from(base64, 'base64')
  if (bytes.length < 60 || !bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) fail('INVALID_VALUE', 'image')
  return bytes.toString('base64')
}

/** Records a signature or the seal on the version read; when it completes the four, the agreement takes effect. */
async function addMark(trx: Transaction<Database>, ctx: UserContext, sent: Notification[], row: CaseRow, a: AgreementRow, signer: Signer, image: string | null): Promise<void> {
  const repo = new AgreementRepository(trx, ctx.services.cipher)
  const added = await repo.addSignature({ agreement_id: a.id, version: a.version, signer, user_id: ctx.userId, image, signed_at: ctx.now.toISOString() })
  if (!added) return
  if (signer === 'applicant' || signer === 'respondent') await repo.dropCodes(a.id, signer)
  await tell(trx, ctx, sent, row, signer === 'seal' ? 'sealed' : 'signed', { signer }, [row.assignee_id])
  const at = effectOf(signaturesOf(await repo.signatures(a.id, a.version)))
  if (at) {
    await repo.update(a.id, { doc_no: `${row.tracking_no}-${a.version}` })
    await takeEffect(trx, ctx, sent, row, { ...a, doc_no: `${row.tracking_no}-${a.version}` }, at)
  }
}

/** A party (with their code) or the mediator signs the version they read. Signing twice is signing once. */
export async function signAgreement(ctx: UserContext, caseId: string, version: number, image: string, code: string | undefined): Promise<AgreementView> {
  const { db } = ctx.services
  // The code is checked before the write, so that a wrong one's spent try stays spent.
  {
    const { roles } = await caseFor(db, ctx, caseId)
    if (!roles.side && !roles.mediator) fail('FORBIDDEN')
    const a = await new AgreementRepository(db, ctx.services.cipher).byCase(caseId)
    if (roles.side && a && a.status === 'signing' && a.version === version) {
      const already = (await new AgreementRepository(db, ctx.services.cipher).signatures(a.id, a.version)).some((s) => s.signer === roles.side)
      if (!already) await checkCode(ctx, a, roles.side, code)
    }
  }
  const png = signaturePng(image)
  return write(ctx, caseId, 'sign', async (trx, row, roles, sent) => {
    const signer: Signer | null = roles.side ?? (roles.mediator ? 'mediator' : null)
    if (!signer) fail('FORBIDDEN')
    const a = await new AgreementRepository(trx, ctx.services.cipher).byCase(caseId, true)
    if (!a || a.status === 'draft') fail('AGREEMENT_NOT_FOUND')
    if (a.version !== version) fail('AGREEMENT_CHANGED', 'version')
    if (a.status !== 'signing') {
      // A retry after the agreement took effect with this very signature is answered, not refused.
      if (a.status === 'effective') return
      fail('ILLEGAL_MOVE')
    }
    await addMark(trx, ctx, sent, row, a, signer, png)
  })
}

/** The centre applies the committee's seal to the version out for signing. */
export function sealAgreement(ctx: UserContext, caseId: string, version: number): Promise<AgreementView> {
  return write(ctx, caseId, 'seal', async (trx, row, roles, sent) => {
    if (!roles.centre) fail('FORBIDDEN')
    const a = await new AgreementRepository(trx, ctx.services.cipher).byCase(caseId, true)
    if (!a || a.status === 'draft') fail('AGREEMENT_NOT_FOUND')
    if (a.version !== version) fail('AGREEMENT_CHANGED', 'version')
    if (a.status === 'effective') return
    await addMark(trx, ctx, sent, row, a, 'seal', null)
  })
}

/** The mediator records a follow-up; when every item is found performed, the agreement is performed. */
export function recordFollowUp(ctx: UserContext, caseId: string, item: number, result: FollowUpResult, note: string): Promise<AgreementView> {
  return write(ctx, caseId, 'recordFollowUp', async (trx, row, roles, sent) => {
    if (!roles.mediator) fail('FORBIDDEN')
    const repo = new AgreementRepository(trx, ctx.services.cipher)
    const a = await repo.byCase(caseId, true)
    if (!a || a.status !== 'effective') fail('AGREEMENT_NOT_FOUND')
    if (!(await repo.recordFollowUp(a.id, item, { result, note, recorded_by: ctx.userId, recorded_at: ctx.now.toISOString() }))) fail('INVALID_VALUE', 'item')
    await tell(trx, ctx, sent, row, 'followup', { item: item + 1, result })
    if (!a.performed_at && isPerformed((await repo.followUps(a.id)).map((f) => f.result as FollowUpResult | null))) {
      await repo.update(a.id, { performed_at: ctx.now.toISOString(), updated_at: ctx.now.toISOString() })
      await tell(trx, ctx, sent, row, 'performed', {})
    }
  })
}

/** A party reports that the other has not performed: the mediator and the centre are told; both parties see the routes. */
export function reportNonPerformance(ctx: UserContext, caseId: string, note: string): Promise<AgreementView> {
  return write(ctx, caseId, 'reportNonPerformance', async (trx, row, roles, sent) => {
    if (!roles.side) fail('FORBIDDEN')
    const repo = new AgreementRepository(trx, ctx.services.cipher)
    const a = await repo.byCase(caseId, true)
    if (!a || a.status !== 'effective') fail('AGREEMENT_NOT_FOUND')
    if (a.performed_at) fail('ILLEGAL_MOVE')
    await repo.insertReport({ id: ctx.services.newId(), agreement_id: a.id, side: roles.side, user_id: ctx.userId, note, created_at: ctx.now.toISOString() })
    await tell(trx, ctx, sent, row, 'nonperformance', { side: roles.side }, [row.assignee_id])
  })
}

/** The mediator or the centre records the court's judicial confirmation (Art. 33): enforcement becomes a route. */
export function recordConfirmation(ctx: UserContext, caseId: string, date: string): Promise<AgreementView> {
  return write(ctx, caseId, 'recordConfirmation', async (trx, row, roles, sent) => {
    if (!roles.mediator && !roles.centre) fail('FORBIDDEN')
    const repo = new AgreementRepository(trx, ctx.services.cipher)
    const a = await repo.byCase(caseId, true)
    if (!a || a.status !== 'effective') fail('AGREEMENT_NOT_FOUND')
    if (a.confirmed_at) return
    if (date < shanghaiDate(new Date(a.effective_at!)) || date > shanghaiDate(ctx.now)) fail('INVALID_VALUE', 'date')
    await repo.update(a.id, { confirmed_at: ctx.now.toISOString(), updated_at: ctx.now.toISOString() })
    await tell(trx, ctx, sent, row, 'confirmed', { date })
  })
}

const SIGNER_LABEL: Record<Signer, string> = { applicant: '申请人（签名）', respondent: '被申请人（签名）', mediator: '人民调解员（签名）', seal: '人民调解委员会（印章）' }

/** The agreement, or the joint application for judicial confirmation, as a PDF with the words the app shows. */
export async function agreementPdf(ctx: UserContext, caseId: string, document: 'agreement' | 'application'): Promise<AgreementPdf> {
  const { db } = ctx.services
  const { row, roles } = await caseFor(db, ctx, caseId)
  const view = await getAgreement(ctx, caseId)
  if (!view || (view.status === 'draft' && !roles.mediator)) fail('AGREEMENT_NOT_FOUND')
  const font = findCjkFont()
  if (!font) fail('PDF_UNAVAILABLE')
  const a = (await new AgreementRepository(db, ctx.services.cipher).byCase(caseId))!
  const signed = await new AgreementRepository(db, ctx.services.cipher).signatures(a.id, a.version)
  const effective = view.effectiveAt ? chineseDate(shanghaiDate(new Date(view.effectiveAt))) : null
  const footer = effective
    ? [`本协议自${effective}起生效。编号：${view.docNo}`, `核验码：${view.checkCode}（可向${view.committee}核验真伪）`]
    : [`本协议尚未生效（须双方当事人、人民调解员签名并加盖人民调解委员会印章）。编号：${view.docNo}`]
  let input: AgreementPdfInput
  if (document === 'application') {
    if (!view.window) fail('AGREEMENT_NOT_FOUND')
    input = applicationDocument(view, row)
  } else {
    input = {
      title: view.title,
      subtitle: [`编号：${view.docNo}`, view.committee],
      sections: view.sections,
      signatures:
        view.kind === 'written'
          ? SIGNERS.map((s) => {
              const sig = signed.find((x) => x.signer === s)
              return { label: SIGNER_LABEL[s], png: sig?.image ? Buffer.from(sig.image, 'base64') : null, line: sig ? `${s === 'seal' ? '已盖章 ' : ''}${chineseDate(shanghaiDate(new Date(sig.signed_at)))}` : '未签署' }
            })
          : [{ label: '记录人（人民调解员）', png: null, line: `达成时间：${chineseDate(shanghaiDate(new Date(a.agreed_at!)))}` }],
      footer
    }
  }
  let bytes: Uint8Array
  try {
    bytes = await renderAgreementPdf(input, font)
  } catch {
    fail('PDF_UNAVAILABLE')
  }
  const name = document === 'application' ? '司法确认申请书' : view.title
  return { fileName: `${name}-${view.docNo}.pdf`, base64: Buffer.from(bytes).toString('base64'), bytes: bytes.length }
}

/** The parties' joint application to the basic court, filled from the case and the agreement (Art. 33; 民诉法 Art. 205). */
export function applicationDocument(view: AgreementView, row: CaseRow): AgreementPdfInput {
  const w = view.window!
  const c = view.content
  return {
    title: '司法确认申请书',
    subtitle: [`致：${w.court}`],
    sections: [
      { heading: '申请人', body: `${c.applicant.name}${c.applicant.details ? `，${c.applicant.details}` : ''}\n${c.respondent.name}${c.respondent.details ? `，${c.respondent.details}` : ''}` },
      { heading: '请求事项', body: `请求确认申请人于${chineseDate(w.effectiveDate)}经${view.committee}调解达成的${view.title === '人民调解协议书' ? '调解协议' : '口头调解协议'}（编号${view.docNo}，事项编号${row.tracking_no}）有效。` },
      { heading: '事实和理由', body: `申请人之间的纠纷经${view.committee}主持调解，双方自愿达成调解协议，协议自${chineseDate(w.effectiveDate)}起生效。依照《中华人民共和国人民调解法》第三十三条和《中华人民共和国民事诉讼法》第二百零五条，申请人在调解协议生效之日起三十日内（至${chineseDate(w.lastDay)}止）共同向人民法院申请司法确认。` },
      { heading: '调解协议内容', body: view.sections.map((s) => `${s.heading}\n${s.body}`).join('\n') },
      { heading: '申请人承诺', body: '申请人保证出于解决纠纷的目的自愿达成协议，没有恶意串通、规避法律的行为；如因虚假调解导致他人合法权益受损，愿意承担相应的法律责任。' }
    ],
    signatures: [
      { label: '申请人（签名）', png: null, line: '年    月    日' },
      { label: '申请人（签名）', png: null, line: '年    月    日' }
    ],
    footer: [`附：调解协议书（编号${view.docNo}，核验码${view.checkCode ?? ''}）、双方当事人身份证明。`, `申请期限至${chineseDate(w.lastDay)}。`]
  }
}

/** Staff: whether a printed agreement is genuine — its number and check code against the record. */
export async function verifyAgreement(ctx: UserContext, docNo: string, code: string): Promise<AgreementVerification> {
  if (!ctx.actor.grants.some((g) => g.role === 'centre_staff' || g.role === 'admin' || g.role === 'mediator')) fail('FORBIDDEN')
  const a = await new AgreementRepository(ctx.services.db, ctx.services.cipher).byDocNo(docNo.trim().toUpperCase())
  if (!a || a.status !== 'effective') return { genuine: false, record: null }
  const expected = Buffer.from(checkCodeOf(ctx, a))
  const given = Buffer.from(normaliseCheckCode(code))
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return { genuine: false, record: null }
  const row = await new CaseRepository(ctx.services.db, ctx.services.cipher).byId(a.case_id)
  const content = contentOf(a)
  return {
    genuine: true,
    record: { docNo: a.doc_no, trackingNo: row?.tracking_no ?? '', effectiveAt: a.effective_at, parties: [content.applicant.name, content.respondent.name], status: 'effective' }
  }
}

/** Public counts: per city, or per county within one city. */
export async function agreementStats(ctx: HandlerContext, cityCode: string | undefined): Promise<{ regions: AgreementRegionCounts[] }> {
  const { db, cipher } = ctx.services
  const counts = await new AgreementRepository(db, cipher).countsByRegion(cityCode ? 6 : 4, cityCode ?? '')
  const regions = new RegionRepository(db)
  const out: AgreementRegionCounts[] = []
  for (const c of counts) out.push({ ...c, name: (await regions.get(c.regionCode))?.name ?? c.regionCode })
  return { regions: out }
}
