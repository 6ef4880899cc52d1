/**
 * PagedList: a list the server hands out by cursor — the first page, more at the bottom, one page at a time, and an
 * answer asked for before the latest first load (or a reset) dropped when it arrives.
 */
import { ApiFailure } from '../../src/api/client'
import { PagedList, type Page } from '../../src/stores/paged-list'

interface Row {
  id: string
}

const rows = (from: number, to: number): Row[] => Array.from({ length: to - from }, (_, i) => ({ id: `r${from + i}` }))

/** A server whose answers the test lets through one by one, in any order. */
function server() {
  const waiting: { cursor: string | null; answer(page: Page<Row>): void; fail(e: unknown): void }[] = []
  const list = new PagedList<Row>({
    fetch: (cursor) => new Promise((answer, fail) => waiting.push({ cursor, answer, fail })),
    key: (r) => r.id
  })
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
  return { list, waiting, settle }
}

test('pages by cursor, shows an item that moved between pages once, and stops at the end', async () => {
  const { list, waiting, settle } = server()
  const first = list.loadFirst()
  expect(list.loading).toBe(true)
  waiting[0].answer({ items: rows(0, 3), nextCursor: 'c3' })
  await first
  expect([list.loaded, list.loading, list.hasMore]).toEqual([true, false, true])
  const more = list.loadMore()
  expect(list.loadingMore).toBe(true)
  // A second tap while a page is on its way asks nothing.
  void list.loadMore()
  expect(waiting).toHaveLength(2)
  expect(waiting[1].cursor).toBe('c3')
  waiting[1].answer({ items: rows(2, 5), nextCursor: null })
  await more
  expect(list.items.map((r) => r.id)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4'])
  expect(list.hasMore).toBe(false)
  await list.loadMore()
  expect(waiting).toHaveLength(2)
  await settle()
})

test('a page that arrives after a new first load began is dropped, and does not end the new loading', async () => {
  const { list, waiting } = server()
  const first = list.loadFirst()
  waiting[0].answer({ items: rows(0, 3), nextCursor: 'c3' })
  await first
  const staleMore = list.loadMore()
  const fresh = list.loadFirst()
  // The old page lands while the new first page is still on its way.
  waiting[1].answer({ items: rows(100, 103), nextCursor: 'old' })
  await staleMore
  expect(list.items.map((r) => r.id)).toEqual(['r0', 'r1', 'r2'])
  expect(list.loading).toBe(true)
  waiting[2].answer({ items: rows(10, 12), nextCursor: null })
  await fresh
  expect(list.items.map((r) => r.id)).toEqual(['r10', 'r11'])
  expect([list.loading, list.loadingMore, list.nextCursor]).toEqual([false, false, null])
})

test('a slower first load answered after a newer one is dropped, and so is its error', async () => {
  const { list, waiting } = server()
  const older = list.loadFirst()
  const newer = list.loadFirst()
  waiting[1].answer({ items: rows(0, 2), nextCursor: null })
  await newer
  waiting[0].fail(new ApiFailure({ code: 'NETWORK', message: 'timeout' }))
  await older
  expect(list.items.map((r) => r.id)).toEqual(['r0', 'r1'])
  expect(list.error).toBeNull()
})

test('reset forgets the list (another person), and a page on its way for the last one never lands', async () => {
  const { list, waiting } = server()
  const first = list.loadFirst()
  list.reset()
  waiting[0].answer({ items: rows(0, 3), nextCursor: 'c3' })
  await first
  expect([list.items, list.loaded, list.loading, list.nextCursor]).toEqual([[], false, false, null])
})

test('a failure is kept as an ApiError, the server’s own where it sent one', async () => {
  const { list, waiting } = server()
  const first = list.loadFirst()
  waiting[0].fail(new ApiFailure({ code: 'SESSION_EXPIRED', message: '登录已过期' }))
  await first
  expect(list.error).toEqual({ code: 'SESSION_EXPIRED', message: '登录已过期' })
  const again = list.loadFirst()
  waiting[1].fail(new Error('boom'))
  await again
  expect(list.error).toEqual({ code: 'INTERNAL', message: 'boom' })
  expect(list.empty).toBe(false)
})
