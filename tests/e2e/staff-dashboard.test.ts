/**
 * The staff workbench and dashboard in a real browser, against the real backend with its demo cases: the city's
 * centre staff (郑晓燕, 惠州市) signs in through the demo sign-in, opens 待办总览与数据看板 from 我的, sees her queue with
 * its overdue and due-soon counts and opens it, then opens her city's dashboard and drills down city → 惠城区 → 桥东街道
 * and back up by the path. Every figure shown is checked against what the API says; every screen must pass axe with
 * no serious or critical violation and fit the phone's width.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import type { Dashboard, Workbench } from '../../types/functions/stats'
import { registerMessages, translate, type MessageKey } from '../../src/i18n'
import staffdash from '../../src/i18n/staffdash'
import { startTestServer, type TestServer } from '../support/backend'
import { audit, collectPageErrors, H5_DIR, launchBrowser, newPhoneContext, PHONE, ROUTES, shot, taroButton, taroPage, type PageErrors } from '../support/browser'

registerMessages(staffdash)
const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params)

const WORKBENCH = '/#/staff/pages/workbench/index'
const DASHBOARD = '/#/staff/pages/dashboard/index'
const QUEUE = '/#/staff/pages/queue/index'

let app: TestServer
let browser: Browser
let phone: { context: BrowserContext; page: Page; errors: PageErrors }
let token = ''

beforeAll(async () => {
  // With the demo cases, so that the figures are not all zero.
  app = await startTestServer('sqlite', { staticDir: H5_DIR, config: { demoCases: true } })
  token = await app.signIn('city-zheng')
  browser = (await launchBrowser()).browser
  const context = await newPhoneContext(browser)
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  phone = { context, page, errors: collectPageErrors(page) }
})

afterAll(async () => {
  await phone?.context.close()
  await browser?.close()
  await app?.close()
})

let auditFailures: string[] = []
async function check(page: Page, label: string) {
  try {
    await audit(page, label)
  } catch (e) {
    auditFailures.push((e as Error).message)
  }
  const wide = await page.evaluate(() => {
    const shown = [...document.querySelectorAll<HTMLElement>('.taro_page')].filter((p) => p.offsetParent !== null && getComputedStyle(p).transform === 'none')
    if (shown.length !== 1) return [`expected one page on screen, found ${shown.length}`]
    return shown.flatMap((p) =>
      [...p.querySelectorAll<HTMLElement>('*')]
        .filter((el) => {
          const r = el.getBoundingClientRect()
          return r.width > 0 && r.right > window.innerWidth + 1
        })
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} (right ${Math.round(el.getBoundingClientRect().right)}px): ${(el.textContent ?? '').slice(0, 30)}`)
    )
  })
  if (wide.length) auditFailures.push(`"${label}": ${wide.length} element(s) wider than the ${PHONE.viewport.width}px screen:\n  ${wide.join('\n  ')}`)
}

async function api<T>(action: 'workbench' | 'dashboard', input: Record<string, string> = {}): Promise<T> {
  const result = await app.call<T>('stats', action, input, token)
  if (!result.ok) throw new Error(result.error.code)
  return result.data
}

/** The figure shown beside a label in the dashboard's figure list. */
const figure = (scope: Locator, label: string) => scope.locator('.dash-figure', { has: scope.page().locator('.dash-figure__label', { hasText: new RegExp(`^${label}$`) }) }).locator('.dash-figure__value')

/** Waits until the dashboard shows `name`, then checks its figures against the API's for `code`. */
async function expectDashboard(dash: Locator, code: string, name: string): Promise<Dashboard> {
  await dash.getByRole('heading', { name: `${zh('dash.title')} · ${name}`, level: 1 }).waitFor()
  const d = await api<Dashboard>('dashboard', { regionCode: code })
  const count = (n: number) => zh('public.count', { n })
  expect(await figure(dash, zh('dash.new.month')).innerText()).toBe(count(d.newThisMonth))
  expect(await figure(dash, zh('dash.new.30')).innerText()).toBe(count(d.newLast30Days))
  expect(await figure(dash, zh('dash.open')).innerText()).toBe(count(d.open))
  expect(await figure(dash, zh('dash.overdue')).innerText()).toBe(count(d.overdue))
  expect(await figure(dash, zh('dash.closed')).innerText()).toBe(count(d.closed))
  expect(await dash.locator('.dash-child').count()).toBe(d.children.length)
  return d
}

describe('the staff workbench and dashboard', () => {
  test('郑晓燕: 我的 → workbench → her queue; the city dashboard → 惠城区 → 桥东街道 → back up', async () => {
    const { page, errors } = phone
    auditFailures = []
    // Demo sign-in: tap her name.
    await page.goto(app.url + ROUTES.signin)
    const signin = taroPage(page, ROUTES.signin)
    await signin.locator('taro-button-core[aria-label$=": 郑晓燕"]').tap()
    await page.waitForURL(/#\/pages\/home\/index/)
    await signin.waitFor({ state: 'detached' })

    await page.getByRole('link', { name: zh('tab.me'), exact: true }).tap()
    await taroButton(taroPage(page, ROUTES.me), zh('me.overview')).tap()
    const bench = taroPage(page, WORKBENCH)
    await bench.getByRole('heading', { name: zh('dash.workbench.title'), level: 1 }).waitFor()
    const w = await api<Workbench>('workbench')
    const cases = w.queues.find((q) => q.kind === 'cases')!
    expect(cases.total).toBeGreaterThan(0)
    const card = bench.locator('.queue-card--cases')
    await card.waitFor()
    expect(await card.innerText()).toContain(`${zh('dash.queue.cases')} · 惠州市`)
    expect(await card.innerText()).toContain(zh('dash.queue.total', { n: cases.total }))
    expect(await card.innerText()).toContain(zh('dash.queue.overdue', { n: cases.overdue }))
    expect(await card.innerText()).toContain(zh('dash.queue.dueSoon', { n: cases.dueSoon }))
    await check(page, 'workbench')
    await shot(page, 'staff-workbench')

    await taroButton(bench, zh('dash.workbench.openDashboard', { name: '惠州市' })).tap()
    const dash = taroPage(page, DASHBOARD)
    const city = await expectDashboard(dash, '4413', '惠州市')
    expect(city.children.map((c) => c.name)).toContain('惠城区')
    await check(page, 'dashboard, city')
    await shot(page, 'staff-dashboard')
    await dash.locator('.dash-child').first().scrollIntoViewIfNeeded()
    await shot(page, 'staff-dashboard-drilldown')

    // Drill down: the county, then the township.
    await dash.locator('taro-button-core[aria-label="' + zh('dash.child.open', { name: '惠城区' }) + '"]').tap()
    const county = await expectDashboard(dash, '441302', '惠城区')
    expect(await dash.locator('[aria-current="page"]').innerText()).toBe('惠城区')
    await check(page, 'dashboard, county')
    await dash.locator('taro-button-core[aria-label="' + zh('dash.child.open', { name: '桥东街道' }) + '"]').tap()
    const township = await expectDashboard(dash, '441302001', '桥东街道')
    expect(township.children).toEqual([])
    expect(township.open).toBe(county.children.find((c) => c.code === '441302001')!.open)
    await check(page, 'dashboard, township')
    await dash.locator('.dash-path').scrollIntoViewIfNeeded()
    await shot(page, 'staff-dashboard-township')

    // Back up by the path.
    await taroButton(dash.locator('.dash-path'), '惠州市').tap()
    await expectDashboard(dash, '4413', '惠州市')

    // The queue card opens the existing queue page (the workbench opened afresh: the browser's Back into a Taro H5
    // page stack is not what this test is about, and it made the run flaky).
    await page.goto(app.url + WORKBENCH)
    await taroPage(page, WORKBENCH).locator('.queue-card--cases').tap()
    await taroPage(page, QUEUE).getByRole('heading', { name: zh('staff.queue.title'), level: 1 }).waitFor()

    errors.expectNone()
    if (auditFailures.length) throw new Error(auditFailures.join('\n\n'))
  })
})
