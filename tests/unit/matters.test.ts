/** 我的事项: the merged order and its cursor, each kind's next step, and a row in words. */
import { afterCursor, bookingNext, caseNext, compareMatters, consultationNext, mergePage, type MatterKey } from '../../cloud/domain/matters'
import { DEFAULT_DEADLINES } from '../../cloud/domain/petition/deadlines'
import { matterLines, matterUrl } from '../../src/stores/matters'
import { translate } from '../../src/i18n'
import type { MatterItem } from '../../types/functions/matters'

const NOW = new Date('2026-11-30T00:00:00Z')
const key = (kind: MatterKey['kind'], id: string, activityAt: string): MatterKey => ({ kind, id, activityAt })

describe('the merged order', () => {
  test('newest activity first; equal times by kind, then id, descending', () => {
    const rows = [key('case', 'a', 'T1'), key('legal_question', 'b', 'T1'), key('case', 'c', 'T1'), key('counselling', 'z', 'T0'), key('case', 'x', 'T2')]
    expect([...rows].sort(compareMatters).map((r) => r.id)).toEqual(['x', 'b', 'c', 'a', 'z'])
  })

  test('a source is narrowed after the cursor by its kind', () => {
    const cursor = key('counselling', 'm', 'T1')
    expect(afterCursor('case', cursor)).toEqual({ before: 'T1', sameTime: 'all' })
    expect(afterCursor('legal_question', cursor)).toEqual({ before: 'T1', sameTime: 'none' })
    expect(afterCursor('counselling', cursor)).toEqual({ before: 'T1', sameTime: { idBelow: 'm' } })
  })

  test('merging drops repeats (a case one both owns and filed) and says whether more follow', () => {
    const a = key('case', 'a', 'T2')
    const { items, more } = mergePage([[a, key('case', 'b', 'T1')], [a], [key('counselling', 'c', 'T3')]], 2)
    expect(items.map((i) => i.id)).toEqual(['c', 'a'])
    expect(more).toBe(true)
    expect(mergePage([[a], [a]], 2)).toEqual({ items: [a], more: false })
  })
})

describe('next steps', () => {
  const open = { status: 'submitted', stage: 'original', isOpen: true, rating: null }
  test('a case: the unit deadline while open, flagged; the review window after the reply; then a rating', () => {
    expect(caseNext({ ...open, dueAt: '2026-12-01T15:59:59.999Z', dueKind: 'acceptance' }, NOW, DEFAULT_DEADLINES)).toEqual({ step: 'acceptance', at: '2026-12-01T15:59:59.999Z', flag: 'due_soon' })
    expect(caseNext({ ...open, status: 'accepted', dueAt: '2026-11-29T15:59:59.999Z', dueKind: 'handling' }, NOW, DEFAULT_DEADLINES)).toMatchObject({ step: 'handling', flag: 'overdue' })
    const closed = { ...open, status: 'closed', isOpen: false }
    expect(caseNext({ ...closed, dueAt: '2026-12-30T15:59:59.999Z', dueKind: 'review_request' }, NOW, DEFAULT_DEADLINES)).toMatchObject({ step: 'review_request', flag: 'none' })
    expect(caseNext({ ...closed, stage: 'review', dueAt: '2026-12-30T15:59:59.999Z', dueKind: 'review_request' }, NOW, DEFAULT_DEADLINES)).toMatchObject({ step: 'rereview_request' })
    expect(caseNext({ ...closed, dueAt: null, dueKind: null }, NOW, DEFAULT_DEADLINES)).toEqual({ step: 'rate', at: null, flag: 'none' })
    expect(caseNext({ ...closed, rating: 'satisfied', dueAt: null, dueKind: null }, NOW, DEFAULT_DEADLINES)).toBeNull()
    expect(caseNext({ ...closed, status: 'withdrawn', dueAt: null, dueKind: null }, NOW, DEFAULT_DEADLINES)).toBeNull()
  })

  test('a booking: going to it while booked and ahead, coming up from the day before', () => {
    expect(bookingNext({ status: 'booked', startsAt: '2026-11-30T02:00:00.000Z' }, NOW)).toEqual({ step: 'attend', at: '2026-11-30T02:00:00.000Z', flag: 'due_soon' })
    expect(bookingNext({ status: 'booked', startsAt: '2026-12-05T02:00:00.000Z' }, NOW)).toMatchObject({ flag: 'ok' })
    expect(bookingNext({ status: 'booked', startsAt: '2026-11-29T02:00:00.000Z' }, NOW)).toBeNull()
    expect(bookingNext({ status: 'cancelled', startsAt: '2026-12-05T02:00:00.000Z' }, NOW)).toBeNull()
  })

  test('a question: the answer by its target, then the person’s turn, then a rating', () => {
    expect(consultationNext({ status: 'waiting', dueAt: '2026-11-29T00:00:00.000Z', rating: null }, NOW)).toMatchObject({ step: 'answer', flag: 'overdue' })
    expect(consultationNext({ status: 'answered', dueAt: null, rating: null }, NOW)).toEqual({ step: 'reply', at: null, flag: 'none' })
    expect(consultationNext({ status: 'closed', dueAt: null, rating: null }, NOW)).toMatchObject({ step: 'rate' })
    expect(consultationNext({ status: 'converted', dueAt: null, rating: null }, NOW)).toBeNull()
  })
})

describe('a row in words', () => {
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate('zh-CN', k, p)
  const item = (over: Partial<MatterItem>): MatterItem => ({ kind: 'case', id: 'id-1', type: 'complaint', title: 'x', status: 'submitted', activityAt: NOW.toISOString(), next: null, trackingNo: null, ...over })

  test('a case reads as on its own page; overdue is said in words', () => {
    const l = matterLines(item({ next: { step: 'acceptance', at: '2026-12-12T15:59:59.999Z', flag: 'overdue' } }), t, 'zh-CN')
    expect(l).toEqual({ kind: '投诉', status: '已收到，等待处理', lines: ['下一步：等综治中心决定是否办理', '最晚决定是否办理：2026年12月12日'], flag: expect.stringContaining('已超期') })
  })

  test('a booking and a question', () => {
    expect(matterLines(item({ kind: 'counselling', type: null, status: 'booked', next: { step: 'attend', at: '2026-11-30T01:00:00.000Z', flag: 'due_soon' } }), t, 'zh-CN')).toMatchObject({
      kind: '心理咨询预约',
      status: '已预约',
      lines: [expect.stringMatching(/^请按时前往：2026年11月30日.*09:00/)],
      flag: '即将开始'
    })
    expect(matterLines(item({ kind: 'legal_question', type: 'labour', status: 'answered', next: { step: 'reply', at: null, flag: 'none' } }), t, 'zh-CN')).toMatchObject({ kind: '法律咨询', lines: ['下一步：律师已答复，请查看或追问'], flag: null })
  })

  test('each kind opens its own page', () => {
    expect(matterUrl({ kind: 'case', id: 'a b' })).toBe('/petition/pages/detail/index?id=a%20b')
    expect(matterUrl({ kind: 'counselling', id: 'x' })).toBe('/counselling/pages/bookings/index')
    expect(matterUrl({ kind: 'legal_onsite', id: 'x' })).toBe('/legal/pages/mine/index')
    expect(matterUrl({ kind: 'legal_question', id: 'q1' })).toBe('/legal/pages/thread/index?id=q1')
  })
})
