/**
 * Messages, compiled for weapp (dist/messages and the 我的事项 tab), in miniprogram-simulate against the real backend:
 * when the township centre accepts 陈秀英's case, she finds an unread message about it; tapping it opens her case
 * and marks it read in the backend; her 我的事项 tab counts it and badges the tab.
 */
import { startTestServer, type TestServer } from '../support/backend'
import { loadPage, until } from '../support/simulate'
import { filing } from '../support/fixtures'
import type { CaseDetail } from '../../types/functions/petition'
import type { MessagesOutput } from '../../types/functions/messages'

describe('messages, compiled for weapp', () => {
  let backend: TestServer
  let resident: string
  let centre: string

  beforeAll(async () => {
    backend = await startTestServer('sqlite')
    resident = await backend.signIn('resident-chen')
    centre = await backend.signIn('centre-huang')
  })
  afterAll(async () => backend?.close())

  /** Files a case as 陈秀英 and has 桥东街道's centre accept it: the backend then owes her one message. */
  async function fileAndAccept(title: string): Promise<CaseDetail> {
    const filed = await backend.call<CaseDetail>('petition', 'file', filing({ title }), resident)
    if (!filed.ok) throw new Error(`filing failed: ${filed.error.code}`)
    const accepted = await backend.call<CaseDetail>('petition', 'accept', { id: filed.data.id }, centre)
    if (!accepted.ok) throw new Error(`accepting failed: ${accepted.error.code}`)
    return filed.data
  }

  async function herMessages(): Promise<MessagesOutput['list']> {
    const list = await backend.call<MessagesOutput['list']>('messages', 'list', {}, resident)
    if (!list.ok) throw new Error(list.error.code)
    return list.data
  }

  test('an accepted case shows as an unread message; tapping it opens the case and marks it read in the backend', async () => {
    const c = await fileAndAccept('村口垃圾站没人清理')
    const [message] = (await herMessages()).items
    expect(message).toMatchObject({ kind: 'case.accept', caseId: c.id, read: false })

    const page = await loadPage('messages/pages/list/index', { backend, signedInAs: 'resident-chen' })
    try {
      await page.waitForText('您反映的事已开始办理')
      const text = page.text()
      expect(text).toContain('1 条未读')
      expect(text).toContain('村口垃圾站没人清理')
      expect(text).toContain(`编号 ${c.trackingNo}`)
      // Unread is said in words beside the dot, not by the dot alone.
      const row = page.find('.message-row--unread')
      expect(row?.textContent).toContain('未读')
      expect(row?.textContent).toContain('您反映的事已开始办理')
      expect(page.find('.message-row__unread')?.textContent).toContain('●')

      await page.tap('您反映的事已开始办理')
      await until(() => page.wx.navigateTo.mock.calls.length > 0, 'wx.navigateTo call 1')
      expect(page.wx.navigateTo.mock.calls[0][0]).toMatchObject({ url: `/petition/pages/detail/index?id=${c.id}` })
      await page.settle()

      const marks = page.wx.cloudCalls.filter((call) => call.name === 'messages' && call.data.action === 'markRead')
      expect(marks.map((call) => call.data.input)).toEqual([{ ids: [message.id] }])
      const after = await herMessages()
      expect(after.items.find((m) => m.id === message.id)?.read).toBe(true)
      expect(after.unread).toBe(0)
      await page.waitForText('0 条未读')
      expect(page.find('.message-row--unread')).toBeNull()
    } finally {
      await page.close()
    }
  })

  test('全部已读 marks every message read in the backend', async () => {
    await fileAndAccept('路灯不亮')
    await fileAndAccept('下水道堵塞')
    expect((await herMessages()).unread).toBe(2)

    const page = await loadPage('messages/pages/list/index', { backend, signedInAs: 'resident-chen' })
    try {
      await page.waitForText('2 条未读')
      await page.tap('全部已读')
      await page.waitForText('0 条未读')
      await page.settle()
      expect(page.find('.message-row--unread')).toBeNull()
      expect((await herMessages()).unread).toBe(0)
      // The list is newest first.
      const titles = page.text()
      expect(titles.indexOf('下水道堵塞')).toBeLessThan(titles.indexOf('路灯不亮'))
    } finally {
      await page.close()
    }
  })

  test('我的事项 counts unread messages in a row that opens the list, and badges its tab', async () => {
    await fileAndAccept('楼道堆放杂物')
    const matters = await loadPage('pages/matters/index', { backend, signedInAs: 'resident-chen' })
    try {
      await matters.waitForText('消息（1 条未读）')
      // Showing the tab again (coming back to it) puts the count on the tab's badge.
      const setBadge = jest.fn((options: { success?: (r: object) => void }) => options.success?.({ errMsg: 'setTabBarBadge:ok' }))
      matters.wx.setTabBarBadge = setBadge
      ;(matters.page.instance.onShow as () => void)()
      await matters.settle()
      expect(setBadge.mock.calls[0][0]).toMatchObject({ index: 1, text: '1' })

      await matters.tap('消息（1 条未读）')
      await until(() => matters.wx.navigateTo.mock.calls.length > 0, 'wx.navigateTo call 1')
      expect(matters.wx.navigateTo.mock.calls[0][0]).toMatchObject({ url: '/messages/pages/list/index' })
    } finally {
      await matters.close()
    }
  })
})

/** Polls a condition: a tap reaches wx through React's scheduler, not synchronously. */
