/**
 * Reading cases as an actor may see them: the case in full, a queue page, and every read of someone else's case
 * recorded in the audit log under the grant that allowed it.
 */
import type { CaseDetail } from '../../../types/functions/petition'
import { formatClaimCode } from '../../../types/tracking'
import type { UserContext } from '../../core/context'
import { fail } from '../../core/errors'
import { auditReads, caseReadBasis, type Basis, type Subject } from '../audit'
import { AgreementRepository } from '../../db/repositories/agreements'
import { CaseRepository, type CaseListRow } from '../../db/repositories/cases'
import { RegionRepository } from '../../db/repositories/regions'
import { UserRepository } from '../../db/repositories/users'
import { canView, isStaffReader, type Actor } from '../../domain/petition/policy'
import { photoLinks } from '../files'
import { photoVisibility, uncheckedPhotos } from '../media-checks'
import { sendClaimCode } from './claims'
import type { FiledCase } from './filing'
import { toState } from './state'
import { detail, eventPhotos, regionCodesOf } from './view'

/** The case in full as the actor may see it; a read by anyone but its owner goes into the audit log, as `via`. */
export async function readDetail(ctx: UserContext, id: string, actor: Actor, via = 'petition.get', written?: FiledCase): Promise<CaseDetail> {
  const { db, settings } = ctx.services
  const cases = new CaseRepository(db, ctx.services.cipher)
  // A case this request has just written is answered from what was written (no children, nobody assigned yet).
  const row = written?.row ?? (await cases.byId(id))
  if (!row || !canView(actor, toState(row))) fail('CASE_NOT_FOUND', 'id')
  const basis = caseReadBasis(actor, toState(row))
  if (basis) await auditReads(db, ctx, via, basis, [{ kind: 'case', id: row.id, personId: row.owner_id }])
  if (row.assignee_id === ctx.userId && row.assignee_seen_at === null) await cases.markSeenByAssignee(row.id, ctx.userId, ctx.now.toISOString())
  const regions = new RegionRepository(db)
  const [events, childIds, names, paths, assignee] = await Promise.all([
    written ? written.events : cases.events(row.id),
    written ? [] : cases.childIds(row.id),
    regions.byCodes(regionCodesOf([row])),
    regions.paths([row.region_code]),
    row.assignee_id ? new UserRepository(db).byId(row.assignee_id) : null
  ])
  const regionPath = [...(paths.get(row.region_code) ?? []).filter((r) => r.level !== 'province').map((r) => r.name), names.get(row.region_code)?.name ?? '']
  const photoIds = [...(JSON.parse(row.photos) as string[]), ...events.flatMap(eventPhotos)]
  const [links, unchecked] = await Promise.all([photoLinks(ctx.services, photoIds, ctx.now), uncheckedPhotos(db, photoIds)])
  const staffReader = isStaffReader(actor, toState(row))
  const photoCheck = photoVisibility(unchecked, actor.userId, staffReader)
  // A dispute's agreement (人民调解法 Art. 28–30), once the mediator has handed it out: the case page links to it only
  // then, so a case closed with a mediator's summary never leads to an empty agreement page. Staff see a draft too.
  const agreement = row.kind === 'dispute' && !written ? await new AgreementRepository(db, ctx.services.cipher).byCase(row.id) : null
  const hasAgreement = agreement !== null && (agreement.status !== 'draft' || staffReader)
  return { ...detail({ row, events, childIds, actor, regions: names, regionPath, assigneeName: assignee?.displayName ?? null, photoUrl: (photo) => links.get(photo) ?? '', photoCheck, now: ctx.now, settings: settings.deadlines }), hasAgreement }
}

/** A case answer with the claim code just issued, sent by SMS first where a sender is configured. */
export async function withClaimCode(ctx: UserContext, shown: CaseDetail, id: string, code: string): Promise<CaseDetail> {
  const row = (await new CaseRepository(ctx.services.db, ctx.services.cipher).byId(id)) ?? fail('CASE_NOT_FOUND', 'id')
  return { ...shown, claimCode: formatClaimCode(code), claimCodeSent: await sendClaimCode(ctx, row, code) }
}

/**
 * A queue page shows other people's case titles: each case on it is audited as read through petition.queue, under the
 * grant that let the caller see it, exactly as opening it would be (so "who saw case X" and "whose cases did Y see"
 * are the same questions of the log).
 */
export async function auditQueue(ctx: UserContext, rows: CaseListRow[]): Promise<void> {
  const groups = new Map<string, { basis: Basis; subjects: Subject[] }>()
  for (const row of rows) {
    const basis = caseReadBasis(ctx.actor, { ownerId: row.owner_id, filedById: row.filed_by, regionCode: row.region_code, handlingRegion: row.handling_region, assigneeId: row.assignee_id })
    if (!basis) continue
    const key = `${basis.role}:${basis.region ?? ''}`
    const group = groups.get(key) ?? { basis, subjects: [] }
    groups.set(key, group)
    group.subjects.push({ kind: 'case', id: row.id, personId: row.owner_id })
  }
  for (const { basis, subjects } of groups.values()) await auditReads(ctx.services.db, ctx, 'petition.queue', basis, subjects)
}
