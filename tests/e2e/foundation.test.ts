/**
 * The foundation in a real browser: the H5 build served by the real backend, at a phone viewport.
 * A guest sees home; a resident signs in with a demo account and sets her village with the region
 * picker, by drilling down and by search; the choice is stored by the backend. Every screen visited
 * must pass axe with no serious or critical violation.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { DemoAccount, Me } from '../../types/api'
import { translate, type MessageKey } from '../../src/i18n'
import { SERVICES } from '../../src/features'
import type { TestServer } from '../support/backend'
import { audit, collectPageErrors, launchBrowser, newPhoneContext, ROUTES, shot, startApp, taroButton, taroPage, type PageErrors } from '../support/browser'

/** Known, harmless console errors to ignore: none. (The CSP allows Taro's tab-bar `javascript:;` links by hash.) */
const KNOWN_CONSOLE_ERRORS: RegExp[] = []

/** What a person reading Simplified Chinese sees for a catalogue key. */
const zh = (key: MessageKey) => translate('zh-CN', key)

let app: TestServer
let browser: Browser
const timings: Record<string, number> = {}
const started = performance.now()

beforeAll(async () => {
  app = await startApp()
  timings.backendStartMs = performance.now() - started
  const launched = await launchBrowser()
  browser = launched.browser
  timings.browserLaunchMs = launched.launchMs
})

afterAll(async () => {
  await browser?.close()
  await app?.close()
  timings.totalMs = performance.now() - started
  console.log(`e2e timings (ms): ${Object.entries(timings).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`)
})

describe('on a phone, in Chinese', () => {
  let context: BrowserContext
  let page: Page
  let errors: PageErrors
  /** Audit failures are gathered so that one bad screen does not hide the rest of the journey. */
  let auditFailures: string[]

  const check = async (label: string) => {
    try {
      await audit(page, label)
    } catch (e) {
      auditFailures.push((e as Error).message)
    }
  }

  const expectNoAuditFailures = () => {
    if (auditFailures.length) throw new Error(auditFailures.join('\n\n'))
  }

  beforeEach(async () => {
    context = await newPhoneContext(browser)
    page = await context.newPage()
    page.setDefaultTimeout(10_000)
    errors = collectPageErrors(page, { ignore: KNOWN_CONSOLE_ERRORS })
    auditFailures = []
  })

  afterEach(async () => {
    await context.close()
  })

  test('a guest opens home and sees the crisis line and the services on offer', async () => {
    const t0 = performance.now()
    await page.goto(app.url + ROUTES.home)
    const home = taroPage(page, ROUTES.home)
    await taroButton(home, zh('crisis.line')).waitFor()
    timings.homeFirstRenderMs = performance.now() - t0

    await home.getByRole('heading', { name: zh('home.services') }).waitFor()
    if (SERVICES.length === 0) await home.getByText(zh('home.none')).waitFor()
    for (const service of SERVICES) {
      // The primary action shows its description; a grid tile says it to screen readers.
      const button = taroButton(home, zh(service.title))
      expect(`${await button.innerText()} ${(await button.getAttribute('aria-label')) ?? ''}`).toContain(zh(service.description))
    }
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')
    expect(await page.title()).toBe('民安')

    await check('home')
    await shot(page, 'home')
    errors.expectNone()
    expectNoAuditFailures()
  })

  test('a resident signs in, chooses her village by drilling down and by search, and the backend keeps it', async () => {
    // Sign-in: every demo account the backend offers is listed with its name and role.
    await page.goto(app.url + ROUTES.signin)
    const signin = taroPage(page, ROUTES.signin)
    await taroButton(signin, '陈秀英').waitFor()
    const offered = await app.call<DemoAccount[]>('auth', 'demoAccounts')
    if (!offered.ok) throw new Error(`auth.demoAccounts: ${offered.error.code}`)
    expect(offered.data.length).toBeGreaterThan(5)
    for (const account of offered.data) {
      const button = signin.locator(`taro-button-core[aria-label$=": ${account.displayName}"]`)
      expect(await button.count()).toBe(1)
      const text = await button.innerText()
      expect(text).toContain(account.displayName)
      expect(text).toContain(zh(`role.${account.role}`))
    }
    expect(await taroButton(signin, '黄丽华').innerText()).toContain('综治中心工作人员 · 桥东街道')
    expect(await taroButton(signin, '陈秀英').innerText()).toContain('居民')
    await check('signin')
    await shot(page, 'signin')

    // Tapping a person signs in and goes home; the sign-in page is closed, not left behind.
    await taroButton(signin, '陈秀英').tap()
    await page.waitForURL(/#\/pages\/home\/index/)
    // Taro removes the sign-in page when its slide-out ends (~300 ms); a tab tapped sooner strands it
    // in the DOM, where screen readers still read it. Wait like a person would.
    await signin.waitFor({ state: 'detached' })

    // Me: her name, role and seeded village (东平村民委员会).
    await page.getByRole('link', { name: '我的', exact: true }).tap()
    const me = taroPage(page, ROUTES.me)
    await me.getByRole('heading', { name: '陈秀英', level: 1 }).waitFor()
    await me.getByText('居民', { exact: true }).waitFor()
    const village = me.locator('.me__village')
    expect(await village.innerText()).toBe('惠州市 惠城区 桥东街道 东平村民委员会')
    await check('me')
    await shot(page, 'me')

    // The picker, drilled down: city → county → township → village.
    await taroButton(me, '选择村（社区）').tap()
    const picker = me.locator('.region-picker')
    const option = (name: string) => picker.locator('.region-picker__option', { hasText: new RegExp(`^${name}$`) })
    await option('惠州市').waitFor()
    expect(await picker.locator('.region-picker__option').count()).toBe(21)
    await picker.locator('input').scrollIntoViewIfNeeded()
    await check('me with region picker open')
    await shot(page, 'region-picker')

    await option('惠州市').tap()
    await option('惠城区').tap()
    await option('桥东街道').tap()
    await option('新建社区居委会').tap()
    await picker.waitFor({ state: 'detached' })
    await me.locator('.me__village', { hasText: '新建社区居委会' }).waitFor()
    expect(await village.innerText()).toBe('惠州市 惠城区 桥东街道 新建社区居委会')

    // Stored by the backend, not only shown: a fresh session sees it, and so does a reload.
    const token = await app.signIn('resident-chen')
    const stored = await app.call<Me>('auth', 'me', {}, token)
    expect(stored.ok && stored.data.homeRegion).toEqual({ code: '441302001003', name: '新建社区居委会', pathNames: ['惠州市', '惠城区', '桥东街道', '新建社区居委会'] })
    await page.reload()
    await me.locator('.me__village', { hasText: '新建社区居委会' }).waitFor()
    expect(await me.locator('.me__village').innerText()).toBe('惠州市 惠城区 桥东街道 新建社区居委会')

    // The picker, by search: every match shows where it is, and picking one saves it.
    await taroButton(me, '选择村（社区）').tap()
    await picker.locator('input').fill('东平村')
    const results = picker.locator('.region-picker__option', { has: page.locator('.region-picker__path') })
    await results.first().waitFor()
    const found = await results.evaluateAll((nodes) =>
      nodes.map((n) => ({ name: n.querySelector('.region-picker__name')?.textContent ?? '', path: n.querySelector('.region-picker__path')?.textContent ?? '' }))
    )
    expect(found.length).toBeGreaterThan(1)
    for (const r of found) {
      expect(r.name).toContain('东平村')
      expect(r.path.split(' ')).toHaveLength(3) // city, county, township
    }
    expect(found).toContainEqual({ name: '东平村民委员会', path: '惠州市 惠城区 桥东街道' })
    await check('region picker search results')
    await shot(page, 'region-search')

    await results.filter({ hasText: '惠州市 惠城区 桥东街道' }).filter({ hasText: '东平村民委员会' }).tap()
    await me.locator('.me__village', { hasText: '东平村民委员会' }).waitFor()
    const after = await app.call<Me>('auth', 'me', {}, token)
    expect(after.ok && after.data.homeRegion?.code).toBe('441302001200')

    errors.expectNone()
    expectNoAuditFailures()
  })
})
