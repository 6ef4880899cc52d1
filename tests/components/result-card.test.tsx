/**
 * A closed case opens on its result (issue 14): the outcome, the agreement or opinion, who handled it (the unit and
 * the mediator the case names; nothing private about staff), then the rating. Real Taro H5 components in jsdom.
 */
import { render, screen } from '@testing-library/react'
import type { CaseDetail, CaseEvent } from '@minan/types/functions/petition'
import { ResultCard } from '../../src/petition/components/result-card'
import { RootStore } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { FakeTransport } from '../support/fake-transport'

const t = new RootStore({ transport: new FakeTransport(), storage: memoryStorage(), systemLanguage: 'zh-CN' }).ui.t

const event = (type: string, data: CaseEvent['data'], at = '2026-12-03T02:00:00.000Z'): CaseEvent => ({ seq: 5, type, at, actorRole: 'mediator', data })
const closed = (patch: Partial<CaseDetail>): CaseDetail =>
  ({ id: 'case-1', status: 'closed', outcome: 'mediation_success', handlingUnit: '桥东街道', assignee: '何调解', can: ['rate', 'requestReview'], events: [], updatedAt: '2026-12-03T02:00:00.000Z', ...patch }) as unknown as CaseDetail

test('a successful mediation: outcome, the agreement, the date, the unit and the mediator, then the rating hint', () => {
  render(<ResultCard c={closed({ events: [event('closeMediation', { success: true, agreement: '经调解，双方同意各自修好围墙。', partiesConfirmed: true })] })} t={t} locale='zh-CN' />)
  const card = screen.getByRole('region', { name: '办理结果' })
  expect(screen.getByText('✓ 调解成功')).toBeTruthy()
  expect(card.textContent).toContain('2026年12月3日 办结')
  expect(card.textContent).toContain('调解协议经调解，双方同意各自修好围墙。')
  expect(card.textContent).toContain('办理单位桥东街道综治中心')
  expect(card.textContent).toContain('具体负责何调解')
  expect(screen.getByText('对结果满意吗？请在下面评价。')).toBeTruthy()
})

test('a failed mediation says so without a tick and gives the other routes; an opinion is shown as such', () => {
  const { unmount } = render(<ResultCard c={closed({ outcome: 'mediation_failed', events: [event('closeMediation', { success: false, otherRoutes: '可申请劳动仲裁' })] })} t={t} locale='zh-CN' />)
  expect(screen.getByText('ⓘ 调解不成')).toBeTruthy()
  expect(screen.getByText('可申请劳动仲裁')).toBeTruthy()
  unmount()
  render(<ResultCard c={closed({ outcome: 'opinion', assignee: null, can: [], events: [event('close', { opinion: '路灯已修复。' })] })} t={t} locale='zh-CN' />)
  expect(screen.getByText('✓ 出具处理意见')).toBeTruthy()
  expect(screen.getByText('路灯已修复。')).toBeTruthy()
  expect(screen.queryByText('具体负责')).toBeNull()
  expect(screen.queryByText(/请在下面评价/)).toBeNull()
})

test('an open case has no result card', () => {
  const { container } = render(<ResultCard c={closed({ status: 'assigned', outcome: null })} t={t} locale='zh-CN' />)
  expect(container.textContent).toBe('')
})
