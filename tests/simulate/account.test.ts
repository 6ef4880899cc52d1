/**
 * The compiled 我的个人信息 page (dist/account/pages/data) in miniprogram-simulate, against the real backend through
 * wx.cloud: what is stored, the export written to the user data folder and sent to a chat from a tap, the page in
 * the system's language at first start, and deleting the account after confirming.
 */
import { startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import { loadPage } from '../support/simulate'

const PAGE = 'account/pages/data/index'

describe('my data page, compiled for weapp', () => {
  let backend: TestServer
  let trackingNo: string
  beforeAll(async () => {
    backend = await startTestServer('sqlite')
    const token = await backend.signIn('resident-chen')
    const filed = await backend.call<{ trackingNo: string }>('petition', 'file', filing(), token)
    if (!filed.ok) throw new Error(filed.error.code)
    trackingNo = filed.data.trackingNo
  })
  afterAll(async () => backend?.close())

  /** WeChat's file system in memory: what the page writes, and what it asks to share. */
  function fakeFiles() {
    const files = new Map<string, string>()
    const shared: { filePath: string; fileName?: string }[] = []
    const wx = {
      env: { USER_DATA_PATH: 'http://usr' },
      getFileSystemManager: () => ({
        writeFile: (o: { filePath: string; data: string; success?: () => void; fail?: (e: { errMsg: string }) => void }) => {
          files.set(o.filePath, o.data)
          setTimeout(() => o.success?.(), 0)
        }
      }),
      shareFileMessage: jest.fn((o: { filePath: string; fileName?: string; success?: (r: unknown) => void }) => {
        shared.push({ filePath: o.filePath, fileName: o.fileName })
        setTimeout(() => o.success?.({ errMsg: 'shareFileMessage:ok' }), 0)
      })
    }
    return { files, shared, wx }
  }

  test('what is stored, and the export as a file in the user data folder, sent to a chat from a second tap', async () => {
    const { files, shared, wx } = fakeFiles()
    const page = await loadPage(PAGE, { backend, signedInAs: 'resident-chen', wx })
    try {
      await page.waitForText(trackingNo)
      expect(page.text()).toContain('我的个人信息')
      expect(page.text()).toContain('事项：1')
      expect(page.text()).toContain(`事项隐私告知（${trackingNo}）`)
      expect(page.text()).toContain('事项办结后保存 10 年')
      await page.tap('导出为文件')
      await page.waitForText('已导出文件')
      const [[path, json]] = [...files.entries()]
      expect(path).toMatch(/^http:\/\/usr\/minan-my-data-\d{4}-\d{2}-\d{2}\.json$/)
      expect(JSON.parse(json).cases[0]).toMatchObject({ trackingNo, contactName: '陈秀英' })
      await page.tap('发送到微信聊天')
      expect(shared).toEqual([{ filePath: path, fileName: path.slice('http://usr/'.length) }])
    } finally {
      await page.close()
    }
  })

  test('at first start the page follows WeChat’s language (Hong Kong Chinese)', async () => {
    const page = await loadPage(PAGE, { backend, signedInAs: 'resident-chen', language: 'zh_HK' })
    try {
      await page.waitForText('我的個人資料')
      await page.waitForText('匯出為檔案')
      expect(page.text()).not.toContain('导出为文件')
    } finally {
      await page.close()
    }
  })

  test('deleting the account only after confirming; the person is then told it is done', async () => {
    const page = await loadPage(PAGE, { backend, signedInAs: 'resident-li' })
    try {
      await page.waitForText('注销账号')
      await page.tap('.account__delete')
      await page.waitForText('确认注销')
      expect(page.wx.cloudCalls.some((c) => c.name === 'account' && c.data.action === 'deleteAccount')).toBe(false)
      await page.tap('确认注销')
      await page.waitForText('账号已注销')
      const call = page.wx.cloudCalls.find((c) => c.name === 'account' && c.data.action === 'deleteAccount')
      expect(call?.result).toMatchObject({ ok: true })
      expect(page.wx.storage.has('minan.token')).toBe(false)
    } finally {
      await page.close()
    }
  })
})
