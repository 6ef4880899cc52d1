/**
 * A neighbour dispute from filing to rating, in a real browser on three phones: the resident files it with a photo,
 * the township centre accepts it and assigns a mediator, the mediator records a session and closes it with an
 * agreement, and the resident follows every step (without the mediator's private notes) and rates it. Every step is
 * taken through the UI; the API is only asked what the backend stored. Every screen visited must pass axe with no
 * serious or critical violation.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import type { CaseDetail } from '../../types/functions/petition'
import { translate, type MessageKey } from '../../src/i18n'
import type { TestServer } from '../support/backend'
import { tinyPng } from '../support/images'
import { audit, collectPageErrors, launchBrowser, newPhoneContext, PHONE, ROUTES, shot, startApp, taroButton, taroPage, type PageErrors } from '../support/browser'

const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params)

const PETITION = {
  file: '/#/petition/pages/file/index',
  detail: '/#/petition/pages/detail/index',
  queue: '/#/staff/pages/queue/index',
  staffCase: '/#/staff/pages/case/index'
} as const

/** What the resident types: easy to find again on every screen, and to look for where it must not be. */
const FILING = {
  otherParty: '王大伟',
  title: '邻居装修噪音扰民',
  description: '隔壁王家每天晚上十点以后还在装修，电钻声很大，老人小孩都睡不好。希望村里出面调解。',
  phone: '13812345678'
}
const SESSION = { participants: '陈秀英、王大伟、村调委会', notes: '王某承认装修时间过晚，情绪激动，私下提到家庭经济困难' }
const AGREEMENT = '王大伟承诺每天晚上八点后不再施工，周末上午九点前不施工。'
const COMMENT = '调解员很耐心，问题解决了'


let app: TestServer
let browser: Browser
const timings: Record<string, number> = {}
const started = performance.now()

/** The case as filed in the first step; the later steps need it. */
let filed: { id: string; trackingNo: string } | null = null
/** The resident keeps her phone (signed in, same storage) from filing to rating. */
let resident: { context: BrowserContext; page: Page; errors: PageErrors } | null = null

beforeAll(async () => {
  app = await startApp()
  timings.backendStartMs = performance.now() - started
  const launched = await launchBrowser()
  browser = launched.browser
  timings.browserLaunchMs = launched.launchMs
})

afterAll(async () => {
  await resident?.context.close()
  await browser?.close()
  await app?.close()
  timings.totalMs = performance.now() - started
  console.log(`e2e petition timings (ms): ${Object.entries(timings).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`)
})

/** Audit failures are gathered so that one bad screen does not hide the rest of the journey. */
let auditFailures: string[] = []
const check = async (page: Page, label: string) => {
  // Taro's toast fades in over 100 ms: audited mid-fade, its white text sits on a washed-out grey. Audit what stays.
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.taro__toast')].every((t) => t.style.display === 'none' || getComputedStyle(t).opacity === '1'))
  try {
    await audit(page, label)
  } catch (e) {
    auditFailures.push((e as Error).message)
  }
  // Nothing on the shown page may stick out to the right of the phone's screen (clipped text, a button cut off).
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
beforeEach(() => void (auditFailures = []))
const expectNoAuditFailures = () => {
  if (auditFailures.length) throw new Error(auditFailures.join('\n\n'))
}

async function phone(): Promise<{ context: BrowserContext; page: Page; errors: PageErrors }> {
  const context = await newPhoneContext(browser)
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  return { context, page, errors: collectPageErrors(page) }
}

/** Signs in on the demo sign-in page by tapping the person's name, and waits until home has replaced it. */
async function signIn(page: Page, name: string): Promise<void> {
  await page.goto(app.url + ROUTES.signin)
  const signin = taroPage(page, ROUTES.signin)
  await signin.locator(`taro-button-core[aria-label$=": ${name}"]`).tap()
  await page.waitForURL(/#\/pages\/home\/index/)
  // Taro removes the sign-in page when its slide-out ends; a tab tapped sooner strands it in the DOM.
  await signin.waitFor({ state: 'detached' })
}

/** 我的 → 工作台: the staff entry on the profile tab. */
async function openWorkbench(page: Page): Promise<Locator> {
  await page.getByRole('link', { name: zh('tab.me'), exact: true }).tap()
  const me = taroPage(page, ROUTES.me)
  await taroButton(me, zh('staff.title')).tap()
  const queue = taroPage(page, PETITION.queue)
  await queue.getByRole('heading', { name: zh('staff.queue.title'), level: 1 }).waitFor()
  return queue
}

/** Opens the filed case from the workbench queue by its tracking number. */
async function openFromQueue(page: Page, queue: Locator): Promise<Locator> {
  const row = queue.locator('.case-row', { hasText: filed!.trackingNo })
  await row.waitFor()
  expect(await row.innerText()).toContain(FILING.title)
  await row.tap()
  const staffCase = taroPage(page, PETITION.staffCase)
  await staffCase.getByRole('heading', { name: FILING.title, level: 1 }).waitFor()
  return staffCase
}

/**
 * Taps a staff move, fills its form with `fill`, sends it (answering the platform's "are you sure?" modal with its
 * confirm button when the move ends the case and `confirm` names the question), and waits for the workbench to say it
 * was done.
 */
async function move(staffCase: Locator, name: MessageKey, fill: (form: Locator) => Promise<void>, confirm?: MessageKey): Promise<void> {
  await staffCase.locator(`.case-action--${name.replace('staff.action.', '')}`).tap()
  const form = staffCase.getByRole('form', { name: zh(name) })
  await form.waitFor()
  await fill(form)
  await taroButton(form, zh(name.replace('staff.action.', 'staff.submit.') as MessageKey)).tap()
  if (confirm) {
    const modal = staffCase.page().locator('.taro__modal')
    await modal.locator('.taro-modal__text', { hasText: zh(confirm) }).waitFor()
    await modal.locator('.taro-model__confirm').tap()
  }
  await staffCase.getByRole('status').filter({ hasText: zh('staff.case.done', { move: zh(name) }) }).waitFor()
}

/** A choice button (role radio) by its text; once chosen its name gains a mark (✓ or ◉), never colour alone. */
const choice = (scope: Locator, text: string) => scope.getByRole('radio', { name: new RegExp(`^(?:[✓◉○] )?${text}$`) })

/** Waits until a radio or checkbox says it is checked: the re-render after a tap is not synchronous. */
const isChecked = (control: Locator) => control.and(control.page().locator('[aria-checked="true"]')).waitFor()

const caseOf = async (token: string): Promise<CaseDetail> => {
  const got = await app.call<CaseDetail>('petition', 'get', { id: filed!.id }, token)
  if (!got.ok) throw new Error(`petition.get: ${got.error.code}`)
  return got.data
}

const needsFiled = () => {
  if (!filed || !resident) throw new Error('This step needs the case filed by the resident in the first step.')
  return filed
}

describe('a neighbour dispute, from filing to rating, on three phones in Chinese', () => {
  test('the resident files it with a photo from 反映诉求 and lands on its page with a tracking number', async () => {
    const t0 = performance.now()
    resident = await phone()
    const { page, errors } = resident
    await signIn(page, '陈秀英')

    // Home → 反映诉求.
    const home = taroPage(page, ROUTES.home)
    await taroButton(home, zh('home.service.petition')).tap()
    const form = taroPage(page, PETITION.file)
    await form.getByRole('heading', { name: zh('petition.title'), level: 1 }).waitFor()
    // One step a screen: 类型 → 事情 → 地点 → 联系方式和照片 → 确认.
    const onStep = (n: number, key: MessageKey) => form.getByText(zh('petition.step.progress', { n, total: 5, name: zh(key) })).waitFor()
    const next = () => taroButton(form, new RegExp(`^${zh('petition.step.next')}$`)).tap()
    await onStep(1, 'petition.step.kind')
    await check(page, 'filing form, empty')

    // What kind: a dispute between neighbours, with the other party's name.
    const kind = choice(form, zh('case.kind.dispute'))
    await kind.tap()
    await isChecked(kind)
    const disputeType = choice(form, zh('case.dispute.neighbours'))
    await disputeType.tap()
    await isChecked(disputeType)
    await next()
    await onStep(2, 'petition.step.matter')
    await form.locator('.field--otherPartyName input').fill(FILING.otherParty)
    await form.locator('.field--title input').fill(FILING.title)
    await form.locator('.field--description textarea').fill(FILING.description)
    await form.getByText(zh('petition.form.count', { count: [...FILING.description].length, max: 4000 })).waitFor()
    await next()
    // Her home village and name are filled in for her.
    await onStep(3, 'petition.step.place')
    await form.locator('.petition-form__place', { hasText: '东平村民委员会' }).waitFor()
    expect(await form.locator('.petition-form__place').innerText()).toBe('惠州市 惠城区 桥东街道 东平村民委员会')
    await next()
    await onStep(4, 'petition.step.contact')
    expect(await form.locator('.field--contactName input').inputValue()).toBe('陈秀英')
    await form.locator('.field--contactPhone input').fill(FILING.phone)

    // One photo, through the file chooser that Taro's H5 chooseImage opens. The upload is held on its way until its
    // progress has been seen and audited (a 2×2 PNG on localhost is otherwise done before anyone could look).
    let releaseUpload: () => void = () => undefined
    const uploadHeld = new Promise<void>((resolve) => (releaseUpload = resolve))
    await page.route('**/api/upload', async (route) => {
      await uploadHeld
      await route.continue()
    })
    const chooser = page.waitForEvent('filechooser')
    await taroButton(form, zh('petition.photos.add', { count: 0, max: 9 })).tap()
    const actionSheet = page.locator('.taro-actionsheet__cell', { hasText: '从相册选择' })
    // On a phone's user agent Taro first asks camera or album; here the chooser opens directly.
    const opened = await Promise.race([chooser.then(() => 'chooser' as const), actionSheet.waitFor().then(() => 'sheet' as const, () => 'none' as const)])
    if (opened === 'sheet') await actionSheet.tap()
    await (await chooser).setFiles({ name: 'noise.png', mimeType: 'image/png', buffer: tinyPng() })
    const photo = form.locator('.photos__item')
    const progress = photo.getByRole('progressbar')
    await progress.waitFor()
    expect(await progress.innerText()).toMatch(new RegExp(`^${zh('petition.photos.uploading', { percent: '\\d{1,3}' })}$`))
    await check(page, 'filing form, photo uploading')
    releaseUpload()
    await form.locator('.photos__item--done').waitFor()
    await page.unroute('**/api/upload')
    expect(await photo.count()).toBe(1)
    expect(await photo.locator('.photos__state').innerText()).toBe(`✓ ${zh('petition.photos.done')}`)
    // The thumbnail really shows the chosen image, not a broken link.
    const thumb = await photo.locator('img').elementHandle()
    await page.waitForFunction((img) => img instanceof HTMLImageElement && img.complete && img.naturalWidth === 2, thumb)
    expect(await form.getByRole('progressbar').count()).toBe(0)

    await next()

    // The check screen: nothing can be sent before consenting, and the form says why; then the send button works.
    await onStep(5, 'petition.step.confirm')
    expect(await taroButton(form, new RegExp(`^${zh('petition.submit')}$`)).getAttribute('aria-disabled')).toBe('true')
    await form.getByText(zh('petition.submit.consentFirst')).waitFor()
    const consent = form.getByRole('checkbox', { name: zh('petition.privacy.agree') })
    await consent.tap()
    await isChecked(consent)
    const send = taroButton(form, new RegExp(`^${zh('petition.submit')}$`))
    expect(await send.getAttribute('aria-disabled')).toBe('false')
    await check(page, 'filing form, filled')
    await shot(page, 'petition-file')
    timings.fillFormMs = performance.now() - t0

    // Send: the case's own page replaces the form.
    await send.tap()
    // The success page: the tracking number, what happens next; then to the case's own page.
    await form.getByRole('heading', { name: zh('petition.done.title'), level: 1 }).waitFor()
    await check(page, 'filing, success page')
    await taroButton(form, new RegExp(`^${zh('petition.done.view')}$`)).tap()
    await page.waitForURL(/#\/petition\/pages\/detail\/index\?id=/)
    const id = new URL(page.url().replace('/#/', '/')).searchParams.get('id')!
    const detail = taroPage(page, PETITION.detail)
    await detail.getByRole('heading', { name: FILING.title, level: 1 }).waitFor()
    const trackingNo = await detail.locator('.case-header__tracking').innerText()
    expect(trackingNo).toMatch(/^4413-\d{8}-[2-9A-HJKMNP-Z]{6}$/)
    filed = { id, trackingNo }
    expect(await detail.locator('.case-header__status').innerText()).toBe(zh('case.status.submitted'))
    expect(await detail.innerText()).toContain(`${zh('case.kind.dispute')} · ${zh('case.dispute.neighbours')}`)
    expect(await detail.locator('.case-detail__photo').count()).toBe(1)
    // The form is gone, not left behind in the page stack.
    await form.waitFor({ state: 'detached' })
    await check(page, 'case page (resident), just filed')

    // What the backend stored is what she entered; she sees her own phone number masked.
    const stored = await caseOf(await app.signIn('resident-chen'))
    expect(stored).toMatchObject({
      trackingNo,
      kind: 'dispute',
      disputeType: 'neighbours',
      otherPartyName: FILING.otherParty,
      title: FILING.title,
      description: FILING.description,
      regionCode: '441302001200',
      contactName: '陈秀英',
      contactPhone: '138****5678',
      status: 'submitted'
    })
    expect(stored.photos).toHaveLength(1)
    timings.residentFilesMs = performance.now() - t0

    errors.expectNone()
    expectNoAuditFailures()
  })

  test('the centre accepts it and assigns the mediator 周德明, seeing the full phone number', async () => {
    const { trackingNo } = needsFiled()
    const t0 = performance.now()
    const { context, page, errors } = await phone()
    try {
      await signIn(page, '黄丽华')
      const queue = await openWorkbench(page)
      await queue.locator('.case-row', { hasText: trackingNo }).waitFor()
      await check(page, 'staff queue (centre)')
      await shot(page, 'staff-queue')

      const staffCase = await openFromQueue(page, queue)
      const info = staffCase.locator('.case-info').nth(1)
      expect(await info.innerText()).toContain(FILING.phone)
      expect(await staffCase.locator('.case-info').first().innerText()).toContain(zh('case.status.submitted'))
      await staffCase.locator('.case-info .photo-strip__item').first().waitFor()
      await check(page, 'staff case page, before acting')

      await move(staffCase, 'staff.action.accept', async () => undefined)
      await move(staffCase, 'staff.action.assign', async (form) => {
        const mediator = form.getByRole('radio', { name: /周德明/ })
        await mediator.tap()
        await isChecked(mediator)
      })
      const header = staffCase.locator('.case-info').first()
      await header.getByText(zh('case.status.assigned'), { exact: true }).waitFor()
      expect(await header.innerText()).toContain('周德明')
      const timeline = staffCase.locator('.timeline')
      for (const step of ['case.event.file', 'case.event.accept', 'case.event.assign'] as const) {
        await timeline.locator('.timeline__what', { hasText: zh(step) }).first().waitFor()
      }
      await check(page, 'staff case page, accepted and assigned')
      await staffCase.locator('.case-info').first().scrollIntoViewIfNeeded()
      await shot(page, 'staff-case')

      const stored = await caseOf(await app.signIn('centre-huang'))
      expect(stored).toMatchObject({ status: 'assigned', assignee: expect.stringContaining('周德明'), contactPhone: FILING.phone })
      timings.centreAcceptsAssignsMs = performance.now() - t0
      errors.expectNone()
      expectNoAuditFailures()
    } finally {
      await context.close()
    }
  })

  test('the mediator records a session and closes it as settled, with the agreement both parties confirmed', async () => {
    const { trackingNo } = needsFiled()
    const t0 = performance.now()
    const { context, page, errors } = await phone()
    try {
      await signIn(page, '周德明')
      const queue = await openWorkbench(page)
      await queue.locator('.case-row', { hasText: trackingNo }).waitFor()
      await check(page, 'staff queue (mediator)')
      const staffCase = await openFromQueue(page, queue)
      await check(page, 'staff case page (mediator), before acting')

      await move(staffCase, 'staff.action.recordSession', async (form) => {
        await form.locator('.staff-input--participants input').fill(SESSION.participants)
        await form.locator('.staff-textarea--notes textarea').fill(SESSION.notes)
      })
      // The mediator sees the notes; the resident must not (checked in the last step).
      await staffCase.locator('.timeline', { hasText: SESSION.notes }).waitFor()

      await move(
        staffCase,
        'staff.action.closeMediation',
        async (form) => {
          await choice(form, zh('staff.mediation.success')).tap()
          await form.locator('.staff-textarea--agreement textarea').fill(AGREEMENT)
          const confirmed = form.getByRole('checkbox', { name: zh('staff.field.partiesConfirmed') })
          await confirmed.tap()
          await isChecked(confirmed)
        },
        'staff.confirm.closeMediation'
      )
      const header = staffCase.locator('.case-info').first()
      await header.getByText(zh('case.status.closed'), { exact: true }).waitFor()
      expect(await header.innerText()).toContain(zh('case.outcome.mediation_success'))
      await staffCase.getByText(zh('staff.case.noActions')).waitFor()
      await check(page, 'staff case page (mediator), closed')

      const stored = await caseOf(await app.signIn('mediator-zhou'))
      expect(stored).toMatchObject({ status: 'closed', outcome: 'mediation_success' })
      timings.mediatorClosesMs = performance.now() - t0
      errors.expectNone()
      expectNoAuditFailures()
    } finally {
      await context.close()
    }
  })

  test('the resident sees it closed in 我的事项, follows every step without the private notes, and rates it', async () => {
    const { trackingNo } = needsFiled()
    const t0 = performance.now()
    const { page, errors } = resident!

    // Back from the case page to home, then the 我的事项 tab.
    await page.goBack()
    await page.waitForURL(/#\/pages\/home\/index/)
    // The tab may carry the unread-messages badge, whose count comes first in its name ("4 我的事项").
    await page.getByRole('link', { name: new RegExp(`${zh('tab.matters')}$`) }).tap()
    const matters = taroPage(page, ROUTES.matters)
    const card = matters.locator('.case-card', { hasText: FILING.title })
    await card.locator('.case-card__status', { hasText: zh('case.status.closed') }).waitFor()
    expect(await card.innerText()).toContain(zh('case.kind.dispute'))
    await check(page, '我的事项')
    await shot(page, 'matters')

    await card.tap()
    const detail = taroPage(page, PETITION.detail)
    await detail.locator('.case-header__status', { hasText: zh('case.status.closed') }).waitFor()
    expect(await detail.locator('.case-header__tracking').innerText()).toBe(trackingNo)

    // Every step, in order, with who took it; the agreement is hers to read, the session notes are not.
    const steps = detail.locator('.timeline__event')
    const expected = [
      `${zh('role.resident')} · ${zh('case.event.file')}`,
      `${zh('role.centre_staff')} · ${zh('case.event.accept')}`,
      `${zh('role.centre_staff')} · ${zh('case.event.assign')}`,
      `${zh('role.mediator')} · ${zh('case.event.recordSession')}`,
      `${zh('role.mediator')} · ${zh('case.event.closeMediation.success')}`
    ]
    expect(await steps.locator('.timeline__what').allInnerTexts()).toEqual(expected)
    expect(await steps.nth(4).innerText()).toContain(zh('case.data.agreement', { text: AGREEMENT }))
    const everything = await detail.innerText()
    expect(everything).not.toContain(SESSION.notes)
    expect(everything).not.toContain(SESSION.participants)
    await check(page, 'case page (resident), closed')

    // She rates it: 满意, with a comment.
    await taroButton(detail, new RegExp(`^${zh('petition.action.rate')}$`)).tap()
    const rate = detail.locator('.field--rating')
    const satisfied = choice(rate, zh('case.rating.satisfied'))
    await satisfied.tap()
    await isChecked(satisfied)
    await rate.locator('input').fill(COMMENT)
    await check(page, 'case page (resident), rating')
    await taroButton(detail.locator('.case-actions'), new RegExp(`^${zh('petition.action.send')}$`)).tap()
    await detail.getByText(zh('petition.detail.rating', { rating: zh('case.rating.satisfied') })).waitFor()
    await steps.nth(5).waitFor()
    expect(await steps.nth(5).locator('.timeline__what').innerText()).toBe(`${zh('role.resident')} · ${zh('case.event.rate', { rating: zh('case.rating.satisfied') })}`)
    expect(await steps.nth(5).innerText()).toContain(zh('case.data.comment', { text: COMMENT }))
    await check(page, 'case page (resident), rated')
    // The "已提交" toast would cover the timeline in the picture.
    // (Its wrapper has no size of its own, so Playwright calls it hidden even while it shows: ask its display.)
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.taro__toast')].every((t) => t.style.display === 'none'))
    await detail.locator('.timeline').scrollIntoViewIfNeeded()
    await shot(page, 'petition-detail')

    // The backend keeps the rating, and never gave her the notes.
    const stored = await caseOf(await app.signIn('resident-chen'))
    expect(stored.rating).toBe('satisfied')
    expect(JSON.stringify(stored.events)).not.toContain(SESSION.notes)
    expect(JSON.stringify(stored.events)).not.toContain(SESSION.participants)
    timings.residentRatesMs = performance.now() - t0

    errors.expectNone()
    expectNoAuditFailures()
  })
})
