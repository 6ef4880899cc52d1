/**
 * A matter filed for a resident, followed without an account and then in 我的事项, in a real browser: a grid worker
 * files it for 李建国 (代办, through the API), who — signed out — finds 查询办理进度 on the home page and looks it up
 * with the tracking number and his phone; he signs in from there and claims it with the code on his receipt; 我的事项
 * lists it; when the township centre accepts it (through the API), his 我的事项 shows the new status and an unread
 * message about it. Every screen visited must pass axe with no serious or critical violation.
 */
import type { Browser, Page } from 'playwright-core'
import type { CaseDetail } from '../../types/functions/petition'
import { translate, type MessageKey } from '../../src/i18n'
import lookupTexts from '../../src/i18n/lookup'
import type { TestServer } from '../support/backend'
import { audit, collectPageErrors, launchBrowser, newPhoneContext, ROUTES, shot, startApp, taroButton, taroPage } from '../support/browser'
import { filing } from '../support/fixtures'

const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params)
const lk = (key: keyof (typeof lookupTexts)['zh-CN']) => lookupTexts['zh-CN'][key]
const LOOKUP = '/#/petition/pages/lookup/index'
const TITLE = '村道塌陷一直没人修'
const PHONE_NO = '13900008888'

let app: TestServer
let browser: Browser

beforeAll(async () => {
  app = await startApp()
  browser = (await launchBrowser()).browser
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

const auditFailures: string[] = []
const check = async (page: Page, label: string) => {
  try {
    await audit(page, label)
  } catch (e) {
    auditFailures.push((e as Error).message)
  }
}

test('filed for him, looked up signed out, claimed, followed in 我的事项 with a message when it is accepted', async () => {
  const grid = await app.signIn('grid-tang')
  const filed = await app.call<CaseDetail>('petition', 'file', filing({ onBehalf: true, title: TITLE, contactName: '李建国', contactPhone: PHONE_NO }), grid)
  if (!filed.ok) throw new Error(filed.error.code)
  const { trackingNo, id, claimCode } = filed.data

  const context = await newPhoneContext(browser)
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  const errors = collectPageErrors(page, { ignore: [/status of 404/] })

  // Signed out, from the home page.
  await page.goto(app.url + ROUTES.home)
  const home = taroPage(page, ROUTES.home)
  await taroButton(home, zh('home.service.tracking')).tap()
  const lookup = taroPage(page, LOOKUP)
  await lookup.getByRole('heading', { name: lk('lookup.title'), level: 1 }).waitFor()
  await check(page, 'lookup form')

  // A wrong phone first: the same answer as an unknown number, in words.
  await lookup.locator('.lookup__no input').fill(trackingNo)
  await lookup.locator('.lookup__phone input').fill('13900008889')
  await taroButton(lookup, lk('lookup.submit')).tap()
  await lookup.getByRole('alert').waitFor()
  expect(await lookup.getByRole('alert').innerText()).toContain('✗')

  await lookup.locator('.lookup__phone input').fill(PHONE_NO)
  await taroButton(lookup, lk('lookup.submit')).tap()
  await lookup.getByRole('heading', { name: TITLE, level: 1 }).waitFor()
  const text = await lookup.innerText()
  for (const words of [trackingNo, zh('case.status.submitted'), '桥东街道', '李**', '139****8888', lk('lookup.privacy')]) expect([words, text.includes(words)]).toEqual([words, true])
  expect(text).not.toContain(PHONE_NO)
  await check(page, 'lookup result')
  await shot(page, 'lookup')

  // Sign in from there, and come back to the answer to claim it.
  await taroButton(lookup, lk('lookup.signIn')).tap()
  const signin = taroPage(page, ROUTES.signin)
  await signin.locator('taro-button-core[aria-label$=": 李建国"]').tap()
  await page.waitForURL(/#\/petition\/pages\/lookup\/index/)
  const back = taroPage(page, LOOKUP)
  // The claim code from the receipt the grid worker handed him.
  await back.locator('.lookup__code input').fill(claimCode!)
  await taroButton(back, lk('lookup.claim')).tap()

  // 我的事项 lists it.
  await page.waitForURL(/#\/pages\/matters\/index/)
  const matters = taroPage(page, ROUTES.matters)
  const row = matters.locator('.matters__row', { hasText: TITLE })
  await row.waitFor()
  expect(await row.innerText()).toContain(zh('case.status.submitted'))
  // One list row shape: title, one meta line, the status chip, a chevron (the number is on the case's page).
  expect(await row.locator('.cell__meta').count()).toBe(1)
  expect(await row.locator('.cell__chevron').count()).toBe(1)
  await check(page, 'my matters, claimed')

  // The centre accepts it; on his next visit to the tab it says so, and a message waits.
  const centre = await app.signIn('centre-huang')
  const accepted = await app.call('petition', 'accept', { id }, centre)
  if (!accepted.ok) throw new Error(accepted.error.code)
  await page.getByRole('link', { name: zh('tab.home'), exact: true }).tap()
  await page.getByRole('link', { name: new RegExp(`${zh('tab.matters')}$`) }).tap()
  await row.locator('.case-card__status', { hasText: zh('case.status.accepted') }).waitFor()
  await matters.locator('.messages-entry--unread').waitFor()
  expect(await matters.locator('.messages-entry').innerText()).toContain(zh('messages.entry', { n: 1 }))
  await check(page, 'my matters, accepted')
  await shot(page, 'matters-all')

  await matters.locator('.messages-entry').tap()
  await page.waitForURL(/#\/messages\/pages\/list\/index/)
  await page.getByText(TITLE).first().waitFor()

  errors.expectNone()
  await context.close()
  if (auditFailures.length) throw new Error(auditFailures.join('\n\n'))
}, 120_000)
