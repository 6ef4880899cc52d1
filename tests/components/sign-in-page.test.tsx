/**
 * The sign-in screen offers what the server says it has: phone + code (and the code itself on a test system), demo
 * accounts only where demo is on, the WeChat button only in the mini-program, and a plain note where nothing is set up.
 * Real Taro H5 components in jsdom, real stores, a fake transport.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { SignInMethods } from '@minan/types/functions/auth'
import { catalogues } from '../../src/i18n'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import SignInPage from '../../src/pages/signin/index'
import { FakeTransport } from '../support/fake-transport'

jest.mock('@tarojs/taro-h5', () => {
  const actual = jest.requireActual('@tarojs/taro-h5')
  const fakes: Record<string, jest.Mock> = {
    useRouter: jest.fn(() => ({ params: {} })),
    switchTab: jest.fn(() => Promise.resolve({ errMsg: 'switchTab:ok' }))
  }
  const withFakes = (target: Record<string, unknown>) => new Proxy(target, { get: (t, key) => (typeof key === 'string' && key in fakes ? fakes[key] : t[key as string]) })
  return new Proxy(actual, { get: (target, key) => (key === 'default' ? withFakes(target.default) : typeof key === 'string' && key in fakes ? fakes[key] : target[key]) })
})

const zh = catalogues['zh-CN']

function renderPage(methods: SignInMethods) {
  const transport = new FakeTransport({
    'auth.methods': () => methods,
    'auth.demoAccounts': () => [{ account: 'resident-chen', displayName: '陈秀英', role: 'resident', regionName: null }],
    'auth.requestSmsCode': () => ({ expiresAt: '2099-01-01T00:05:00Z', resendAt: '2099-01-01T00:01:00Z', shownCode: '246810' })
  })
  const root = new RootStore({ transport, storage: memoryStorage(), systemLanguage: 'zh-CN' })
  render(
    <StoreContext.Provider value={root}>
      <SignInPage />
    </StoreContext.Provider>
  )
  return transport
}

test('production H5: phone and code, no demo accounts, no WeChat button; the code is asked for the number typed', async () => {
  const transport = renderPage({ demo: false, wechat: true, sms: true })
  await screen.findByText(zh['signin.phone.send'])
  expect(screen.queryByText(zh['signin.demo.title'])).toBeNull()
  expect(screen.queryByText(zh['signin.wechat.button'])).toBeNull()
  expect(transport.callsTo('auth.demoAccounts')).toHaveLength(0)
  const [number] = Array.from(document.querySelectorAll('input'))
  fireEvent.input(number, { target: { value: '13822229999' } })
  fireEvent.click(screen.getByText(zh['signin.phone.send']))
  await screen.findByText('测试环境不发送短信，本次验证码是 246810。')
  expect(transport.callsTo('auth.requestSmsCode').map((c) => c.input)).toEqual([{ phone: '13822229999' }])
})

test('outside production: the demo accounts too', async () => {
  renderPage({ demo: true, wechat: false, sms: true })
  await screen.findByText('陈秀英')
  expect(screen.getByText(zh['signin.demo.title'])).toBeTruthy()
})

test('nothing set up: says so', async () => {
  renderPage({ demo: false, wechat: false, sms: false })
  await waitFor(() => expect(screen.getByText(zh['signin.none'])).toBeTruthy())
})
