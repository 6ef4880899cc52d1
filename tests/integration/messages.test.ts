/** Every status change reaches the person as a message; a failing push channel never fails the change. */
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import type { CaseDetail } from '../../types/functions/petition'
import type { MessagesOutput } from '../../types/functions/messages'
import type { Notification } from '../../cloud/ports/notifier'

describe.each(DATABASES)('messages on %s', (kind) => {
  let server: TestServer
  const pushed: Notification[] = []
  let failPush = false

  beforeAll(async () => {
    server = await startTestServer(kind)
    // The push channel is a port: record what it is asked to send, and make it fail on demand.
    server.backend.services.notifier = {
      push: async (n) => {
        pushed.push(...n)
        if (failPush) throw new Error('subscribeMessage.send: 43101 user refused')
      }
    }
  })
  afterAll(async () => server.close())

  test('the centre hears of a new case; the resident of each step; unread counts and mark-read', async () => {
    const [resident, centre] = await Promise.all([server.signIn('resident-chen'), server.signIn('centre-huang')])
    const c = await server.call<CaseDetail>('petition', 'file', filing(), resident)
    if (!c.ok) throw new Error(c.error.code)
    const staffList = await server.call<MessagesOutput['list']>('messages', 'list', {}, centre)
    expect(staffList.ok && staffList.data.items[0]).toMatchObject({ kind: 'case.new', caseId: c.data.id, trackingNo: c.data.trackingNo, read: false })

    failPush = true
    const accepted = await server.call<CaseDetail>('petition', 'accept', { id: c.data.id }, centre)
    expect(accepted.ok).toBe(true)
    failPush = false
    expect(pushed.map((p) => p.kind)).toEqual(['case.new', 'case.accept'])

    const mine = await server.call<MessagesOutput['list']>('messages', 'list', {}, resident)
    expect(mine.ok && mine.data.items.map((m) => m.kind)).toEqual(['case.accept'])
    expect(mine.ok && mine.data.unread).toBe(1)
    const read = await server.call<MessagesOutput['markRead']>('messages', 'markRead', {}, resident)
    expect(read).toEqual({ ok: true, data: { unread: 0 } })
    // Nobody reads another person's messages: the list is always the caller's own.
    const other = await server.call<MessagesOutput['list']>('messages', 'list', {}, await server.signIn('resident-li'))
    expect(other.ok && other.data.items.some((m) => m.caseId === c.data.id)).toBe(false)
  })

  test('the list pages by cursor', async () => {
    const centre = await server.signIn('centre-huang')
    const resident = await server.signIn('resident-chen')
    for (let i = 0; i < 3; i++) await server.call('petition', 'file', filing({ title: `第${i}件` }), resident)
    const first = await server.call<MessagesOutput['list']>('messages', 'list', { limit: 2 }, centre)
    if (!first.ok) throw new Error(first.error.code)
    const second = await server.call<MessagesOutput['list']>('messages', 'list', { limit: 2, cursor: first.data.nextCursor! }, centre)
    const ids = [...first.data.items, ...(second.ok ? second.data.items : [])].map((m) => m.id)
    expect(new Set(ids).size).toBe(4)
  })
})
