/**
 * matters: 我的事项. Each source (cases, counselling bookings, legal on-site bookings, consultations) is read after
 * the cursor and up to one more than the page, from its (person, updated_at) index, with the names its rows show;
 * the page is their merge: one round of queries.
 */
import { mattersInput, type MatterItem, type MattersPage } from '../../types/functions/matters'
import { action } from '../core/context'
import { fail } from '../core/errors'
import { MatterRepository, type MatterRow } from '../db/repositories/matters'
import { siteOf } from '../db/sealed'
import { decodeCursor, encodeCursor } from '../application/paging'
import { bookingNext, caseNext, consultationNext, mergePage, type MatterKey } from '../domain/matters'

const PAGE = 20
/** A question's first characters, as its title. */
const EXCERPT = 30

const KINDS: readonly string[] = ['case', 'counselling', 'legal_onsite', 'legal_question']

/** The key of the last item shown (activity time, kind, id); a cursor of another shape or kind is refused. */
function afterKey(cursor: string | undefined): MatterKey | null {
  const key = decodeCursor(cursor, 2)
  if (!key) return null
  const [activityAt, kind, id] = key
  if (!KINDS.includes(kind)) fail('INVALID_VALUE', 'cursor', { field: 'cursor' })
  return { activityAt, kind: kind as MatterKey['kind'], id }
}

const cursorOf = (key: MatterKey): string => encodeCursor([key.activityAt, key.kind, key.id])

type Draft = MatterKey & { build(): MatterItem }

export const matters = {
  mine: action({
    input: mattersInput.mine,
    access: 'user',
    async run({ cursor, limit }, ctx): Promise<MattersPage> {
      const { db, cipher, settings } = ctx.services
      const userId = ctx.userId
      const size = limit ?? PAGE
      const after = afterKey(cursor)
      const rows = await new MatterRepository(db).sources(userId, after, size + 1)
      const now = ctx.now
      const item = (r: MatterRow): MatterItem => {
        const base = { kind: r.kind, id: r.id, status: r.status, activityAt: r.updated_at, trackingNo: r.tracking_no }
        switch (r.kind) {
          case 'case':
            return {
              ...base,
              type: r.type,
              // Titles are sealed: opened here, one per row of the page.
              title: r.title ? cipher.open(r.title, siteOf('cases', 'title', r)) : '',
              next: caseNext({ status: r.status, stage: r.stage ?? 'original', isOpen: Number(r.is_open) === 1, dueAt: r.due_at, dueKind: r.due_kind, rating: r.rating }, now, settings.deadlines)
            }
          case 'counselling':
          case 'legal_onsite':
            return { ...base, type: null, title: [r.who, r.place].filter(Boolean).join(' · '), next: bookingNext({ status: r.status, startsAt: r.starts_at ?? '' }, now) }
          case 'legal_question': {
            const text = [...(r.question ? cipher.open(r.question, siteOf('consultations', 'question', r)) : '')]
            return {
              ...base,
              type: r.type,
              title: text.length > EXCERPT ? `${text.slice(0, EXCERPT).join('')}…` : text.join(''),
              next: consultationNext({ status: r.status, dueAt: r.due_at, rating: r.rating }, now)
            }
          }
        }
      }
      const drafts: Draft[] = rows.map((r) => ({ kind: r.kind, id: r.id, activityAt: r.updated_at, build: () => item(r) }))
      const { items, more } = mergePage([drafts], size)
      return { items: items.map((d) => d.build()), nextCursor: more ? cursorOf(items[items.length - 1]) : null }
    }
  })
}
