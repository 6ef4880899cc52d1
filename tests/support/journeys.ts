/**
 * Steps that several browser journeys share: a phone signed in as a demo person (with a counter of taps and typed
 * fields), and filing a dispute through the five-step form from home. tests/e2e/journeys.test.ts counts the taps of
 * the filing; tests/e2e/mediation.test.ts files the dispute that both parties then mediate.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { translate, type MessageKey } from '../../src/i18n'
import { PHONE, ROUTES, taroButton, taroPage } from './browser'

export { tinyPng } from './images'

export const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params)

/** 桥东街道, 惠州: where the demo station is. */
export const QIAODONG = { latitude: 23.0855, longitude: 114.4205 }

export interface Phone {
  context: BrowserContext
  page: Page
  /** A tap on a control, counted. */
  tap(target: Locator): Promise<void>
  /** Text typed into a field, counted apart. */
  type(target: Locator, text: string): Promise<void>
  shot(label: string): Promise<Buffer>
  count: { taps: number; typed: number }
}

/** A phone signed in as a demo person by their name on the sign-in page (the sign-in is not part of the count), in elder mode if asked. */
export async function phoneAs(browser: Browser, url: string, name: string, shots: (label: string) => string, { elder = false } = {}): Promise<Phone> {
  const context = await browser.newContext({ ...PHONE, geolocation: QIAODONG, permissions: ['geolocation'] })
  if (elder) await context.addInitScript(() => localStorage.setItem('minan.elder', JSON.stringify({ data: true })))
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  await page.goto(url + ROUTES.signin)
  const signin = taroPage(page, ROUTES.signin)
  await signin.locator(`taro-button-core[aria-label$=": ${name}"]`).tap()
  await page.waitForURL(/#\/pages\/home\/index/)
  await signin.waitFor({ state: 'detached' })
  const count = { taps: 0, typed: 0 }
  return {
    context,
    page,
    count,
    async tap(target) {
      await target.tap()
      count.taps++
    },
    async type(target, text) {
      await target.fill(text)
      count.typed++
    },
    shot: (label) => page.screenshot({ path: shots(label), animations: 'disabled' })
  }
}

/** A radio choice by its label (the choice chips may carry a mark before their text). */
export const choice = (scope: Locator, text: string) => scope.getByRole('radio', { name: new RegExp(`^(?:[✓◉○] )?${text}$`) })


export interface DisputeFiling {
  title: string
  description: string
  otherPartyName: string
  contactPhone: string
  /** A photo picked in the chooser on the contact step. */
  photo?: { name: string; buffer: Buffer }
}

/**
 * Files a neighbour dispute from home through the five steps (her village comes from her profile), ending on the
 * success page; answers the tracking number shown there. `atStep` runs on each step before it is left (a screen, a
 * check of the step), with the form.
 */
export async function fileDispute(phone: Phone, filing: DisputeFiling, atStep?: (label: string, form: Locator) => Promise<unknown>): Promise<string> {
  const { page, tap, type, count } = phone
  const file = '/#/petition/pages/file/index'
  await tap(taroButton(taroPage(page, ROUTES.home), zh('home.service.petition')))
  const form = taroPage(page, file)
  const next = () => tap(taroButton(form, new RegExp(`^${zh('petition.step.next')}$`)))
  const onStep = (n: number, key: MessageKey) => form.getByText(zh('petition.step.progress', { n, total: 5, name: zh(key) })).waitFor()

  await onStep(1, 'petition.step.kind')
  await tap(choice(form, zh('case.kind.dispute')))
  await tap(choice(form, zh('case.dispute.neighbours')))
  await atStep?.('1-kind', form)
  await next()

  await onStep(2, 'petition.step.matter')
  await form.getByText(zh('petition.form.otherPartyName.help')).waitFor()
  await type(form.locator('.field--title input'), filing.title)
  await type(form.locator('.field--description textarea'), filing.description)
  await type(form.locator('.field--otherPartyName input'), filing.otherPartyName)
  await atStep?.('2-matter', form)
  await next()

  await onStep(3, 'petition.step.place')
  await atStep?.('3-place', form)
  await next()

  await onStep(4, 'petition.step.contact')
  await type(form.locator('.field--contactPhone input'), filing.contactPhone)
  if (filing.photo) {
    const chooser = page.waitForEvent('filechooser')
    await tap(taroButton(form, zh('petition.photos.add', { count: 0, max: 9 })))
    const sheet = page.locator('.taro-actionsheet__cell', { hasText: '从相册选择' })
    const opened = await Promise.race([chooser.then(() => 'chooser' as const), sheet.waitFor().then(() => 'sheet' as const, () => 'none' as const)])
    if (opened === 'sheet') await tap(sheet)
    await (await chooser).setFiles({ name: filing.photo.name, mimeType: 'image/png', buffer: filing.photo.buffer })
    // Picking the photo in the phone's chooser is a tap too.
    count.taps++
    await form.locator('.photos__item--done').waitFor()
  }
  await atStep?.('4-contact', form)
  await next()

  await onStep(5, 'petition.step.confirm')
  await tap(form.getByRole('checkbox', { name: zh('petition.privacy.agree') }))
  await form.locator('.petition-form__send[aria-disabled="false"]').waitFor()
  await atStep?.('5-confirm', form)
  await tap(taroButton(form, new RegExp(`^${zh('petition.submit')}$`)))

  await form.getByRole('heading', { name: zh('petition.done.title'), level: 1 }).waitFor()
  return form.locator('.filed-result__tracking').innerText()
}
