/**
 * The compiled station page (dist/counselling/pages/station) in miniprogram-simulate against the real backend:
 * 陈秀英 opens 桥东街道's station, sees its counsellors and the booking grid, chooses the first time, gives a pseudonym,
 * confirms — and the backend holds exactly one booking for her, made with a request id.
 */
import { startTestServer, type TestServer } from '../support/backend'
import { loadPage, type LoadedPage, until } from '../support/simulate'
import { openRow } from '../../cloud/db/sealed'

const STATION = 'st441302001'

/** Types into the wx <input> with this class, as WeChat does: an `input` event carrying the value. */
function typeInto(page: LoadedPage, inputClass: string, value: string) {
  const found = page.find(inputClass)
  const control = (found?.tagName.toLowerCase() === 'wx-input' ? found : found?.querySelector('wx-input')) as (Element & { __wxElement?: unknown }) | null
  if (!control?.__wxElement) throw new Error(`no wx-input for ${inputClass}: ${page.text()}`)
  // The same exparser instance the page was rendered with (loadPage required it after resetting modules).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exparser = require('miniprogram-exparser')
  exparser.Event.dispatchEvent(control.__wxElement, exparser.Event.create('input', { value, cursor: value.length, keyCode: 0 }, { bubbles: false, composed: true }))
}

/** Waits until an element with this class is on the page. */
const found = (page: LoadedPage, selector: string): Promise<Element> => until(() => page.find(selector), () => `${selector} on the page: ${page.text()}`)

describe('booking counselling, compiled for weapp', () => {
  let backend: TestServer
  beforeAll(async () => {
    backend = await startTestServer('sqlite')
  })
  afterAll(async () => backend?.close())

  test('resident-chen books the first free slot at 桥东街道: one booking stored, sent once with a request id', async () => {
    const { db } = backend.backend.services
    const chen = await db.selectFrom('users').select('id').where('demo_account', '=', 'resident-chen').executeTakeFirstOrThrow()
    // Pseudonyms are sealed at rest: opened here.
    const bookingsOfChen = async () => (await db.selectFrom('bookings').selectAll().where('person_id', '=', chen.id).execute()).map((r) => openRow(backend.backend.services.cipher, 'bookings', r))
    expect(await bookingsOfChen()).toHaveLength(0)

    const page = await loadPage('counselling/pages/station/index', { backend, signedInAs: 'resident-chen', query: { id: STATION } })
    try {
      await page.waitForText('桥东街道社会心理服务站')
      await page.waitForText('林静')
      const text = page.text()
      expect(text).toContain('拨打 12356 心理援助热线')
      expect(text).toContain('国家二级心理咨询师')
      expect(text).toContain('未来两周的空闲时段')
      expect(text).toMatch(/服务：个人咨询、家庭咨询、危机干预/)

      // The booking grid: a strip of days, the first day with a time chosen; its first time says a time of day, with
      // the counsellor's name when any counsellor will do. A tap opens the confirmation sheet.
      await found(page, '.booking-grid__day')
      const first = await found(page, '.booking-grid__time')
      expect(first.textContent?.trim()).toMatch(/^\d{2}:\d{2}/)
      await page.tap('.booking-grid__time')
      await found(page, '.bottom-sheet__panel')
      await page.waitForText('确认预约')
      expect(page.text()).toContain('可以使用化名，不必填写真实姓名')
      expect(page.text()).toContain('每次咨询约 50 分钟。')
      typeInto(page, '.booking-confirm__pseudonym', '阿英')
      await page.tap('.booking-confirm__submit')
      await page.waitForText('预约成功')
      await page.settle()
      expect(page.text()).toContain('化名：阿英')

      const books = page.wx.cloudCalls.filter((c) => c.name === 'counselling' && c.data.action === 'book')
      expect(books).toHaveLength(1)
      expect(books[0].data.requestId).toMatch(/^[0-9a-f]{32}$/)
      expect(books[0].data.input).toMatchObject({ mode: 'in_person', pseudonym: '阿英' })
      const stored = await bookingsOfChen()
      expect(stored).toHaveLength(1)
      expect(stored[0]).toMatchObject({ station_id: STATION, status: 'booked', pseudonym: '阿英', starts_at: (books[0].data.input as { start: string }).start })
      expect(books[0].result).toMatchObject({ ok: true, data: { id: stored[0].id } })
    } finally {
      await page.close()
    }
  })
})
