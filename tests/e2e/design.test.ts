/**
 * The design system in a real browser: one typeface on the filing form (body, inputs, textareas and buttons alike),
 * and five status tones that each look different — real chips in 我的事项 (a case waiting, a withdrawn one) and one
 * chip of each tone beside them. Every screen visited must pass axe with no serious or critical violation.
 */
import type { Browser, Page } from 'playwright-core'
import type { CaseDetail } from '../../types/functions/petition'
import { translate, type MessageKey } from '../../src/i18n'
import type { TestServer } from '../support/backend'
import { audit, collectPageErrors, launchBrowser, newPhoneContext, ROUTES, startApp, taroButton, taroPage } from '../support/browser'
import { filing } from '../support/fixtures'
import { TONES } from '../../src/components/status-chip/tone'

const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params)
const FILE = '/#/petition/pages/file/index'

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

async function signIn(page: Page, name: string): Promise<void> {
  await page.goto(app.url + ROUTES.signin)
  const signin = taroPage(page, ROUTES.signin)
  await signin.locator(`taro-button-core[aria-label$=": ${name}"]`).tap()
  await page.waitForURL(/#\/pages\/home\/index/)
  await signin.waitFor({ state: 'detached' })
}

test('one typeface on the filing form, and five status tones in five colours', async () => {
  const chen = await app.signIn('resident-chen')
  const waiting = await app.call<CaseDetail>('petition', 'file', filing({ title: '村口排水沟堵了' }), chen, { requestId: 'design-file-0001' })
  const withdrawn = await app.call<CaseDetail>('petition', 'file', filing({ title: '村里广场舞音响太吵' }), chen, { requestId: 'design-file-0002' })
  if (!waiting.ok || !withdrawn.ok) throw new Error('filing failed')
  const back = await app.call<CaseDetail>('petition', 'withdraw', { id: withdrawn.data.id }, chen, { requestId: 'design-withdraw-0001' })
  if (!back.ok) throw new Error(back.error.code)

  const context = await newPhoneContext(browser)
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  const errors = collectPageErrors(page)
  await signIn(page, '陈秀英')

  // (a) The filing form: body, a one-line input, the description's textarea and the send button share one stack.
  await taroButton(taroPage(page, ROUTES.home), zh('home.service.petition')).tap()
  const form = taroPage(page, FILE)
  await form.getByRole('heading', { name: zh('petition.title'), level: 1 }).waitFor()
  const fontOf = (selector: string) => form.locator(selector).first().evaluate((el) => getComputedStyle(el).fontFamily)
  const body = await page.evaluate(() => getComputedStyle(document.body).fontFamily)
  expect(body).toContain('PingFang SC')
  // The stepper's first step has the choices and the next button; the title and description are on the second.
  const kind = form.getByRole('radio', { name: new RegExp(`^(?:✓ )?${zh('case.kind.complaint')}$`) })
  await kind.tap()
  await kind.and(page.locator('[aria-checked="true"]')).waitFor()
  const button = await fontOf('.petition-form__next')
  await taroButton(form, new RegExp(`^${zh('petition.step.next')}$`)).tap()
  await form.locator('.field--description textarea').waitFor()
  expect({
    input: await fontOf('.field--title input'),
    textarea: await fontOf('.field--description textarea'),
    button
  }).toEqual({ input: body, textarea: body, button: body })
  await audit(page, 'filing form')

  // (b) 我的事项: the waiting case and the withdrawn one differ; each of the five tones has its own colour.
  await page.goBack()
  await page.waitForURL(/#\/pages\/home\/index/)
  await page.getByRole('link', { name: new RegExp(`${zh('tab.matters')}$`) }).tap()
  const matters = taroPage(page, ROUTES.matters)
  const chipOf = (title: string) => matters.locator('.case-card', { hasText: title }).locator('.status-chip')
  await chipOf('村口排水沟堵了').filter({ hasText: zh('case.status.submitted') }).waitFor()
  await chipOf('村里广场舞音响太吵').filter({ hasText: zh('case.status.withdrawn') }).waitFor()
  const look = (el: Element) => `${getComputedStyle(el).color} on ${getComputedStyle(el).backgroundColor}`
  const real = { waiting: await chipOf('村口排水沟堵了').evaluate(look), closed: await chipOf('村里广场舞音响太吵').evaluate(look) }
  expect(real.waiting).not.toBe(real.closed)
  await audit(page, '我的事项 with chips')

  // One chip of each tone, as StatusChip draws it, beside the real ones.
  const tones = await matters.evaluate((root, all) => {
    const out: Record<string, string> = {}
    for (const tone of all) {
      const chip = document.createElement('taro-text-core')
      chip.className = `status-chip status-chip--${tone}`
      chip.textContent = tone
      root.appendChild(chip)
      out[tone] = `${getComputedStyle(chip).color} on ${getComputedStyle(chip).backgroundColor}`
      chip.remove()
    }
    return out
  }, [...TONES])
  expect(new Set(Object.values(tones)).size).toBe(5)
  expect(new Set(Object.values(tones).map((v) => v.split(' on ')[0])).size).toBe(5)
  expect(real).toEqual({ waiting: tones.waiting, closed: tones.closed })
  errors.expectNone()
  await context.close()
})
