/**
 * The other party's mediation page (src/parties/components/party-mediation): they see which side they are, the dispute
 * and the mediator with a note that the applicant's contact details are not shown, answer the invitation to mediate
 * (Art. 17), give their account, confirm a session or ask for another time, and may end the mediation. Real Taro H5
 * components in jsdom, with the real catalogue.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import type { MediationView, PartyView } from '@minan/types/functions/parties'
import { registerMessages, translate, type MessageKey } from '../../src/i18n'
import catalogue from '../../src/i18n/parties'
import { PartyMediation, type PartyMediationProps } from '../../src/parties/components/party-mediation'

registerMessages(catalogue)
const t = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params)
const party = (side: 'applicant' | 'respondent', over: Partial<PartyView> = {}): PartyView => ({
  side,
  joined: true,
  joinedAt: '2026-12-01T02:00:00.000Z',
  consent: side === 'applicant' ? 'accepted' : 'pending',
  consentAt: null,
  anotherMediatorAt: null,
  anotherMediatorReason: null,
  endRequestedAt: null,
  account: null,
  accountAt: null,
  photos: [],
  ...over
})
const VIEW: MediationView = {
  caseId: 'case00000001',
  trackingNo: '4413-20261201-7KQ4XK',
  title: '邻居漏水纠纷',
  status: 'assigned',
  viewer: 'respondent',
  applicant: party('applicant'),
  respondent: party('respondent'),
  sessions: [],
  invitation: null,
  privatePhotos: null,
  can: ['consent', 'anotherMediator', 'endMediation', 'account']
}
const DETAIL = { title: '邻居漏水纠纷', description: '楼上漏水到我家天花板。', assignee: '周德明' }

function setup(over: Partial<PartyMediationProps> = {}) {
  const props: PartyMediationProps = {
    view: VIEW,
    detail: DETAIL,
    t,
    dateTime: (iso) => iso.slice(0, 16).replace('T', ' '),
    sending: false,
    error: null,
    done: null,
    onConsent: jest.fn(),
    onAnotherMediator: jest.fn(),
    onEnd: jest.fn(),
    onAccount: jest.fn(),
    onAnswer: jest.fn(),
    ...over
  }
  return { props, ...render(<PartyMediation {...props} />) }
}

test('the other party sees their side, the dispute, the mediator and the privacy note; never a phone or address field', async () => {
  const { container } = setup()
  expect(await screen.findByText('您是对方当事人')).toBeTruthy()
  expect(screen.getByText('楼上漏水到我家天花板。')).toBeTruthy()
  expect(screen.getByText('调解员：周德明')).toBeTruthy()
  expect(screen.getByText(/申请人的联系电话、住址和其标为不公开的照片不会向您显示/)).toBeTruthy()
  expect(container.textContent).not.toMatch(/1[3-9]\d{9}|\*\*\*\*/)
})

test('answering the invitation to mediate: accept, or decline with a reason', async () => {
  const { props } = setup()
  fireEvent.click(await screen.findByText('同意调解'))
  expect(props.onConsent).toHaveBeenCalledWith('accept')
  fireEvent.input(screen.getByRole('textbox', { name: '原因（可不填）' }), { target: { value: '不愿意' } })
  fireEvent.click(screen.getByText('不同意调解'))
  expect(props.onConsent).toHaveBeenLastCalledWith('decline', '不愿意')
})

test('their account goes to onAccount; ending asks first', async () => {
  const { props } = setup()
  fireEvent.input(await screen.findByRole('textbox', { name: '请说明您了解的情况和您的意见' }), { target: { value: '水管老化，我愿意分担。' } })
  fireEvent.click(screen.getByText('提交说明'))
  expect(props.onAccount).toHaveBeenCalledWith('水管老化，我愿意分担。')
  fireEvent.click(screen.getByText('要求终止调解'))
  expect(props.onEnd).not.toHaveBeenCalled()
  expect(screen.getByText(/确定终止吗/)).toBeTruthy()
  fireEvent.click(screen.getAllByText('要求终止调解')[0])
  expect(props.onEnd).toHaveBeenCalled()
})

test('a session to confirm: confirm, or ask for another time with a note; an error is announced', async () => {
  const session = { id: 'sess00000001', mode: 'in_person' as const, startsAt: '2026-12-04T02:00:00.000Z', place: '桥东街道调解室', status: 'proposed' as const, applicant: 'confirmed' as const, respondent: 'pending' as const, answerNote: null, answerDueAt: '2026-12-03T02:00:00.000Z', attendance: null }
  const { props, rerender } = setup({ view: { ...VIEW, respondent: party('respondent', { consent: 'accepted' }), sessions: [session], can: ['answer', 'account', 'anotherMediator', 'endMediation'] } })
  expect(await screen.findByText('现场 · 2026-12-04 02:00')).toBeTruthy()
  expect(screen.getByText('桥东街道调解室')).toBeTruthy()
  expect(screen.getByText('请在 2026-12-03 02:00 前答复')).toBeTruthy()
  expect(screen.queryByText('同意调解')).toBeNull()
  fireEvent.click(screen.getByText('确认参加'))
  expect(props.onAnswer).toHaveBeenCalledWith('sess00000001', 'confirm')
  fireEvent.input(screen.getByRole('textbox', { name: '方便的时间（可不填）' }), { target: { value: '周末都可以' } })
  fireEvent.click(screen.getByText('申请另约时间'))
  expect(props.onAnswer).toHaveBeenLastCalledWith('sess00000001', 'another_time', '周末都可以')

  rerender(<PartyMediation {...props} view={{ ...props.view, sessions: [{ ...session, status: 'confirmed', respondent: 'confirmed' }] }} error='调解会已经开始，不能再确认或改期，请直接联系调解员。' />)
  expect(screen.getByText('双方已确认')).toBeTruthy()
  expect(screen.getByText('您已确认参加')).toBeTruthy()
  expect(screen.queryByText('确认参加')).toBeNull()
  expect((await screen.findByRole('alert')).textContent).toContain('调解会已经开始')
})
