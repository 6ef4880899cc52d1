/**
 * The agreement pages on a case that has no agreement yet (issue #17's known bug: they rendered blank): both say so
 * plainly and say what happens next, instead of a bare title. Real Taro H5 components in jsdom, real stores, a fake
 * transport answering `agreement.get` with null (what the server answers when there is none, or only the mediator's
 * draft).
 */
import { act, render, screen } from '@testing-library/react'
import { runInAction } from 'mobx'
import type { Me } from '@minan/types/api'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import ViewPage from '../../src/agreement/pages/view/index'
import SignPage from '../../src/agreement/pages/sign/index'
import { fieldLabel } from '../../src/agreement/pages/draft/index'
import { translate } from '../../src/i18n'
import { FakeTransport, apiError } from '../support/fake-transport'

jest.mock('@tarojs/taro-h5', () => {
  const actual = jest.requireActual('@tarojs/taro-h5')
  const fakes: Record<string, unknown> = {
    // The page loads when shown: run it at once, as Taro does on the first show.
    useDidShow: (fn: () => void) => jest.requireActual('react').useEffect(() => fn(), []),
    useRouter: jest.fn(() => ({ params: { caseId: 'case_0000000001' } }))
  }
  const withFakes = (target: Record<string, unknown>) => new Proxy(target, { get: (t, key) => (typeof key === 'string' && key in fakes ? fakes[key] : t[key as string]) })
  return new Proxy(actual, { get: (target, key) => (key === 'default' ? withFakes(target.default) : typeof key === 'string' && key in fakes ? fakes[key] : target[key]) })
})

const CHEN = { userId: 'user_resident_chen', displayName: '陈秀英', roles: [{ role: 'resident', regionCode: null, regionName: null }], homeRegion: null } as unknown as Me

beforeAll(() => {
  process.env.TARO_ENV = 'h5'
})
afterAll(() => {
  delete process.env.TARO_ENV
})

function renderPage(Page: React.ComponentType, get: () => unknown = () => null) {
  const transport = new FakeTransport({ 'agreement.get': get })
  const root = new RootStore({ transport, storage: memoryStorage({ 'minan.token': 'token-chen' }), systemLanguage: 'zh-CN' })
  runInAction(() => (root.session.me = CHEN))
  render(
    <StoreContext.Provider value={root}>
      <Page />
    </StoreContext.Provider>
  )
  return transport
}

test.each([
  ['view', ViewPage],
  ['sign', SignPage]
])('the %s page on a case without an agreement says there is none yet and what happens next', async (_name, Page) => {
  const transport = renderPage(Page)
  expect(await screen.findByText('本事项还没有调解协议。')).toBeTruthy()
  expect(screen.getByText('双方在调解中达成一致后，调解员会起草调解协议；协议交给双方签署时，您会在“消息”里收到通知，再从这里阅读和签署。')).toBeTruthy()
  expect(transport.callsTo('agreement.get')).toHaveLength(1)
})

test.each([
  ['view', ViewPage],
  ['sign', SignPage]
])('the %s page shows the shape of the page while it loads, and why when it cannot load', async (_name, Page) => {
  renderPage(Page, () => {
    throw apiError('CASE_NOT_FOUND', '没有找到这个事项。', 'caseId')
  })
  // Before the answer: the skeleton (a status that says it is loading), not a bare title.
  expect(screen.getByRole('status').getAttribute('aria-busy')).toBe('true')
  expect(await screen.findByRole('alert')).toHaveProperty('textContent', '没有找到这个事项。')
  expect(screen.queryByRole('status')).toBeNull()
})

test('opened before the sign-in is known (a fresh start from a link), the page loads once it is, not a skeleton for ever', async () => {
  const transport = new FakeTransport({ 'agreement.get': () => null })
  const root = new RootStore({ transport, storage: memoryStorage({ 'minan.token': 'token-chen' }), systemLanguage: 'zh-CN' })
  render(
    <StoreContext.Provider value={root}>
      <ViewPage />
    </StoreContext.Provider>
  )
  expect(transport.callsTo('agreement.get')).toHaveLength(0)
  act(() => runInAction(() => (root.session.me = CHEN)))
  expect(await screen.findByText('本事项还没有调解协议。')).toBeTruthy()
  expect(transport.callsTo('agreement.get')).toHaveLength(1)
})

test('a refusal of the draft names the part to complete in the words on screen', () => {
  const t = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate('zh-CN', k, p)
  expect(fieldLabel('content.applicant.details', t)).toBe('申请人 基本情况（性别、出生年月、住所等）')
  expect(fieldLabel('content.performance.0.what', t)).toBe('履行方式和期限 1 · 履行内容')
  expect(fieldLabel('content.facts', t)).toBe('纠纷主要事实')
  expect(fieldLabel('caseId', t)).toBeNull()
  expect(fieldLabel(undefined, t)).toBeNull()
})
