/** Between a stored case row and the domain's CaseState / CasePatch. */
import type { CaseRow } from '../../db/repositories/cases'
import type { CasePatch, CaseState } from '../../domain/petition/machine'
import { nextDeadline } from '../../domain/petition/machine'
import type { DeadlineSettings } from '../../domain/petition/deadlines'
import type { CaseStage, CaseStatus, Outcome, Rating } from '../../../types/functions/petition'

const date = (iso: string | null) => (iso ? new Date(iso) : null)

export function toState(row: CaseRow): CaseState {
  return {
    ownerId: row.owner_id,
    filedById: row.filed_by,
    regionCode: row.region_code,
    handlingRegion: row.handling_region,
    assigneeId: row.assignee_id,
    respondentId: row.respondent_id ?? null,
    status: row.status as CaseStatus,
    stage: row.stage as CaseStage,
    filedAt: new Date(row.filed_at),
    routedAt: new Date(row.routed_at),
    acceptedAt: date(row.accepted_at),
    closedAt: date(row.closed_at),
    extendedDays: row.extended_days,
    outcome: row.outcome as Outcome | null,
    rating: row.rating as Rating | null,
    riskLevel: row.risk_level,
    hasReviewChild: row.has_review_child === 1
  }
}

/** The handling unit's city, county and township columns, from its code. */
export function handlingColumns(code: string): Pick<CaseRow, 'handling_region' | 'h_city' | 'h_county' | 'h_township'> {
  return {
    handling_region: code,
    h_city: code.slice(0, 4),
    h_county: code.length >= 6 ? code.slice(0, 6) : null,
    h_township: code.length >= 9 ? code.slice(0, 9) : null
  }
}

/** A case that has just reached its handling unit: submitted, nobody assigned, no outcome, deadlines still to derive. */
export function freshHandling(handlingRegion: string, at: string) {
  return {
    status: 'submitted',
    ...handlingColumns(handlingRegion),
    department: null,
    assignee_id: null,
    assignee_seen_at: null,
    filed_at: at,
    routed_at: at,
    accepted_at: null,
    closed_at: null,
    extended_days: 0,
    outcome: null,
    rating: null,
    rating_comment: null,
    has_review_child: 0,
    updated_at: at,
    version: 0,
    is_open: 1,
    due_at: null,
    due_kind: null
  } satisfies Partial<CaseRow>
}

const OPEN_STATUSES = new Set(['submitted', 'accepted', 'assigned'])

/** Row changes for a domain patch, with the derived columns (open flag, next deadline) kept in step. */
export function patchRow(row: CaseRow, patch: CasePatch, now: Date, settings: DeadlineSettings): Partial<CaseRow> {
  const changes: Partial<CaseRow> = { updated_at: now.toISOString() }
  if (patch.status !== undefined) changes.status = patch.status
  if (patch.handlingRegion !== undefined) Object.assign(changes, handlingColumns(patch.handlingRegion))
  if (patch.routedAt) changes.routed_at = patch.routedAt.toISOString()
  if (patch.acceptedAt) changes.accepted_at = patch.acceptedAt.toISOString()
  if (patch.closedAt) changes.closed_at = patch.closedAt.toISOString()
  if (patch.assigneeId !== undefined) changes.assignee_id = patch.assigneeId
  // A new assignee has not seen the case yet: it is 新 in their queue until they open it.
  if (patch.assigneeId !== undefined && patch.assigneeId !== row.assignee_id) changes.assignee_seen_at = null
  if (patch.department !== undefined) changes.department = patch.department
  if (patch.extendedDays !== undefined) changes.extended_days = patch.extendedDays
  if (patch.outcome !== undefined) changes.outcome = patch.outcome
  if (patch.rating !== undefined) changes.rating = patch.rating
  if (patch.ratingComment !== undefined) changes.rating_comment = patch.ratingComment
  if (patch.riskLevel !== undefined) changes.risk_level = patch.riskLevel
  return { ...changes, ...derived({ ...row, ...changes }, settings) }
}

export function derived(row: CaseRow, settings: DeadlineSettings): Pick<CaseRow, 'is_open' | 'due_at' | 'due_kind'> {
  const next = nextDeadline(toState(row), settings)
  return { is_open: OPEN_STATUSES.has(row.status) ? 1 : 0, due_at: next ? next.at.toISOString() : null, due_kind: next?.kind ?? null }
}
