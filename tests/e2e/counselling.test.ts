/**
 * 粤心安 counselling in a real browser, on phones, against the real backend:
 * (a) PHQ-9 answered with 好几天 on item 9 brings the crisis screen, with the 12356 button, at once; nothing is sent.
 * (b) 陈秀英 finds 桥东街道's station nearest to her and books a slot; the day fills up (the rest booked through the
 *     API by other people); 李建国, on his own phone, joins the waitlist for that day; 陈秀英 cancels; 李建国 is
 *     offered the freed slot and takes it. Every screen visited must pass axe with no serious or critical violation.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Booking, FreeSlot, StationDetail } from '../../types/functions/counselling'
import { registerMessages, translate, type MessageKey } from '../../src/i18n'
import catalogue from '../../src/i18n/counselling'
import { dayText } from '../../src/counselling/format'
import type { TestServer } from '../support/backend'
import { audit, collectPageErrors, launchBrowser, newPhoneContext, PHONE, ROUTES, shot, startApp, taroButton, taroPage, type PageErrors } from '../support/browser'

registerMessages(catalogue)
const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params)

const COUNSELLING = {
  stations: '/#/counselling/pages/stations/index',
  station: '/#/counselling/pages/station/index',
  bookings: '/#/counselling/pages/bookings/index',
  screening: '/#/counselling/pages/screening/index'
} as const
const STATION = 'st441302001'
/** Where 桥东街道's station is: the phone "is" there when the person allows their location. */
const QIAODONG = { latitude: 23.0874, longitude: 114.4205 }

/** 李建国's session, once he has taken the freed slot: the counsellor's step needs it. */
let taken: { heading: string; start: string } | null = null

let app: TestServer
let browser: Browser
const timings: Record<string, number> = {}
const started = performance.now()

beforeAll(async () => {
  app = await startApp()
  browser = (await launchBrowser()).browser
})

afterAll(async () => {
  await browser?.close()
  await app?.close()
  timings.totalMs = performance.now() - started
  console.log(`e2e counselling timings (ms): ${Object.entries(timings).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`)
})

let auditFailures: string[] = []
beforeEach(() => void (auditFailures = []))
const check = async (page: Page, label: string) => {
  // Taro's toast and modal fade in: audited mid-fade, their text sits on a washed-out background. Audit what stays.
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.taro__toast')].every((t) => t.style.display === 'none' || getComputedStyle(t).opacity === '1'))
  try {
    await audit(page, label)
  } catch (e) {
    auditFailures.push((e as Error).message)
  }
}
const expectNoAuditFailures = () => {
  if (auditFailures.length) throw new Error(auditFailures.join('\n\n'))
}

interface Phone {
  context: BrowserContext
  page: Page
  errors: PageErrors
  /** Calls the page made to the counselling API, by action. */
  actions: string[]
}

async function phone(options: { located?: boolean } = {}): Promise<Phone> {
  const context = options.located ? await browser.newContext({ ...PHONE, geolocation: QIAODONG, permissions: ['geolocation'] }) : await newPhoneContext(browser)
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  const actions: string[] = []
  page.on('request', (request) => {
    if (request.url().endsWith('/api/counselling')) actions.push((JSON.parse(request.postData() ?? '{}') as { action?: string }).action ?? '')
  })
  return { context, page, errors: collectPageErrors(page), actions }
}

async function signIn(page: Page, name: string): Promise<void> {
  await page.goto(app.url + ROUTES.signin)
  const signin = taroPage(page, ROUTES.signin)
  await signin.locator(`taro-button-core[aria-label$=": ${name}"]`).tap()
  await page.waitForURL(/#\/pages\/home\/index/)
  await signin.waitFor({ state: 'detached' })
}

/** A choice (role radio) by its words; once chosen its name gains ◉ instead of ○. */
const radio = (scope: Page | ReturnType<typeof taroPage>, text: string) => scope.getByRole('radio', { name: new RegExp(`^[○◉] ${text}$`) })
const isChecked = (control: ReturnType<Page['getByRole']>) => control.and(control.page().locator('[aria-checked="true"]')).waitFor()

describe('self-screening on a phone, in Chinese', () => {
  test('PHQ-9 with item 9 answered 好几天 shows the crisis screen with the 12356 button at once, and sends nothing', async () => {
    const t0 = performance.now()
    const { context, page, errors, actions } = await phone()
    try {
      await page.goto(app.url + COUNSELLING.screening)
      const screening = taroPage(page, COUNSELLING.screening)
      await screening.getByRole('heading', { name: zh('counselling.screening.title'), level: 1 }).waitFor()
      // The crisis line is on the page from the start, in one line.
      await taroButton(screening, zh('crisis.line')).waitFor()
      await check(page, 'screening, start')

      await taroButton(screening, zh('counselling.screening.startPhq9')).tap()
      for (let n = 1; n <= 8; n++) {
        await screening.getByText(zh('counselling.screening.progress', { n, total: 9 }), { exact: true }).waitFor()
        await screening.getByRole('heading', { name: zh(`counselling.phq9.q${n}` as MessageKey), level: 2 }).waitFor()
        if (n === 1) {
          await check(page, 'screening, question 1')
          await shot(page, 'counselling-screening')
        }
        // One tap answers and moves on.
        await radio(screening, zh('counselling.answer.0')).tap()
      }
      await screening.getByText(zh('counselling.screening.progress', { n: 9, total: 9 }), { exact: true }).waitFor()
      await screening.getByRole('heading', { name: zh('counselling.phq9.q9'), level: 2 }).waitFor()

      // 好几天 on item 9: the crisis screen, with no "next" pressed.
      await radio(screening, zh('counselling.answer.1')).tap()
      const crisis = screening.locator('.crisis-screen')
      await crisis.getByRole('heading', { name: zh('counselling.crisis.title'), level: 2 }).waitFor()
      await taroButton(crisis, zh('crisis.call')).waitFor()
      await taroButton(crisis, zh('counselling.crisis.call110')).waitFor()
      await taroButton(crisis, zh('counselling.crisis.call120')).waitFor()
      await taroButton(crisis, zh('counselling.crisis.book')).waitFor()
      expect(await screening.getByText(zh('counselling.phq9.q9')).count()).toBe(0)
      // One 12356 button on the screen, not two.
      expect(await taroButton(screening, zh('crisis.call')).count()).toBe(1)
      await check(page, 'crisis screen')
      await shot(page, 'counselling-crisis')

      // Scored on the phone: not one call carried the answers.
      expect(actions).toEqual([])
      timings.screeningMs = performance.now() - t0
      errors.expectNone()
      expectNoAuditFailures()
    } finally {
      await context.close()
    }
  })
})

describe('book → cancel → the waitlisted person takes the freed slot, on two phones', () => {
  test('陈秀英 books, the day fills, 李建国 waits for it, 陈秀英 cancels, 李建国 takes the slot', async () => {
    const t0 = performance.now()
    // Lin's 09:00 on the first weekday at least two days ahead: far enough to cancel (24 hours before), inside the horizon.
    const detail = await app.call<StationDetail>('counselling', 'station', { id: STATION })
    if (!detail.ok) throw new Error(detail.error.code)
    const lin = detail.data.counsellors.find((c) => c.displayName === '林静')!
    const free = await app.call<FreeSlot[]>('counselling', 'slots', { stationId: STATION, counsellorId: lin.id })
    if (!free.ok) throw new Error(free.error.code)
    const shanghai = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10)
    const soonest = new Date(Date.now() + 48 * 3600_000).toISOString()
    const day = shanghai(free.data.find((s) => s.start > soonest && s.start.endsWith('T01:00:00.000Z'))!.start)
    const daySlots = free.data.filter((s) => shanghai(s.start) === day)
    expect(daySlots).toHaveLength(6)
    const heading = dayText(day, 'zh-CN', zh)

    const chen = await phone({ located: true })
    const li = await phone()
    try {
      // ---- 陈秀英: home → 心理服务 → nearest station first ----
      await signIn(chen.page, '陈秀英')
      const home = taroPage(chen.page, ROUTES.home)
      await taroButton(home, zh('home.service.counselling')).tap()
      const stations = taroPage(chen.page, COUNSELLING.stations)
      await stations.getByRole('heading', { name: zh('counselling.title'), level: 1 }).waitFor()
      await taroButton(stations, zh('crisis.line')).waitFor()
      // Her home village's township to begin with.
      await stations.getByText(zh('counselling.find.area', { name: '桥东街道' })).waitFor()
      await stations.locator('.station-card', { hasText: '桥东街道社会心理服务站' }).waitFor()
      await check(chen.page, 'stations, her township')

      const near = radio(stations, zh('counselling.find.near'))
      await near.tap()
      await isChecked(near)
      const nearest = stations.locator('.station-card').first()
      await nearest.locator('.station-card__distance').waitFor()
      expect(await nearest.innerText()).toContain('桥东街道社会心理服务站')
      expect(await nearest.innerText()).toContain(zh('counselling.distance.m', { n: 10 }))
      const text = await nearest.innerText()
      expect(text).toContain('服务：个人咨询、家庭咨询、危机干预')
      expect(text).toMatch(/语言：普通话、/)
      expect(text).toMatch(/开放时间：/)
      await check(chen.page, 'stations, nearest first')
      await shot(chen.page, 'counselling-stations')

      // ---- the station: 林静, the day, 09:00 ----
      await nearest.locator('taro-button-core').tap()
      const station = taroPage(chen.page, COUNSELLING.station)
      await station.getByRole('heading', { name: '桥东街道社会心理服务站', level: 1 }).waitFor()
      await taroButton(station, zh('crisis.call')).waitFor()
      expect(await station.locator('.slot-list__counsellor', { hasText: '林静' }).innerText()).toContain('国家二级心理咨询师')
      const choose = radio(station, '林静')
      await choose.tap()
      await isChecked(choose)
      // The booking grid: the day in the strip, then its times.
      await station.getByRole('tab', { name: new RegExp(`^${heading}，`) }).tap()
      const dayCard = station.getByRole('tabpanel', { name: heading })
      await taroButton(dayCard, /^09:00$/).waitFor()
      await check(chen.page, 'station, free slots')
      await taroButton(dayCard, /^09:00$/).tap()

      const confirm = station.locator('.booking-confirm')
      await station.locator('.bottom-sheet__panel').getByRole('heading', { name: zh('counselling.confirm.title'), level: 2 }).waitFor()
      expect(await confirm.innerText()).toContain(zh('counselling.confirm.pseudonymHint'))
      expect(await confirm.locator('.booking-confirm__when').innerText()).toBe(`${heading} 09:00`)
      const phoneMode = radio(confirm, zh('counselling.mode.phone'))
      await phoneMode.tap()
      await isChecked(phoneMode)
      await confirm.locator('.booking-confirm__pseudonym input').fill('阿英')
      await check(chen.page, 'booking, confirm step')
      await shot(chen.page, 'counselling-book')
      await taroButton(confirm, new RegExp(`^${zh('counselling.confirm.book')}$`)).tap()
      await station.getByText(`✓ ${zh('counselling.done.booked')}`).waitFor()
      await check(chen.page, 'booking, done')

      const chenToken = await app.signIn('resident-chen')
      const mine = await app.call<{ bookings: Booking[] }>('counselling', 'myBookings', {}, chenToken)
      if (!mine.ok) throw new Error(mine.error.code)
      expect(mine.data.bookings).toHaveLength(1)
      const booked = mine.data.bookings[0]
      expect(booked).toMatchObject({ start: daySlots[0].start, mode: 'phone', pseudonym: '阿英', status: 'booked', counsellorName: '林静' })
      expect(chen.actions.filter((a) => a === 'book')).toHaveLength(1)

      // ---- the rest of the day is booked by others ----
      const others = await Promise.all(['grid-tang', 'grid-tang', 'grid-tang', 'centre-huang', 'centre-huang'].map((a) => app.signIn(a)))
      for (const [i, s] of daySlots.slice(1).entries()) {
        const r = await app.call('counselling', 'book', { counsellorId: lin.id, start: s.start, mode: 'in_person' }, others[i])
        expect(r).toMatchObject({ ok: true })
      }

      // ---- 李建国: finds the station by name, the day is full, he joins its waitlist ----
      await signIn(li.page, '李建国')
      await taroButton(taroPage(li.page, ROUTES.home), zh('home.service.counselling')).tap()
      const liStations = taroPage(li.page, COUNSELLING.stations)
      await radio(liStations, zh('counselling.find.byName')).tap()
      await liStations.locator('.station-finder__search input').fill('桥东街道')
      await taroButton(liStations, new RegExp(`^${zh('counselling.find.search')}$`)).tap()
      // Guangdong has two 桥东街道 (惠州, 潮州): each card says where it is.
      const found = liStations.locator('.station-card', { hasText: '桥东街道社会心理服务站' })
      await found.nth(1).waitFor()
      await check(li.page, 'stations, found by name')
      expect((await found.allInnerTexts()).map((t) => /潮州市|惠州市/.exec(t)?.[0]).sort()).toEqual(['惠州市', '潮州市'].sort())
      await found.filter({ hasText: '惠州市惠城区' }).locator('taro-button-core').tap()
      const liStation = taroPage(li.page, COUNSELLING.station)
      await liStation.getByRole('heading', { name: '桥东街道社会心理服务站', level: 1 }).waitFor()
      await radio(liStation, '林静').tap()
      const fullTab = liStation.getByRole('tab', { name: `${heading}，${zh('booking.full')}` })
      await fullTab.tap()
      const fullDay = liStation.getByRole('tabpanel', { name: heading })
      await fullDay.getByText(zh('counselling.slots.full')).waitFor()
      expect(await fullDay.locator('.booking-grid__time').count()).toBe(0)
      await check(li.page, 'station, a full day')
      await taroButton(fullDay, zh('counselling.waitlist.join', { name: '林静' })).tap()
      await fullDay.getByText(`✓ ${zh('counselling.waitlist.joinedFor', { name: '林静' })}`).waitFor()
      await check(li.page, 'station, joined the waitlist')

      // ---- 陈秀英 cancels, confirming first ----
      await taroButton(station, new RegExp(`^${zh('counselling.menu.bookings')}$`)).tap()
      const chenBookings = taroPage(chen.page, COUNSELLING.bookings)
      const card = chenBookings.locator('.booking-card', { hasText: `${heading} 09:00` })
      await card.getByText(`◷ ${zh('counselling.status.upcoming')}`).waitFor()
      expect(await card.innerText()).toContain(zh('counselling.booking.pseudonym', { name: '阿英' }))
      await check(chen.page, 'my bookings, one upcoming')
      await shot(chen.page, 'counselling-bookings')
      await taroButton(card, new RegExp(`^${zh('counselling.booking.cancel')}$`)).tap()
      const modal = chen.page.locator('.taro__modal')
      await modal.locator('.taro-modal__text', { hasText: zh('counselling.cancel.confirm', { when: `${heading} 09:00` }) }).waitFor()
      await modal.locator('.taro-model__confirm').tap()
      await chenBookings.locator('.booking-card', { hasText: `⊘ ${zh('counselling.status.cancelled')}` }).waitFor()
      await chenBookings.getByText(zh('counselling.bookings.none')).waitFor()
      await check(chen.page, 'my bookings, cancelled')

      // ---- 李建国 is offered the freed slot and takes it ----
      await li.page.goBack()
      await taroButton(liStations, zh('counselling.menu.bookings')).tap()
      const liBookings = taroPage(li.page, COUNSELLING.bookings)
      const offer = liBookings.locator('.waitlist-card--offered')
      await offer.getByText(zh('counselling.offer.title')).waitFor()
      expect(await offer.innerText()).toContain(`${heading} 09:00`)
      expect(await offer.locator('.waitlist-card__until').innerText()).toMatch(/^请在 .*\d{2}:\d{2} 前确认，过时将让给下一位。$/)
      await check(li.page, 'my bookings, an offer')
      await taroButton(offer, zh('counselling.offer.take')).tap()
      await liBookings.locator('.booking-card', { hasText: `${heading} 09:00` }).getByText(`◷ ${zh('counselling.status.upcoming')}`).waitFor()
      await offer.waitFor({ state: 'detached' })
      await check(li.page, 'my bookings, offer taken')

      // The backend agrees: his booking holds the slot, hers is cancelled.
      const liMine = await app.call<{ bookings: Booking[] }>('counselling', 'myBookings', {}, await app.signIn('resident-li'))
      if (!liMine.ok) throw new Error(liMine.error.code)
      expect(liMine.data.bookings.map((b) => [b.start, b.status, b.counsellorName])).toEqual([[daySlots[0].start, 'booked', '林静']])
      const chenAfter = await app.call<{ bookings: Booking[] }>('counselling', 'myBookings', {}, chenToken)
      expect(chenAfter.ok && chenAfter.data.bookings.map((b) => b.status)).toEqual(['cancelled'])
      timings.bookCancelOfferMs = performance.now() - t0
      taken = { heading, start: daySlots[0].start }

      chen.errors.expectNone()
      li.errors.expectNone()
      expectNoAuditFailures()
    } finally {
      await chen.context.close()
      await li.context.close()
    }
  })
})

describe('the counsellor’s workbench', () => {
  test('林静 opens 工作台 from 我的: the week’s sessions, and a private note with a risk and a referral', async () => {
    if (!taken) throw new Error('This step needs the session 李建国 took in the previous step.')
    const t0 = performance.now()
    const { context, page, errors } = await phone()
    try {
      await signIn(page, '林静')
      await page.getByRole('link', { name: zh('tab.me'), exact: true }).tap()
      await taroButton(taroPage(page, ROUTES.me), zh('staff.title')).tap()
      const sessions = taroPage(page, '/#/counselling/pages/sessions/index')
      await sessions.getByRole('heading', { name: zh('counselling.sessions.title'), level: 1 }).waitFor()
      // Her weekly hours, as the station lists them: Monday 09:00–12:00 among them.
      await sessions.getByRole('button', { name: zh('counselling.hours.startLabel', { day: zh('counselling.weekday.1'), time: '09:00' }) }).first().waitFor()
      await check(page, 'sessions, today')

      const week = sessions.getByRole('radio', { name: new RegExp(`${zh('counselling.sessions.week')}$`) })
      await week.tap()
      await isChecked(week)
      const card = sessions.locator('.session-card', { hasText: '李建国' })
      await card.waitFor()
      expect(await card.innerText()).toContain(`${taken.heading} 09:00–09:50`)
      expect(await card.innerText()).toContain(zh('counselling.sessions.notStarted'))

      await taroButton(card, zh('counselling.sessions.writeNotes')).tap()
      const form = card.getByRole('form', { name: zh('counselling.sessions.notes') })
      await form.waitFor()
      expect(await form.innerText()).toContain(zh('counselling.sessions.private'))
      expect(await form.innerText()).toContain('精神卫生法')
      await form.locator('.staff-textarea--notes textarea').fill('来访者近期睡眠差，情绪低落。')
      const risk = form.getByRole('checkbox', { name: new RegExp(zh('counselling.sessions.risk')) })
      await risk.tap()
      await isChecked(risk)
      await form.locator('.staff-input--referral input').fill('惠州市第二人民医院心理科')
      await check(page, 'sessions, writing a note')
      await taroButton(form, zh('counselling.sessions.saveNotes')).tap()
      await card.getByText(zh('counselling.sessions.notesShown', { text: '来访者近期睡眠差，情绪低落。' })).waitFor()
      await card.getByText(zh('counselling.sessions.riskMarked')).waitFor()
      await card.getByText(zh('counselling.sessions.referralShown', { text: '惠州市第二人民医院心理科' })).waitFor()
      await check(page, 'sessions, note saved')
      await card.scrollIntoViewIfNeeded()
      await shot(page, 'counselling-sessions')

      const schedule = await app.call<{ start: string; status: string; client: string; notes: string | null; risk: boolean; referral: string | null }[]>('counselling', 'schedule', { days: 7 }, await app.signIn('counsellor-lin'))
      if (!schedule.ok) throw new Error(schedule.error.code)
      // 陈秀英's cancelled booking of the same time is there too, without notes.
      expect(schedule.data.filter((x) => x.start === taken!.start).map((x) => [x.client, x.status])).toEqual(expect.arrayContaining([['阿英', 'cancelled'], ['李建国', 'booked']]))
      expect(schedule.data.find((x) => x.start === taken!.start && x.status === 'booked')).toMatchObject({ client: '李建国', notes: '来访者近期睡眠差，情绪低落。', risk: true, referral: '惠州市第二人民医院心理科' })
      timings.counsellorMs = performance.now() - t0
      errors.expectNone()
      expectNoAuditFailures()
    } finally {
      await context.close()
    }
  })
})

