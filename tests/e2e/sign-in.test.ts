/**
 * Phone sign-in in a real browser against the real backend (outside production: the code is shown, not sent): the
 * sign-in screen offers the number and code, a wrong code is refused in the person's words, the right one signs in,
 * and 我的 shows the new account. Every screen passes axe and shows no raw catalogue key.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { translate, type MessageKey } from '../../src/i18n'
import type { TestServer } from '../support/backend'
import { audit, collectPageErrors, launchBrowser, newPhoneContext, ROUTES, startApp, taroButton, taroPage, type PageErrors } from '../support/browser'

const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params)

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
  // A refused sign-in is reported by the API client; that is the behaviour under test, not a page error.
  errors = collectPageErrors(page, { ignore: [/SMS_CODE_WRONG|status of 4\d\d/] })
})
afterAll(async () => {
  await context?.close()
  await browser?.close()
  await app?.close()
})

test('mobile number → code shown on the test system → a wrong code is refused → the right one signs in', async () => {
  await page.goto(app.url + ROUTES.signin)
  const signin = taroPage(page, ROUTES.signin)
  await signin.getByText(zh('signin.phone.number'), { exact: true }).first().waitFor()
  await signin.locator('.signin__phone input').first().fill('13822229999')
  await taroButton(signin, zh('signin.phone.send')).tap()
  const shown = signin.getByText(/本次验证码是 \d{6}/)
  await shown.waitFor()
  const code = /(\d{6})/.exec(await shown.innerText())![1]
  await audit(page, 'sign-in: code shown')

  const wrong = code === '000000' ? '111111' : '000000'
  await signin.locator('.signin__phone input').nth(1).fill(wrong)
  await taroButton(signin, zh('signin.phone.submit')).tap()
  await signin.getByText('验证码不正确，还可以再试 4 次。').waitFor()

  await signin.locator('.signin__phone input').nth(1).fill(code)
  await taroButton(signin, zh('signin.phone.submit')).tap()
  await page.waitForURL(/#\/pages\/home\/index/)
  await signin.waitFor({ state: 'detached' })

  await page.goto(app.url + ROUTES.me)
  const me = taroPage(page, ROUTES.me)
  await me.getByText('手机用户9999').first().waitFor()
  await audit(page, 'me after phone sign-in')
  errors.expectNone()
})
