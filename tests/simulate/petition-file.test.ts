/**
 * The compiled filing page (dist/petition/pages/file) in miniprogram-simulate: a resident finishes a draft left on
 * the device, marks the place on the map, ticks the privacy consent, taps submit (twice), and the real backend holds
 * exactly one case, with its map point, which the compiled 我的事项 tab then lists.
 */
import { startTestServer, type TestServer } from '../support/backend'
import { loadPage, type LoadedPage, until } from '../support/simulate'
import { openRow, pointOf } from '../../cloud/db/sealed'

const DRAFT_KEY = 'minan.petition.draft'
const VILLAGE = '441302001200'

/** Types into a wx <input>/<textarea> inside the field with this class, as WeChat does: an `input` event with the value. */
function typeInto(page: LoadedPage, fieldClass: string, tag: 'wx-input' | 'wx-textarea', value: string) {
  const field = page.find(fieldClass)
  const control = field?.querySelector(tag) as (Element & { __wxElement?: unknown }) | null
  if (!control?.__wxElement) throw new Error(`no ${tag} in ${fieldClass}: ${page.text()}`)
  // The same exparser instance the page was rendered with (loadPage required it after resetting modules).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exparser = require('miniprogram-exparser')
  exparser.Event.dispatchEvent(control.__wxElement, exparser.Event.create('input', { value, cursor: value.length, keyCode: 0 }, { bubbles: false, composed: true }))
}

describe('filing a petition, compiled for weapp', () => {
  let backend: TestServer
  beforeAll(async () => {
    backend = await startTestServer('sqlite')
  })
  afterAll(async () => backend?.close())

  // Titles are sealed at rest: every case is opened and compared here.
  const casesTitled = async (title: string) => {
    const { db, cipher } = backend.backend.services
    const rows = await db.selectFrom('cases').selectAll().execute()
    return rows.map((r) => openRow(cipher, 'cases', r)).filter((r) => r.title === title)
  }

  test('a draft on the device is finished, consented and sent; one case exists however often submit is tapped', async () => {
    const title = `村口路灯坏了 ${Date.now().toString(36)}`
    const description = '东平村村口到小学的路灯坏了三个月，晚上孩子放学很危险。'
    const draft = {
      requestId: `simfile${Date.now().toString(36)}x`,
      kind: 'complaint',
      title: '路灯',
      description: '',
      regionCode: VILLAGE,
      regionNames: ['惠州市', '惠城区', '桥东街道', '东平村民委员会'],
      contactName: '陈秀英',
      contactPhone: '13812345678',
      photos: [],
      consentVersion: null
    }
    // The map: WeChat's privacy agreement first, then the place marked on the map.
    const steps: string[] = []
    const wx = {
      requirePrivacyAuthorize: jest.fn((o: { success: () => void }) => {
        steps.push('privacy')
        setTimeout(() => o.success(), 0)
      }),
      chooseLocation: jest.fn((o: { success?: (r: unknown) => void }) => {
        steps.push('chooseLocation')
        const res = { errMsg: 'chooseLocation:ok', name: '东平村村口', address: '惠城区', latitude: 23.0771, longitude: 114.4179 }
        setTimeout(() => o.success?.(res), 0)
        return Promise.resolve(res)
      })
    }
    const page = await loadPage('petition/pages/file/index', { backend, signedInAs: 'resident-chen', storage: { [DRAFT_KEY]: draft }, wx })
    try {
      await page.waitForText('已恢复您上次没有提交的内容。')
      // The compiled stepper's first step, with its progress.
      expect(page.text()).toContain('第 1 步，共 5 步：类型')

      // The stepper: 类型 (restored as 投诉) → 事情.
      await page.tap('.petition-form__next')
      await page.waitForText('第 2 步，共 5 步：事情')
      typeInto(page, '.field--title', 'wx-input', title)
      typeInto(page, '.field--description', 'wx-textarea', description)
      await page.waitForText(`已写 ${[...description].length} 字，最多 4000 字`)
      // Typed text is on the device at once, under the draft's own request id.
      expect(page.wx.storage.get(DRAFT_KEY)).toMatchObject({ requestId: draft.requestId, title, description })
      await page.tap('.petition-form__next')
      await page.waitForText('第 3 步，共 5 步：地点')
      expect(page.text()).toContain('惠州市 惠城区 桥东街道 东平村民委员会')

      // The place on WeChat's map, shown by its name and address (never coordinates).
      await page.tap('在地图上标出地点')
      await page.waitForText('东平村村口 · 惠城区')
      expect(page.text()).not.toContain('北纬')
      expect(steps).toEqual(['privacy', 'chooseLocation'])
      expect(page.wx.storage.get(DRAFT_KEY)).toMatchObject({ location: { lat: 23.0771, lng: 114.4179, name: '东平村村口' } })
      await page.tap('.petition-form__next')
      await page.waitForText('第 4 步，共 5 步：联系方式和照片')
      // Photos go to cloud storage on cloud functions: the form offers them here too.
      expect(page.text()).toContain('照片（选填，最多 9 张）')
      await page.tap('.petition-form__next')
      await page.waitForText('第 5 步，共 5 步：确认')

      // Without consent the button sends nothing.
      await page.tap('.petition-form__send')
      await page.settle()
      expect(page.wx.cloudCalls.filter((c) => c.name === 'petition')).toHaveLength(0)

      await page.tap('我已阅读并同意上述个人信息处理说明')
      await page.waitForNoText('请先勾选同意个人信息处理说明，才能提交。')
      await page.tap('.petition-form__send')
      await page.tap('.petition-form__send')
      await page.settle()
      // The success page, with the tracking number and what happens next.
      await page.waitForText('已收到您反映的事情')
      expect(page.text()).toMatch(/会在 \d{4}年\d{1,2}月\d{1,2}日 前决定是否受理/)

      const filings = page.wx.cloudCalls.filter((c) => c.name === 'petition' && c.data.action === 'file')
      expect(filings).toHaveLength(1)
      expect(filings[0].data).toMatchObject({ requestId: draft.requestId, input: { title, description, regionCode: VILLAGE, kind: 'complaint', location: { lat: 23.0771, lng: 114.4179 } } })
      const rows = await casesTitled(title)
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ kind: 'complaint', region_code: VILLAGE, status: 'submitted' })
      expect(pointOf(rows[0].point)).toEqual({ lat: 23.0771, lng: 114.4179 })
      expect(page.text()).toContain(rows[0].tracking_no)
      await page.tap('.filed-result__view')
      await until(() => page.wx.redirectTo.mock.calls.length > 0, 'the redirect to the case')
      expect(page.wx.redirectTo).toHaveBeenCalledTimes(1)
      expect(page.wx.redirectTo.mock.calls[0][0]).toMatchObject({ url: `/petition/pages/detail/index?id=${rows[0].id}` })
      expect(page.wx.storage.has(DRAFT_KEY)).toBe(false)

      // The same request id sent again (a retry after a lost reply) still makes no second case.
      const token = page.wx.storage.get('minan.token') as string
      const replay = await backend.call('petition', 'file', filings[0].data.input, token, { requestId: draft.requestId })
      expect(replay).toMatchObject({ ok: true, data: { id: rows[0].id } })
      expect(await casesTitled(title)).toHaveLength(1)
    } finally {
      await page.close()
    }

    const matters = await loadPage('pages/matters/index', { backend, signedInAs: 'resident-chen' })
    try {
      await matters.waitForText(title)
      expect(matters.text()).toContain('已收到，等待处理')
      expect(matters.text()).toContain('下一步：等综治中心决定是否办理')
    } finally {
      await matters.close()
    }
  })

  test('a wrong phone number is explained on the page and nothing is sent', async () => {
    const page = await loadPage('petition/pages/file/index', {
      backend,
      signedInAs: 'resident-chen',
      storage: {
        [DRAFT_KEY]: { requestId: `simphone${Date.now().toString(36)}`, kind: 'request', title: '求决', description: '请帮忙', regionCode: VILLAGE, regionNames: ['东平村民委员会'], contactName: '陈秀英', contactPhone: '12345', photos: [], consentVersion: '2026-11-01' }
      }
    })
    try {
      await page.waitForText('已恢复您上次没有提交的内容。')
      for (const step of ['事情', '地点', '联系方式和照片']) {
        await page.tap('.petition-form__next')
        await page.waitForText(step === '联系方式和照片' ? '第 4 步，共 5 步：联系方式和照片' : `：${step}`)
      }
      // 下一步 checks the step: the phone is explained where it is typed, and the stepper stays.
      await page.tap('.petition-form__next')
      await page.waitForText('手机号码不正确。请填写 11 位内地手机号，或 +852、+853 开头的港澳号码。')
      await page.settle()
      expect(page.wx.cloudCalls.filter((c) => c.name === 'petition')).toHaveLength(0)
    } finally {
      await page.close()
    }
  })
})

describe('a case, compiled for weapp', () => {
  let backend: TestServer
  beforeAll(async () => {
    backend = await startTestServer('sqlite')
  })
  afterAll(async () => backend?.close())

  test('the detail page shows status, tracking number, unit, deadline and timeline in words; withdrawing asks first', async () => {
    const token = await backend.signIn('resident-chen')
    const filed = await backend.call<{ id: string; trackingNo: string }>(
      'petition',
      'file',
      { kind: 'complaint', title: '垃圾没人清', description: '巷口垃圾堆了一周。', regionCode: VILLAGE, contactName: '陈秀英', contactPhone: '13812345678', consentVersion: '2026-11-01' },
      token
    )
    if (!filed.ok) throw new Error(JSON.stringify(filed.error))
    const page = await loadPage('petition/pages/detail/index', { backend, signedInAs: 'resident-chen', query: { id: filed.data.id } })
    try {
      await page.waitForText('垃圾没人清')
      const text = page.text()
      expect(text).toContain('已收到，等待处理')
      expect(text).toContain(filed.data.trackingNo)
      expect(text).toContain('桥东街道综治中心')
      expect(text).toMatch(/最晚决定是否办理：\d{4}年\d{1,2}月\d{1,2}日/)
      expect(text).toContain('居民 · 提交了诉求')
      expect(text).toContain('138****5678')

      const copied = jest.fn((options: { success?: (r: object) => void }) => setTimeout(() => options.success?.({ errMsg: 'setClipboardData:ok' }), 0))
      page.wx.setClipboardData = copied
      await page.tap('复制编号')
      await until(() => copied.mock.calls.length > 0, 'the copy')
      expect(copied.mock.calls[0][0]).toMatchObject({ data: filed.data.trackingNo })

      await page.tap('.case-actions__withdraw')
      await page.waitForText('已撤回')
      expect(page.wx.showModal).toHaveBeenCalledTimes(1)
      expect(page.wx.showModal.mock.calls[0][0]).toMatchObject({ title: '确定撤回这件事项吗？', content: '撤回后不能恢复，综治中心将不再办理。' })
      await page.waitForText('居民 · 撤回了事项')
      const row = await backend.backend.services.db.selectFrom('cases').select('status').where('id', '=', filed.data.id).executeTakeFirstOrThrow()
      expect(row.status).toBe('withdrawn')
    } finally {
      await page.close()
    }
  })
})
