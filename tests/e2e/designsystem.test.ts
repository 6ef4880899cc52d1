/**
 * The design system as a resident meets it on a 390 × 844 phone (issue #14): the home page's icon grid with one primary
 * action and the crisis line above the fold, tab bar icons, no emoji used as icons, one page title style and the back
 * bar, elder mode's type hierarchy — and the taps a new user needs, counted from home: look a case up signed out (≤ 5),
 * find one's village advisor and ask (≤ 6), PHQ-9 (≤ 11). Every screen visited passes axe with no serious or critical
 * violation.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import type { CaseDetail } from '../../types/functions/petition'
import { registerMessages, translate, type MessageKey } from '../../src/i18n'
import counselling from '../../src/i18n/counselling'
import legal from '../../src/i18n/legal'
import type { TestServer } from '../support/backend'
import { audit, collectPageErrors, launchBrowser, PHONE, ROUTES, shot, startApp, taroButton, taroPage } from '../support/browser'
import { filing } from '../support/fixtures'

registerMessages(counselling)
registerMessages(legal)

const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params)
const ROUTE = {
  lookup: '/#/petition/pages/lookup/index',
  stations: '/#/counselling/pages/stations/index',
  screening: '/#/counselling/pages/screening/index',
  find: '/#/legal/pages/find/index',
  advisor: '/#/legal/pages/advisor/index',
  ask: '/#/legal/pages/ask/index',
  thread: '/#/legal/pages/thread/index'
} as const
const PHONE_NO = '13900007777'
/** Emoji drawn as pictures (☎ ⚠ 📍 ⏰ 🔔 ℹ ☑ …): the app's icons are its own SVG set, never these. */
const PICTOGRAPH = /\p{Extended_Pictographic}/u

let app: TestServer
let browser: Browser
/** What each journey took, printed at the end (the report's numbers). */
const counts: Record<string, number> = {}

beforeAll(async () => {
  app = await startApp()
  browser = (await launchBrowser()).browser
})
afterAll(async () => {
  console.log(`taps from home: ${JSON.stringify(counts)}`)
  await browser?.close()
  await app?.close()
})

/** A phone, signed in as `account` when given, in elder mode when asked (as 我的 stores both). */
async function phone(options: { account?: string; elder?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...PHONE })
  const token = options.account ? await app.signIn(options.account) : null
  await context.addInitScript(
    ([t, e]) => {
      if (t && !localStorage.getItem('minan.token')) localStorage.setItem('minan.token', JSON.stringify({ data: t }))
      localStorage.setItem('minan.elder', JSON.stringify({ data: e }))
    },
    [token, options.elder ?? false] as const
  )
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  return { context, page }
}

/** Counts a person's taps: a tap on a control, or a tap into a field to type. */
function tapCounter() {
  let n = 0
  return {
    tap: async (target: Locator) => {
      n++
      await target.tap()
    },
    type: async (field: Locator, text: string) => {
      n++
      await field.fill(text)
    },
    get count() {
      return n
    }
  }
}

/** The text on screen holds no emoji drawn as a picture. */
async function expectNoPictographs(scope: Locator, label: string): Promise<void> {
  const text = await scope.innerText()
  const found = [...text].filter((c) => PICTOGRAPH.test(c))
  expect({ label, found }).toEqual({ label, found: [] })
}

test('home: one primary action, an icon grid and the crisis line above the fold; tab bar icons; no emoji anywhere on the way', async () => {
  const { context, page } = await phone()
  const errors = collectPageErrors(page)
  await page.goto(app.url + ROUTES.home)
  const home = taroPage(page, ROUTES.home)
  const primary = taroButton(home, zh('home.service.petition'))
  await primary.waitFor()

  // One filled primary action: 我要反映.
  expect(await home.locator('.home__primary').count()).toBe(1)
  expect(await primary.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(179, 38, 30)')
  // Progress is one tile, not two.
  expect(await taroButton(home, zh('home.service.tracking')).count()).toBe(1)
  expect(await taroButton(home, zh('matters.lookup.entry')).count()).toBe(0)

  // Every service and the crisis line fit on the first screen of a 390 × 844 phone, above the tab bar.
  const tabBarTop = await page.locator('.weui-tabbar').evaluate((el) => el.getBoundingClientRect().top)
  const bottoms = await home.locator('.home__tile, .home__primary, .crisis-line__call').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().bottom))
  expect(bottoms.length).toBe(6)
  for (const bottom of bottoms) expect(bottom).toBeLessThanOrEqual(tabBarTop)

  // Each service has its icon from the one stroke set, drawn at a size a thumb sees.
  const icons = await home.locator('.home__tile .icon, .home__primary .icon').evaluateAll((els) =>
    els.map((el) => ({ svg: getComputedStyle(el).backgroundImage.startsWith('url("data:image/svg+xml'), size: Math.round(el.getBoundingClientRect().width) }))
  )
  expect(icons).toHaveLength(5)
  for (const icon of icons) expect(icon.svg && icon.size >= 24).toBe(true)

  // The tab bar: three PNG icons that loaded, the selected one for home.
  const tabIcons = await page.locator('.weui-tabbar__icon').evaluateAll((els) => els.map((el) => ({ src: (el as HTMLImageElement).src, w: (el as HTMLImageElement).naturalWidth })))
  expect(tabIcons).toHaveLength(3)
  for (const icon of tabIcons) {
    expect(icon.src).toMatch(/\.png($|\?)|^data:image\/png/)
    expect(icon.w).toBe(81)
  }
  expect(tabIcons[0].src).not.toBe(tabIcons[1].src)

  await expectNoPictographs(page.locator('body'), 'home')
  await audit(page, 'home')
  await shot(page, 'ds-home')

  // The crisis line is one tap: it calls 12356 (on H5, a tel: link is what makePhoneCall opens).
  await expect(home.locator('.crisis-line__call').getAttribute('aria-label')).resolves.toContain('12356')

  // No emoji on the service pages either, and each has the back bar with one page title.
  for (const [label, route] of [
    ['心理服务', ROUTE.stations],
    ['法律顾问', ROUTE.find],
    ['办理进度', ROUTE.lookup]
  ] as const) {
    await page.goto(app.url + route)
    const view = taroPage(page, route)
    await view.locator('.back-bar__back').waitFor()
    await view.getByRole('heading', { level: 1 }).first().waitFor()
    expect(await view.locator('.page-title').count()).toBeGreaterThanOrEqual(1)
    await expectNoPictographs(view, label)
    await audit(page, label)
  }
  // Tab pages have no back bar.
  await page.goto(app.url + ROUTES.home)
  await home.locator('.home__primary').waitFor()
  expect(await home.locator('.back-bar').count()).toBe(0)
  errors.expectNone()
  await context.close()
})

test('look a case up signed out: at most 5 taps from home', async () => {
  const grid = await app.signIn('grid-tang')
  const filed = await app.call<CaseDetail>('petition', 'file', filing({ onBehalf: true, title: '桥头路灯坏了三个月', contactName: '李建国', contactPhone: PHONE_NO }), grid, { requestId: 'ds-lookup-0001' })
  if (!filed.ok) throw new Error(filed.error.code)

  const { context, page } = await phone()
  const errors = collectPageErrors(page, { ignore: [/status of 404/] })
  await page.goto(app.url + ROUTES.home)
  const taps = tapCounter()
  await taps.tap(taroButton(taroPage(page, ROUTES.home), zh('home.service.tracking')))
  const lookup = taroPage(page, ROUTE.lookup)
  await taps.type(lookup.locator('.lookup__no input'), filed.data.trackingNo)
  await taps.type(lookup.locator('.lookup__phone input'), PHONE_NO)
  await taps.tap(lookup.locator('.lookup__submit, taro-button-core.btn-primary').first())
  await lookup.getByRole('heading', { name: '桥头路灯坏了三个月', level: 1 }).waitFor()
  await lookup.getByText(zh('case.status.submitted')).first().waitFor()
  counts.lookupSignedOut = taps.count
  expect(taps.count).toBeLessThanOrEqual(5)
  await expectNoPictographs(lookup, 'lookup result')
  await audit(page, 'lookup result')
  errors.expectNone()
  await context.close()
})

test('find one’s village advisor and ask: at most 6 taps from home', async () => {
  // 陈秀英's home village is 东平村: the advisor page opens on it.
  const { context, page } = await phone({ account: 'resident-chen' })
  const errors = collectPageErrors(page)
  await page.goto(app.url + ROUTES.home)
  const taps = tapCounter()
  await taps.tap(taroButton(taroPage(page, ROUTES.home), zh('home.service.legal')))
  const find = taroPage(page, ROUTE.find)
  await taps.tap(taroButton(find, zh('legal.find.open')))
  const advisor = taroPage(page, ROUTE.advisor)
  await advisor.getByRole('heading', { level: 1 }).waitFor()
  // One primary button on the advisor's page: asking; calling is the secondary one.
  expect(await advisor.locator('taro-button-core.btn-primary').count()).toBe(1)
  await audit(page, 'advisor page')
  await shot(page, 'ds-legal-advisor')
  await taps.tap(taroButton(advisor, new RegExp(`^${zh('legal.advisor.ask')}$`)))
  const ask = taroPage(page, ROUTE.ask)
  await taps.tap(ask.getByRole('radio', { name: new RegExp(zh('legal.category.land_contract')) }))
  await taps.type(ask.locator('.lg-ask__text textarea'), '邻居把我家承包地的界桩挪了，村里不管，我该怎么办？')
  await taps.tap(taroButton(ask, zh('legal.ask.submit')))
  const thread = taroPage(page, ROUTE.thread)
  await thread.getByText(zh('legal.status.waiting'), { exact: false }).first().waitFor()
  counts.villageAdvisorAsk = taps.count
  expect(taps.count).toBeLessThanOrEqual(6)
  errors.expectNone()
  await context.close()
})

test('PHQ-9: at most 11 taps from home, one question a screen, the answers one under the other', async () => {
  const { context, page } = await phone()
  const errors = collectPageErrors(page)
  await page.goto(app.url + ROUTES.home)
  const taps = tapCounter()
  await taps.tap(taroButton(taroPage(page, ROUTES.home), zh('home.service.counselling')))
  const stations = taroPage(page, ROUTE.stations)
  await taps.tap(taroButton(stations, zh('counselling.screening.startPhq9')))
  const screening = taroPage(page, ROUTE.screening)
  for (let n = 1; n <= 9; n++) {
    await screening.getByText(zh('counselling.screening.progress', { n, total: 9 }), { exact: true }).waitFor()
    const answers = screening.getByRole('radio')
    if (n === 1) {
      // Stacked: one column, each below the last.
      const boxes = await answers.evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ x: Math.round(r.left), y: Math.round(r.top) })))
      expect(boxes).toHaveLength(4)
      expect(new Set(boxes.map((b) => b.x)).size).toBe(1)
      expect(boxes.every((b, i) => i === 0 || b.y > boxes[i - 1].y)).toBe(true)
      await audit(page, 'screening, question 1')
      await shot(page, 'ds-screening')
    }
    await taps.tap(screening.getByRole('radio', { name: new RegExp(`${zh('counselling.answer.0')}$`) }))
  }
  await screening.getByText(zh('counselling.result.band', { band: zh('counselling.band.minimal') })).waitFor()
  counts.phq9 = taps.count
  expect(taps.count).toBeLessThanOrEqual(11)
  await expectNoPictographs(screening, 'screening result')
  errors.expectNone()
  await context.close()
})

test('elder mode steps every level up and keeps the order: title > section > body > secondary, targets ≥ 60', async () => {
  const sizes: Record<string, Record<string, number>> = {}
  for (const elder of [false, true]) {
    const { context, page } = await phone({ account: 'resident-chen', elder })
    await page.goto(app.url + ROUTES.home)
    const view = taroPage(page, ROUTES.home)
    await view.locator('.home__primary').waitFor()
    const px = (selector: string) => view.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    sizes[elder ? 'elder' : 'normal'] = {
      title: await px('.home__title'),
      section: await px('.section-title'),
      body: await px('.crisis-line__text'),
      secondary: await px('.home__tile-title')
    }
    if (elder) {
      // Every control on screen is a 60 × 60 target at least.
      const small = await view.locator('taro-button-core').evaluateAll((els) =>
        els
          .map((el) => el.getBoundingClientRect())
          .filter((r) => r.width > 1 && r.height > 1)
          .filter((r) => r.height < 59.5 || r.width < 59.5)
          .map((r) => `${Math.round(r.width)}×${Math.round(r.height)}`)
      )
      expect(small).toEqual([])
      await audit(page, 'home, elder mode')
      await shot(page, 'ds-home-elder')
    }
    await context.close()
  }
  for (const mode of ['normal', 'elder'] as const) {
    const s = sizes[mode]
    expect({ mode, order: s.title > s.section && s.section > s.body && s.body >= s.secondary }).toEqual({ mode, order: true })
  }
  // Elder mode: 26 / 22 / 20 / 18, each larger than in normal mode.
  expect(sizes.elder).toEqual({ title: 26, section: 22, body: 20, secondary: 18 })
  for (const level of ['title', 'section', 'body', 'secondary']) expect(sizes.elder[level]).toBeGreaterThan(sizes.normal[level])
})
