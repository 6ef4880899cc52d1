/** A legal consultation's thread rules, how question text is counted, and the case a consultation becomes. */
import { allowedMoves, charCount, decide, DEFAULT_LEGAL_SETTINGS as S, dueAfter, isOverdue, measureText, type ThreadState } from '../../cloud/domain/legal/thread'
import { caseDraft, clip } from '../../cloud/domain/legal/draft'

const T0 = new Date('2026-11-30T00:00:00Z')
const DAY = 86_400_000
const state = (over: Partial<ThreadState> = {}): ThreadState => ({ status: 'waiting', dueAt: dueAfter(T0, S), rated: false, caseId: null, ...over })

describe('the thread', () => {
  test('a new question is the advisor’s to answer within 3 days', () => {
    expect(dueAfter(T0, S)).toEqual(new Date(T0.getTime() + 3 * DAY))
    expect(isOverdue(state(), new Date(T0.getTime() + 3 * DAY))).toBe(false)
    expect(isOverdue(state(), new Date(T0.getTime() + 3 * DAY + 1))).toBe(true)
    expect(isOverdue(state({ status: 'answered', dueAt: null }), new Date(T0.getTime() + 9 * DAY))).toBe(false)
  })

  test('the advisor answers: the person’s turn, no target', () => {
    expect(decide(state(), 'advisor', 'reply', T0, S)).toEqual({ ok: true, patch: { status: 'answered', dueAt: null } })
  })

  test('a follow-up makes it the advisor’s turn again, due 3 days from the follow-up', () => {
    const later = new Date(T0.getTime() + 5 * DAY)
    expect(decide(state({ status: 'answered', dueAt: null }), 'person', 'reply', later, S)).toEqual({ ok: true, patch: { status: 'waiting', dueAt: new Date(later.getTime() + 3 * DAY) } })
  })

  test('a follow-up while the advisor still owes an answer does not move their target', () => {
    const due = dueAfter(T0, S)
    expect(decide(state(), 'person', 'reply', new Date(T0.getTime() + DAY), S)).toEqual({ ok: true, patch: { status: 'waiting', dueAt: due } })
  })

  test('the person closes and rates once; a closed thread takes no posts', () => {
    expect(decide(state(), 'person', 'close', T0, S)).toEqual({ ok: true, patch: { status: 'closed', dueAt: null } })
    const closed = state({ status: 'closed', dueAt: null })
    expect(allowedMoves(closed, 'person')).toEqual(['rate'])
    expect(decide(closed, 'person', 'rate', T0, S).ok).toBe(true)
    expect(decide({ ...closed, rated: true }, 'person', 'rate', T0, S)).toEqual({ ok: false, code: 'ALREADY_RATED' })
    expect(decide(closed, 'person', 'reply', T0, S)).toEqual({ ok: false, code: 'CONSULTATION_CLOSED' })
    expect(decide(closed, 'advisor', 'reply', T0, S)).toEqual({ ok: false, code: 'CONSULTATION_CLOSED' })
    expect(decide(state(), 'person', 'rate', T0, S)).toEqual({ ok: false, code: 'CONSULTATION_OPEN' })
  })

  test('either side turns it into a case, once', () => {
    expect(decide(state(), 'advisor', 'toCase', T0, S)).toEqual({ ok: true, patch: { status: 'converted', dueAt: null } })
    expect(decide(state({ status: 'answered', dueAt: null }), 'person', 'toCase', T0, S).ok).toBe(true)
    const converted = state({ status: 'converted', dueAt: null, caseId: 'c1' })
    expect(decide(converted, 'advisor', 'toCase', T0, S)).toEqual({ ok: false, code: 'CONSULTATION_CONVERTED' })
    expect(decide(converted, 'person', 'reply', T0, S)).toEqual({ ok: false, code: 'CONSULTATION_CONVERTED' })
    expect(allowedMoves(converted, 'person')).toEqual(['rate'])
  })

  test('only the person closes and rates; an admin supervises and moves nothing', () => {
    expect(allowedMoves(state(), 'advisor')).toEqual(['reply', 'toCase'])
    expect(allowedMoves(state(), 'person')).toEqual(['reply', 'close', 'toCase'])
    expect(allowedMoves(state(), 'admin')).toEqual([])
    expect(decide(state(), 'advisor', 'close', T0, S)).toEqual({ ok: false, code: 'FORBIDDEN' })
    expect(decide(state({ status: 'closed' }), 'advisor', 'rate', T0, S)).toEqual({ ok: false, code: 'FORBIDDEN' })
    expect(decide(state(), 'admin', 'reply', T0, S)).toEqual({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('counting characters, not bytes', () => {
  test('NFC first: a decomposed é is one character, as is a CJK extension character stored as two UTF-16 units', () => {
    expect(charCount('e\u0301')).toBe(1)
    expect('𠀀'.length).toBe(2)
    expect(charCount('𠀀')).toBe(1)
    expect(charCount('土地承包')).toBe(4)
  })

  test('empty (or only spaces) and over 2,000 are refused; exactly 2,000 is fine', () => {
    expect(measureText('   \n ', 2000)).toEqual({ error: 'empty' })
    expect(measureText('问'.repeat(2001), 2000)).toEqual({ error: 'too_long' })
    expect(measureText('𠀀'.repeat(2000), 2000)).toEqual({ text: '𠀀'.repeat(2000) })
    expect(measureText('e\u0301'.repeat(2000), 2000)).toEqual({ text: '\u00e9'.repeat(2000) })
    expect(measureText('  问题  ', 2000)).toEqual({ text: '问题' })
  })
})

describe('the case a consultation becomes', () => {
  test('title from the category and the question’s first line, description with the advisor’s last answer', () => {
    const d = caseDraft({ category: 'land_contract', question: '承包地被收回怎么办？\n合同还有八年。', answers: ['先别急', '可以申请调解'], villageName: '东平村民委员会' })
    expect(d.title).toBe('土地承包纠纷：承包地被收回怎么办？')
    expect(d.disputeType).toBe('land')
    expect(d.description).toBe('承包地被收回怎么办？\n合同还有八年。\n\n法律顾问意见：可以申请调解\n\n（由东平村民委员会法律顾问咨询转为矛盾纠纷调解）')
    expect(caseDraft({ category: 'inheritance', question: 'q', answers: [], villageName: 'v' }).disputeType).toBe('family')
  })

  test('within the case’s limits: 50 for the title, 4,000 for the description, never half a character', () => {
    const d = caseDraft({ category: 'labour', question: '欠'.repeat(2000), answers: ['答'.repeat(2000)], villageName: '东平村民委员会' })
    expect([...new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(d.title)].length).toBe(50)
    expect([...d.description].length).toBeLessThanOrEqual(4000)
    expect(d.description.endsWith('调解）')).toBe(true)
    expect(clip('👨‍👩‍👧'.repeat(3), 2)).toBe('👨‍👩‍👧…')
  })
})
