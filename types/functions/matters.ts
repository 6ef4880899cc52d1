/**
 * matters: 我的事项 — everything a person started, in one list: petitions and disputes (cases), counselling
 * bookings, legal on-site bookings and legal consultations, newest activity first.
 */
import * as v from 'valibot'

export const MATTER_KINDS = ['case', 'counselling', 'legal_onsite', 'legal_question'] as const
export type MatterKind = (typeof MATTER_KINDS)[number]

export const mattersInput = {
  /** One page of my matters; `cursor` is the previous page's `nextCursor`. */
  mine: v.strictObject({
    cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)))
  })
}

/**
 * What comes next and by when:
 * acceptance / handling: the unit must accept / reply by `at` · review_request / rereview_request: the person may ask
 * for a 复查 / 复核 until `at` · attend: the appointment is at `at` · answer: the advisor's answer is due by `at` ·
 * reply: the advisor answered, the person's turn · rate: done, a rating is welcome.
 */
export type MatterStep = 'acceptance' | 'handling' | 'review_request' | 'rereview_request' | 'attend' | 'answer' | 'reply' | 'rate'

export type MatterFlag = 'overdue' | 'due_soon' | 'ok' | 'none'

export interface MatterNext {
  step: MatterStep
  at: string | null
  flag: MatterFlag
}

export interface MatterItem {
  kind: MatterKind
  id: string
  /** The source's own sort: a petition kind (complaint … dispute) or a legal category; null for bookings. */
  type: string | null
  /** A case's title, a question's first words, a booking's "who · where". */
  title: string
  /** The source's status code (a case's, a booking's or a consultation's); the client puts it in words. */
  status: string
  /** The newest activity: what the list is ordered by. */
  activityAt: string
  next: MatterNext | null
  /** A case's tracking number. */
  trackingNo: string | null
}

export interface MattersPage {
  items: MatterItem[]
  nextCursor: string | null
}

export interface MattersOutput {
  mine: MattersPage
}
