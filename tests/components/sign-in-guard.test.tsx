/**
 * The sign-in guard (src/components/page-shell): while the profile is on its way a skeleton, never the sign-in prompt
 * (a signed-in person opening a page on launch must not see it flash); the prompt only for someone signed out.
 */
import { act, render, screen } from '@testing-library/react'
import type { Me } from '@minan/types/api'
import { SignedIn } from '../../src/components/page-shell'
import { catalogues } from '../../src/i18n'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { FakeTransport, apiError } from '../support/fake-transport'

const zh = catalogues['zh-CN']
const CHEN: Me = { userId: 'u-chen', displayName: '陈秀英', roles: [{ role: 'resident', regionCode: null, regionName: null }], homeRegion: null }

function renderGuarded(options: { token?: string; needsProfile?: boolean; signedOut?: boolean } = {}) {
  const transport = new FakeTransport({ 'auth.me': () => CHEN })
  const storage = memoryStorage(options.token ? { 'minan.token': options.token } : {})
  const store = new RootStore({ transport, storage, systemLanguage: 'zh-CN' })
  render(
    <StoreContext.Provider value={store}>
      <SignedIn next='/pages/matters/index' needsProfile={options.needsProfile} signedOut={options.signedOut}>
        <span>我的事项内容</span>
      </SignedIn>
    </StoreContext.Provider>
  )
  return { store, transport }
}

test('with a token and the profile still on its way: the skeleton, no prompt; then the page', async () => {
  const { store, transport } = renderGuarded({ token: 'tok-chen' })
  // Before restore() has even started (the launch hook runs after the first page shows).
  expect(screen.getByRole('status')).toBeTruthy()
  expect(screen.queryByText(zh['signin.required'])).toBeNull()
  transport.hold()
  let restored: Promise<void> = Promise.resolve()
  act(() => void (restored = store.session.restore()))
  expect(screen.queryByText(zh['signin.required'])).toBeNull()
  expect(screen.queryByText('我的事项内容')).toBeNull()
  transport.release()
  await act(() => restored)
  expect(screen.getByText('我的事项内容')).toBeTruthy()
  expect(screen.queryByText(zh['signin.required'])).toBeNull()
})

test('an expired token found on launch: the prompt once the server says so', async () => {
  const { store, transport } = renderGuarded({ token: 'tok-old' })
  transport.on('auth.me', () => {
    throw apiError('SESSION_EXPIRED', '登录已过期')
  })
  await act(() => store.session.restore())
  expect(screen.getByText(zh['signin.required'])).toBeTruthy()
})

test('no identity on this device: the prompt at once', () => {
  renderGuarded()
  expect(screen.getByText(zh['signin.required'])).toBeTruthy()
  expect(screen.queryByRole('status')).toBeNull()
})

test('a page that needs only the identity shows itself once restore has answered, even without a profile', async () => {
  const { store, transport } = renderGuarded({ token: 'tok-chen', needsProfile: false })
  transport.on('auth.me', () => {
    throw apiError('NETWORK', 'request:fail')
  })
  await act(() => store.session.restore())
  expect(screen.getByText('我的事项内容')).toBeTruthy()
})

test('the page’s own answer that the identity is gone brings the prompt', () => {
  renderGuarded({ token: 'tok-chen', signedOut: true })
  expect(screen.getByText(zh['signin.required'])).toBeTruthy()
})
