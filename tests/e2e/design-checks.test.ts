/**
 * The remaining browser checks (issue #14), on the real H5 build at 390 × 844:
 * - no error message on a form names a field by its identifier (trackingNo, contactPhone, answers.8…), in Chinese and
 *   in English, in normal and elder mode;
 * - looking at another village's legal advisor leaves the person's own village alone: their profile and the next
 *   filing's place;
 * - the staff queue's filters go back to their defaults when the next person signs in on the same phone.
 * Every screen visited passes axe with no serious or critical violation.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { registerMessages, translate, type MessageKey } from '../../src/i18n'
import legal from '../../src/i18n/legal'
import type { Locale } from '../../types/locale'
import type { TestServer } from '../support/backend'
import { audit, collectPageErrors, launchBrowser, PHONE, ROUTES, startApp, taroButton, taroPage } from '../support/browser'

registerMessages(legal)

const FILE = '/#/petition/pages/file/index'
const FIND = '/#/legal/pages/find/index'
/** What an identifier looks like in a message: camelCase (trackingNo), a dotted path (answers.8), snake_case. */
const IDENTIFIER = /\b[a-z]+[A-Z][A-Za-z]*\b|\b[a-z]+\.[a-z0-9]+\b|\b[a-z]+_[a-z]+\b/

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

async function phone(options: { account: string; locale?: Locale; elder?: boolean }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...PHONE })
  const token = await app.signIn(options.account)
  await context.addInitScript(
    ([t, l, e]) => {
      if (!localStorage.getItem('minan.token')) localStorage.setItem('minan.token', JSON.stringify({ data: t }))
      localStorage.setItem('minan.locale', JSON.stringify({ data: l }))
      localStorage.setItem('minan.elder', JSON.stringify({ data: e }))
    },
    [token, options.locale ?? 'zh-CN', options.elder ?? false] as const
  )
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  return { context, page }
}

/** The texts of the error messages on screen now. */
async function alertsOn(scope: Locator): Promise<string[]> {
  await scope.locator('[role="alert"]').first().waitFor()
  return (await scope.locator('[role="alert"]').allInnerTexts()).map((s) => s.trim()).filter(Boolean)
}

describe.each([
  ['zh-CN', false],
  ['en', false],
  ['zh-CN', true]
] as const)('no identifiers in error messages (%s, elder %s)', (locale, elder) => {
  const say = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params)

  test('the filing stepper: an unanswered question and a text over its limit are said in the person’s words', async () => {
    const { context, page } = await phone({ account: 'resident-chen', locale, elder })
    const errors = collectPageErrors(page)
    await page.goto(app.url + FILE)
    const form = taroPage(page, FILE)
    const next = () => taroButton(form, new RegExp(`^${say('petition.step.next')}$`)).tap()
    await form.getByText(say('petition.step.progress', { n: 1, total: 5, name: say('petition.step.kind') })).waitFor()

    // Nothing chosen: 下一步 says what is missing, under the question.
    await next()
    const missing = await alertsOn(form)
    await form.getByRole('radio', { name: new RegExp(`^(?:✓ )?${say('case.kind.complaint')}$`) }).tap()
    await next()

    // A title over its 50 characters: the limit is named, and the field in the person's words.
    await form.locator('.field--title input').fill('村口的路灯坏了很久一直没有人来修理晚上出门很不方便老人小孩都容易摔倒希望尽快派人来看一看修一修谢谢大家了')
    await form.locator('.field--description textarea').fill('路灯坏了。')
    await next()
    const tooLong = await alertsOn(form)
    expect(tooLong.join(' ')).toMatch(/50/)
    await audit(page, `filing errors (${locale}${elder ? ', elder' : ''})`)

    for (const text of [...missing, ...tooLong]) expect({ text, identifier: IDENTIFIER.exec(text)?.[0] ?? null }).toEqual({ text, identifier: null })
    errors.expectNone()
    await context.close()
  })
})

test('looking at another village’s advisor changes neither the profile nor the next filing’s place', async () => {
  const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params)
  const token = await app.signIn('resident-chen')
  const before = await app.call<{ homeRegion: { code: string } | null }>('auth', 'me', {}, token)
  expect(before.ok && before.data.homeRegion?.code).toBe('441302001200')

  const { context, page } = await phone({ account: 'resident-chen' })
  const errors = collectPageErrors(page)
  await page.goto(app.url + FIND)
  const find = taroPage(page, FIND)
  await find.getByText(zh('legal.find.mine', { name: '东平村民委员会' })).waitFor()
  await find.locator('.lg-find__query input').fill('新建')
  await taroButton(find, new RegExp(`^${zh('legal.find.search')}$`)).tap()
  await find.locator('.lg-find__result', { hasText: '新建社区居委会' }).first().tap()
  await find.getByText(zh('legal.find.viewing', { name: '新建社区居委会' })).waitFor()
  await audit(page, 'another village’s advisor')

  const after = await app.call<{ homeRegion: { code: string } | null }>('auth', 'me', {}, token)
  expect(after.ok && after.data.homeRegion?.code).toBe('441302001200')

  // The next filing starts from her own village.
  await page.goto(app.url + ROUTES.home)
  await page.goto(app.url + FILE)
  const form = taroPage(page, FILE)
  const next = () => taroButton(form, new RegExp(`^${zh('petition.step.next')}$`)).tap()
  await form.getByRole('radio', { name: new RegExp(`^(?:✓ )?${zh('case.kind.complaint')}$`) }).tap()
  await next()
  await form.locator('.field--title input').fill('路灯坏了')
  await form.locator('.field--description textarea').fill('村口的路灯坏了。')
  await next()
  expect(await form.locator('.petition-form__place').innerText()).toBe('惠州市 惠城区 桥东街道 东平村民委员会')
  errors.expectNone()
  await context.close()
})

test('the staff queue’s filters go back to their defaults when the next person signs in on the same phone', async () => {
  const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params)
  const QUEUE = '/#/staff/pages/queue/index'
  const context = await browser.newContext({ ...PHONE })
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  const errors = collectPageErrors(page)
  const signIn = async (name: string) => {
    await page.goto(app.url + ROUTES.signin)
    const signin = taroPage(page, ROUTES.signin)
    await signin.locator(`taro-button-core[aria-label$=": ${name}"]`).tap()
    await page.waitForURL(/#\/pages\/home\/index/)
  }
  const statusFilter = (queue: Locator) => queue.locator('.queue-filter--status')

  // 黄丽华 (centre) narrows her queue to the closed cases. The picker's choice is what WeChat's picker sends on
  // confirming: a change event with the option's index.
  await signIn('黄丽华')
  await page.goto(app.url + QUEUE)
  let queue = taroPage(page, QUEUE)
  await statusFilter(queue).waitFor()
  await queue.locator('taro-picker-core').first().evaluate((picker) => picker.dispatchEvent(new CustomEvent('change', { detail: { value: 4 }, bubbles: true })))
  await queue.locator(`.queue-filter--status[aria-label="${zh('staff.filter.status')}：${zh('case.status.closed')}"]`).waitFor()

  // She signs out; 周德明 (a mediator) signs in on the same phone: his queue opens on every open case.
  await page.goto(app.url + ROUTES.me)
  await taroPage(page, ROUTES.me).locator('.me__signout').tap()
  await signIn('周德明')
  await page.goto(app.url + QUEUE)
  queue = taroPage(page, QUEUE)
  await queue.locator(`.queue-filter--status[aria-label="${zh('staff.filter.status')}：${zh('staff.filter.open')}"]`).waitFor()
  await audit(page, 'staff queue after the next sign-in')
  errors.expectNone()
  await context.close()
})
