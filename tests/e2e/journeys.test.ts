/**
 * Taps from home, as a new user on a 390×844 phone (issue 14): file a dispute with one photo (budget 12) and book a
 * counselling slot (budget 6). Every tap on a control is counted (a choice, a button, the photo picked in the
 * chooser); typing into a text box is counted apart. The journeys run against the real backend and database and
 * check what was stored. Each journey runs in normal and in elder mode; the README's screens of them (the stepper's first
 * step and its success page, the booking grid and its sheet) go to docs/screenshots/journey-*, the rest under
 * /tmp/journeys-shots for looking at.
 */
import fs from 'node:fs'
import zlib from 'node:zlib'
import type { Browser, Locator } from 'playwright-core'
import type { CaseDetail } from '../../types/functions/petition'
import type { Booking } from '../../types/functions/counselling'
import { registerMessages, translate, type MessageKey } from '../../src/i18n'
import counsellingMessages from '../../src/i18n/counselling'
import type { TestServer } from '../support/backend'
import { PHONE, ROUTES, SCREENSHOT_DIR, launchBrowser, startApp, taroButton, taroPage } from '../support/browser'

registerMessages(counsellingMessages)
const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params)
const SHOTS = '/tmp/journeys-shots'
/** 桥东街道, 惠州: where the demo station is. */
const QIAODONG = { latitude: 23.0855, longitude: 114.4205 }

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

/** A phone signed in as a demo person (the sign-in is not part of the count), and a tap counter. */
/** The screens the README shows, per journey. */
const README_SHOTS = new Set(['1-kind', '6-done', '1-grid', '2-sheet'])

async function phoneAs(name: string, journey: string, elder: boolean) {
  const context = await browser.newContext({ ...PHONE, geolocation: QIAODONG, permissions: ['geolocation'] })
  await context.addInitScript((e) => localStorage.setItem('minan.elder', JSON.stringify({ data: e })), elder)
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  await page.goto(app.url + ROUTES.signin)
  const signin = taroPage(page, ROUTES.signin)
  await signin.locator(`taro-button-core[aria-label$=": ${name}"]`).tap()
  await page.waitForURL(/#\/pages\/home\/index/)
  await signin.waitFor({ state: 'detached' })
  const mode = elder ? 'elder' : 'normal'
  const count = (counts[`${journey} (${mode})`] = { taps: 0, typed: 0 })
  const tap = async (target: Locator) => {
    await target.tap()
    count.taps++
  }
  const type = async (target: Locator, text: string) => {
    await target.fill(text)
    count.typed++
  }
  const shot = (label: string) =>
    page.screenshot({ path: README_SHOTS.has(label) ? `${SCREENSHOT_DIR}/journey-${journey}-${mode}-${label}.png` : `${SHOTS}/${journey}-${mode}-${label}.png`, animations: 'disabled' })
  return { context, page, tap, type, shot, count }
}

const choice = (scope: Locator, text: string) => scope.getByRole('radio', { name: new RegExp(`^(?:[✓◉○] )?${text}$`) })

function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc32 = (buf: Buffer) => {
    let c = 0xffffffff
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(2, 0)
  header.writeUInt32BE(2, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const pixels = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255])
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))])
}

describe.each([
  ['normal', false],
  ['elder', true]
] as const)('in %s mode', (_mode, elder) => {
  test('file a neighbour dispute with one photo: at most 12 taps from home, ending on the success page', async () => {
    const { context, page, tap, type, shot, count } = await phoneAs('陈秀英', 'file-dispute', elder)
    try {
      const file = '/#/petition/pages/file/index'
      await tap(taroButton(taroPage(page, ROUTES.home), zh('home.service.petition')))
      const form = taroPage(page, file)
      const next = () => tap(taroButton(form, new RegExp(`^${zh('petition.step.next')}$`)))
      const onStep = (n: number, key: MessageKey) => form.getByText(zh('petition.step.progress', { n, total: 5, name: zh(key) })).waitFor()

      await onStep(1, 'petition.step.kind')
      await tap(choice(form, zh('case.kind.dispute')))
      await tap(choice(form, zh('case.dispute.neighbours')))
      await shot('1-kind')
      await next()

      await onStep(2, 'petition.step.matter')
      await form.getByText(zh('petition.form.otherPartyName.help')).waitFor()
      await type(form.locator('.field--title input'), '邻居装修噪音扰民')
      await type(form.locator('.field--description textarea'), '隔壁每天晚上十点以后还在装修，老人小孩都睡不好。')
      await type(form.locator('.field--otherPartyName input'), '隔壁 3 号的房东')
      await shot('2-matter')
      await next()

      // The place: her village, filled in from her profile.
      await onStep(3, 'petition.step.place')
      expect(await form.locator('.petition-form__place').innerText()).toBe('惠州市 惠城区 桥东街道 东平村民委员会')
      await shot('3-place')
      await next()

      await onStep(4, 'petition.step.contact')
      await type(form.locator('.field--contactPhone input'), '+86 138-1234-5678')
      const chooser = page.waitForEvent('filechooser')
      await tap(taroButton(form, zh('petition.photos.add', { count: 0, max: 9 })))
      const sheet = page.locator('.taro-actionsheet__cell', { hasText: '从相册选择' })
      const opened = await Promise.race([chooser.then(() => 'chooser' as const), sheet.waitFor().then(() => 'sheet' as const, () => 'none' as const)])
      if (opened === 'sheet') await tap(sheet)
      await (await chooser).setFiles({ name: 'noise.png', mimeType: 'image/png', buffer: tinyPng() })
      // Picking the photo in the phone's chooser is a tap too.
      count.taps++
      await form.locator('.photos__item--done').waitFor()
      await shot('4-contact')
      await next()

      await onStep(5, 'petition.step.confirm')
      await tap(form.getByRole('checkbox', { name: zh('petition.privacy.agree') }))
      await form.locator('.petition-form__send[aria-disabled="false"]').waitFor()
      await shot('5-confirm')
      await tap(taroButton(form, new RegExp(`^${zh('petition.submit')}$`)))

      await form.getByRole('heading', { name: zh('petition.done.title'), level: 1 }).waitFor()
      const trackingNo = await form.locator('.filed-result__tracking').innerText()
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
