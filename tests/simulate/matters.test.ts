/**
 * 我的事项, compiled for weapp (dist/), in miniprogram-simulate against the real backend: an empty list says what to
 * do first; a person's case, counselling booking and legal question show in one list with their status and next
 * step in words, and each opens its own page; more than a page loads at the bottom, and pull-to-refresh stops.
 * And 查询办理进度 (petition/pages/lookup), signed out.
 */
import { startTestServer, type TestServer } from '../support/backend'
import { loadPage, until } from '../support/simulate'
import { filing } from '../support/fixtures'
import type { Envelope } from '../../types/api'
import type { CaseDetail } from '../../types/functions/petition'
import type { FreeSlot, StationDetail } from '../../types/functions/counselling'
import type { Consultation, VillageAdvisor } from '../../types/functions/legal'


describe('我的事项, compiled for weapp', () => {
  let backend: TestServer
  let chen: string

  beforeAll(async () => {
    backend = await startTestServer('sqlite')
    chen = await backend.signIn('resident-chen')
  })
  afterAll(async () => backend?.close())

  function ok<T>(r: Envelope<T>): T {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
    return r.data
  }

  test('someone who started nothing is told what to do first', async () => {
    const page = await loadPage('pages/matters/index', { backend, signedInAs: 'resident-li' })
    try {
      await page.waitForText('还没有事项')
      expect(page.text()).toContain('这里会列出您办理的所有事项')
      expect(page.text()).toContain('网格员帮我登记过的事')
      await page.tap('反映诉求')
      await until(() => page.wx.navigateTo.mock.calls.length > 0, 'wx.navigateTo call 1')
      expect(page.wx.navigateTo.mock.calls[0][0]).toMatchObject({ url: '/petition/pages/file/index' })
    } finally {
      await page.close()
    }
  })

  test('a case, a counselling booking and a question in one list, in words; each opens its own page', async () => {
    const c = ok(await backend.call<CaseDetail>('petition', 'file', filing({ title: '村口路灯坏了' }), chen))
    const station = ok(await backend.call<StationDetail>('counselling', 'station', { id: 'st441302001' }))
    const slots = ok(await backend.call<FreeSlot[]>('counselling', 'slots', { stationId: station.id }))
    ok(await backend.call('counselling', 'book', { counsellorId: slots[0].counsellorId, start: slots[0].start, mode: 'in_person' }, chen))
    const advisor = ok(await backend.call<VillageAdvisor>('legal', 'forVillage', { code: '441302001200' })).advisor!
    const q = ok(await backend.call<Consultation>('legal', 'ask', { advisorId: advisor.id, villageCode: '441302001200', category: 'labour', text: '老板拖欠三个月工资不给，我该怎么办？' }, chen))

    const page = await loadPage('pages/matters/index', { backend, signedInAs: 'resident-chen' })
    try {
      await page.waitForText('老板拖欠三个月工资不给')
      const text = page.text()
      // Newest first: the question, the booking, the case.
      expect(text.indexOf('老板拖欠')).toBeLessThan(text.indexOf('心理咨询预约'))
      expect(text.indexOf('心理咨询预约')).toBeLessThan(text.indexOf('村口路灯坏了'))
      for (const words of ['法律咨询', '等待律师答复', '下一步：律师答复，预计', '心理咨询预约', '已预约', '请按时前往', '投诉', '已收到，等待处理', '下一步：等综治中心决定是否办理']) {
        expect([words, text.includes(words)]).toEqual([words, true])
      }
      // One row, one meta line (issue #14's cell): the deadline and the tracking number are on the case's own page.
      expect(text).not.toContain(`编号 ${c.trackingNo}`)
      expect(page.find('.matters__row--counselling')?.textContent).toContain(station.counsellors.find((x) => x.id === slots[0].counsellorId)!.displayName)

      await page.tap('老板拖欠三个月工资不给，我该怎么办？')
      await until(() => page.wx.navigateTo.mock.calls.length > 0, 'wx.navigateTo call 1')
      expect(page.wx.navigateTo.mock.calls[0][0]).toMatchObject({ url: `/legal/pages/thread/index?id=${q.id}` })
      await page.tap('村口路灯坏了')
      await until(() => page.wx.navigateTo.mock.calls.length > 1, 'wx.navigateTo call 2')
      expect(page.wx.navigateTo.mock.calls[1][0]).toMatchObject({ url: `/petition/pages/detail/index?id=${c.id}` })
      await page.tap('.matters__row--counselling')
      await until(() => page.wx.navigateTo.mock.calls.length > 2, 'wx.navigateTo call 3')
      expect(page.wx.navigateTo.mock.calls[2][0]).toMatchObject({ url: '/counselling/pages/bookings/index' })
    } finally {
      await page.close()
    }
  })

  test('more than a page: the rest loads at the bottom; pull-to-refresh reloads and stops', async () => {
    for (let i = 0; i < 20; i++) ok(await backend.call('petition', 'file', filing({ title: `第${i + 1}件事` }), chen))
    const stop = jest.fn()
    const page = await loadPage('pages/matters/index', { backend, signedInAs: 'resident-chen', wx: { stopPullDownRefresh: stop } })
    try {
      await page.waitForText('第20件事')
      expect(page.text()).not.toContain('村口路灯坏了')
      expect(page.text()).toContain('加载更多')
      ;(page.page.instance.onReachBottom as () => void)()
      await page.waitForText('村口路灯坏了')
      await page.waitForText('没有更多了')
      expect(page.text()).not.toContain('加载更多')

      ;(page.page.instance.onPullDownRefresh as () => void)()
      await until(() => stop.mock.calls.length > 0, 'the pull-down refresh to stop')
      await page.settle()
      const mine = page.wx.cloudCalls.filter((call) => call.name === 'matters' && call.data.action === 'mine')
      expect(mine.length).toBeGreaterThanOrEqual(3)
    } finally {
      await page.close()
    }
  })

  test('查询办理进度, signed out: the right number and phone show where it stands, masked; claiming asks to sign in first', async () => {
    const grid = await backend.signIn('grid-tang')
    const c = ok(await backend.call<CaseDetail>('petition', 'file', filing({ onBehalf: true, title: '桥头路灯不亮', contactName: '王阿婆', contactPhone: '13700001234' }), grid))
    const page = await loadPage('petition/pages/lookup/index', { backend })
    try {
      await page.waitForText('查询办理进度')
      const type = (selector: string, value: string) => {
        const found = page.find(selector) as (Element & { __wxElement?: unknown }) | null
        const control = (found?.__wxElement ? found : found?.querySelector('wx-input')) as (Element & { __wxElement?: unknown }) | null
        if (!control?.__wxElement) throw new Error(`no input at ${selector}: ${page.text()}`)
        // The exparser instance the page was rendered with, as WeChat sends it: an input event with the value.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const exparser = require('miniprogram-exparser')
        exparser.Event.dispatchEvent(control.__wxElement, exparser.Event.create('input', { value, cursor: value.length, keyCode: 0 }, { bubbles: false, composed: true }))
      }
      type('.lookup__no', c.trackingNo)
      type('.lookup__phone', '13700001234')
      await page.settle()
      await page.tap('查询')
      await page.waitForText('桥头路灯不亮')
      const text = page.text()
      for (const words of ['已收到，等待处理', '办理单位：桥东街道', '王**', '137****1234', '登录后领取']) expect([words, text.includes(words)]).toEqual([words, true])
      expect(text).not.toContain('13700001234')
      await page.tap('登录后领取')
      await until(() => page.wx.redirectTo.mock.calls.length > 0, 'wx.redirectTo call 1')
      expect(page.wx.redirectTo.mock.calls[0][0]).toMatchObject({ url: `/pages/signin/index?next=${encodeURIComponent('/petition/pages/lookup/index')}` })
    } finally {
      await page.close()
    }
  })
})
