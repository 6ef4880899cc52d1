/** CrisisHelp: the 12356 helpline button, in the person's language, one tap to dial. */
import { act, fireEvent, render, screen } from '@testing-library/react'
import { makePhoneCall } from '@tarojs/taro-h5'
import { CrisisHelp } from '../../src/components/crisis-help'
import { catalogues } from '../../src/i18n'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { FakeTransport } from '../support/fake-transport'

function renderCrisisHelp() {
  const store = new RootStore({ transport: new FakeTransport(), storage: memoryStorage(), systemLanguage: 'zh-CN' })
  render(
    <StoreContext.Provider value={store}>
      <CrisisHelp />
    </StoreContext.Provider>
  )
  return store
}

// taro-h5 re-exports its APIs through getters that jest.spyOn cannot replace, so the module is mocked instead; jest
// mocks by resolved path, and the component's `@tarojs/taro` maps to this same module. A Proxy rather than a spread
// copy: taro-h5 is still loading when its own dependencies import it back, and its getters must stay lazy.
// (In jsdom the real API would only try to navigate to tel:, which jsdom does not implement.)
jest.mock('@tarojs/taro-h5', () => {
  const actual = jest.requireActual('@tarojs/taro-h5')
  const makePhoneCall = jest.fn(() => Promise.resolve({ errMsg: 'makePhoneCall:ok' }))
  return new Proxy(actual, { get: (target, key) => (key === 'makePhoneCall' ? makePhoneCall : target[key]) })
})
const dial = jest.mocked(makePhoneCall)

beforeEach(() => dial.mockClear())

describe('CrisisHelp', () => {
  test('offers the 12356 helpline in simplified Chinese by default', () => {
    renderCrisisHelp()
    expect(catalogues['zh-CN']['crisis.call']).toContain('12356')
    expect(screen.getByText(catalogues['zh-CN']['crisis.call'])).toBeTruthy()
    expect(screen.getByText(catalogues['zh-CN']['crisis.title'])).toBeTruthy()
  })

  test('follows a change of language without being re-mounted', () => {
    const store = renderCrisisHelp()
    act(() => store.ui.setLocale('en'))
    expect(screen.getByText('Call the 12356 helpline')).toBeTruthy()
    expect(screen.queryByText(catalogues['zh-CN']['crisis.call'])).toBeNull()
  })

  test('tapping the button dials 12356', () => {
    renderCrisisHelp()
    expect(dial).not.toHaveBeenCalled()
    fireEvent.click(screen.getByText(catalogues['zh-CN']['crisis.call']))
    expect(dial).toHaveBeenCalledTimes(1)
    expect(dial).toHaveBeenCalledWith({ phoneNumber: '12356' })
  })
})
