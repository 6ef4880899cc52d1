/**
 * The workbench, compiled for weapp (dist/staff), in miniprogram-simulate against the real backend: a case filed by
 * a resident shows in the township centre's queue, and accepting it on the case page changes it in the backend.
 */
import { startTestServer, type TestServer } from '../support/backend'
import { loadPage, until } from '../support/simulate'
import { PRIVACY_NOTICE_VERSION, type CaseDetail } from '../../types/functions/petition'

const filing = (title: string) => ({
  kind: 'complaint',
  title,
  description: '东平村村口到小学的路灯坏了三个月，晚上孩子放学很危险。',
  regionCode: '441302001200',
  address: '东平村村口',
  contactName: '陈秀英',
  contactPhone: '13812345678',
  consentVersion: PRIVACY_NOTICE_VERSION
})

describe('staff workbench, compiled for weapp', () => {
  let backend: TestServer
  let resident: string
  let centre: string

  beforeAll(async () => {
    backend = await startTestServer('sqlite')
    resident = await backend.signIn('resident-chen')
    centre = await backend.signIn('centre-huang')
  })
  afterAll(async () => backend?.close())

  async function file(title: string): Promise<CaseDetail> {
    const filed = await backend.call<CaseDetail>('petition', 'file', filing(title), resident)
    if (!filed.ok) throw new Error(`filing failed: ${filed.error.code}`)
    return filed.data
  }

  test('the township centre’s queue lists a case a resident just filed, with its status and deadline in words', async () => {
    const filed = await file('村口路灯坏了三个月')
    const queue = await loadPage('staff/pages/queue/index', { backend, signedInAs: 'centre-huang' })
    try {
      await queue.waitForText(filed.trackingNo)
      const text = queue.text()
      expect(text).toContain('村口路灯坏了三个月')
      // One cell: the meta line (kind · place · deadline · number), then the status chip.
      expect(text).toMatch(new RegExp(`投诉 · 东平村民委员会 · 最晚决定是否办理：[^·]+ · ${filed.trackingNo} 已收到，等待处理`))
      expect(text).toContain('已超期 0 件')
      await queue.settle()
      // Loaded once when the page is shown (useDidShow), not once more on mount.
      const calls = queue.wx.cloudCalls.filter((c) => c.name === 'petition' && c.data.action === 'queue')
      expect(calls.map((c) => c.data.input)).toEqual([{ open: true, limit: 20, offset: 0 }])
      expect(text).toContain('共 1 件')

      await queue.tap(filed.trackingNo)
      await until(() => queue.wx.navigateTo.mock.calls.length > 0, 'wx.navigateTo call 1')
      expect(queue.wx.navigateTo.mock.calls[0][0]).toMatchObject({ url: `/staff/pages/case/index?id=${filed.id}` })
    } finally {
      await queue.close()
    }
  })

  test('on the case page, 受理 then 确认受理 accepts the case in the backend, once, with a request id', async () => {
    const filed = await file('垃圾站臭味扰民')
    const page = await loadPage('staff/pages/case/index', { backend, signedInAs: 'centre-huang', query: { id: filed.id } })
    try {
      // Staff handling the case see the full phone number.
      await page.waitForText('13812345678')
      expect(page.text()).toContain('已收到，等待处理')
      await page.tap('.case-action--accept')
      await page.tap('.move-form__submit')
      await page.waitForText('已提交：受理')
      await page.settle()
      // Accepting does not end the case, so it is not asked twice (declining and concluding are).
      expect(page.wx.showModal).not.toHaveBeenCalled()

      const after = await backend.call<CaseDetail>('petition', 'get', { id: filed.id }, centre)
      expect(after.ok && after.data.status).toBe('accepted')
      expect(page.text()).toContain('正在办理')
      expect(page.text()).toContain('办理期限')
      const accepts = page.wx.cloudCalls.filter((c) => c.data.action === 'accept')
      expect(accepts).toHaveLength(1)
      expect(accepts[0].data.input).toEqual({ id: filed.id })
      expect(accepts[0].data.requestId).toMatch(/^[0-9a-f]{32}$/)
    } finally {
      await page.close()
    }
  })
})

/** Polls a condition: a tap reaches wx through React's scheduler, not synchronously. */
