/**
 * The village legal advisor end to end, in a real browser on two phones: 李建国 (no home village yet) finds 东平村's
 * advisor by the village's name, sees 何文律师's page and asks about his land contract; 何文律师 answers from her
 * workbench; he turns the question into a mediation case in one stop (giving only his phone and consent) and finds
 * it in 我的事项. Every screen visited must pass axe with no serious or critical violation.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Consultation } from '../../types/functions/legal'
import { translate, type MessageKey } from '../../src/i18n'
import catalogue from '../../src/i18n/legal'
import type { TestServer } from '../support/backend'
import { audit, collectPageErrors, launchBrowser, newPhoneContext, ROUTES, shot, startApp, taroButton, taroPage, type PageErrors } from '../support/browser'

// The legal texts load with their subpackage in the app; the test reads them directly.
const zh = (key: MessageKey, params?: Record<string, string | number>) => (catalogue['zh-CN'] as Record<string, string>)[key]?.replace(/\{(\w+)\}/g, (_, n: string) => String(params?.[n] ?? '')) ?? translate('zh-CN', key, params)

const LEGAL = {
  find: '/#/legal/pages/find/index',
  advisor: '/#/legal/pages/advisor/index',
  ask: '/#/legal/pages/ask/index',
  thread: '/#/legal/pages/thread/index',
  bench: '/#/legal/pages/workbench/index'
} as const
const QUESTION = '村里把我家的承包地划给别人种了，也没有跟我签任何协议，我应该怎么办？'
const ANSWER = '请先带上土地承包经营权证到村委会核对，必要时可以申请调解。'
const PHONE_NO = '13912345678'

let app: TestServer
let browser: Browser
const contexts: BrowserContext[] = []
const auditFailures: string[] = []
const check = async (page: Page, label: string) => {
  try {
    await audit(page, label)
  } catch (e) {
    auditFailures.push((e as Error).message)
  }
}

beforeAll(async () => {
  app = await startApp()
  browser = (await launchBrowser()).browser
})
afterAll(async () => {
  for (const c of contexts) await c.close()
  await browser?.close()
  await app?.close()
})

async function phone(): Promise<{ page: Page; errors: PageErrors }> {
  const context = await newPhoneContext(browser)
  contexts.push(context)
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  return { page, errors: collectPageErrors(page) }
}

async function signIn(page: Page, name: string): Promise<void> {
  await page.goto(app.url + ROUTES.signin)
  const signin = taroPage(page, ROUTES.signin)
  await signin.locator(`taro-button-core[aria-label$=": ${name}"]`).tap()
  await page.waitForURL(/#\/pages\/home\/index/)
  await signin.waitFor({ state: 'detached' })
}

test('pick a village, see its advisor, ask; the advisor answers; the person converts it into a case in 我的事项', async () => {
  // ---- 李建国 finds 东平村's advisor by name and asks ----
  const person = await phone()
  const { page } = person
  await signIn(page, '李建国')
  await taroButton(taroPage(page, ROUTES.home), zh('home.service.legal')).tap()
  const find = taroPage(page, LEGAL.find)
  await find.getByRole('heading', { name: zh('legal.find.title'), level: 1 }).waitFor()
  await find.getByText(zh('legal.find.none')).waitFor()
  await check(page, 'find, no village yet')
  await find.locator('.lg-find__query input').fill('东平')
  await taroButton(find, zh('legal.find.search')).tap()
  const result = find.locator('.lg-find__result', { hasText: '东平村民委员会' }).first()
  await result.waitFor()
  await check(page, 'find, search results')
  await result.tap()
  // Looking is not choosing: his village is set only when he says so, and confirms.
  await find.getByText(zh('legal.find.viewing', { name: '东平村民委员会' })).waitFor()
  await taroButton(find, zh('legal.find.makeMine')).tap()
  await taroButton(find, zh('legal.find.confirmYes')).tap()
  await find.getByText(zh('legal.find.mine', { name: '东平村民委员会' })).waitFor()
  await find.getByText('何文律师').first().waitFor()
  await find.getByText('每月第二个星期二 09:00–12:00，东平村民委员会办公室').waitFor()
  // Remembered on his profile.
  const me = await app.call<{ homeRegion: { code: string } | null }>('auth', 'me', {}, await app.signIn('resident-li'))
  expect(me.ok && me.data.homeRegion?.code).toBe('441302001200')

  await taroButton(find, zh('legal.find.open')).tap()
  const advisor = taroPage(page, LEGAL.advisor)
  await advisor.getByRole('heading', { name: '何文律师', level: 1 }).waitFor()
  await advisor.getByText('律师事务所：广东惠正律师事务所').waitFor()
  await advisor.getByText('语言：普通话、粤语、客家话').waitFor()
  await check(page, 'advisor page')
  await shot(page, 'legal-advisor')

  await taroButton(advisor, new RegExp(`^${zh('legal.advisor.ask')}$`)).tap()
  const ask = taroPage(page, LEGAL.ask)
  await ask.getByRole('heading', { name: zh('legal.ask.title'), level: 1 }).waitFor()
  await ask.getByRole('radio', { name: new RegExp(zh('legal.category.land_contract')) }).tap()
  await ask.locator('.lg-ask__text textarea').fill(QUESTION)
  await ask.getByText(zh('legal.ask.count', { n: [...QUESTION].length, max: 2000 })).waitFor()
  await check(page, 'ask form, filled')
  await taroButton(ask, zh('legal.ask.submit')).tap()
  const thread = taroPage(page, LEGAL.thread)
  await thread.getByText(zh('legal.status.waiting'), { exact: false }).first().waitFor()
  await thread.getByText(QUESTION).waitFor()
  await check(page, 'thread, waiting')
  const consultationId = new URL(page.url().replace('/#/', '/')).searchParams.get('id')!
  expect(consultationId).toBeTruthy()

  // ---- 何文律师 answers from her workbench ----
  const lawyer = await phone()
  await signIn(lawyer.page, '何文律师')
  await lawyer.page.getByRole('link', { name: translate('zh-CN', 'tab.me'), exact: true }).tap()
  await taroButton(taroPage(lawyer.page, ROUTES.me), translate('zh-CN', 'staff.title')).tap()
  const bench = taroPage(lawyer.page, LEGAL.bench)
  await bench.getByRole('heading', { name: zh('legal.bench.title'), level: 1 }).waitFor()
  const row = bench.locator('.lg-bench__open', { hasText: QUESTION.slice(0, 20) })
  await row.waitFor()
  await check(lawyer.page, 'advisor workbench')
  await row.tap()
  const lawyerThread = taroPage(lawyer.page, LEGAL.thread)
  await lawyerThread.getByText(QUESTION).waitFor()
  await lawyerThread.locator('.lg-thread__reply textarea').fill(ANSWER)
  await check(lawyer.page, 'thread, advisor replying')
  await taroButton(lawyerThread, zh('legal.thread.send')).tap()
  await lawyerThread.getByText(ANSWER).waitFor()

  // ---- 李建国 sees the answer and turns it into a mediation case ----
  await page.reload()
  const again = taroPage(page, LEGAL.thread)
  await again.getByText(ANSWER).waitFor()
  await again.locator('.lg-thread__status', { hasText: zh('legal.status.answered') }).waitFor()
  await taroButton(again, zh('legal.case.convert')).tap()
  const form = again.locator('.lg-case')
  await form.getByText(zh('legal.case.missing', { text: `${zh('legal.case.need.otherPartyName')}、${zh('legal.case.need.contactPhone')}、${zh('legal.case.need.consentVersion')}` })).waitFor()
  await form.locator('.lg-case__other input').fill('张某')
  await form.locator('.lg-case__phone input').fill(PHONE_NO)
  await form.getByRole('checkbox', { name: zh('legal.case.consent') }).tap()
  await check(page, 'convert to case')
  await taroButton(form, zh('legal.case.submit')).tap()
  await again.locator('.lg-thread__case').waitFor()
  const converted = await app.call<Consultation>('legal', 'consultation', { id: consultationId }, await app.signIn('resident-li'))
  if (!converted.ok) throw new Error(converted.error.message)
  expect(converted.data).toMatchObject({ status: 'converted', contactPhone: PHONE_NO })
  expect(await again.locator('.lg-thread__case').innerText()).toContain(converted.data.caseTrackingNo!)
  await check(page, 'thread, converted')
  await shot(page, 'legal-thread')

  // The thread was reloaded as the first page, so there is no tab bar under it: open the tab directly.
  await page.goto(app.url + ROUTES.matters)
  const matters = taroPage(page, ROUTES.matters)
  await matters.locator('.case-card').first().waitFor()
  // 我的事项 lists the case by its title (the question, prefilled into it) beside the consultation it came from.
  const rows = matters.locator('.case-card', { hasText: QUESTION.slice(0, 20) })
  const card = rows.filter({ hasText: '矛盾纠纷调解' })
  await card.waitFor()
  expect(await rows.count()).toBe(2)
  await check(page, 'my matters with the case')

  person.errors.expectNone()
  lawyer.errors.expectNone()
  if (auditFailures.length) throw new Error(auditFailures.join('\n\n'))
}, 120_000)
