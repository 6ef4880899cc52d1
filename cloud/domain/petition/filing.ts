/**
 * What may be filed as a case: the rules every filing passes, whoever files it (a resident, a grid worker on their
 * behalf, a legal advisor turning a consultation into a mediation case). Pure: the facts are gathered by the caller.
 */
import type { CaseStage, CaseStatus, DisputeType, PetitionKind } from '../../../types/functions/petition'
import type { ErrorCode } from '../../../types/errors'
import type { RegionLevel } from '../../../types/roles'

/**
 * A matter is settled for good once its 复核 (the second review) has closed: under 信访工作条例 the 复核 opinion is
 * final, and the same matter brought again on the same grounds is not taken up. The same matter is the same title,
 * compared as typed (NFC), among the person's own cases.
 */
export const FINAL_MATTER: { stage: CaseStage; status: CaseStatus } = { stage: 'rereview', status: 'closed' }

export interface FilingFacts {
  kind: PetitionKind
  disputeType?: DisputeType
  otherPartyName?: string
  /** The level of the region the case is filed in; null when there is no such region. A case is filed in a village. */
  regionLevel: RegionLevel | null
  /** How many different photos the filing names, and how many of those are uploads of the person the case is about. */
  photos: number
  ownPhotos: number
  /** The content check's verdict on the filing's texts, and which one it refused (the description when not told). */
  contentAccepted: boolean
  contentField?: string
  /** The title (NFC), and those of the person's matters already settled for good (FINAL_MATTER); none on behalf. */
  title: string
  finalTitles: string[]
}

export interface FilingRefusal {
  code: ErrorCode
  field: string
}

/** Why this filing may not be filed (the first rule it breaks, in the order the form asks), or null when it may. */
export function filingRefusal(f: FilingFacts): FilingRefusal | null {
  // A dispute is mediated between two sides: it needs its type and the other party.
  if (f.kind === 'dispute' && (!f.disputeType || !f.otherPartyName)) return { code: 'DISPUTE_NEEDS_PARTY', field: f.disputeType ? 'otherPartyName' : 'disputeType' }
  if (f.regionLevel !== 'village') return { code: 'REGION_NOT_FOUND', field: 'regionCode' }
  if (f.ownPhotos !== f.photos) return { code: 'FILE_NOT_FOUND', field: 'photos' }
  if (!f.contentAccepted) return { code: 'CONTENT_REJECTED', field: f.contentField ?? 'description' }
  if (isSettledMatter(f.title, f.finalTitles)) return { code: 'MATTER_FINAL', field: 'title' }
  return null
}

/** Whether a title names a matter the person has already had settled for good. */
export const isSettledMatter = (title: string, finalTitles: string[]): boolean => finalTitles.includes(title)
