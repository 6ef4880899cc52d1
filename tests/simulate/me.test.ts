/** The compiled "me" page (dist/pages/me) in miniprogram-simulate, its profile loaded through wx.cloud from the real backend. */
import { startTestServer, type TestServer } from '../support/backend'
import { loadPage } from '../support/simulate'

describe('me page, compiled for weapp', () => {
  let backend: TestServer
  beforeAll(async () => {
    backend = await startTestServer('sqlite')
  })
  afterAll(async () => backend?.close())

  test('a signed-in resident sees her name and her village, fetched by cloud function', async () => {
    const me = await loadPage('pages/me/index', { backend, signedInAs: 'resident-chen' })
    try {
      await me.waitForText('陈秀英')
      await me.waitForText('惠州市 惠城区 桥东街道 东平村民委员会')
      expect(me.text()).toContain('我的村（社区）')
      const profile = me.wx.cloudCalls.find((c) => c.name === 'auth' && c.data.action === 'me')
      expect(profile?.result).toMatchObject({ ok: true, data: { displayName: '陈秀英' } })
    } finally {
      await me.close()
    }
  })

  test('tapping English switches the page to English, and the device remembers it', async () => {
    const me = await loadPage('pages/me/index', { backend, signedInAs: 'resident-chen' })
    try {
      await me.waitForText('我的村（社区）')
      await me.tap('English')
      await me.waitForText('My village or community')
      expect(me.text()).not.toContain('我的村（社区）')
      expect(me.text()).toContain('陈秀英')
      expect(me.wx.storage.get('minan.locale')).toBe('en')
    } finally {
      await me.close()
    }
  })

  test('without a sign-in the page offers one instead of a profile', async () => {
    const me = await loadPage('pages/me/index', { backend })
    try {
      await me.settle()
      await me.waitForText('请先登录后使用')
      expect(me.text()).not.toContain('陈秀英')
      expect(me.wx.cloudCalls.find((c) => c.data.action === 'me')?.result).toMatchObject({ ok: false })
    } finally {
      await me.close()
    }
  })
})
