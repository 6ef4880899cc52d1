/**
 * The one case timeline residents and staff both read (src/components/timeline): every step in order, its time
 * written once in China time in the reader's language, who took it and what happened in the case vocabulary, and
 * whatever details the server sent that reader (staff get the session notes, residents do not).
 */
import { render, screen, within } from '@testing-library/react'
import type { CaseEvent } from '@minan/types/functions/petition'
import type { Locale } from '@minan/types/locale'
import { Timeline } from '../../src/components/timeline'
import { translate, type MessageKey } from '../../src/i18n'

const tOf = (locale: Locale) => (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params)

// Out of order on purpose: the timeline puts them in the order they happened.
const EVENTS: CaseEvent[] = [
  { seq: 3, type: 'close', at: '2026-12-02T09:30:00.000Z', actorRole: 'centre_staff', data: { opinion: '已督促拆除围墙' } },
  { seq: 1, type: 'file', at: '2026-11-27T02:00:00.000Z', actorRole: 'resident', data: { kind: 'dispute' } },
  { seq: 4, type: 'rate', at: '2026-12-03T01:00:00.000Z', actorRole: 'resident', data: { rating: 'satisfied', comment: '谢谢' } },
  { seq: 2, type: 'recordSession', at: '2026-11-30T16:30:00.000Z', actorRole: 'mediator', data: { date: '2026-12-01' } }
]
const staffOnly = { participants: '陈秀英、王某', notes: '双方同意让出一米' }

const steps = () => Array.from(document.querySelectorAll('.timeline__event'))
const whats = () => Array.from(document.querySelectorAll('.timeline__what')).map((e) => e.textContent)
const times = () => Array.from(document.querySelectorAll('.timeline__time')).map((e) => e.textContent)

describe('the shared case timeline', () => {
  test('shows every step in the order it happened, who took it, in the case vocabulary', () => {
    render(<Timeline events={EVENTS} locale='zh-CN' t={tOf('zh-CN')} />)
    expect(screen.getByRole('heading', { name: '办理过程' })).toBeTruthy()
    expect(whats()).toEqual(['居民 · 提交了诉求', '调解员 · 组织了调解', '综治中心工作人员 · 作出处理意见，事项办结', '居民 · 作出评价：满意'])
    expect(within(steps()[0] as HTMLElement).getByText('类型：矛盾纠纷调解')).toBeTruthy()
    expect(within(steps()[2] as HTMLElement).getByText('处理意见：已督促拆除围墙')).toBeTruthy()
    expect(within(steps()[3] as HTMLElement).getByText('评价内容：谢谢')).toBeTruthy()
  })

  test('the kind and rating words are the ones every case screen uses', () => {
    render(<Timeline events={EVENTS} locale='zh-CN' t={tOf('zh-CN')} />)
    const t = tOf('zh-CN')
    expect(screen.getByText(`类型：${t('case.kind.dispute')}`)).toBeTruthy()
    expect(screen.getByText(`居民 · ${t('case.event.rate', { rating: t('case.rating.satisfied') })}`)).toBeTruthy()
  })

  test('writes each time once, in China time and the reader’s language; a session date is that day in China', () => {
    render(<Timeline events={EVENTS} locale='zh-CN' t={tOf('zh-CN')} />)
    expect(times()).toEqual(['2026年11月27日 10:00', '2026年12月1日 00:30', '2026年12月2日 17:30', '2026年12月3日 09:00'])
    for (const step of steps()) expect(step.querySelectorAll('.timeline__time')).toHaveLength(1)
    // No second, differently written date (the staff side used to write 2026-11-27 10:00).
    expect(document.body.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    expect(within(steps()[1] as HTMLElement).getByText('调解日期：2026年12月1日')).toBeTruthy()
  })

  test('in English, the same steps with English dates', () => {
    render(<Timeline events={EVENTS} locale='en' t={tOf('en')} />)
    expect(times()[0]).toBe('27 Nov 2026, 10:00')
    expect(whats()[0]).toBe('Resident · Raised the matter')
  })

  test('shows what the server sent the reader: staff see the session notes, residents (sent none) do not', () => {
    const withNotes = EVENTS.map((e) => (e.type === 'recordSession' ? { ...e, data: { ...e.data, ...staffOnly } } : e))
    const { unmount } = render(<Timeline events={withNotes} locale='zh-CN' t={tOf('zh-CN')} />)
    expect(screen.getByText('参加人员：陈秀英、王某')).toBeTruthy()
    expect(screen.getByText('调解情况：双方同意让出一米')).toBeTruthy()
    unmount()
    render(<Timeline events={EVENTS} locale='zh-CN' t={tOf('zh-CN')} />)
    expect(document.body.textContent).not.toContain(staffOnly.notes)
    expect(document.body.textContent).not.toContain(staffOnly.participants)
  })
})
