/** What a viewer sees of a case: staff handling it see the contact details; everyone else sees them masked. */
import { claimActions } from '../../domain/petition/claims'
import type { CaseListRow, CaseRow, CaseEventRow } from '../../db/repositories/cases'
import { allowedMoves } from '../../domain/petition/machine'
import { deadlineFlag, type DeadlineSettings } from '../../domain/petition/deadlines'
import { isOwner, isRespondent, isStaffReader, type Actor } from '../../domain/petition/policy'
import { maskPhone } from '../../domain/petition/tracking'
import { displayPhone } from '../../../types/phone'
import { suggestDepartments } from '../../domain/petition/departments'
import type { Region } from '../../../types/functions/regions'
import type { CaseDetail, CaseStage, CaseStatus, CaseSummary, DisputeType, Outcome, PetitionKind, Rating } from '../../../types/functions/petition'
import { pointOf } from '../../db/sealed'
import { toState } from './state'

export type RegionNames = Map<string, Region>

/** Where an event's stored facts keep the ids of the photos it brought (added information); shown as links, not as data. */
export const EVENT_PHOTOS = 'photoIds'

/** The photos an event brought to the case, by id. */
export function eventPhotos(e: Pick<CaseEventRow, 'public_data'>): string[] {
  const ids = (JSON.parse(e.public_data) as Record<string, unknown>)[EVENT_PHOTOS]
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []
}

/** Codes whose names a list of cases needs: each case's village and its handling unit. */
export const regionCodesOf = (rows: Pick<CaseRow, 'region_code' | 'handling_region'>[]) => rows.flatMap((r) => [r.region_code, r.handling_region])

/** A list row; `viewerId` (the staff queue) adds whether the case is new to them: assigned to them, not yet opened. */
export function summary(row: CaseListRow, regions: RegionNames, now: Date, settings: DeadlineSettings, viewerId?: string): CaseSummary {
  const due = row.due_at ? new Date(row.due_at) : null
  return {
    ...(viewerId ? { newToMe: row.assignee_id === viewerId && row.assignee_seen_at === null } : {}),
    id: row.id,
    trackingNo: row.tracking_no,
    kind: row.kind as PetitionKind,
    stage: row.stage as CaseStage,
    title: row.title,
    status: row.status as CaseStatus,
    regionName: regions.get(row.region_code)?.name ?? '',
    handlingUnit: regions.get(row.handling_region)?.name ?? row.handling_region,
    filedAt: row.filed_at,
    updatedAt: row.updated_at,
    nextDeadline: row.due_at,
    nextDeadlineKind: row.due_kind as CaseSummary['nextDeadlineKind'],
    flag: row.is_open ? deadlineFlag(due, now, settings) : 'none',
    riskLevel: row.risk_level
  }
}

/** The applicant's photos (of the filing or added later) they marked private: never shown to the other party. */
export const privatePhotos = (row: Pick<CaseRow, 'private_photos'>): string[] => JSON.parse(row.private_photos ?? '[]') as string[]

export interface DetailInput {
  row: CaseRow
  events: CaseEventRow[]
  childIds: string[]
  actor: Actor
  regions: RegionNames
  regionPath: string[]
  assigneeName: string | null
  photoUrl(id: string): string
  /** Whether the viewer may see a photo and what they are told of its image check (application/media-checks.ts); all shown when absent. */
  photoCheck?: (id: string) => { shown: boolean; check?: 'pending' | 'risky' }
  now: Date
  settings: DeadlineSettings
}

export function detail({ row, events, childIds, actor, regions, regionPath, assigneeName, photoUrl, photoCheck, now, settings }: DetailInput): CaseDetail {
  const state = toState(row)
  const staff = isStaffReader(actor, state)
  const party = staff || isOwner(actor, state) || row.filed_by === actor.userId
  // The other party sees the dispute, the mediator and the schedule: none of the applicant's contact details, address,
  // map point or the photos the applicant marked private (issue #17).
  const respondent = !party && isRespondent(actor, state)
  const hidden = new Set(respondent ? privatePhotos(row) : [])
  // A photo that has not passed the image check is seen only by its owner and the staff handling the case.
  const checkOf: NonNullable<DetailInput['photoCheck']> = photoCheck ?? (() => ({ shown: true }))
  const shown = (ids: string[]) => ids.filter((id) => !hidden.has(id) && checkOf(id).shown)
  const photo = (id: string) => {
    const { check } = checkOf(id)
    return { id, url: photoUrl(id), ...(check ? { check } : {}) }
  }
  const phone = row.contact_phone
  return {
    ...summary(row, regions, now, settings),
    disputeType: row.dispute_type as DisputeType | null,
    description: row.description,
    regionCode: row.region_code,
    regionPath,
    address: respondent ? null : row.address,
    location: respondent ? null : pointOf(row.point),
    photos: shown(JSON.parse(row.photos) as string[]).map(photo),
    contactName: row.contact_name,
    contactPhone: respondent ? '' : staff ? displayPhone(phone) : maskPhone(phone),
    otherPartyName: party ? row.other_party_name : null,
    otherPartyContact: staff ? row.other_party_contact : null,
    outcome: row.outcome as Outcome | null,
    rating: row.rating as Rating | null,
    extendedDays: row.extended_days,
    parentId: row.parent_id,
    childIds,
    assignee: row.department ?? assigneeName,
    suggestedDepartments: staff ? suggestDepartments({ kind: row.kind as PetitionKind, disputeType: row.dispute_type as DisputeType | null, title: row.title, description: row.description }) : null,
    events: events.map((e) => {
      const { [EVENT_PHOTOS]: _photos, ...facts } = JSON.parse(e.public_data) as Record<string, string>
      const photos = shown(eventPhotos(e))
      return {
        seq: e.seq,
        type: e.type,
        at: e.at,
        actorRole: e.actor_role,
        data: { ...facts, ...(staff ? (JSON.parse(e.staff_data) as Record<string, string>) : {}) },
        ...(photos.length ? { photos: photos.map(photo) } : {})
      }
    }),
    can: [...allowedMoves(state, actor), ...claimActions(actor, { ...state, filedOnBehalf: row.filed_by_role === 'grid_worker' })]
  }
}
