/**
 * Elder mode and the offline banner in the COMPILED weapp (dist/): WeChat's font-size setting turns elder mode on at
 * first start, the switch under 我的 turns it on and the device keeps it, every page's root (PageShell) carries the
 * `elder` class that app.wxss keys its sizes on, and a phone without network says so and what becomes of unsent work.
 */
import fs from 'node:fs'
import path from 'node:path'
import { startTestServer, type TestServer } from '../support/backend'
import { DIST, loadPage, type LoadedPage, until } from '../support/simulate'

/** wx.getAppBaseInfo as WeChat answers it; `scale` is fontSizeScaleFactor (1 = the standard size). */
const baseInfo = (fontSizeSetting: number, scale: number) => () => ({ SDKVersion: '3.7.0', language: 'zh_CN', fontSizeSetting, fontSizeScaleFactor: scale })

const shell = (page: LoadedPage) => page.find('.page-shell')

/** Taro renders the page a moment after it attaches: wait for its shell. */
const shellOf = (page: LoadedPage): Promise<Element> => until(() => shell(page), () => `.page-shell on the page; it shows: ${page.text()}`)

/** The declarations of the rules whose selector list names `selector` (the minifier merges rules with equal bodies). */
function declarationsFor(css: string, selector: string): string {
  return [...css.matchAll(/([^{}]+)\{([^}]*)\}/g)]
    .filter((m) => m[1].split(',').map((s) => s.trim()).includes(selector))
    .map((m) => m[2])
    .join(';')
}
const isElder = (page: LoadedPage) => Array.from(shell(page)?.classList ?? []).some((c) => c === 'elder' || c.endsWith('--elder'))

describe('elder mode, compiled for weapp', () => {
  let backend: TestServer
  beforeAll(async () => {
    backend = await startTestServer('sqlite')
  })
  afterAll(async () => backend?.close())

  test('app.wxss carries the elder sizes in PX (dp), which the build leaves unconverted', () => {
    const css = fs.readFileSync(path.join(DIST, 'app-origin.wxss'), 'utf8')
    expect(declarationsFor(css, '.elder text')).toContain('font-size:20PX!important')
    expect(declarationsFor(css, '.elder view')).toContain('line-height:1.5!important')
    expect(declarationsFor(css, '.elder button')).toContain('min-height:60PX!important')
    expect(declarationsFor(css, '.elder button')).toContain('min-width:60PX!important')
    expect(declarationsFor(css, '.elder input')).toContain('min-height:60PX!important')
    // The H5-only part (tab bar, role selectors) is not shipped to WeChat, whose WXSS has no attribute selectors.
    expect(css).not.toContain("[role='heading']")
  })

  test('a larger WeChat font size turns elder mode on at first start, on every page', async () => {
    for (const pagePath of ['pages/home/index', 'pages/me/index', 'pages/matters/index']) {
      const page = await loadPage(pagePath, { backend, signedInAs: 'resident-chen', wx: { getAppBaseInfo: baseInfo(22, 1.3) } })
      try {
        await shellOf(page)
        expect(isElder(page)).toBe(true)
        // Followed, not stored: a later change of the WeChat setting is followed too.
        expect(page.wx.storage.has('minan.elder')).toBe(false)
      } finally {
        await page.close()
      }
    }
  })

  test('at the standard font size it stays off, and the switch under 我的 turns it on and is remembered', async () => {
    const me = await loadPage('pages/me/index', { backend, signedInAs: 'resident-chen', wx: { getAppBaseInfo: baseInfo(17, 1) } })
    try {
      await me.waitForText('大字模式（适老化）')
      await shellOf(me)
      expect(isElder(me)).toBe(false)
      await me.tap('.me__elder')
      await me.waitForText('✓ 已开启')
      expect(isElder(me)).toBe(true)
      expect(me.wx.storage.get('minan.elder')).toBe(true)
    } finally {
      await me.close()
    }
    // The next start, with a large WeChat font, keeps the person's own choice (here: turned off again).
    const again = await loadPage('pages/me/index', { backend, signedInAs: 'resident-chen', storage: { 'minan.elder': false }, wx: { getAppBaseInfo: baseInfo(22, 1.3) } })
    try {
      await again.waitForText('未开启')
      expect(isElder(again)).toBe(false)
    } finally {
      await again.close()
    }
  })

  test('without network every page says so and what happens to unsent work; the banner goes when it returns', async () => {
    const listeners: ((r: { isConnected: boolean; networkType: string }) => void)[] = []
    const getNetworkType = jest.fn((options: { success?: (r: object) => void; complete?: (r: object) => void } = {}) => {
      const res = { errMsg: 'getNetworkType:ok', networkType: 'none' }
      setTimeout(() => {
        options.success?.(res)
        options.complete?.(res)
      }, 0)
      return Promise.resolve(res)
    })
    const home = await loadPage('pages/home/index', { backend, wx: { getNetworkType, onNetworkStatusChange: (cb: (typeof listeners)[number]) => listeners.push(cb), offNetworkStatusChange: jest.fn() } })
    try {
      await home.waitForText('网络已断开')
      await home.waitForText('已填写的内容会保存在本机')
      expect(listeners.length).toBeGreaterThan(0)
      for (const l of listeners) l({ isConnected: true, networkType: 'wifi' })
      await home.waitForNoText('网络已断开')
    } finally {
      await home.close()
    }
  })
})
