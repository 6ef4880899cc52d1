/**
 * Taps from home, as a new user on a 390×844 phone (issue 14): file a dispute with one photo (budget 12) and book a
 * counselling slot (budget 6). Every tap on a control is counted (a choice, a button, the photo picked in the
 * chooser); typing into a text box is counted apart. The journeys run against the real backend and database and
 * check what was stored. Each journey runs in normal and in elder mode; the README's screens of them (the stepper's first
 * step and its success page, the booking grid and its sheet) go to docs/screenshots/journey-*, the rest under
 * /tmp/journeys-shots for looking at.
 */
import fs from 'node:fs'
import type { Browser } from 'playwright-core'
import type { CaseDetail } from '../../types/functions/petition'
import type { Booking } from '../../types/functions/counselling'
import { registerMessages } from '../../src/i18n'
import counsellingMessages from '../../src/i18n/counselling'
import type { TestServer } from '../support/backend'
import { ROUTES, SCREENSHOT_DIR, launchBrowser, startApp, taroButton, taroPage } from '../support/browser'
import { fileDispute, phoneAs as signedIn, tinyPng, zh } from '../support/journeys'

registerMessages(counsellingMessages)
const SHOTS = '/tmp/journeys-shots'

let app: TestServer
let browser: Browser
const counts: Record<string, { taps: number; typed: number }> = {}

beforeAll(async () => {
  app = await startApp()
  browser = (await launchBrowser()).browser
  fs.mkdirSync(SHOTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
  console.log(`taps from home: ${Object.entries(counts).map(([k, v]) => `${k} ${v.taps} taps + ${v.typed} typed fields`).join('; ')}`)
})

/** The screens the README shows, per journey. */
const README_SHOTS = new Set(['1-kind', '6-done', '1-grid', '2-sheet'])

/** A phone signed in as a demo person (the sign-in is not part of the count), its taps counted for the journey and mode. */
async function phoneAs(name: string, journey: string, elder: boolean) {
  const mode = elder ? 'elder' : 'normal'
  const phone = await signedIn(browser, app.url, name, (label) => (README_SHOTS.has(label) ? `${SCREENSHOT_DIR}/journey-${journey}-${mode}-${label}.png` : `${SHOTS}/${journey}-${mode}-${label}.png`), { elder })
  counts[`${journey} (${mode})`] = phone.count
  return phone
}

describe.each([
  ['normal', false],
  ['elder', true]
] as const)('in %s mode', (_mode, elder) => {
  test('file a neighbour dispute with one photo: at most 12 taps from home, ending on the success page', async () => {
    const phone = await phoneAs('陈秀英', 'file-dispute', elder)
    const { context, page, shot, count } = phone
    try {
      const trackingNo = await fileDispute(phone, { title: '邻居装修噪音扰民', description: '隔壁每天晚上十点以后还在装修，老人小孩都睡不好。', otherPartyName: '隔壁 3 号的房东', contactPhone: '+86 138-1234-5678', photo: { name: 'noise.png', buffer: tinyPng() } }, async (label, form) => {
        // The place: her village, filled in from her profile.
        if (label === '3-place') expect(await form.locator('.petition-form__place').innerText()).toBe('惠州市 惠城区 桥东街道 东平村民委员会')
        await shot(label)
      })
      const form = taroPage(page, '/#/petition/pages/file/index')
      expect(trackingNo).toMatch(/^4413-\d{8}-[2-9A-HJKMNP-Z]{6}$/)
      expect(await form.locator('.filed-result__next').innerText()).toMatch(/桥东街道综治中心会在 \d{4}年\d{1,2}月\d{1,2}日 前决定是否受理/)
      await shot('6-done')
      expect(count.taps).toBeLessThanOrEqual(12)

      const token = await app.signIn('resident-chen')
      const mine = await app.call<{ items: { id: string; trackingNo: string }[] }>('petition', 'mine', {}, token)
      if (!mine.ok) throw new Error(mine.error.code)
      const id = mine.data.items.find((c) => c.trackingNo === trackingNo)!.id
      const stored = await app.call<CaseDetail>('petition', 'get', { id }, token)
      if (!stored.ok) throw new Error(stored.error.code)
      expect(stored.data).toMatchObject({ kind: 'dispute', disputeType: 'neighbours', otherPartyName: '隔壁 3 号的房东', regionCode: '441302001200' })
      expect(stored.data.photos).toHaveLength(1)
    } finally {
      await context.close()
    }
  })

  test('book a counselling slot: at most 6 taps from home, through the grid and the confirmation sheet', async () => {
    // Each mode books as a different resident: one live booking each.
    const [name, account] = elder ? ['李建国', 'resident-li'] : ['陈秀英', 'resident-chen']
    // 李建国 lives in 东平村 too (as 陈秀英's profile says for her): the stations page opens on their township.
    if (elder) {
      const set = await app.call('auth', 'setHomeRegion', { code: '441302001200' }, await app.signIn(account))
      if (!set.ok) throw new Error(set.error.code)
    }
    const { context, page, tap, shot, count } = await phoneAs(name, 'book-counselling', elder)
    try {
      await tap(taroButton(taroPage(page, ROUTES.home), zh('home.service.counselling')))
      const stations = taroPage(page, '/#/counselling/pages/stations/index')
      const card = stations.locator('.station-card', { hasText: '桥东街道社会心理服务站' }).first()
      await card.waitFor()
      await tap(card.locator('taro-button-core').first())
      const station = taroPage(page, '/#/counselling/pages/station/index')
      const chip = station.locator('.booking-grid__time:not(.booking-grid__time--mine)').first()
      await chip.waitFor()
      await chip.scrollIntoViewIfNeeded()
      await shot('1-grid')
      const when = await chip.getAttribute('aria-label')
      await tap(chip)
      const sheet = station.locator('.bottom-sheet__panel')
      await sheet.waitFor()
      expect(await sheet.getAttribute('aria-label')).toBe(zh('counselling.confirm.title'))
      await shot('2-sheet')
      await tap(taroButton(sheet, new RegExp(`^${zh('counselling.confirm.book')}$`)))
      await station.getByText(`✓ ${zh('counselling.done.booked')}`).waitFor()
      await shot('3-done')
      expect(count.taps).toBeLessThanOrEqual(6)

      const mine = await app.call<{ bookings: Booking[] }>('counselling', 'myBookings', {}, await app.signIn(account))
      if (!mine.ok) throw new Error(mine.error.code)
      expect(mine.data.bookings.filter((b) => b.status === 'booked')).toHaveLength(1)
      expect(when).toContain(mine.data.bookings[0].counsellorName)
    } finally {
      await context.close()
    }
  })
})
