/**
 * Mediation with both parties (issue #17): the other party's invitation and joining, their consent (Art. 17), a party
 * asking for another mediator or to end the mediation (Art. 23), the Art. 26 ending with both told their other routes,
 * the other party's own account and photos, and the sessions both confirm. The rules are the domain's
 * (domain/petition/parties.ts); every change, its timeline event and its messages are one transaction, once per
 * request id, and the messages are pushed after it commits.
 */
import crypto from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Invitation, InvitationState, MediationView, PartyView, SessionAnswer, SessionMode, SessionStatus, SessionView } from '../../../types/functions/parties'
import { formatInvitationCode, INVITATION_CODE_LENGTH, INVITATION_CODE_PATTERN, INVITATION_PAGE } from '../../../types/functions/parties'
import { PHONE_PATTERN, toE164 } from '../../../types/phone'
import type { HandlerContext, Services, UserContext } from '../../core/context'
import { fail } from '../../core/errors'
import { once, requestKey } from '../../core/idempotency'
import { guardGuesses } from '../../core/rate-limit'
import type { Database } from '../../db/schema'
import { CaseRepository, type CaseRow } from '../../db/repositories/cases'
import { InvitationRepository, PartyRepository, SessionRepository, type PartyRow, type PartySide, type SessionRow } from '../../db/repositories/parties'
import { READABLE_ALPHABET } from '../../../types/tracking'
import { localDate } from '../../domain/petition/deadlines'
import {
  answerDue,
  answerSession,
  canInvite,
  canRunSessions,
  checkAttendance,
  checkSchedule,
  decideParty,
  inMediation,
  invitationExpiry,
  joinable,
  sessionOpen,
  type Consent,
  type PartiesCase,
  type PartyMove
} from '../../domain/petition/parties'
import { canView, isAssignedMediator, isStaffReader, sideIn, type Actor } from '../../domain/petition/policy'
import type { Notification } from '../../ports/notifier'
import { checkTexts } from '../content'
import { attachPhotos, photoLinks } from '../files'
import { photosGivenTo, photoVisibility, uncheckedPhotos } from '../media-checks'
import { pushAfterCommit, writeMessages, type Scope } from '../outbox'
import { centreStaffFor } from './filing'
import { patchRow, toState } from './state'
import { privatePhotos } from './view'

type Db = Kysely<Database> | Transaction<Database>

const factsOf = (row: CaseRow): PartiesCase => ({ ...toState(row), kind: row.kind })

/** The standard words of Art. 26 for a mediation that ends without agreement: the routes that stay open. */
const OTHER_ROUTES = '调解已终止。双方可以依法通过仲裁、行政、司法等途径维护自己的权利，例如向人民法院提起诉讼；如需帮助，可咨询村（居）法律顾问或拨打 12348 公共法律服务热线。'

// ---- invitations ----

const newInvitationCode = (): string => Array.from({ length: INVITATION_CODE_LENGTH }, () => READABLE_ALPHABET[crypto.randomInt(READABLE_ALPHABET.length)]).join('')
/** Looked up by its keyed hash alone (the case is not known when someone types a code). */
const invitationHash = (services: Services, code: string) => services.cipher.hash(`invitation:${code}`)

/** A new invitation for the case's other party, in the caller's transaction (older open ones stop working); its code. */
export async function createInvitation(trx: Db, services: Services, row: CaseRow, createdBy: string, now: Date): Promise<{ code: string; expiresAt: Date }> {
  const invitations = new InvitationRepository(trx)
  await invitations.revokeOpen(row.id, now.toISOString())
  const code = newInvitationCode()
  const expiresAt = invitationExpiry(now, services.settings.parties)
  await invitations.insert({ id: services.newId(), case_id: row.id, code_hash: invitationHash(services, code), created_by: createdBy, created_at: now.toISOString(), expires_at: expiresAt.toISOString(), used_at: null, used_by: null, revoked_at: null })
  return { code, expiresAt }
}

/** The other party's phone from the filing, when what the applicant typed there is one. */
export function otherPartyPhone(row: Pick<CaseRow, 'other_party_contact'>): string | null {
  return smsPhone(row.other_party_contact)
}

/** A phone number as typed on a form, for an SMS (E.164); null when what was typed is not a mobile number. */
export function smsPhone(typed: string | null): string | null {
  const plain = (typed ?? '').replace(/[\s\-()（）]/g, '')
  return PHONE_PATTERN.test(plain) ? toE164(plain) : null
}

/** After commit: the code by SMS to the other party's phone, where a sender is configured; true once the provider took it. */
export async function sendInvitation(services: Services, row: Pick<CaseRow, 'tracking_no' | 'other_party_contact'>, code: string, expiresAt: Date): Promise<boolean> {
  const to = otherPartyPhone(row)
  if (!to || !services.sms?.sendInvitation) return false
  try {
    await services.sms.sendInvitation({ to, trackingNo: row.tracking_no, code: formatInvitationCode(code), until: localDate(new Date(expiresAt.getTime() - 1)) })
    return true
  } catch {
    return false
  }
}

/**
 * A new invitation the centre hands over or sends: code, link, mini-program code, and an SMS where configured. Not
 * once per request id: a code is shown once, so a retry must get a code that works (the newest).
 */
export async function invite(ctx: UserContext, id: string): Promise<Invitation> {
  const { services } = ctx
  const { row, code, expiresAt } = await services.db.transaction().execute(async (trx) => {
    const row = await readable(trx, ctx, id, true)
    const facts = factsOf(row)
    if (!canInvite(ctx.actor, facts)) fail('FORBIDDEN')
    if (!inMediation(facts) || facts.respondentId) fail('ILLEGAL_MOVE')
    return { row, ...(await createInvitation(trx, services, row, ctx.userId, ctx.now)) }
  })
  const scene = `i=${code}`
  let miniCode: string | null = null
  try {
    const made = await services.miniCodes?.unlimited({ scene, page: INVITATION_PAGE })
    if (made) miniCode = `data:${made.mime};base64,${made.bytes.toString('base64')}`
  } catch {
    // No picture this time; the code and the link still work.
  }
  const shown = formatInvitationCode(code)
  return { code: shown, link: `/#/${INVITATION_PAGE}?code=${shown}`, scene, miniCode, expiresAt: expiresAt.toISOString(), smsSent: await sendInvitation(services, row, code, expiresAt) }
}

/**
 * Joining with a code makes the caller the respondent of that case, and of that case only. A wrong, expired, replaced
 * or used code, a case no longer in mediation and one's own case all answer exactly like an unknown code; wrong
 * answers count against the caller (settings.rateLimits.join). A retry by the person who joined answers the same case.
 */
export async function join(ctx: UserContext, typed: string): Promise<{ caseId: string }> {
  const { services } = ctx
  const sent: Notification[] = []
  const guess = { kind: 'join', key: 'invitation', client: ctx.client, userId: ctx.userId }
  const caseId = await guardGuesses(services.db, guess, services.settings.rateLimits.join, ctx.now, async (trx) => {
    if (!INVITATION_CODE_PATTERN.test(typed)) return null
    const invitations = new InvitationRepository(trx)
    const inv = await invitations.byHash(invitationHash(services, typed))
    if (!inv) return null
    const repo = new CaseRepository(trx, services.cipher)
    const row = await repo.byIdForUpdate(inv.case_id)
    if (!row) return null
    const date = (iso: string | null) => (iso ? new Date(iso) : null)
    const verdict = joinable({ expiresAt: new Date(inv.expires_at), usedAt: date(inv.used_at), usedBy: inv.used_by, revokedAt: date(inv.revoked_at) }, factsOf(row), ctx.actor, ctx.now)
    if (verdict === 'already') return row.id
    if (verdict === 'refuse') return null
    if (!(await invitations.use(inv.id, ctx.userId, ctx.now.toISOString()))) return null
    const now = ctx.now.toISOString()
    if (!(await repo.update(row.id, row.version, { respondent_id: ctx.userId, updated_at: now }))) fail('CONFLICT')
    await new PartyRepository(trx, services.cipher).insert(newParty(row.id, 'respondent', ctx.userId, now))
    await appendEvent(trx, ctx, row.id, 'partyJoin', 'respondent', {})
    const updated = { ...row, respondent_id: ctx.userId }
    await tell(trx, ctx, sent, updated, 'mediation.joined', [row.owner_id])
    await tell(trx, ctx, sent, updated, 'mediation.staff.joined', await staffOf(trx, row))
    return row.id
  })
  if (!caseId) return fail('INVITATION_NOT_FOUND', 'invitationCode')
  pushAfterCommit(services, sent)
  return { caseId }
}

// ---- a party's steps ----

/** Accept or decline mediation, ask for another mediator, ask to end it. */
export async function partyStep(ctx: UserContext, id: string, input: PartyMove, action: string): Promise<MediationView> {
  const reason = 'reason' in input ? input.reason : undefined
  await checkTexts(ctx, { reason })
  const sent: Notification[] = []
  await once(ctx.services.db, requestKey(ctx, ctx.userId, 'parties', action), ctx.now, async (trx) => {
    const repo = new CaseRepository(trx, ctx.services.cipher)
    const row = await readable(trx, ctx, id, true)
    const facts = factsOf(row)
    const side = sideIn(ctx.actor, facts)
    const parties = new PartyRepository(trx, ctx.services.cipher)
    const own = side ? await parties.side(id, side) : null
    const decision = decideParty(facts, ctx.actor, own ? partyFacts(own) : null, input, ctx.now)
    if (!decision.ok) return fail(decision.code)
    const now = ctx.now.toISOString()
    if (!own) await parties.insert(newParty(id, side!, ctx.userId, now))
    const p = decision.party
    await parties.update(id, side!, {
      ...(p.consent ? { consent: p.consent, consent_at: now } : {}),
      ...(p.anotherMediatorAt ? { another_mediator_at: now, another_mediator_reason: reason ?? null } : {}),
      ...(p.endRequestedAt ? { end_requested_at: now } : {}),
      updated_at: now
    })
    const type = { accept: 'partyAccept', decline: 'partyDecline', anotherMediator: 'partyAnotherMediator', endMediation: 'partyEnd' }[input.move]
    let updated = row
    if (decision.endsMediation) {
      // Arts. 17 and 26: no mediation; the case ends as 调解不成 and both parties are told the routes that stay open.
      const changes = patchRow(row, { status: 'closed', closedAt: ctx.now, outcome: 'mediation_failed' }, ctx.now, ctx.services.settings.deadlines)
      if (!(await repo.update(id, row.version, changes))) fail('CONFLICT')
      updated = { ...row, ...changes }
      await new SessionRepository(trx, ctx.services.cipher).cancelOpen(id, now)
    }
    await appendEvent(trx, ctx, id, type, side === 'applicant' ? 'resident' : 'respondent', { ...decision.event, ...(decision.endsMediation ? { otherRoutes: OTHER_ROUTES } : {}) })
    if (decision.endsMediation) {
      // Both parties, the one who ended it too: the message carries the routes.
      await tell(trx, { ...ctx, userId: null }, sent, updated, 'mediation.ended', [row.owner_id, row.respondent_id ?? null])
      await tell(trx, ctx, sent, updated, 'mediation.staff.ended', await staffOf(trx, row))
    } else if (input.move === 'accept') {
      await tell(trx, ctx, sent, updated, 'mediation.accepted', [row.owner_id])
      await tell(trx, ctx, sent, updated, 'mediation.staff.accepted', await staffOf(trx, row))
    } else {
      await tell(trx, ctx, sent, updated, 'mediation.staff.another_mediator', await staffOf(trx, row))
    }
    return id
  })
  pushAfterCommit(ctx.services, sent)
  return view(ctx, id)
}

/** The other party's own account of the dispute, with their own photos (replacing what they gave before). */
export async function giveAccount(ctx: UserContext, id: string, text: string, photos: string[]): Promise<MediationView> {
  await checkTexts(ctx, { text })
  const sent: Notification[] = []
  await once(ctx.services.db, requestKey(ctx, ctx.userId, 'parties', 'account'), ctx.now, async (trx) => {
    const row = await readable(trx, ctx, id, true)
    const facts = factsOf(row)
    if (sideIn(ctx.actor, facts) !== 'respondent') fail('FORBIDDEN')
    if (!inMediation(facts)) fail('ILLEGAL_MOVE')
    const unique = [...new Set(photos)]
    const parties = new PartyRepository(trx, ctx.services.cipher)
    const own = await parties.side(id, 'respondent')
    const before = new Set(own ? (JSON.parse(own.photos) as string[]) : [])
    // Photos must be the sender's own uploads; those already given stay attached.
    await attachPhotos(trx, unique.filter((p) => !before.has(p)), ctx.userId, ctx.now)
    await photosGivenTo(trx, unique, id)
    const now = ctx.now.toISOString()
    await parties.update(id, 'respondent', { account: text, account_at: now, photos: JSON.stringify(unique), updated_at: now })
    await appendEvent(trx, ctx, id, 'partyAccount', 'respondent', { photos: unique.length })
    await tell(trx, ctx, sent, row, 'mediation.account', [row.owner_id])
    await tell(trx, ctx, sent, row, 'mediation.staff.account', row.assignee_id ? [row.assignee_id] : await staffOf(trx, row))
    return id
  })
  pushAfterCommit(ctx.services, sent)
  return view(ctx, id)
}

/** The applicant marks which of their photos (of the filing or added later) the other party never sees. */
export async function setPrivatePhotos(ctx: UserContext, id: string, photos: string[]): Promise<MediationView> {
  await ctx.services.db.transaction().execute(async (trx) => {
    const repo = new CaseRepository(trx, ctx.services.cipher)
    const row = await readable(trx, ctx, id, true)
    if (sideIn(ctx.actor, factsOf(row)) !== 'applicant') fail('FORBIDDEN')
    const events = await repo.events(id)
    const theirs = new Set([...(JSON.parse(row.photos) as string[]), ...events.filter((e) => e.actor_id === row.owner_id).flatMap((e) => photoIdsOf(e.public_data))])
    const unknown = photos.find((p) => !theirs.has(p))
    if (unknown) fail('FILE_NOT_FOUND', 'photos')
    // Setting the same list twice is the same change: a retry needs no request id here.
    if (!(await repo.update(id, row.version, { private_photos: JSON.stringify([...new Set(photos)]), updated_at: ctx.now.toISOString() }))) fail('CONFLICT')
  })
  return view(ctx, id)
}

const photoIdsOf = (publicData: string): string[] => {
  const ids = (JSON.parse(publicData) as Record<string, unknown>).photoIds
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : []
}

// ---- sessions ----

export interface SessionInput {
  mode: SessionMode
  startsAt: string
  place: string
}

/** The mediator schedules a session (调解会): both parties are asked to confirm by the answer time. */
export async function schedule(ctx: UserContext, id: string, input: SessionInput): Promise<MediationView> {
  await checkTexts(ctx, { place: input.place })
  const sent: Notification[] = []
  await once(ctx.services.db, requestKey(ctx, ctx.userId, 'parties', 'schedule'), ctx.now, async (trx) => {
    const row = await readable(trx, ctx, id, true)
    const startsAt = new Date(input.startsAt)
    const respondent = await new PartyRepository(trx, ctx.services.cipher).side(id, 'respondent')
    const refused = checkSchedule(factsOf(row), ctx.actor, (respondent?.consent ?? null) as Consent | null, startsAt, ctx.now)
    if (refused) fail(refused, refused === 'SESSION_IN_PAST' ? 'startsAt' : undefined)
    const now = ctx.now.toISOString()
    const sessionId = ctx.services.newId()
    await new SessionRepository(trx, ctx.services.cipher).insert({
      id: sessionId,
      case_id: id,
      ...proposal(ctx, input, startsAt),
      attendance: null,
      created_by: ctx.userId,
      created_at: now,
      updated_at: now
    })
    await appendEvent(trx, ctx, id, 'sessionScheduled', 'mediator', { sessionId, mode: input.mode, startsAt: startsAt.toISOString(), place: input.place })
    await tell(trx, ctx, sent, row, 'mediation.session_scheduled', [row.owner_id, row.respondent_id ?? null], { start: startsAt.toISOString() })
    return id
  })
  pushAfterCommit(ctx.services, sent)
  return view(ctx, id)
}

/** A session as proposed to both parties, scheduled or moved: both answers pending again, reminders not yet sent. */
function proposal(ctx: UserContext, input: SessionInput, startsAt: Date) {
  return {
    mode: input.mode,
    starts_at: startsAt.toISOString(),
    place: input.place,
    status: 'proposed',
    applicant_answer: 'pending',
    respondent_answer: 'pending',
    answer_note: null,
    answer_due_at: answerDue(startsAt, ctx.now, ctx.services.settings.parties).toISOString(),
    answer_reminded_at: null,
    reminded_at: null
  }
}

/** The mediator moves a session to another time or place: both parties are asked again. */
export async function reschedule(ctx: UserContext, id: string, sessionId: string, input: SessionInput): Promise<MediationView> {
  await checkTexts(ctx, { place: input.place })
  const sent: Notification[] = []
  await once(ctx.services.db, requestKey(ctx, ctx.userId, 'parties', 'reschedule'), ctx.now, async (trx) => {
    const row = await readable(trx, ctx, id, true)
    const startsAt = new Date(input.startsAt)
    const respondent = await new PartyRepository(trx, ctx.services.cipher).side(id, 'respondent')
    const refused = checkSchedule(factsOf(row), ctx.actor, (respondent?.consent ?? null) as Consent | null, startsAt, ctx.now)
    if (refused) fail(refused, refused === 'SESSION_IN_PAST' ? 'startsAt' : undefined)
    const sessions = new SessionRepository(trx, ctx.services.cipher)
    const sess = await sessionOf(sessions, id, sessionId)
    if (!sessionOpen({ status: sess.status as SessionStatus })) fail('ILLEGAL_MOVE')
    const ok = await sessions.update(sess.id, sess.updated_at, {
      ...proposal(ctx, input, startsAt),
      updated_at: ctx.now.toISOString()
    })
    if (!ok) fail('CONFLICT')
    await appendEvent(trx, ctx, id, 'sessionMoved', 'mediator', { sessionId, mode: input.mode, startsAt: startsAt.toISOString(), place: input.place })
    await tell(trx, ctx, sent, row, 'mediation.session_moved', [row.owner_id, row.respondent_id ?? null], { start: startsAt.toISOString() })
    return id
  })
  pushAfterCommit(ctx.services, sent)
  return view(ctx, id)
}

/** The mediator cancels a session still to be held. */
export async function cancelSession(ctx: UserContext, id: string, sessionId: string, reason: string | undefined): Promise<MediationView> {
  await checkTexts(ctx, { reason })
  const sent: Notification[] = []
  await once(ctx.services.db, requestKey(ctx, ctx.userId, 'parties', 'cancelSession'), ctx.now, async (trx) => {
    const row = await readable(trx, ctx, id, true)
    runsSessions(ctx.actor, row)
    const sessions = new SessionRepository(trx, ctx.services.cipher)
    const sess = await sessionOf(sessions, id, sessionId)
    if (!sessionOpen({ status: sess.status as SessionStatus })) fail('ILLEGAL_MOVE')
    if (!(await sessions.update(sess.id, sess.updated_at, { status: 'cancelled', updated_at: ctx.now.toISOString() }))) fail('CONFLICT')
    await appendEvent(trx, ctx, id, 'sessionCancelled', 'mediator', { sessionId, startsAt: sess.starts_at, reason: reason ?? null })
    await tell(trx, ctx, sent, row, 'mediation.session_cancelled', [row.owner_id, row.respondent_id ?? null], { start: sess.starts_at })
    return id
  })
  pushAfterCommit(ctx.services, sent)
  return view(ctx, id)
}

/** A party confirms a session or asks for another time; confirmed once both confirmed. */
export async function answer(ctx: UserContext, id: string, sessionId: string, given: 'confirm' | 'another_time', note: string | undefined): Promise<MediationView> {
  await checkTexts(ctx, { note })
  const sent: Notification[] = []
  await once(ctx.services.db, requestKey(ctx, ctx.userId, 'parties', 'answer'), ctx.now, async (trx) => {
    const row = await readable(trx, ctx, id, true)
    const side = sideIn(ctx.actor, factsOf(row))
    if (!side) fail('FORBIDDEN')
    const sessions = new SessionRepository(trx, ctx.services.cipher)
    const sess = await sessionOf(sessions, id, sessionId)
    const decision = answerSession(sessionFacts(sess), side, given === 'confirm' ? 'confirmed' : 'another_time', ctx.now)
    if (!decision.ok) return fail(decision.code)
    const ok = await sessions.update(sess.id, sess.updated_at, {
      status: decision.status,
      applicant_answer: decision.applicant,
      respondent_answer: decision.respondent,
      ...(given === 'another_time' ? { answer_note: note ?? null } : {}),
      updated_at: ctx.now.toISOString()
    })
    if (!ok) fail('CONFLICT')
    await appendEvent(trx, ctx, id, 'sessionAnswer', side === 'applicant' ? 'resident' : 'respondent', { sessionId, answer: given, startsAt: sess.starts_at, ...(given === 'another_time' ? { note: note ?? null } : {}) })
    const staff = row.assignee_id ? [row.assignee_id] : await staffOf(trx, row)
    await tell(trx, ctx, sent, row, 'mediation.staff.answered', staff, { start: sess.starts_at })
    if (decision.status === 'confirmed' && sess.status !== 'confirmed') await tell(trx, { ...ctx, userId: null }, sent, row, 'mediation.session_confirmed', [row.owner_id, row.respondent_id ?? null], { start: sess.starts_at })
    return id
  })
  pushAfterCommit(ctx.services, sent)
  return view(ctx, id)
}

/** The mediator records who came, once the session has started; it is then held. */
export async function recordAttendance(ctx: UserContext, id: string, sessionId: string, attended: { applicant: boolean; respondent: boolean }): Promise<MediationView> {
  const sent: Notification[] = []
  await once(ctx.services.db, requestKey(ctx, ctx.userId, 'parties', 'attendance'), ctx.now, async (trx) => {
    const row = await readable(trx, ctx, id, true)
    runsSessions(ctx.actor, row)
    const sessions = new SessionRepository(trx, ctx.services.cipher)
    const sess = await sessionOf(sessions, id, sessionId)
    const refused = checkAttendance(sessionFacts(sess), ctx.now)
    if (refused) fail(refused)
    if (!(await sessions.update(sess.id, sess.updated_at, { status: 'held', attendance: JSON.stringify(attended), updated_at: ctx.now.toISOString() }))) fail('CONFLICT')
    await appendEvent(trx, ctx, id, 'sessionHeld', 'mediator', { sessionId, startsAt: sess.starts_at, applicant: attended.applicant, respondent: attended.respondent })
    await tell(trx, ctx, sent, row, 'mediation.session_held', [row.owner_id, row.respondent_id ?? null], { start: sess.starts_at })
    return id
  })
  pushAfterCommit(ctx.services, sent)
  return view(ctx, id)
}

// ---- reading ----

/** The mediation as the caller may see it: a party (their side) or staff who may read the case. */
export async function view(ctx: UserContext, id: string): Promise<MediationView> {
  const { services } = ctx
  const row = await readable(services.db, ctx, id, false)
  const facts = factsOf(row)
  const side = sideIn(ctx.actor, facts)
  const staff = isStaffReader(ctx.actor, facts)
  const [parties, sessions, invitation] = await Promise.all([
    new PartyRepository(services.db, services.cipher).ofCase(id),
    new SessionRepository(services.db, services.cipher).ofCase(id),
    staff ? new InvitationRepository(services.db).latest(id) : null
  ])
  const bySide = new Map(parties.map((p) => [p.side, p]))
  const partyPhotos = parties.flatMap((p) => JSON.parse(p.photos) as string[])
  const [links, unchecked] = await Promise.all([photoLinks(services, partyPhotos, ctx.now), uncheckedPhotos(services.db, partyPhotos)])
  // A photo that has not passed the image check is seen only by its owner and the staff handling the case.
  const checkOf = photoVisibility(unchecked, ctx.userId, staff)
  const partyView = (s: PartySide): PartyView => {
    const p = bySide.get(s)
    const joined = s === 'applicant' ? row.owner_id !== null : Boolean(row.respondent_id)
    return {
      side: s,
      joined,
      joinedAt: p?.joined_at ?? (s === 'applicant' ? row.filed_at : null),
      consent: s === 'applicant' ? 'accepted' : ((p?.consent as PartyView['consent'] | undefined) ?? 'pending'),
      consentAt: s === 'applicant' ? row.filed_at : (p?.consent_at ?? null),
      anotherMediatorAt: p?.another_mediator_at ?? null,
      anotherMediatorReason: p?.another_mediator_reason ?? null,
      endRequestedAt: p?.end_requested_at ?? null,
      account: p?.account ?? null,
      accountAt: p?.account_at ?? null,
      photos: (p ? (JSON.parse(p.photos) as string[]) : []).flatMap((pid) => {
        const { shown, check } = checkOf(pid)
        return shown ? [{ id: pid, url: links.get(pid) ?? '', ...(check ? { check } : {}) }] : []
      })
    }
  }
  const open = inMediation(facts)
  const respondentConsent = bySide.get('respondent')?.consent ?? 'pending'
  const can: string[] = []
  if (side === 'respondent' && open && respondentConsent === 'pending') can.push('consent')
  if (side && open && !(side === 'respondent' && respondentConsent === 'declined')) can.push('anotherMediator', 'endMediation')
  if (side === 'respondent' && open) can.push('account')
  if (side === 'applicant') can.push('privatePhotos')
  if (side && sessions.some((s) => sessionOpen({ status: s.status as SessionStatus }) && new Date(s.starts_at) > ctx.now)) can.push('answer')
  if (staff && canInvite(ctx.actor, facts) && open && !row.respondent_id) can.push('invite')
  // The assigned mediator also drafts the agreement (agreement.save asks the same), from the staff case page.
  if (canRunSessions(ctx.actor, facts)) can.push(...(respondentConsent === 'accepted' ? ['schedule'] : []), 'attendance', 'draftAgreement')
  return {
    caseId: row.id,
    trackingNo: row.tracking_no,
    title: row.title,
    status: row.status,
    viewer: side ?? 'staff',
    applicant: partyView('applicant'),
    respondent: partyView('respondent'),
    sessions: sessions.map(sessionView),
    invitation: staff ? invitationState(invitation, ctx.now) : null,
    privatePhotos: side === 'applicant' ? privatePhotos(row) : null,
    can
  }
}

function invitationState(inv: Awaited<ReturnType<InvitationRepository['latest']>>, now: Date): InvitationState {
  if (!inv) return { state: 'none', expiresAt: null }
  if (inv.used_at) return { state: 'used', expiresAt: inv.expires_at }
  if (inv.revoked_at || new Date(inv.expires_at) <= now) return { state: 'expired', expiresAt: inv.expires_at }
  return { state: 'open', expiresAt: inv.expires_at }
}

const sessionView = (s: SessionRow): SessionView => ({
  id: s.id,
  mode: s.mode as SessionMode,
  startsAt: s.starts_at,
  place: s.place,
  status: s.status as SessionStatus,
  applicant: s.applicant_answer as SessionAnswer,
  respondent: s.respondent_answer as SessionAnswer,
  answerNote: s.answer_note,
  answerDueAt: s.answer_due_at,
  attendance: s.attendance ? (JSON.parse(s.attendance) as { applicant: boolean; respondent: boolean }) : null
})

const sessionFacts = (s: SessionRow) => ({ status: s.status as SessionStatus, startsAt: new Date(s.starts_at), applicant: s.applicant_answer as SessionAnswer, respondent: s.respondent_answer as SessionAnswer })

// ---- helpers ----

/** Only the assigned mediator runs the sessions (FORBIDDEN for anyone else), of a dispute in mediation (ILLEGAL_MOVE). */
function runsSessions(actor: Actor, row: CaseRow): void {
  if (!isAssignedMediator(actor, toState(row))) fail('FORBIDDEN')
  if (!canRunSessions(actor, factsOf(row))) fail('ILLEGAL_MOVE')
}

/** The case if the caller may see it (locked for a write), else the answer for a case that does not exist. */
async function readable(db: Db, ctx: HandlerContext & { actor: Actor }, id: string, forUpdate: boolean): Promise<CaseRow> {
  const repo = new CaseRepository(db as Kysely<Database>, ctx.services.cipher)
  const row = forUpdate ? await repo.byIdForUpdate(id) : await repo.byId(id)
  if (!row || !canView(ctx.actor, toState(row))) fail('CASE_NOT_FOUND', 'id')
  return row
}

async function sessionOf(sessions: SessionRepository, caseId: string, sessionId: string): Promise<SessionRow> {
  const sess = await sessions.byId(sessionId)
  if (!sess || sess.case_id !== caseId) fail('SESSION_NOT_FOUND', 'sessionId')
  return sess
}

const partyFacts = (p: PartyRow) => ({
  side: p.side as PartySide,
  consent: p.consent as Consent,
  anotherMediatorAt: p.another_mediator_at ? new Date(p.another_mediator_at) : null,
  endRequestedAt: p.end_requested_at ? new Date(p.end_requested_at) : null
})

const newParty = (caseId: string, side: PartySide, userId: string, now: string): PartyRow => ({
  case_id: caseId,
  side,
  user_id: userId,
  joined_at: now,
  consent: side === 'applicant' ? 'accepted' : 'pending',
  consent_at: side === 'applicant' ? now : null,
  another_mediator_at: null,
  another_mediator_reason: null,
  end_requested_at: null,
  account: null,
  account_at: null,
  photos: '[]',
  updated_at: now
})

/** The staff who follow the mediation: its mediator, and the handling unit's centre staff. */
async function staffOf(trx: Db, row: CaseRow): Promise<string[]> {
  return [...(row.assignee_id ? [row.assignee_id] : []), ...(await centreStaffFor(trx, row.handling_region))]
}

async function appendEvent(trx: Db, ctx: UserContext, caseId: string, type: string, role: string, data: Record<string, string | number | boolean | null>): Promise<void> {
  await new CaseRepository(trx as Kysely<Database>, ctx.services.cipher).appendEvent({ case_id: caseId, type, actor_id: ctx.userId, actor_role: role, at: ctx.now.toISOString(), public_data: JSON.stringify(data), staff_data: '{}' })
}

/** A message about the mediation to each of `userIds` but the actor (scope.userId null: the actor too). */
function tell(trx: Db, scope: Scope, sent: Notification[], row: CaseRow, kind: string, userIds: (string | null)[], extra: Record<string, string> = {}): Promise<void> {
  const params = { trackingNo: row.tracking_no, title: row.title, status: row.status, ...extra }
  return writeMessages(trx, scope, sent, userIds, { kind, caseId: row.id, params, push: params })
}
