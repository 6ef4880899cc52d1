/**
 * StaffStore: the workbench queue (filters, paging, urgency counts) and the staff moves on a case
 * (the input each sends, one request id per submission kept for its retries, errors surfaced), against a fake transport.
 */
import type { CaseDetail, CaseSummary } from '../../types/functions/petition'
import { RootStore } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { missingFields, PAGE_SIZE, staffStoreOf, STAFF_MOVES, type MoveFields, type StaffMove } from '../../src/staff/store'
import { apiError, FakeTransport, type FakeCall } from '../support/fake-transport'

const CASE_ID = 'case_0000000001'

const summary = (n: number, over: Partial<CaseSummary> = {}): CaseSummary => ({
  id: `case_${String(n).padStart(10, '0')}`,
  trackingNo: `4413-20261127-${String(n).padStart(4, '0')}`,
  kind: 'complaint',
  stage: 'original',
  title: `事项 ${n}`,
  status: 'submitted',
  regionName: '东平村民委员会',
  handlingUnit: '桥东街道',
  filedAt: '2026-11-27T02:00:00.000Z',
  updatedAt: '2026-11-27T02:00:00.000Z',
  nextDeadline: '2026-12-12T15:59:59.999Z',
  nextDeadlineKind: 'acceptance',
  flag: 'ok',
  riskLevel: 0,
  ...over
})

const detail = (over: Partial<CaseDetail> = {}): CaseDetail => ({
  ...summary(1),
  disputeType: null,
  description: '村口路灯坏了三个月。',
  regionCode: '441302001200',
  regionPath: ['惠州市', '惠城区', '桥东街道', '东平村民委员会'],
  address: '东平村村口',
  location: null,
  suggestedDepartments: null,
  photos: [],
  contactName: '陈秀英',
  contactPhone: '13812345678',
  otherPartyName: null,
  otherPartyContact: null,
  outcome: null,
  rating: null,
  extendedDays: 0,
  parentId: null,
  childIds: [],
  assignee: null,
  events: [],
  can: [...STAFF_MOVES],
  ...over
})

/** A queue of `count` cases served page by page, as the server does (offset as the cursor, total counted). */
function queueOf(count: number, make: (n: number) => CaseSummary = (n) => summary(n)) {
  const all = Array.from({ length: count }, (_, i) => make(i + 1))
  return ({ limit, offset }: { limit?: number; offset?: number }) => {
    const from = offset ?? 0
    const items = all.slice(from, from + (limit ?? 20))
    const next = from + items.length
    return { items, nextCursor: next < all.length ? String(next) : null, total: all.length }
  }
}

function setup(handlers: ConstructorParameters<typeof FakeTransport>[0] = {}) {
  const transport = new FakeTransport(handlers)
  const root = new RootStore({ transport, storage: memoryStorage({ 'minan.token': 'token-huang' }), systemLanguage: 'zh-CN' })
  const store = staffStoreOf(root)
  const inputs = (key: string) => transport.callsTo(key).map((c) => c.input)
  return { transport, root, store, inputs }
}

describe('the queue', () => {
  test('first asks for the open cases from the top, one page at a time, and shows them with the total', async () => {
    const { store, inputs } = setup({ 'petition.queue': queueOf(45) })
    await store.loadQueue()
    expect(inputs('petition.queue')).toEqual([{ open: true, limit: PAGE_SIZE, offset: 0 }])
    expect(store.items.map((i) => i.trackingNo)).toHaveLength(20)
    expect(store.items[0].trackingNo).toBe('4413-20261127-0001')
    expect(store.total).toBe(45)
    expect(store.hasMore).toBe(true)
    expect(store.loading).toBe(false)
  })

  test('"load more" continues where the last page ended, and stops when the server has no more', async () => {
    const { store, inputs } = setup({ 'petition.queue': queueOf(45) })
    await store.loadQueue()
    await store.loadMore()
    await store.loadMore()
    expect(inputs('petition.queue').map((i) => (i as { offset: number }).offset)).toEqual([0, 20, 40])
    expect(store.items).toHaveLength(45)
    expect(new Set(store.items.map((i) => i.id)).size).toBe(45)
    expect(store.hasMore).toBe(false)
    await store.loadMore()
    expect(inputs('petition.queue')).toHaveLength(3)
  })

  test('each filter is sent as the server expects it; a new filter starts again from the top', async () => {
    const { store, inputs } = setup({ 'petition.queue': queueOf(45) })
    await store.loadQueue()
    await store.loadMore()
    await store.setFilter({ status: 'submitted' })
    expect(store.items).toHaveLength(20)
    await store.setFilter({ kind: 'dispute' })
    await store.setFilter({ regionCode: '441302001200' })
    await store.setFilter({ status: 'open', kind: null, regionCode: null })
    expect(inputs('petition.queue').slice(2)).toEqual([
      { status: 'submitted', limit: 20, offset: 0 },
      { status: 'submitted', kind: 'dispute', limit: 20, offset: 0 },
      { status: 'submitted', kind: 'dispute', regionCode: '441302001200', limit: 20, offset: 0 },
      { open: true, limit: 20, offset: 0 }
    ])
  })

  test('counts the overdue and due-soon cases among those loaded', async () => {
    const flags = ['overdue', 'overdue', 'due_soon', 'ok', 'none', 'due_soon', 'due_soon'] as const
    const { store } = setup({ 'petition.queue': queueOf(flags.length, (n) => summary(n, { flag: flags[n - 1] })) })
    expect([store.overdueCount, store.dueSoonCount]).toEqual([0, 0])
    await store.loadQueue()
    expect([store.overdueCount, store.dueSoonCount]).toEqual([2, 3])
  })

  test('coming back to the page reloads as many cases as were shown, so opened pages are not lost', async () => {
    const { store, inputs } = setup({ 'petition.queue': queueOf(45) })
    await store.loadQueue({ keepLoaded: true })
    await store.loadMore()
    await store.loadQueue({ keepLoaded: true })
    expect(inputs('petition.queue')).toEqual([
      { open: true, limit: 20, offset: 0 },
      { open: true, limit: 20, offset: 20 },
      { open: true, limit: 40, offset: 0 }
    ])
    expect(store.items).toHaveLength(40)
  })

  test('a slow reply to an earlier filter does not replace the list of the filter chosen after it', async () => {
    let letSubmittedThrough: () => void = () => undefined
    const gate = new Promise<void>((go) => (letSubmittedThrough = go))
    const { store } = setup({
      'petition.queue': async ({ status }: { status?: string }) => {
        if (status === 'submitted') await gate
        return { items: [summary(status === 'submitted' ? 1 : 2, { status: (status ?? 'submitted') as CaseSummary['status'] })], nextCursor: null, total: 1 }
      }
    })
    const first = store.setFilter({ status: 'submitted' })
    await store.setFilter({ status: 'accepted' })
    letSubmittedThrough()
    await first
    expect(store.items.map((i) => i.status)).toEqual(['accepted'])
    expect(store.loading).toBe(false)
  })

  test('a refused queue is surfaced with its code and the server’s words', async () => {
    const { store } = setup({ 'petition.queue': () => Promise.reject(apiError('FORBIDDEN', '您没有权限进行此操作。')) })
    await store.loadQueue()
    expect(store.queueError).toEqual({ code: 'FORBIDDEN', message: '您没有权限进行此操作。' })
    expect(store.items).toEqual([])
  })
})

describe('moves on a case', () => {
  /** The input each move's form sends, and what the server must receive. */
  const cases: { [M in StaffMove]: [M, MoveFields<M>] }[StaffMove][] = [
    ['accept', { note: '今日受理' }],
    ['decline', { reason: '属于诉讼事项', otherRoutes: '请向惠城区人民法院起诉' }],
    ['assign', { mediatorId: 'user-zhou' }],
    ['assign', { department: '惠城区住建局' }],
    ['transfer', { townshipCode: '441302002', reason: '属桥西街道' }],
    ['escalate', { level: 'county', reason: '涉及多部门' }],
    ['extend', { days: 30, reason: '需要现场勘查' }],
    ['close', { opinion: '已修复路灯。' }],
    ['recordSession', { date: '2026-11-28', participants: '陈秀英、王某', notes: '双方同意各退一步' }],
    ['flagRisk', { note: '一方扬言报复' }],
    ['closeMediation', { success: true, agreement: '王某三日内拆除围墙。', partiesConfirmed: true }],
    ['closeMediation', { success: false, otherRoutes: '可向人民法院起诉' }],
    ['takeOver', { reason: '涉及多个街道，区里直接办理' }]
  ]

  test.each(cases)('%s %j sends the case id, the form, and a request id; the case then shows the server’s answer', async (move, fields) => {
    const { store, transport } = setup({
      'petition.get': () => detail(),
      [`petition.${move}`]: () => detail({ status: 'accepted', events: [{ seq: 1, type: move, at: '2026-11-27T03:00:00.000Z', actorRole: 'centre_staff', data: {} }] })
    })
    await store.openCase(CASE_ID)
    expect(transport.callsTo('petition.get').map((c) => c.input)).toEqual([{ id: CASE_ID }])
    expect(await store.submit(move as StaffMove, fields as never)).toBe(true)
    const [call] = transport.callsTo(`petition.${move}`) as [FakeCall]
    expect(call.input).toEqual({ ...fields, id: detail().id })
    expect(call.requestId).toMatch(/^[0-9a-f]{32}$/)
    expect(store.current?.events.map((e) => e.type)).toEqual([move])
    expect(store.moves[move as StaffMove]).toEqual({ sending: false, error: null, requestId: null, sent: null })
  })

  test('a retry after a failure sends the same request id; the next submission after success gets a new one', async () => {
    let attempts = 0
    const { store, transport } = setup({
      'petition.get': () => detail(),
      'petition.flagRisk': () => {
        attempts += 1
        if (attempts === 1) throw apiError('NETWORK', 'timeout')
        return detail({ riskLevel: 2 })
      }
    })
    await store.openCase(CASE_ID)
    expect(await store.submit('flagRisk', { note: '一方扬言报复' })).toBe(false)
    expect(await store.submit('flagRisk', { note: '一方扬言报复' })).toBe(true)
    expect(await store.submit('flagRisk', { note: '再次扬言' })).toBe(true)
    const ids = transport.callsTo('petition.flagRisk').map((c) => c.requestId)
    expect(ids[0]).toBe(ids[1])
    expect(ids[2]).not.toBe(ids[1])
    expect(store.current?.riskLevel).toBe(2)
  })

  test('the same move with other fields after a failure is a new request, not a retry', async () => {
    const { store, transport } = setup({ 'petition.get': () => detail(), 'petition.flagRisk': () => Promise.reject(apiError('NETWORK', 'timeout')) })
    await store.openCase(CASE_ID)
    await store.submit('flagRisk', { note: '一方扬言报复' })
    await store.submit('flagRisk', { note: '一方扬言报复，已报派出所' })
    const [a, b] = transport.callsTo('petition.flagRisk')
    expect(b.requestId).not.toBe(a.requestId)
  })

  test('closing a form forgets its request id: filling it in again is a new request', async () => {
    const { store, transport } = setup({ 'petition.get': () => detail(), 'petition.close': () => Promise.reject(apiError('CONFLICT', '内容已被其他人修改')) })
    await store.openCase(CASE_ID)
    await store.submit('close', { opinion: '已处理' })
    store.resetMove('close')
    await store.submit('close', { opinion: '已处理' })
    const [a, b] = transport.callsTo('petition.close').map((c) => c.requestId)
    expect(a).not.toBe(b)
  })

  test('an error is surfaced with its code, message and field; the case stays as it was', async () => {
    const { store } = setup({
      'petition.get': () => detail({ status: 'accepted' }),
      'petition.extend': () => Promise.reject(apiError('EXTENSION_USED', '该事项已延期过一次，依规只能延期一次。', 'days'))
    })
    await store.openCase(CASE_ID)
    expect(await store.submit('extend', { days: 10, reason: '再延' })).toBe(false)
    expect(store.moves.extend.error).toEqual({ code: 'EXTENSION_USED', message: '该事项已延期过一次，依规只能延期一次。', field: 'days' })
    expect(store.moves.extend.sending).toBe(false)
    expect(store.current?.status).toBe('accepted')
  })

  test('while a move is being sent it shows as sending, and a second tap sends nothing', async () => {
    const { store, transport } = setup({ 'petition.get': () => detail(), 'petition.accept': () => detail({ status: 'accepted' }) })
    await store.openCase(CASE_ID)
    transport.hold()
    const first = store.submit('accept', {})
    expect(store.moves.accept.sending).toBe(true)
    expect(await store.submit('accept', {})).toBe(false)
    transport.release()
    expect(await first).toBe(true)
    expect(transport.callsTo('petition.accept')).toHaveLength(1)
    expect(store.current?.status).toBe('accepted')
  })

  test('only the moves listed in `can` are offered, and an extension only while none was used', async () => {
    const { store } = setup({ 'petition.get': () => detail({ can: ['accept', 'decline', 'transfer', 'escalate', 'flagRisk', 'addInfo'] }) })
    await store.openCase(CASE_ID)
    expect(store.availableMoves).toEqual(['accept', 'decline', 'transfer', 'escalate', 'flagRisk'])
    store.current = detail({ can: ['assign', 'extend', 'close'], extendedDays: 0 })
    expect(store.availableMoves).toEqual(['assign', 'extend', 'close'])
    store.current = detail({ can: ['assign', 'extend', 'close'], extendedDays: 30 })
    expect(store.availableMoves).toEqual(['assign', 'close'])
  })

  test('the mediators offered are those the server lists for this case', async () => {
    const zhou = { id: 'user-zhou', name: '周德明', regionName: '桥东街道' }
    const { store, inputs } = setup({ 'petition.get': () => detail(), 'petition.mediators': () => [zhou] })
    await store.openCase(CASE_ID)
    await store.loadMediators()
    expect(inputs('petition.mediators')).toEqual([{ id: detail().id }])
    expect(store.mediators).toEqual([zhou])
  })

  test('opening another case starts with clean forms', async () => {
    const { store } = setup({
      'petition.get': ({ id }: { id: string }) => detail({ id }),
      'petition.close': () => Promise.reject(apiError('ILLEGAL_MOVE', '不允许'))
    })
    await store.openCase(CASE_ID)
    await store.submit('close', { opinion: '已处理' })
    expect(store.moves.close.error?.code).toBe('ILLEGAL_MOVE')
    await store.openCase('case_0000000002')
    expect(store.moves.close).toEqual({ sending: false, error: null, requestId: null, sent: null })
    expect(store.current?.id).toBe('case_0000000002')
  })

  test('one StaffStore per RootStore', () => {
    const a = setup()
    const b = setup()
    expect(staffStoreOf(a.root)).toBe(a.store)
    expect(b.store).not.toBe(a.store)
  })
})

describe('what a form needs before it is sent', () => {
  test('declining needs both the reason and the other routes', () => {
    expect(missingFields('decline', { reason: '', otherRoutes: '' })).toEqual(['reason', 'otherRoutes'])
    expect(missingFields('decline', { reason: '属于诉讼事项', otherRoutes: '  ' })).toEqual(['otherRoutes'])
    expect(missingFields('decline', { reason: '属于诉讼事项', otherRoutes: '起诉' })).toEqual([])
  })

  test('a take-over needs its reason: the resident and the township read it', () => {
    expect(missingFields('takeOver', { reason: ' ' })).toEqual(['reason'])
    expect(missingFields('takeOver', { reason: '重大复杂' })).toEqual([])
  })

  test('a successful mediation needs the agreement and the parties’ confirmation; a failed one, the other routes', () => {
    expect(missingFields('closeMediation', { success: true, agreement: '拆除围墙', partiesConfirmed: false })).toEqual(['partiesConfirmed'])
    expect(missingFields('closeMediation', { success: true, agreement: '', partiesConfirmed: true })).toEqual(['agreement'])
    expect(missingFields('closeMediation', { success: true, agreement: '拆除围墙', partiesConfirmed: true })).toEqual([])
    expect(missingFields('closeMediation', { success: false, otherRoutes: '' })).toEqual(['otherRoutes'])
    expect(missingFields('closeMediation', {} as MoveFields<'closeMediation'>)).toEqual(['success'])
  })

  test('an extension is 1 to 30 whole days, with a reason; an assignment needs a mediator or a department', () => {
    expect(missingFields('extend', { days: 0, reason: '勘查' })).toEqual(['days'])
    expect(missingFields('extend', { days: 31, reason: '勘查' })).toEqual(['days'])
    expect(missingFields('extend', { days: Number.NaN, reason: '' })).toEqual(['days', 'reason'])
    expect(missingFields('extend', { days: 30, reason: '勘查' })).toEqual([])
    expect(missingFields('assign', { department: ' ' })).toEqual(['mediatorId'])
    expect(missingFields('assign', { department: '住建局' })).toEqual([])
    expect(missingFields('accept', {})).toEqual([])
  })
})
