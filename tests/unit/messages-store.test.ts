/**
 * The unread count (MessageStore, behind the tab badge) and the message list (MessageListStore): what each asks the
 * server, that the newest count always wins, reading one message or all of them, paging, and where a message leads —
 * against a fake transport playing the messages backend.
 */
import { runInAction } from 'mobx'
import type { Me } from '../../types/api'
import type { Message } from '../../types/functions/messages'
import { catalogues } from '../../src/i18n'
import { RootStore } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { kindKey, messageListOf, messageTarget, PAGE_SIZE, STAFF_KINDS } from '../../src/messages/store'
import { apiError, FakeTransport } from '../support/fake-transport'

const CHEN: Me = { userId: 'u-chen', displayName: '陈秀英', roles: [{ role: 'resident', regionCode: null, regionName: null }], homeRegion: null } as unknown as Me

const message = (n: number, over: Partial<Message> = {}): Message => ({
  id: `msg_${String(n).padStart(10, '0')}`,
  kind: 'case.accept',
  caseId: `case_${String(n).padStart(10, '0')}`,
  trackingNo: `4413-20261127-${String(n).padStart(4, '0')}`,
  title: `事项 ${n}`,
  createdAt: new Date(Date.UTC(2026, 10, 27, 12) - n * 60_000).toISOString(),
  read: false,
  ...over
})

/** The messages backend in memory: newest first, paged by an opaque cursor, counts of unread, mark-read by id or all. */
function messagesBackend(count: number, make: (n: number) => Message = (n) => message(n)) {
  const all = Array.from({ length: count }, (_, i) => make(i + 1))
  const unread = () => all.filter((m) => !m.read).length
  return {
    all,
    handlers: {
      'messages.list': ({ cursor, limit }: { cursor?: string; limit?: number }) => {
        const from = cursor ? Number(cursor.replace('after-', '')) : 0
        const items = all.slice(from, from + (limit ?? 20))
        const next = from + items.length
        return { items, nextCursor: next < all.length ? `after-${next}` : null, unread: unread() }
      },
      'messages.unread': () => ({ unread: unread() }),
      'messages.markRead': ({ ids }: { ids?: string[] }) => {
        all.forEach((m) => (m.read ||= !ids || ids.includes(m.id)))
        return { unread: unread() }
      }
    }
  }
}

function setup(handlers: ConstructorParameters<typeof FakeTransport>[0] = {}, options: { signedIn?: boolean } = {}) {
  const transport = new FakeTransport(handlers)
  const root = new RootStore({ transport, storage: memoryStorage(), systemLanguage: 'zh-CN' })
  if (options.signedIn !== false) runInAction(() => (root.session.me = CHEN))
  const inputs = (key: string) => transport.callsTo(key).map((c) => c.input)
  return { transport, root, counter: root.messages, list: messageListOf(root), inputs }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('the unread count', () => {
  test('is asked for with messages.unread and kept', async () => {
    const { counter, inputs } = setup(messagesBackend(3).handlers)
    expect(counter.unread).toBe(0)
    await counter.refresh()
    expect(inputs('messages.unread')).toEqual([{}])
    expect(counter.unread).toBe(3)
    expect(counter.known).toBe(true)
  })

  test('nobody signed in: nothing is asked and the count is zero', async () => {
    const { counter, transport } = setup(messagesBackend(3).handlers, { signedIn: false })
    await counter.refresh()
    expect(transport.calls).toHaveLength(0)
    expect(counter.unread).toBe(0)
  })

  test('app show and the tab showing at the same moment send one request, not two', async () => {
    const { counter, inputs } = setup(messagesBackend(2).handlers)
    await Promise.all([counter.refresh(), counter.refresh()])
    expect(inputs('messages.unread')).toHaveLength(1)
    await counter.refresh()
    expect(inputs('messages.unread')).toHaveLength(2)
  })

  test('a count given with a later answer (mark-read) wins over an older request still on its way', async () => {
    const { counter, transport } = setup({ 'messages.unread': () => ({ unread: 5 }) })
    transport.hold()
    const slow = counter.refresh()
    counter.set(0)
    transport.release()
    await slow
    expect(counter.unread).toBe(0)
  })

  test('a failure keeps the last count: a badge is not worth an error', async () => {
    const { counter, transport } = setup({ 'messages.unread': () => ({ unread: 4 }) })
    await counter.refresh()
    transport.on('messages.unread', () => Promise.reject(apiError('NETWORK', 'timeout')))
    await counter.refresh()
    expect(counter.unread).toBe(4)
  })

  test('follows who is signed in: signing in fetches the count, signing out clears it without asking', async () => {
    const { root, counter, inputs } = setup(messagesBackend(2).handlers, { signedIn: false })
    const stop = counter.followSession(() => root.session.me?.userId ?? null)
    expect(inputs('messages.unread')).toHaveLength(0)
    runInAction(() => (root.session.me = CHEN))
    await flush()
    expect(counter.unread).toBe(2)
    root.session.signOut()
    expect(counter.unread).toBe(0)
    expect(counter.known).toBe(false)
    expect(inputs('messages.unread')).toHaveLength(1)
    stop()
  })
})

describe('the message list', () => {
  test('loads the newest page first and reports the unread count to the badge', async () => {
    const { list, counter, inputs } = setup(messagesBackend(3).handlers)
    await list.load()
    expect(inputs('messages.list')).toEqual([{ limit: PAGE_SIZE }])
    expect(list.list.items.map((m) => m.title)).toEqual(['事项 1', '事项 2', '事项 3'])
    expect(list.list.hasMore).toBe(false)
    expect(list.list.loaded).toBe(true)
    expect(counter.unread).toBe(3)
  })

  test('pages on with the server’s cursor, never showing a message twice; pulling down starts again from the top', async () => {
    const { list, inputs } = setup(messagesBackend(45).handlers)
    await list.load()
    await list.loadMore()
    await list.loadMore()
    expect(inputs('messages.list')).toEqual([{ limit: 20 }, { cursor: 'after-20', limit: 20 }, { cursor: 'after-40', limit: 20 }])
    expect(new Set(list.list.items.map((m) => m.id)).size).toBe(45)
    expect(list.list.hasMore).toBe(false)
    await list.loadMore()
    expect(inputs('messages.list')).toHaveLength(3)
    await list.load()
    expect(list.list.items).toHaveLength(20)
    expect(list.list.hasMore).toBe(true)
  })

  test('reading a message marks it at once on screen and in the count, then in the backend, whose count wins', async () => {
    const backend = messagesBackend(3)
    const { list, counter, transport, inputs } = setup(backend.handlers)
    await list.load()
    const [first] = list.list.items
    transport.hold()
    const reading = list.markRead(first.id)
    expect(list.list.items[0].read).toBe(true)
    expect(counter.unread).toBe(2)
    // Meanwhile another message arrived: the backend's answer says so.
    backend.all.push(message(4))
    transport.release()
    await reading
    expect(inputs('messages.markRead')).toEqual([{ ids: [first.id] }])
    expect(backend.all[0].read).toBe(true)
    expect(counter.unread).toBe(3)
  })

  test('reading a message already read asks nothing', async () => {
    const { list, inputs } = setup(messagesBackend(2, (n) => message(n, { read: true })).handlers)
    await list.load()
    await list.markRead(list.list.items[0].id)
    expect(inputs('messages.markRead')).toEqual([])
  })

  test('if the backend refuses, the message shows as unread again and the count is asked afresh', async () => {
    const backend = messagesBackend(2)
    const { list, counter, transport, inputs } = setup(backend.handlers)
    await list.load()
    transport.on('messages.markRead', () => Promise.reject(apiError('NETWORK', 'timeout')))
    await list.markRead(list.list.items[1].id)
    await flush()
    expect(list.list.items.map((m) => m.read)).toEqual([false, false])
    expect(list.errorText('网络不通')).toBe('网络不通')
    expect(inputs('messages.unread')).toHaveLength(1)
    expect(counter.unread).toBe(2)
  })

  test('全部已读 marks every message read in the backend (no ids: those not loaded too) and clears the count', async () => {
    const backend = messagesBackend(30)
    const { list, counter, inputs } = setup(backend.handlers)
    await list.load()
    await list.markAllRead()
    expect(inputs('messages.markRead')).toEqual([{}])
    expect(list.list.items.every((m) => m.read)).toBe(true)
    expect(backend.all.every((m) => m.read)).toBe(true)
    expect(counter.unread).toBe(0)
    expect(list.markingAll).toBe(false)
  })

  test('a failed load says why, in the server’s words', async () => {
    const { list } = setup({ 'messages.list': () => Promise.reject(apiError('UNAUTHENTICATED', '请先登录')) })
    await list.load()
    expect(list.list.error?.code).toBe('UNAUTHENTICATED')
    expect(list.errorText('网络不通')).toBe('请先登录')
    expect(list.list.loading).toBe(false)
  })
})

describe('where a message leads', () => {
  test('a resident’s message opens the case on the resident’s page', () => {
    for (const kind of ['case.accept', 'case.decline', 'case.close', 'case.closeMediation', 'case.extend', 'case.somethingNew']) {
      expect(messageTarget({ kind, caseId: 'case_0000000001' })).toBe('/petition/pages/detail/index?id=case_0000000001')
    }
  })

  test('staff messages (new case, risk, assigned to you, review requested, taken over) open the workbench', () => {
    expect(STAFF_KINDS).toEqual(['case.new', 'case.risk', 'case.assigned_to_you', 'case.review_requested', 'case.taken_over'])
    for (const kind of STAFF_KINDS) expect(messageTarget({ kind, caseId: 'case_0000000001' })).toBe('/staff/pages/case/index?id=case_0000000001')
  })

  test('a message about no case (a counselling booking) leads nowhere', () => {
    expect(messageTarget({ kind: 'booking.reminder', caseId: null })).toBeNull()
    expect(messageTarget({ kind: 'booking.reminder', caseId: 'bk_0000000001' })).toBeNull()
    expect(messageTarget({ kind: 'case.accept', caseId: null })).toBeNull()
  })

  test('each known kind has its own words in every language; a kind this version does not know gets the generic line', () => {
    const kinds = ['case.new', 'case.accept', 'case.decline', 'case.assign', 'case.transfer', 'case.escalate', 'case.extend', 'case.close', 'case.closeMediation', 'case.recordSession', 'case.addInfo', 'case.rate', 'case.requestReview', 'case.withdraw', 'case.risk', 'case.assigned_to_you', 'case.review_requested', 'case.takeOver', 'case.taken_over']
    for (const kind of kinds) expect(kindKey(kind)).toBe(`messages.kind.${kind}`)
    expect(new Set(kinds.map((k) => catalogues['zh-CN'][kindKey(k)])).size).toBe(kinds.length)
    expect(kindKey('booking.reminder')).toBe('messages.kind.unknown')
    expect(kindKey('toString')).toBe('messages.kind.unknown')
    expect(catalogues['zh-CN'][kindKey('booking.reminder')]).toBe('您的事项有新进展')
    expect(catalogues['zh-HK'][kindKey('case.accept')]).toBe('您反映的事已開始辦理')
    expect(catalogues.en[kindKey('case.accept')]).toBe('Your matter has been accepted')
  })
})
