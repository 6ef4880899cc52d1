/**
 * Elder mode (适老化) in a real browser: every main page, resident and staff, in normal and in elder mode, each
 * screenshotted to docs/screenshots/elder-{off,on}-<page>.png. In elder mode the RENDERED page is measured:
 * every text at least 18 px with a line height of at least 1.3×, every button, link and input at least 60 × 60,
 * no serious or critical axe violation (colour contrast included), nothing wider than the screen.
 *
 * Units: the phone is 375 CSS px wide, the width of the phone WeChat's dp are defined on (375 pt). There 1 CSS px
 * = 1 dp = 2 rpx, and Taro's H5 root font size is 20 px (1 rem = 40 design px). Elder mode's sizes are written in
 * PX, which neither platform's pxtransform converts, so "18 dp" is 18 CSS px here at any width, and 18 dp on weapp.
 * Also: the offline banner, and the loading skeleton on a slow network.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import type { CaseDetail } from '../../types/functions/petition'
import type { Envelope } from '../../types/api'
import { registerMessages, translate, type MessageKey } from '../../src/i18n'
import counselling from '../../src/i18n/counselling'
import legal from '../../src/i18n/legal'
import lookup from '../../src/i18n/lookup'
import type { TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import { audit, collectPageErrors, launchBrowser, PHONE, ROUTES, shot, startApp, taroButton, taroPage, type PageErrors } from '../support/browser'

// These two load with their subpackages in the app; the test reads them up front.
registerMessages(counselling)
registerMessages(legal)
registerMessages(lookup)
const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params)

/** The floors of issue #7, in dp = CSS px at this width. */
const MIN_TEXT_PX = 18
const MIN_LINE_HEIGHT = 1.3
const MIN_TARGET_PX = 60
const WIDTH = 375

const URL = {
  ...ROUTES,
  file: '/#/petition/pages/file/index',
  detail: '/#/petition/pages/detail/index',
  stations: '/#/counselling/pages/stations/index',
  screening: '/#/counselling/pages/screening/index',
  find: '/#/legal/pages/find/index',
  advisor: '/#/legal/pages/advisor/index',
  ask: '/#/legal/pages/ask/index',
  lookup: '/#/petition/pages/lookup/index',
  queue: '/#/staff/pages/queue/index',
  staffCase: '/#/staff/pages/case/index'
} as const

let app: TestServer
let browser: Browser
let filed: CaseDetail
/** A neighbour dispute of hers that the mediator closed with an agreement: its page opens on the result card. */
let closed: CaseDetail

beforeAll(async () => {
  app = await startApp()
  browser = (await launchBrowser()).browser
  const chen = await app.signIn('resident-chen')
  const got = await app.call<CaseDetail>('petition', 'file', filing({ title: '东平村村口路灯坏了' }), chen)
  if (!got.ok) throw new Error(`petition.file: ${got.error.code}`)
  filed = got.data
  const [centre, mediator] = [await app.signIn('centre-huang'), await app.signIn('mediator-zhou')]
  const ok = <T>(r: Envelope<T>): T => {
    if (!r.ok) throw new Error(r.error.code)
    return r.data
  }
  const dispute = ok(await app.call<CaseDetail>('petition', 'file', filing({ kind: 'dispute', disputeType: 'neighbours', otherPartyName: '王大伟', title: '邻居装修噪音扰民' }), chen))
  ok(await app.call('petition', 'accept', { id: dispute.id }, centre))
  const zhou = ok(await app.call<{ id: string; name: string }[]>('petition', 'mediators', { id: dispute.id }, centre)).find((m) => m.name === '周德明')!
  ok(await app.call('petition', 'assign', { id: dispute.id, mediatorId: zhou.id }, centre))
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
  ok(await app.call('petition', 'recordSession', { id: dispute.id, date: today, participants: '陈秀英、王大伟', notes: '双方同意各退一步' }, mediator))
  closed = ok(await app.call<CaseDetail>('petition', 'closeMediation', { id: dispute.id, success: true, agreement: '王大伟承诺每天晚上八点后不再施工。', partiesConfirmed: true }, mediator))
})

afterAll(async () => {
  await browser?.close()
  await app?.close()
})

interface Phone {
  context: BrowserContext
  page: Page
  errors: PageErrors
}

/** A 375-wide phone, signed in as `account`, with elder mode switched on or off on the device (as 我的 stores it). */
async function phone(account: string, elder: boolean): Promise<Phone> {
  const context = await browser.newContext({ ...PHONE, viewport: { width: WIDTH, height: 812 } })
  const token = await app.signIn(account)
  // Taro's H5 storage keeps each value as {"data": value} in localStorage.
  await context.addInitScript(
    ([t, e]) => {
      if (!localStorage.getItem('minan.token')) localStorage.setItem('minan.token', JSON.stringify({ data: t }))
      localStorage.setItem('minan.elder', JSON.stringify({ data: e }))
    },
    [token, elder] as const
  )
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  return { context, page, errors: collectPageErrors(page) }
}

interface Measured {
  /** How many texts and controls were measured (a check that measured nothing proves nothing). */
  measured: number
  text: string[]
  targets: string[]
  overflow: string[]
}

/** Measures the page on screen (and the tab bar) as the browser rendered it. */
function measure(page: Page, limits: { font: number; lineHeight: number; target: number }): Promise<Measured> {
  return page.evaluate(({ font, lineHeight, target }) => {
    const describe = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 24)}"`
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect()
      if (r.width <= 1 || r.height <= 1) return false // nothing drawn, or a screen-reader-only label
      const s = getComputedStyle(el)
      return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0 && !el.closest('[aria-hidden="true"]')
    }
    const pages = [...document.querySelectorAll<HTMLElement>('.taro_page')].filter((p) => p.getClientRects().length > 0 && getComputedStyle(p).transform === 'none')
    const roots: Element[] = [...pages, ...document.querySelectorAll('.taro-tabbar__tabbar')]
    const all = roots.flatMap((r) => [r, ...r.querySelectorAll('*')]).filter(visible)

    const text: string[] = []
    let measured = 0
    for (const el of all) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.nodeValue ?? '').trim() !== '')
      if (!own) continue
      measured++
      const s = getComputedStyle(el)
      const size = parseFloat(s.fontSize)
      const ratio = s.lineHeight === 'normal' ? 1.2 : parseFloat(s.lineHeight) / size
      if (size < font - 0.01) text.push(`${describe(el)}: font-size ${size}px`)
      else if (ratio < lineHeight - 0.001) text.push(`${describe(el)}: line-height ${s.lineHeight} (${ratio.toFixed(2)}×)`)
    }

    const CONTROLS = 'taro-button-core, a[href], input:not([type="hidden"]):not([type="file"]), textarea, select, [role="button"], [role="link"], [role="radio"], [role="checkbox"], [role="switch"], [role="tab"], [role="option"]'
    const controls = all.filter((el) => el.matches(CONTROLS))
    measured += controls.length
    const targets = controls
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width < target - 0.5 || r.height < target - 0.5)
      .map(({ el, r }) => `${describe(el)}: ${Math.round(r.width)}×${Math.round(r.height)}`)

    const overflow: string[] = []
    const scroller = document.scrollingElement!
    if (scroller.scrollWidth > window.innerWidth) overflow.push(`document scrolls sideways: ${scroller.scrollWidth}px > ${window.innerWidth}px`)
    for (const el of all) {
      const r = el.getBoundingClientRect()
      if (r.right > window.innerWidth + 1) overflow.push(`${describe(el)} sticks out to ${Math.round(r.right)}px`)
    }
    return { measured, text, targets, overflow }
  }, limits)
}

/** Waits for the page to be ready (`ready`), its skeletons gone and toasts settled. */
async function settle(page: Page, route: string, ready: (p: Locator) => Locator): Promise<Locator> {
  const shown = taroPage(page, route)
  await ready(shown).first().waitFor()
  await shown.locator('.skeleton').first().waitFor({ state: 'detached' }).catch(() => undefined)
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.taro__toast')].every((t) => t.style.display === 'none' || getComputedStyle(t).opacity === '1'))
  return shown
}

/** Texts below the elder floors found in NORMAL mode: proof that the measurement sees what it should. */
let smallInNormalMode = 0

/** Per mode: the failures of every page, gathered so that one bad page does not hide the others. */
async function check(page: Page, name: string, elder: boolean, failures: string[]): Promise<void> {
  const isElder = await page.evaluate(() => document.documentElement.classList.contains('elder'))
  if (isElder !== elder) failures.push(`${name}: <html> ${isElder ? 'has' : 'lacks'} the elder class`)
  try {
    await audit(page, `${name} (${elder ? 'elder' : 'normal'} mode)`)
  } catch (e) {
    failures.push((e as Error).message)
  }
  const m = await measure(page, { font: MIN_TEXT_PX, lineHeight: MIN_LINE_HEIGHT, target: MIN_TARGET_PX })
  if (m.measured < 5) failures.push(`${name}: only ${m.measured} texts and controls measured`)
  if (!elder) smallInNormalMode += m.text.length + m.targets.length
  if (m.overflow.length) failures.push(`${name}: wider than the ${WIDTH}px screen:\n  ${m.overflow.join('\n  ')}`)
  if (elder) {
    if (m.text.length) failures.push(`${name}: text below ${MIN_TEXT_PX}px or line height below ${MIN_LINE_HEIGHT}×:\n  ${m.text.join('\n  ')}`)
    if (m.targets.length) failures.push(`${name}: controls smaller than ${MIN_TARGET_PX}×${MIN_TARGET_PX}:\n  ${m.targets.join('\n  ')}`)
  }
  await shot(page, `elder-${elder ? 'on' : 'off'}-${name}`)
}

const heading = (name: string | RegExp) => (p: Locator) => p.getByRole('heading', { name, level: 1 })

/** The resident's main pages, visited in order on one phone. */
async function residentJourney({ page }: Phone, elder: boolean, failures: string[]): Promise<void> {
  const visit = async (name: string, route: string, query: string, ready: (p: Locator) => Locator) => {
    await page.goto(app.url + route + query)
    await settle(page, route, ready)
    await check(page, name, elder, failures)
  }
  await visit('home', URL.home, '', (p) => taroButton(p, zh('crisis.line')))
  await visit('matters', URL.matters, '', (p) => p.locator('.case-card', { hasText: filed.title }))
  await visit('me', URL.me, '', heading('陈秀英'))
  await visit('file', URL.file, '', heading(zh('petition.title')))
  await visit('case', URL.detail, `?id=${filed.id}`, heading(filed.title))
  await visit('case-closed', URL.detail, `?id=${closed.id}`, (p) => p.getByRole('region', { name: zh('petition.result.title') }))
  await visit('stations', URL.stations, '', (p) => p.locator('.station-card'))
  await visit('screening', URL.screening, '', heading(zh('counselling.screening.title')))
  await page.goto(app.url + URL.find)
  const find = await settle(page, URL.find, (p) => taroButton(p, zh('legal.find.open')))
  await taroButton(find, zh('legal.find.open')).tap()
  const advisor = await settle(page, URL.advisor, heading('何文律师'))
  await check(page, 'advisor', elder, failures)
  await advisor.locator('.lg-advisor__ask').tap()
  await settle(page, URL.ask, heading(zh('legal.ask.title')))
  await check(page, 'ask', elder, failures)
  await visit('lookup', URL.lookup, '', heading(zh('lookup.title')))
}

/** The township centre's workbench: the queue and the case. */
async function staffJourney({ page }: Phone, elder: boolean, failures: string[]): Promise<void> {
  await page.goto(app.url + URL.queue)
  await settle(page, URL.queue, (p) => p.locator('.case-row', { hasText: filed.trackingNo }))
  await check(page, 'staff-queue', elder, failures)
  await page.goto(app.url + `${URL.staffCase}?id=${encodeURIComponent(filed.id)}`)
  await settle(page, URL.staffCase, heading(filed.title))
  await check(page, 'staff-case', elder, failures)
}

describe.each([
  ['normal', false],
  ['elder', true]
])('every main page in %s mode, on a 375-wide phone in Chinese', (_mode, elder) => {
  test('resident: home, 我的事项, 我的, filing, a case, a closed case, stations, screening, legal advisor, asking, looking a case up', async () => {
    const resident = await phone('resident-chen', elder)
    const failures: string[] = []
    try {
      await residentJourney(resident, elder, failures)
      resident.errors.expectNone()
      // Normal mode has 16 px text and 44 px buttons: the same measurement must find them (it is not blind).
      if (!elder) expect(smallInNormalMode).toBeGreaterThan(10)
    } finally {
      await resident.context.close()
    }
    if (failures.length) throw new Error(failures.join('\n\n'))
  })

  test('staff: the queue and the case', async () => {
    const staff = await phone('centre-huang', elder)
    const failures: string[] = []
    try {
      await staffJourney(staff, elder, failures)
      staff.errors.expectNone()
    } finally {
      await staff.context.close()
    }
    if (failures.length) throw new Error(failures.join('\n\n'))
  })
})

describe('the switch under 我的, the offline banner and the loading skeleton', () => {
  test('the switch turns elder mode on for the whole app at once, and the device remembers it', async () => {
    const { context, page, errors } = await phone('resident-chen', false)
    try {
      await page.goto(app.url + URL.me)
      const me = await settle(page, URL.me, heading('陈秀英'))
      const toggle = me.getByRole('switch', { name: zh('me.elder') })
      expect(await toggle.getAttribute('aria-checked')).toBe('false')
      const nameSize = () => me.getByRole('heading', { name: '陈秀英' }).evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
      const before = await nameSize()
      await toggle.tap()
      await me.locator('[role="switch"][aria-checked="true"]').waitFor()
      // Said in words, not only by colour.
      expect(await toggle.innerText()).toContain(`✓ ${zh('me.elder.on')}`)
      expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true)
      expect(await nameSize()).toBeGreaterThan(before)
      expect(await page.evaluate(() => JSON.parse(localStorage.getItem('minan.elder') ?? 'null'))).toEqual({ data: true })
      // The tab bar too: it lives outside the pages.
      const tab = page.getByRole('link', { name: zh('tab.home'), exact: true })
      const box = (await tab.boundingBox())!
      expect(box.height).toBeGreaterThanOrEqual(MIN_TARGET_PX)
      errors.expectNone()
    } finally {
      await context.close()
    }
  })

  test('offline, every page says so and what becomes of unsent work; the banner goes when the network returns', async () => {
    const { context, page, errors } = await phone('resident-chen', true)
    try {
      await page.goto(app.url + URL.home)
      const home = await settle(page, URL.home, (p) => taroButton(p, zh('crisis.line')))
      await context.setOffline(true)
      const banner = home.getByRole('status').filter({ hasText: zh('offline.title') })
      await banner.waitFor()
      expect(await banner.innerText()).toContain(zh('offline.body'))
      const failures: string[] = []
      await check(page, 'offline', true, failures)
      if (failures.length) throw new Error(failures.join('\n\n'))
      await context.setOffline(false)
      await banner.waitFor({ state: 'detached' })
      errors.expectNone()
    } finally {
      await context.close()
    }
  })

  test('a slow case page shows a skeleton, not a blank page, until the case arrives', async () => {
    const { context, page, errors } = await phone('resident-chen', true)
    try {
      let release: () => void = () => undefined
      const held = new Promise<void>((resolve) => (release = resolve))
      await page.route('**/api/petition', async (route) => {
        const body = route.request().postData() ?? ''
        if (body.includes('"get"')) await held
        await route.continue()
      })
      await page.goto(app.url + `${URL.detail}?id=${filed.id}`)
      const detail = taroPage(page, URL.detail)
      const skeleton = detail.locator('.skeleton[role="status"]')
      await skeleton.waitFor()
      expect(await skeleton.getAttribute('aria-busy')).toBe('true')
      await shot(page, 'elder-on-case-loading')
      release()
      await detail.getByRole('heading', { name: filed.title, level: 1 }).waitFor()
      expect(await detail.locator('.skeleton').count()).toBe(0)
      errors.expectNone()
    } finally {
      await context.close()
    }
  })
})
