/**
 * 我的个人信息 in a real browser: 陈秀英 signs in, opens her personal information from 我的, sees her matter, booking
 * and kept self-check with their consents, exports everything (a JSON download holding her matter), withdraws the
 * self-check consent (the answers are deleted), and deletes her account after confirming — she is signed out, and
 * signing in again gives a new, empty account. Every screen passes axe and shows no raw catalogue key.
 */
import fs from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { CaseDetail } from '../../types/functions/petition'
import type { DataExport, DataSummary } from '../../types/functions/account'
import type { OwnScreening } from '../../types/functions/counselling'
import type { Me } from '../../types/api'
import { translate, type MessageKey } from '../../src/i18n'
import catalogue from '../../src/i18n/account'
import type { TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import { audit, collectPageErrors, launchBrowser, newPhoneContext, ROUTES, shot, startApp, taroButton, taroPage, type PageErrors } from '../support/browser'

// The account texts load with their subpackage in the app; the test reads them directly.
const zh = (key: MessageKey, params?: Record<string, string | number>) =>
  (catalogue['zh-CN'] as Record<string, string>)[key]?.replace(/\{(\w+)\}/g, (_, n: string) => String(params?.[n] ?? '')) ?? translate('zh-CN', key, params)

const DATA = '/#/account/pages/data/index'

let app: TestServer
let browser: Browser
let context: BrowserContext
let page: Page
let errors: PageErrors

beforeAll(async () => {
  app = await startApp()
  browser = (await launchBrowser()).browser
  context = await newPhoneContext(browser)
  page = await context.newPage()
  page.setDefaultTimeout(10_000)
  errors = collectPageErrors(page)
})
afterAll(async () => {
  await context?.close()
  await browser?.close()
  await app?.close()
})

// audit() also fails on any raw catalogue key on screen (tests/support/raw-keys.ts).
const check = (label: string) => audit(page, label)

test('sign in → my data → export a JSON with my matter → withdraw the self-check consent → delete the account with confirmation → signed out', async () => {
  // Her matter and a kept self-check, made through the API as she would from their pages.
  const token = await app.signIn('resident-chen')
  const filed = await app.call<CaseDetail>('petition', 'file', filing({ title: '村口路灯坏了三个月' }), token)
  const kept = await app.call<OwnScreening>('counselling', 'saveScreening', { instrument: 'phq9', answers: [1, 0, 1, 0, 0, 0, 0, 0, 0], consentVersion: '2026-11-01' }, token)
  if (!filed.ok || !kept.ok) throw new Error('fixtures')
  const oldId = ((await app.call<Me>('auth', 'me', {}, token)) as { ok: true; data: Me }).data.userId

  // Sign in on the phone.
  await page.goto(app.url + ROUTES.signin)
  const signin = taroPage(page, ROUTES.signin)
  await signin.locator('taro-button-core[aria-label$=": 陈秀英"]').tap()
  await page.waitForURL(/#\/pages\/home\/index/)
  await signin.waitFor({ state: 'detached' })

  // 我的 → 我的个人信息.
  await page.goto(app.url + ROUTES.me)
  const me = taroPage(page, ROUTES.me)
  await taroButton(me, zh('me.mydata')).tap()
  const data = taroPage(page, DATA)
  await data.getByRole('heading', { name: zh('account.title'), level: 1 }).waitFor()
  await data.getByText(filed.data.trackingNo, { exact: false }).first().waitFor()
  expect(await data.getByText(zh('account.count.value', { label: zh('account.count.cases'), n: 1 })).count()).toBe(1)
  expect(await data.getByText(zh('account.count.value', { label: zh('account.count.screenings'), n: 1 })).count()).toBe(1)
  await data.getByText(zh('account.consent.petitionPrivacy', { subject: filed.data.trackingNo })).waitFor()
  await data.getByText(zh('account.consent.screening', { count: 1 })).waitFor()
  // The plain statement of what the law keeps, and for how long (the setting: 10 years).
  await data.getByText(zh('account.law.title')).waitFor()
  expect(await data.getByText('事项办结后保存 10 年', { exact: false }).count()).toBe(1)
  await check('my data')
  await shot(page, 'mydata')

  // Export: a JSON download that holds her matter, her contact details opened for her.
  const [download] = await Promise.all([page.waitForEvent('download'), taroButton(data, zh('account.export.button')).tap()])
  expect(download.suggestedFilename()).toMatch(/^minan-my-data-\d{4}-\d{2}-\d{2}\.json$/)
  const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8')) as DataExport
  expect(exported.format).toBe('minan.personal-data')
  expect(exported.cases.map((c) => c.trackingNo)).toEqual([filed.data.trackingNo])
  expect(exported.cases[0]).toMatchObject({ title: '村口路灯坏了三个月', contactName: '陈秀英', contactPhone: '+8613812345678' })
  expect(exported.screenings[0].answers).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0])
  await data.getByText(zh('account.export.done', { name: download.suggestedFilename() })).waitFor()

  // Withdraw the self-check consent: asked first, then the kept answers are gone.
  const consent = data.locator('.account__consent', { hasText: zh('account.consent.screening', { count: 1 }) })
  await taroButton(consent, zh('account.consent.withdraw')).tap()
  await consent.getByText(zh('account.consent.confirm.screening')).waitFor()
  await check('withdraw: confirm')
  await taroButton(consent, zh('account.consent.confirm')).tap()
  await data.getByText(zh('account.consent.withdrawn', { n: 1 })).waitFor()
  await data.getByText(zh('account.count.value', { label: zh('account.count.screenings'), n: 0 })).waitFor()
  const left = await app.call<OwnScreening[]>('counselling', 'myScreenings', {}, token)
  expect(left).toEqual({ ok: true, data: [] })

  // Delete the account: nothing happens until she confirms; then she is signed out.
  await taroButton(data, zh('account.delete.button')).tap()
  await data.getByText(zh('account.delete.confirmText')).waitFor()
  await check('delete: confirm')
  await shot(page, 'mydata-delete-confirm')
  const before = (await app.call<DataSummary>('account', 'summary', {}, token)) as { ok: true; data: DataSummary }
  expect(before.ok && before.data.counts.cases).toBe(1)
  await taroButton(data, zh('account.delete.confirm')).tap()
  await data.getByText(zh('account.delete.done')).waitFor()
  await taroButton(data, zh('signin.go')).waitFor()
  expect(await page.evaluate(() => localStorage.getItem('minan.token'))).toBeNull()
  expect(await app.call('auth', 'me', {}, token)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  await check('deleted')

  // 我的 shows a signed-out person; signing in again gives a new, empty account.
  await page.goto(app.url + ROUTES.me)
  await taroButton(taroPage(page, ROUTES.me), zh('signin.go')).waitFor()
  const again = await app.signIn('resident-chen')
  const fresh = (await app.call<DataSummary>('account', 'summary', {}, again)) as { ok: true; data: DataSummary }
  expect(fresh.data.counts).toEqual({ cases: 0, bookings: 0, consultations: 0, screenings: 0, messages: 0, files: 0 })
  expect(((await app.call<Me>('auth', 'me', {}, again)) as { ok: true; data: Me }).data.userId).not.toBe(oldId)
  errors.expectNone()
})
