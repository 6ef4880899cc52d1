/**
 * Signing the mediation agreement: the whole text comes first and the confirmation of having read it stands after its
 * end; the signature is drawn by hand on the canvas; a party asks for the one-time code and signs with it, and what
 * is sent is the drawing, the code and the version read. Real Taro H5 components in jsdom, real stores, a fake
 * transport; the browser's 2D canvas, which jsdom lacks, records strokes instead of painting them.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { runInAction } from 'mobx'
import type { Me } from '@minan/types/api'
import type { AgreementView } from '@minan/types/functions/agreement'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import SignPage from '../../src/agreement/pages/sign/index'
import { agreementOf } from '../../src/agreement/store'
import { FakeTransport, apiError } from '../support/fake-transport'

jest.mock('@tarojs/taro-h5', () => {
  const actual = jest.requireActual('@tarojs/taro-h5')
  const fakes: Record<string, unknown> = {
    // The page loads on show; here the test loads the store before rendering.
    useDidShow: () => undefined,
    useRouter: jest.fn(() => ({ params: { caseId: 'case_0000000001' } })),
    navigateBack: jest.fn(() => Promise.resolve({ errMsg: 'navigateBack:ok' }))
  }
  const withFakes = (target: Record<string, unknown>) => new Proxy(target, { get: (t, key) => (typeof key === 'string' && key in fakes ? fakes[key] : t[key as string]) })
  return new Proxy(actual, { get: (target, key) => (key === 'default' ? withFakes(target.default) : typeof key === 'string' && key in fakes ? fakes[key] : target[key]) })
})

const LI = { userId: 'user_resident_li', displayName: '李建国', roles: [{ role: 'resident', regionCode: null, regionName: null }], homeRegion: null } as unknown as Me
const DRAWN = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

const VIEW: AgreementView = {
  caseId: 'case_0000000001',
  trackingNo: '44130220261207-0042',
  docNo: '44130220261207-0042-T',
  kind: 'written',
  status: 'signing',
  version: 2,
  title: '人民调解协议书',
  sections: [
    { heading: '当事人', body: '申请人：陈秀英\n被申请人：李建国' },
    { heading: '经调解，双方自愿达成如下协议', body: '被申请人清理通道建材，并向申请人赔礼道歉。' },
    { heading: '履行方式和期限', body: '1. 被申请人李建国于2026年12月15日前清理通道建材（履行方式：自行清理）' }
  ],
  content: {
    applicant: { name: '陈秀英', details: '' },
    respondent: { name: '李建国', details: '' },
    facts: '',
    disputedMatters: '',
    responsibilities: '',
    terms: '被申请人清理通道建材，并向申请人赔礼道歉。',
    performance: [{ obligor: 'respondent', what: '清理通道建材', how: '自行清理', dueDate: '2026-12-15' }]
  },
  committee: '桥东街道人民调解委员会',
  you: 'respondent',
  signatures: [
    { signer: 'applicant', signedAt: '2026-12-07T02:00:00.000Z' },
    { signer: 'respondent', signedAt: null },
    { signer: 'mediator', signedAt: null },
    { signer: 'seal', signedAt: null }
  ],
  effectiveAt: null,
  window: null,
  confirmedAt: null,
  performedAt: null,
  followUps: [],
  reports: [],
  routes: null,
  checkCode: null,
  can: { edit: false, issue: false, sign: true, seal: false, followUp: false, report: false, confirm: false }
}

const strokes: string[] = []
beforeAll(() => {
  process.env.TARO_ENV = 'h5'
  const ctx = { beginPath: () => strokes.push('begin'), moveTo: () => undefined, lineTo: () => strokes.push('line'), stroke: () => undefined, clearRect: () => strokes.push('clear'), lineWidth: 1, lineCap: '', lineJoin: '', strokeStyle: '' }
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => ctx as never)
  jest.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockImplementation(() => DRAWN)
})
afterAll(() => {
  delete process.env.TARO_ENV
})

function renderPage(signResult: (input: { code?: string }) => unknown = () => ({ ...VIEW, signatures: VIEW.signatures.map((s) => (s.signer === 'respondent' ? { ...s, signedAt: '2026-12-07T03:00:00.000Z' } : s)), can: { ...VIEW.can, sign: false } })) {
  const transport = new FakeTransport({
    'agreement.get': () => VIEW,
    'agreement.requestCode': () => ({ expiresAt: '2026-12-07T03:10:00.000Z' }),
    'agreement.sign': (input: { code?: string }) => signResult(input)
  })
  const root = new RootStore({ transport, storage: memoryStorage({ 'minan.token': 'token-li' }), systemLanguage: 'zh-CN' })
  runInAction(() => (root.session.me = LI))
  void agreementOf(root).load('case_0000000001')
  render(
    <StoreContext.Provider value={root}>
      <SignPage />
    </StoreContext.Provider>
  )
  return transport
}

const draw = () => {
  const canvas = screen.getByRole('img', { name: '请在下方框内手写签名' })
  fireEvent.pointerDown(canvas, { clientX: 10, clientY: 10, buttons: 1 })
  fireEvent.pointerMove(canvas, { clientX: 60, clientY: 40, buttons: 1 })
  fireEvent.pointerMove(canvas, { clientX: 120, clientY: 20, buttons: 1 })
  fireEvent.pointerUp(canvas)
}

test('the whole agreement is shown first; signing opens only after the confirmation placed at its end', async () => {
  renderPage()
  expect(await screen.findByText('被申请人清理通道建材，并向申请人赔礼道歉。')).toBeTruthy()
  expect(screen.getByText('1. 被申请人李建国于2026年12月15日前清理通道建材（履行方式：自行清理）')).toBeTruthy()
  expect(screen.queryByRole('img', { name: '请在下方框内手写签名' })).toBeNull()
  // The confirmation follows the last section in the page's order: it is reached by reading down to it.
  const lastSection = screen.getByText('1. 被申请人李建国于2026年12月15日前清理通道建材（履行方式：自行清理）')
  const confirm = screen.getByText('我已完整阅读并同意以上协议内容')
  expect(lastSection.compareDocumentPosition(confirm) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  fireEvent.click(screen.getByRole('checkbox'))
  expect(await screen.findByRole('img', { name: '请在下方框内手写签名' })).toBeTruthy()
})

test('a party draws, asks for the code and signs: the drawing, the code and the version read are sent', async () => {
  const transport = renderPage()
  await screen.findByText('被申请人清理通道建材，并向申请人赔礼道歉。')
  fireEvent.click(screen.getByRole('checkbox'))
  await screen.findByRole('img', { name: '请在下方框内手写签名' })
  draw()
  expect(strokes.filter((s) => s === 'line').length).toBe(2)
  fireEvent.click(screen.getByText('获取确认码'))
  expect(await screen.findByText('确认码已发送到您的“消息”，10 分钟内有效。')).toBeTruthy()
  // Without the code nothing is sent, and the page says what is missing.
  fireEvent.click(screen.getByText('确认签署'))
  expect(await screen.findByText('请输入 6 位确认码。')).toBeTruthy()
  expect(transport.callsTo('agreement.sign')).toHaveLength(0)
  const input = screen.getByLabelText('6 位确认码')
  await act(async () => {
    fireEvent.input(input.querySelector('input') ?? input, { target: { value: '123456' } })
  })
  fireEvent.click(screen.getByText('确认签署'))
  await waitFor(() => expect(transport.callsTo('agreement.sign')).toHaveLength(1))
  expect(transport.callsTo('agreement.sign')[0].input).toEqual({ caseId: 'case_0000000001', version: 2, image: DRAWN, code: '123456' })
  expect(transport.callsTo('agreement.sign')[0].requestId).toMatch(/^[0-9a-f]{32}$/)
})

test('a code that also went by SMS says so', async () => {
  const transport = renderPage()
  transport.on('agreement.requestCode', () => ({ expiresAt: '2026-12-07T03:10:00.000Z', smsSent: true }))
  await screen.findByText('被申请人清理通道建材，并向申请人赔礼道歉。')
  fireEvent.click(screen.getByRole('checkbox'))
  await screen.findByRole('img', { name: '请在下方框内手写签名' })
  fireEvent.click(screen.getByText('获取确认码'))
  expect(await screen.findByText('确认码已通过短信发送到您的手机，也在您的“消息”里，10 分钟内有效。')).toBeTruthy()
})

test('a wrong code is said in the person\'s language and the drawing is kept for another try', async () => {
  const transport = renderPage(() => {
    throw apiError('SIGN_CODE_WRONG', '确认码不正确或已过期，请重新获取。', 'code')
  })
  await screen.findByText('被申请人清理通道建材，并向申请人赔礼道歉。')
  fireEvent.click(screen.getByRole('checkbox'))
  await screen.findByRole('img', { name: '请在下方框内手写签名' })
  draw()
  const input = screen.getByLabelText('6 位确认码')
  await act(async () => {
    fireEvent.input(input.querySelector('input') ?? input, { target: { value: '000000' } })
  })
  fireEvent.click(screen.getByText('确认签署'))
  expect(await screen.findByRole('alert')).toHaveProperty('textContent', '确认码不正确或已过期，请重新获取。')
  expect(transport.callsTo('agreement.sign')).toHaveLength(1)
  // The same request id on a retry: the server carries a lost answer's signing out once.
  fireEvent.click(screen.getByText('确认签署'))
  await waitFor(() => expect(transport.callsTo('agreement.sign')).toHaveLength(2))
  expect(transport.callsTo('agreement.sign')[1].requestId).toBe(transport.callsTo('agreement.sign')[0].requestId)
})
