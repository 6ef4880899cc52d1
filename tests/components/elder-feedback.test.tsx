/**
 * The feedback every page shares: the loading skeleton, the offline banner and the page shell that carries elder
 * mode's class; and the device signals behind them (WeChat's font size, the browser's online/offline events).
 */
import { act, render, screen } from '@testing-library/react'
import { Text } from '@tarojs/components'
import { Skeleton } from '../../src/components/skeleton'
import { OfflineBanner } from '../../src/components/offline-banner'
import { watchNetwork } from '../../src/components/offline-banner/watch'
import { PageShell, withPageShell } from '../../src/components/page-shell'
import { catalogues } from '../../src/i18n'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage, type KeyValueStorage } from '../../src/stores/storage'
import { prefersLargeText } from '../../src/stores/ui'
import { FakeTransport } from '../support/fake-transport'

const zh = catalogues['zh-CN']

function mount(ui: React.ReactNode, storage: KeyValueStorage = memoryStorage()) {
  const store = new RootStore({ transport: new FakeTransport(), storage, systemLanguage: 'zh-CN' })
  const view = render(<StoreContext.Provider value={store}>{ui}</StoreContext.Provider>)
  return { store, ...view }
}

describe('Skeleton', () => {
  test('is one status that says "loading" in the person language, not a row of empty boxes', () => {
    const { container, store } = mount(<Skeleton rows={4} />)
    const status = screen.getByRole('status')
    expect(status.getAttribute('aria-busy')).toBe('true')
    expect(status.textContent).toBe(zh['common.loading'])
    expect(container.querySelectorAll('.skeleton__card')).toHaveLength(4)
    // The grey bars are hidden from screen readers.
    container.querySelectorAll('.skeleton__card').forEach((card) => expect(card.getAttribute('aria-hidden')).toBe('true'))
    act(() => store.ui.setLocale('en'))
    expect(screen.getByRole('status').textContent).toBe('Loading…')
  })

  test('the detail variant has a title bar above its paragraphs', () => {
    const { container } = mount(<Skeleton variant='detail' rows={2} />)
    expect(container.querySelector('.skeleton--detail .skeleton__bar--title')).not.toBeNull()
    expect(container.querySelectorAll('.skeleton__card')).toHaveLength(2)
  })
})

describe('OfflineBanner', () => {
  test('shows nothing while online', () => {
    const { container } = mount(<OfflineBanner />)
    expect(container.querySelector('.offline-banner')).toBeNull()
  })

  test('offline, it says so in words and a sign, and what happens to unsent work; it goes when the network returns', () => {
    const { store, container } = mount(<OfflineBanner />)
    act(() => store.ui.setOnline(false))
    const banner = screen.getByRole('status')
    expect(banner.getAttribute('aria-live')).toBe('polite')
    expect(banner.textContent).toContain(zh['offline.title'])
    expect(banner.textContent).toContain(zh['offline.body'])
    expect(zh['offline.body']).toMatch(/保存在本机/)
    expect(zh['offline.body']).toMatch(/自动重新发送/)
    act(() => store.ui.setLocale('zh-HK'))
    expect(screen.getByRole('status').textContent).toContain('網絡已中斷')
    act(() => store.ui.setOnline(true))
    expect(container.querySelector('.offline-banner')).toBeNull()
  })
})

describe('PageShell', () => {
  const Page = () => <Text>页面内容</Text>

  test('wraps a page: its class, the elder class when elder mode is on, and the banner when offline', () => {
    const Shelled = withPageShell(Page)
    const { store, container } = mount(<Shelled />)
    const shell = container.querySelector('.page-shell')!
    expect(shell.textContent).toContain('页面内容')
    expect(shell.classList.contains('elder')).toBe(false)
    act(() => store.ui.setElder(true))
    expect(container.querySelector('.page-shell')!.classList.contains('elder')).toBe(true)
    act(() => store.ui.setOnline(false))
    expect(container.querySelector('.page-shell .offline-banner')).not.toBeNull()
  })

  test("keeps the page's own root class", () => {
    const { container } = mount(
      <PageShell className='matters'>
        <Page />
      </PageShell>
    )
    expect(container.querySelector('.page-shell')!.classList.contains('matters')).toBe(true)
  })
})

describe('elder mode follows WeChat font size until the person chooses', () => {
  test('prefersLargeText: the scale factor when WeChat gives one, else the size in px', () => {
    expect(prefersLargeText(undefined)).toBe(false)
    expect(prefersLargeText({ fontSizeScaleFactor: 1, fontSizeSetting: 17 })).toBe(false)
    expect(prefersLargeText({ fontSizeScaleFactor: 1.15, fontSizeSetting: 19 })).toBe(true)
    expect(prefersLargeText({ fontSizeSetting: 16 })).toBe(false)
    expect(prefersLargeText({ fontSizeSetting: 17 })).toBe(false)
    expect(prefersLargeText({ fontSizeSetting: 20 })).toBe(true)
  })

  test('a larger font turns it on at start without storing it; the switch is stored and then wins', () => {
    const storage = memoryStorage()
    const { store } = mount(<Text>x</Text>, storage)
    expect(store.ui.elder).toBe(false)
    store.ui.followSystemFont({ fontSizeSetting: 22, fontSizeScaleFactor: 1.3 })
    expect(store.ui.elder).toBe(true)
    expect(storage.get('minan.elder')).toBeNull()
    store.ui.setElder(false)
    expect(storage.get('minan.elder')).toBe(false)
    store.ui.followSystemFont({ fontSizeSetting: 22, fontSizeScaleFactor: 1.3 })
    expect(store.ui.elder).toBe(false)
    // A new start on this device remembers the switch.
    const next = new RootStore({ transport: new FakeTransport(), storage: memoryStorage({ 'minan.elder': true }), systemLanguage: 'zh-CN' })
    next.ui.followSystemFont({ fontSizeSetting: 16, fontSizeScaleFactor: 1 })
    expect(next.ui.elder).toBe(true)
  })
})

describe('watchNetwork (H5)', () => {
  test("reports the browser's state at once, then its online and offline events, until unsubscribed", () => {
    const seen: boolean[] = []
    const stop = watchNetwork((online) => seen.push(online))
    expect(seen).toEqual([true])
    window.dispatchEvent(new Event('offline'))
    window.dispatchEvent(new Event('online'))
    expect(seen).toEqual([true, false, true])
    stop()
    window.dispatchEvent(new Event('offline'))
    expect(seen).toEqual([true, false, true])
  })
})
