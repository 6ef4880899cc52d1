/**
 * The workbench and the dashboard, compiled for weapp (dist/staff), in miniprogram-simulate against the real backend
 * with its demo cases: the workbench shows the centre's queue with its counts and opens the queue page; the
 * dashboard opens on the region of its query, shows the figures the backend computes, and drills down on a tap.
 */
import { startTestServer, type TestServer } from '../support/backend'
import { loadPage, until } from '../support/simulate'
import type { Dashboard, Workbench } from '../../types/functions/stats'


describe('staff workbench and dashboard, compiled for weapp', () => {
  let backend: TestServer
  const tokens: Record<string, string> = {}

  beforeAll(async () => {
    backend = await startTestServer('sqlite', { config: { demoCases: true } })
    tokens.huang = await backend.signIn('centre-huang')
    tokens.zheng = await backend.signIn('city-zheng')
  })
  afterAll(async () => backend?.close())

  async function api<T>(token: string, action: string, input: Record<string, string> = {}): Promise<T> {
    const result = await backend.call<T>('stats', action, input, token)
    if (!result.ok) throw new Error(result.error.code)
    return result.data
  }

  test('the workbench lists the centre’s queue with its overdue and due-soon counts, and opens the queue', async () => {
    const w = await api<Workbench>(tokens.huang, 'workbench')
    const cases = w.queues.find((q) => q.kind === 'cases')!
    const page = await loadPage('staff/pages/workbench/index', { backend, signedInAs: 'centre-huang' })
    try {
      await page.waitForText('辖区事项 · 桥东街道')
      const text = page.text()
      expect(text).toContain(`待办 ${cases.total} 件`)
      expect(text).toContain(`逾期 ${cases.overdue}`)
      expect(text).toContain(`即将到期 ${cases.dueSoon}`)
      await page.tap('.queue-card--cases')
      await until(() => page.wx.navigateTo.mock.calls.length > 0, 'wx.navigateTo call 1')
      expect(page.wx.navigateTo.mock.calls[0][0]).toMatchObject({ url: '/staff/pages/queue/index' })
    } finally {
      await page.close()
    }
  })

  test('the dashboard opens on its region, shows the backend’s figures, and a tap drills down', async () => {
    const county = await api<Dashboard>(tokens.zheng, 'dashboard', { regionCode: '441302' })
    const page = await loadPage('staff/pages/dashboard/index', { backend, signedInAs: 'city-zheng', query: { code: '441302' } })
    try {
      await page.waitForText('数据看板 · 惠城区')
      const text = page.text()
      expect(text).toContain(`在办 ${county.open} 件`)
      expect(text).toContain(`累计办结 ${county.closed} 件`)
      expect(text).toContain('桥东街道 ›')
      await page.tap('桥东街道 ›')
      await page.waitForText('数据看板 · 桥东街道')
      const calls = page.wx.cloudCalls.filter((c) => c.name === 'stats' && c.data.action === 'dashboard')
      expect(calls.map((c) => c.data.input)).toEqual([{ regionCode: '441302' }, { regionCode: '441302001' }])
      const township = await api<Dashboard>(tokens.zheng, 'dashboard', { regionCode: '441302001' })
      expect(page.text()).toContain(`在办 ${township.open} 件`)
    } finally {
      await page.close()
    }
  })
})
