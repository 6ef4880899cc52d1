/**
 * The small screens of counselling and legal, in a real browser against the real backend:
 * - 黄丽华 (桥东街道 centre staff) opens her workbench, sees the legal advisors' unanswered questions (counts, no
 *   content) and the station's bookings for the week — time, counsellor, pseudonym — and never the session note.
 * - 李建国 allows his location, picks the nearest village, asks its advisor with two photos (each with a progress
 *   bar), and sees them in the thread; the advisor sees them too.
 * Every screen visited must pass axe with no serious or critical violation.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Booking, FreeSlot } from '../../types/functions/counselling'
import type { Consultation, VillageAdvisor } from '../../types/functions/legal'
import type { Envelope } from '../../types/api'
import { translate, type MessageKey } from '../../src/i18n'
import legalTexts from '../../src/i18n/legal'
import centreTexts from '../../src/i18n/centre'
import type { TestServer } from '../support/backend'
import { tinyPng } from '../support/images'
import { audit, collectPageErrors, launchBrowser, PHONE, ROUTES, shot, startApp, taroButton, taroPage, type PageErrors } from '../support/browser'

// Subpackage texts load with their subpackage in the app; the test reads them directly.
const zh = (key: MessageKey, params?: Record<string, string | number>) => {
  const text = (centreTexts['zh-CN'] as Record<string, string>)[key] ?? (legalTexts['zh-CN'] as Record<string, string>)[key]
  return text?.replace(/\{(\w+)\}/g, (_, n: string) => String(params?.[n] ?? '')) ?? translate('zh-CN', key, params)
}

const ROUTE = {
  queue: '/#/staff/pages/queue/index',
  station: '/#/counselling/pages/station-bookings/index',
  overdue: '/#/staff/pages/overdue/index',
  find: '/#/legal/pages/find/index',
  advisor: '/#/legal/pages/advisor/index',
  ask: '/#/legal/pages/ask/index',
  thread: '/#/legal/pages/thread/index'
} as const
const NOTE = '来访者提到近期失眠与家庭矛盾，建议转介'
const QUESTION = '邻居把排水管接到我家院墙下面，雨天积水泡坏了墙基，我拍了照片，能要求他改吗？'

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
function ok<T>(r: Envelope<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
  return r.data
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

async function phone(options: Parameters<Browser['newContext']>[0] = {}): Promise<{ page: Page; errors: PageErrors }> {
  const context = await browser.newContext({ ...PHONE, ...options })
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

test('township centre staff: the legal overdue card and list, and the station’s bookings without notes', async () => {
  // A booking with a pseudonym at 桥东街道's station within the week, with the counsellor's private note on it,
  // and a question waiting for 何文律师.
  const li = await app.signIn('resident-li')
  const slots = ok(await app.call<FreeSlot[]>('counselling', 'slots', { stationId: 'st441302001' }, li))
  const slot = slots.find((s) => s.counsellorName === '林静' && Date.parse(s.start) < Date.now() + 6 * 86_400_000)!
  expect(slot).toBeDefined()
  const booked = ok(await app.call<Booking>('counselling', 'book', { counsellorId: slot.counsellorId, start: slot.start, mode: 'in_person', pseudonym: '小安' }, li, { requestId: 'screens-book-0001' }))
  ok(await app.call('counselling', 'writeNote', { id: booked.id, notes: NOTE, risk: true }, await app.signIn('counsellor-lin'), { requestId: 'screens-note-0001' }))
  const village = ok(await app.call<VillageAdvisor>('legal', 'forVillage', { code: '441302001200' }))
  ok(await app.call<Consultation>('legal', 'ask', { advisorId: village.advisor!.id, villageCode: '441302001200', category: 'labour', text: '老板拖欠三个月工资不给，我该怎么办？' }, await app.signIn('resident-chen'), { requestId: 'screens-ask-0001' }))

  const { page, errors } = await phone()
  await signIn(page, '黄丽华')
  await page.getByRole('link', { name: translate('zh-CN', 'tab.me'), exact: true }).tap()
  await taroButton(taroPage(page, ROUTES.me), translate('zh-CN', 'staff.title')).tap()
  const queue = taroPage(page, ROUTE.queue)
  const legalCard = queue.locator('.centre-card--legal')
  await legalCard.getByText(zh('centre.overdue.counts', { overdue: 0, waiting: 1 }), { exact: false }).waitFor()
  await check(page, 'queue with the centre cards')

  await taroButton(legalCard, zh('centre.overdue.open')).tap()
  const overdue = taroPage(page, ROUTE.overdue)
  const row = overdue.locator('.overdue-row', { hasText: '何文（' })
  await row.waitFor()
  expect(await row.innerText()).toContain(zh('centre.overdue.row', { overdue: 0, waiting: 1 }))
  expect(await overdue.innerText()).not.toContain('拖欠')
  await check(page, 'legal overdue list')
  await page.goBack()

  await taroButton(queue.locator('.centre-card--station'), zh('centre.station.open')).tap()
  const station = taroPage(page, ROUTE.station)
  const visit = station.locator('.station-booking', { hasText: '来访者：小安' })
  await visit.waitFor()
  expect(await visit.innerText()).toContain('咨询师：林静')
  const text = await station.innerText()
  for (const secret of ['失眠', '转介', '风险']) expect([secret, text.includes(secret)]).toEqual([secret, false])
  await station.getByText(zh('centre.station.confidential')).waitFor()
  await check(page, 'station bookings')
  await shot(page, 'staff-station-bookings')
  errors.expectNone()
  if (auditFailures.length) throw new Error(auditFailures.join('\n\n'))
}, 120_000)

test('the nearest village’s advisor with the person’s location, and a question with two photos', async () => {
  const point = await app.backend.services.db.selectFrom('legal_villages').select(['lat', 'lng']).where('village_code', '=', '441302001200').executeTakeFirstOrThrow()
  const { page, errors } = await phone({ geolocation: { latitude: point.lat!, longitude: point.lng! }, permissions: ['geolocation'] })
  await signIn(page, '李建国')
  await page.goto(app.url + ROUTE.find)
  const find = taroPage(page, ROUTE.find)
  await find.getByText(zh('legal.near.why')).waitFor()
  await taroButton(find, zh('legal.near.find')).tap()
  const nearest = find.locator('.lg-near__result').first()
  await nearest.waitFor()
  expect(await nearest.innerText()).toMatch(/东平村民委员会 · 何文律师 · 约 0 米/)
  await check(page, 'find, nearest villages')
  await nearest.tap()
  await find.getByText(zh('legal.find.viewing', { name: '东平村民委员会' })).waitFor()
  await taroButton(find, zh('legal.find.open')).tap()
  const advisor = taroPage(page, ROUTE.advisor)
  await advisor.getByRole('heading', { name: '何文律师', level: 1 }).waitFor()
  await taroButton(advisor, new RegExp(`^${zh('legal.advisor.ask')}$`)).tap()

  const ask = taroPage(page, ROUTE.ask)
  await ask.getByRole('heading', { name: zh('legal.ask.title'), level: 1 }).waitFor()
  await ask.getByRole('radio', { name: new RegExp(zh('legal.category.neighbours')) }).tap()
  await ask.locator('.lg-ask__text textarea').fill(QUESTION)
  // Two photos through the file chooser; the uploads are held until their progress bars have been seen.
  let releaseUploads: () => void = () => undefined
  const held = new Promise<void>((resolve) => (releaseUploads = resolve))
  await page.route('**/api/upload', async (route) => {
    await held
    await route.continue()
  })
  const chooser = page.waitForEvent('filechooser')
  await taroButton(ask, zh('legal.photos.add', { count: 0, max: 6 })).tap()
  const sheet = page.locator('.taro-actionsheet__cell', { hasText: '从相册选择' })
  const opened = await Promise.race([chooser.then(() => 'chooser' as const), sheet.waitFor().then(() => 'sheet' as const, () => 'none' as const)])
  if (opened === 'sheet') await sheet.tap()
  await (await chooser).setFiles([
    { name: 'wall.png', mimeType: 'image/png', buffer: tinyPng([255, 0, 0]) },
    { name: 'pipe.png', mimeType: 'image/png', buffer: tinyPng([0, 0, 255]) }
  ])
  const bars = ask.getByRole('progressbar')
  await bars.first().waitFor()
  expect(await bars.count()).toBe(2)
  expect(await bars.first().getAttribute('aria-valuetext')).toMatch(/^正在上传 \d{1,3}%$/)
  await check(page, 'ask, photos uploading')
  // Sending now is refused with a word, not lost.
  await taroButton(ask, zh('legal.ask.submit')).tap()
  await ask.getByText(zh('legal.photos.wait'), { exact: false }).waitFor()
  releaseUploads()
  await ask.locator('.lg-photos__item--done').nth(1).waitFor()
  await page.unroute('**/api/upload')
  expect(await bars.count()).toBe(0)
  await check(page, 'ask, photos uploaded')
  await taroButton(ask, zh('legal.ask.submit')).tap()

  const thread = taroPage(page, ROUTE.thread)
  await thread.getByText(QUESTION).waitFor()
  const shown = thread.getByRole('group', { name: zh('legal.thread.photos') }).locator('img')
  await shown.nth(1).waitFor()
  expect(await shown.count()).toBe(2)
  // The images really load from the server (signed links).
  for (let i = 0; i < 2; i++) await page.waitForFunction((img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth === 2, await shown.nth(i).elementHandle())
  await check(page, 'thread with photos')
  await shot(page, 'legal-ask-photos')

  const id = new URL(page.url().replace('/#/', '/')).searchParams.get('id')!
  const seenByAdvisor = ok(await app.call<Consultation>('legal', 'consultation', { id }, await app.signIn('advisor-he')))
  expect(seenByAdvisor.photos).toHaveLength(2)
  expect(ok(await app.call<Consultation>('legal', 'consultation', { id }, await app.signIn('admin'))).photos).toEqual([])
  errors.expectNone()
  if (auditFailures.length) throw new Error(auditFailures.join('\n\n'))
}, 120_000)

