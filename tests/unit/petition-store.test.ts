/**
 * The resident's petition stores: the filing draft survives on the device and is sent once however often it is retried;
 * a lost network is waited out with the same request id; photos upload one by one; my cases page by cursor.
 */
import { Api, type UploadOptions, type UploadedFile } from '../../src/api/client'
import { DRAFT_KEY, FilingDraftStore, type NetworkWatch, type PetitionDraft } from '../../src/petition/stores/draft'
import { MyCasesStore } from '../../src/petition/stores/mine'
import { CaseViewStore } from '../../src/petition/stores/case'
import { memoryStorage, type KeyValueStorage } from '../../src/stores/storage'
import { FakeTransport, apiError } from '../support/fake-transport'
import { PRIVACY_NOTICE_VERSION, type CaseDetail, type CaseSummary } from '../../types/functions/petition'
import type { Envelope } from '../../types/api'

const VILLAGE = '441302001200'
const PREFILL = { regionCode: VILLAGE, regionNames: ['惠州市', '惠城区', '桥东街道', '东平村民委员会'], contactName: '陈秀英' }

const summary = (n: number, over: Partial<CaseSummary> = {}): CaseSummary => ({
  id: `case-${String(n).padStart(6, '0')}`,
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

const detail = (input: Record<string, unknown>, over: Partial<CaseDetail> = {}): CaseDetail => ({
  ...summary(1, { title: String(input.title ?? '事项'), kind: (input.kind as CaseDetail['kind']) ?? 'complaint' }),
  disputeType: null,
  description: String(input.description ?? ''),
  regionCode: VILLAGE,
  regionPath: PREFILL.regionNames,
  address: null,
  location: null,
  suggestedDepartments: null,
  photos: [],
  contactName: '陈秀英',
  contactPhone: '138****5678',
  otherPartyName: null,
  otherPartyContact: null,
  outcome: null,
  rating: null,
  extendedDays: 0,
  parentId: null,
  childIds: [],
  assignee: null,
  events: [{ seq: 1, type: 'file', at: '2026-11-27T02:00:00.000Z', actorRole: 'resident', data: { kind: 'complaint' } }],
  can: ['addInfo', 'withdraw'],
  ...over
})

/** A transport that also uploads, reporting progress in steps, like Taro.uploadFile over HTTP. */
class UploadingTransport extends FakeTransport {
  readonly uploads: string[] = []
  uploadReply: (path: string) => Envelope<UploadedFile> = (path) => ({ ok: true, data: { id: `file-${path.replace(/\W/g, '')}-0000`, mime: 'image/jpeg', bytes: 1000 } })

  async upload(filePath: string, { onProgress }: UploadOptions): Promise<Envelope<UploadedFile>> {
    this.uploads.push(filePath)
    for (const p of [30, 70, 100]) {
      await Promise.resolve()
      onProgress(p)
    }
    return this.uploadReply(filePath)
  }
}

/** A network that reports its return when the test says so. */
function fakeNetwork(): NetworkWatch & { reconnect(): void; listeners: number } {
  const callbacks = new Set<() => void>()
  return {
    onReconnect(cb) {
      callbacks.add(cb)
      return () => callbacks.delete(cb)
    },
    reconnect: () => [...callbacks].forEach((cb) => cb()),
    get listeners() {
      return callbacks.size
    }
  }
}

function setup(options: { storage?: KeyValueStorage; transport?: FakeTransport; backoff?: (attempt: number) => number } = {}) {
  const transport = options.transport ?? new UploadingTransport()
  const storage = options.storage ?? memoryStorage()
  const api = new Api(transport, { token: () => 'token', locale: () => 'zh-CN' })
  const mine = new MyCasesStore(api)
  const caseView = new CaseViewStore(api, { changed: (c) => mine.changed(c) })
  const store = new FilingDraftStore(api, storage, caseView, { backoff: options.backoff ?? (() => 60_000) })
  return { transport, storage, store, mine, caseView }
}

/** Fills every required field the way the form does. */
function fillIn(store: FilingDraftStore, over: Partial<PetitionDraft> = {}) {
  store.openDraft(PREFILL)
  store.update({ kind: 'complaint', title: '村口路灯坏了', description: '村口到小学的路灯坏了三个月。', contactPhone: '138 1234 5678', ...over })
  store.setConsent(true)
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('the draft on the device', () => {
  test('a new draft is prefilled with my village and name, has a request id, and is saved as it is typed', () => {
    const { store, storage } = setup()
    const draft = store.openDraft(PREFILL)
    expect(draft).toMatchObject({ regionCode: VILLAGE, contactName: '陈秀英', title: '' })
    expect(draft.requestId).toMatch(/^[0-9a-f]{32}$/)
    store.update({ title: '村口路灯坏了' })
    expect(storage.get<PetitionDraft>(DRAFT_KEY)).toMatchObject({ requestId: draft.requestId, title: '村口路灯坏了' })
    store.update({ description: '晚上很黑' })
    expect(storage.get<PetitionDraft>(DRAFT_KEY)).toMatchObject({ title: '村口路灯坏了', description: '晚上很黑' })
  })

  test('reopening the app restores the draft with the same request id and says so', () => {
    const first = setup()
    fillIn(first.store, { kind: 'dispute', disputeType: 'neighbours', otherPartyName: '王某' })
    const requestId = first.store.draft!.requestId

    const again = setup({ storage: first.storage })
    expect(again.store.draft).toBeNull()
    const restored = again.store.openDraft({ regionCode: '441302001201', contactName: '别人' })
    expect(restored).toMatchObject({ requestId, kind: 'dispute', disputeType: 'neighbours', otherPartyName: '王某', title: '村口路灯坏了', regionCode: VILLAGE, contactName: '陈秀英' })
    expect(again.store.consented).toBe(true)
    expect(again.store.draftRestored).toBe(true)
  })

  test('someone else signing in on the same phone does not get my unsent name and number', () => {
    const first = setup()
    first.store.openDraft({ ...PREFILL, userId: 'u-chen' })
    first.store.update({ title: '我的事', contactPhone: '13812345678' })
    const requestId = first.store.draft!.requestId
    expect(first.store.openDraft({ userId: 'u-chen' }).requestId).toBe(requestId)

    const other = setup({ storage: first.storage })
    const theirs = other.store.openDraft({ userId: 'u-li', contactName: '李建国' })
    expect(theirs).toMatchObject({ title: '', contactPhone: '', contactName: '李建国', ownerId: 'u-li' })
    expect(theirs.requestId).not.toBe(requestId)
    expect(other.store.draftRestored).toBe(false)
    // The same store, when the person changes without a restart.
    expect(first.store.openDraft({ userId: 'u-li' }).title).toBe('')
  })

  test('a consent given to an older privacy notice does not count', () => {
    const storage = memoryStorage({ [DRAFT_KEY]: { requestId: 'req-old-000001', title: '旧草稿', consentVersion: '2020-01-01' } })
    const { store } = setup({ storage })
    store.openDraft()
    expect(store.consented).toBe(false)
    store.setConsent(true)
    expect(store.draft!.consentVersion).toBe(PRIVACY_NOTICE_VERSION)
  })

  test('an upload still in flight is not saved: only uploaded photos come back', async () => {
    const transport = new UploadingTransport()
    const { store, storage } = setup({ transport })
    store.openDraft(PREFILL)
    await store.addPhotos([{ path: 'done.jpg', size: 1000 }])
    transport.upload = () => new Promise(() => undefined)
    void store.addPhotos([{ path: 'never.jpg', size: 1000 }])
    expect(store.photos.items.map((p) => p.status)).toEqual(['done', 'uploading'])

    const again = setup({ storage })
    again.store.openDraft()
    expect(again.store.photos.items.map((p) => [p.path, p.status, p.id])).toEqual([['done.jpg', 'done', 'file-donejpg-0000']])
  })
})

describe('checking before sending', () => {
  test('an empty form sends nothing and names every missing field', async () => {
    const { store, transport } = setup()
    store.openDraft({})
    expect(await store.submit()).toBeNull()
    expect(transport.calls).toHaveLength(0)
    expect(Object.keys(store.fieldErrors).sort()).toEqual(['consentVersion', 'contactName', 'contactPhone', 'description', 'kind', 'regionCode', 'title'])
  })

  test('a dispute needs its type and the other party', async () => {
    const { store, transport } = setup()
    fillIn(store, { kind: 'dispute' })
    expect(await store.submit()).toBeNull()
    expect(store.fieldErrors).toEqual({ disputeType: { key: 'petition.error.disputeType' }, otherPartyName: { key: 'petition.error.required' } })
    expect(transport.calls).toHaveLength(0)
  })

  test('phone numbers: mainland, Hong Kong and Macau pass; others get the phone message', () => {
    const { store } = setup()
    fillIn(store)
    for (const ok of ['13812345678', '+86 138-1234-5678', '+852 6123 4567', '+85366123456']) {
      store.update({ contactPhone: ok })
      expect([ok, store.validate()]).toEqual([ok, true])
    }
    for (const bad of ['12345', '1381234567', '+852 1234 5678', '23812345678']) {
      store.update({ contactPhone: bad })
      expect([bad, store.validate(), store.fieldErrors.contactPhone]).toEqual([bad, false, { key: 'petition.error.phone' }])
    }
  })

  test('lengths are counted in characters, not UTF-16 units: 50 emoji fit a title, 51 do not', () => {
    const { store } = setup()
    fillIn(store, { title: '😀'.repeat(50) })
    expect(store.validate()).toBe(true)
    store.update({ title: '😀'.repeat(51) })
    expect(store.validate()).toBe(false)
    expect(store.fieldErrors.title).toEqual({ key: 'petition.error.tooLong', params: { max: 50, count: 51 } })
  })
})

describe('sending once', () => {
  test('the filing carries the draft request id; a double tap sends one call; success clears the draft', async () => {
    const { store, transport, storage } = setup()
    transport.on('petition.file', (input: Record<string, unknown>) => detail(input))
    fillIn(store)
    const requestId = store.draft!.requestId
    const [a, b] = await Promise.all([store.submit(), store.submit()])
    expect(a?.id).toBe('case-000001')
    expect(b?.id).toBe('case-000001')
    const calls = transport.callsTo('petition.file')
    expect(calls).toHaveLength(1)
    expect(calls[0].requestId).toBe(requestId)
    expect(calls[0].input).toEqual({
      kind: 'complaint',
      title: '村口路灯坏了',
      description: '村口到小学的路灯坏了三个月。',
      regionCode: VILLAGE,
      contactName: '陈秀英',
      contactPhone: '13812345678',
      consentVersion: PRIVACY_NOTICE_VERSION,
      subscribe: false
    })
    expect(store.draft).toBeNull()
    expect(storage.get(DRAFT_KEY)).toBeNull()
    expect(store.openDraft(PREFILL).requestId).not.toBe(requestId)
  })

  test('the same draft sent again keeps its request id; a draft changed after a failed attempt is a new submission', async () => {
    const { store, transport } = setup()
    let refuse = true
    transport.on('petition.file', (input: Record<string, unknown>) => {
      if (refuse) throw apiError('DISPUTE_NEEDS_PARTY', '矛盾纠纷调解请填写纠纷类型和对方当事人姓名。', 'otherPartyName')
      return detail(input)
    })
    fillIn(store)
    expect(await store.submit()).toBeNull()
    expect(store.fieldErrors.otherPartyName).toEqual({ text: '矛盾纠纷调解请填写纠纷类型和对方当事人姓名。' })
    expect(store.sending).toBe(false)
    // Sent again unchanged (the answer may have been lost on the way): the same request.
    expect(await store.submit()).toBeNull()
    // The person changes the draft: the server must not take it for the first one (it would refuse a reused id).
    store.update({ title: '村口路灯坏了，已经三个月' })
    refuse = false
    expect(await store.submit()).not.toBeNull()
    const ids = transport.callsTo('petition.file').map((c) => c.requestId)
    expect(ids).toHaveLength(3)
    expect(ids[1]).toBe(ids[0])
    expect(ids[2]).not.toBe(ids[0])
    // The id that goes with the content is what the device keeps, so a restart retries the same submission.
    expect(store.draft).toBeNull()
  })

  test('a server error about no field is shown at the button', async () => {
    const { store, transport } = setup()
    transport.on('petition.file', () => {
      throw apiError('INTERNAL', '系统繁忙，请稍后再试。')
    })
    fillIn(store)
    expect(await store.submit()).toBeNull()
    expect(store.submitError).toEqual({ text: '系统繁忙，请稍后再试。' })
    expect(store.draft).not.toBeNull()
  })
})

describe('no network', () => {
  test('waits for the network, then files on its return with the same request id, once', async () => {
    const network = fakeNetwork()
    const { store, transport } = setup()
    store.watchNetworkWith(network)
    let online = false
    transport.on('petition.file', (input: Record<string, unknown>) => {
      if (!online) throw apiError('NETWORK', 'request:fail')
      return detail(input)
    })
    fillIn(store)
    const requestId = store.draft!.requestId
    const filing = store.submit()
    await flush()
    expect(store.waitingForNetwork).toBe(true)
    expect(store.sending).toBe(true)
    expect(store.submitError).toBeNull()
    expect(network.listeners).toBe(1)
    // Another tap while waiting neither sends nor starts a second filing.
    void store.submit()
    await flush()
    expect(transport.callsTo('petition.file')).toHaveLength(1)

    online = true
    network.reconnect()
    const filed = await filing
    expect(filed?.id).toBe('case-000001')
    expect(transport.callsTo('petition.file').map((c) => c.requestId)).toEqual([requestId, requestId])
    expect(store.waitingForNetwork).toBe(false)
    expect(store.sending).toBe(false)
    expect(store.draft).toBeNull()
    expect(network.listeners).toBe(0)
  })

  test('a filing waiting for the network is abandoned when the person changes: nothing more is sent, nothing seeded', async () => {
    const network = fakeNetwork()
    const { store, transport } = setup()
    store.watchNetworkWith(network)
    let online = false
    transport.on('petition.file', (input: Record<string, unknown>) => {
      if (!online) throw apiError('NETWORK', 'request:fail')
      return detail(input)
    })
    fillIn(store)
    const filing = store.submit()
    await flush()
    expect(store.waitingForNetwork).toBe(true)
    // The person signs out (or someone else signs in) while it waits.
    store.abandon()
    expect(store.sending).toBe(false)
    expect(store.waitingForNetwork).toBe(false)
    expect(store.draft).toBeNull()
    expect(await filing).toBeNull()
    // The network returns: the abandoned filing is not sent again, under anyone's sign-in.
    online = true
    network.reconnect()
    await flush()
    expect(transport.callsTo('petition.file')).toHaveLength(1)
    // The next person's own filing is sent, not answered with the abandoned one's promise.
    fillIn(store)
    const next = await store.submit()
    expect(next?.id).toBe('case-000001')
    expect(transport.callsTo('petition.file')).toHaveLength(2)
  })

  test('retries by itself on a backoff that is bounded, then gives up keeping the draft and its id', async () => {
    const waits: number[] = []
    const { store, transport } = setup({ backoff: (n) => (waits.push(n), 0) })
    transport.on('petition.file', () => {
      throw apiError('NETWORK', 'request:fail')
    })
    fillIn(store)
    const requestId = store.draft!.requestId
    expect(await store.submit()).toBeNull()
    const calls = transport.callsTo('petition.file')
    expect(calls.length).toBeGreaterThan(2)
    expect(calls.length).toBeLessThanOrEqual(10)
    expect(waits).toEqual(calls.slice(1).map((_, i) => i))
    expect(new Set(calls.map((c) => c.requestId))).toEqual(new Set([requestId]))
    expect(store.submitError).toEqual({ key: 'petition.submit.offline' })
    expect(store.waitingForNetwork).toBe(false)
    expect(store.draft?.requestId).toBe(requestId)
  })

  test('the default backoff doubles from 2 s and never waits more than 30 s', async () => {
    jest.useFakeTimers()
    const timers = jest.spyOn(global, 'setTimeout')
    try {
      const transport = new FakeTransport({
        'petition.file': () => {
          throw apiError('NETWORK', 'x')
        }
      })
      const api = new Api(transport, { token: () => null, locale: () => 'zh-CN' })
      const store = new FilingDraftStore(api, memoryStorage(), new CaseViewStore(api))
      fillIn(store)
      const filing = store.submit()
      for (let i = 0; i < 10; i++) await jest.advanceTimersByTimeAsync(30_000)
      expect(await filing).toBeNull()
      expect(timers.mock.calls.map((c) => c[1])).toEqual([2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000])
      expect(transport.callsTo('petition.file')).toHaveLength(9)
    } finally {
      timers.mockRestore()
      jest.useRealTimers()
    }
  })
})

describe('photos', () => {
  test('each photo uploads with its own progress; the filing carries the uploaded ids', async () => {
    const transport = new UploadingTransport()
    const { store } = setup({ transport })
    transport.on('petition.file', (input: Record<string, unknown>) => detail(input))
    fillIn(store)
    const seen: number[] = []
    const upload = store.addPhotos([{ path: 'a.jpg', size: 2000 }, { path: 'b.jpg', size: 3000 }])
    expect(store.photos.items.map((p) => p.status)).toEqual(['uploading', 'uploading'])
    expect(store.photosUploading).toBe(true)
    // Sending now would leave the photos behind: the person is asked to wait.
    expect(store.validate()).toBe(false)
    expect(store.fieldErrors.photos).toEqual({ key: 'petition.photos.wait' })
    await flush()
    seen.push(store.photos.items[0].progress)
    await upload
    expect(seen[0]).toBeGreaterThan(0)
    expect(store.photos.items.map((p) => [p.status, p.progress, p.id])).toEqual([
      ['done', 100, 'file-ajpg-0000'],
      ['done', 100, 'file-bjpg-0000']
    ])
    await store.submit()
    expect(transport.callsTo('petition.file')[0].input).toMatchObject({ photos: ['file-ajpg-0000', 'file-bjpg-0000'] })
  })

  test('a photo over 10 MB is refused before upload; the server’s refusal is shown on its photo', async () => {
    const transport = new UploadingTransport()
    transport.uploadReply = () => ({ ok: false, error: { code: 'FILE_TYPE', message: '只能上传 JPG、PNG 或 WebP 图片。', field: 'file' } })
    const { store } = setup({ transport })
    fillIn(store)
    await store.addPhotos([{ path: 'huge.jpg', size: 10 * 1024 * 1024 + 1 }, { path: 'doc.jpg', size: 100 }, { path: 'x.pdf', size: 100, type: 'application/pdf' }])
    expect(transport.uploads).toEqual(['doc.jpg'])
    expect(store.photos.items.map((p) => [p.path, p.status, p.error])).toEqual([
      ['huge.jpg', 'failed', { key: 'petition.photos.tooLarge' }],
      ['doc.jpg', 'failed', { text: '只能上传 JPG、PNG 或 WebP 图片。' }],
      ['x.pdf', 'failed', { key: 'petition.photos.notImage' }]
    ])
    // Failed photos do not hold the filing up and are not sent.
    expect(store.validate()).toBe(true)
    expect(store.filingInput().photos).toBeUndefined()
  })

  test('at most nine photos', async () => {
    const { store, transport } = setup()
    fillIn(store)
    await store.addPhotos(Array.from({ length: 7 }, (_, i) => ({ path: `p${i}.jpg`, size: 10 })))
    await store.addPhotos(Array.from({ length: 4 }, (_, i) => ({ path: `q${i}.jpg`, size: 10 })))
    expect(store.photos.items).toHaveLength(9)
    expect((transport as UploadingTransport).uploads).toHaveLength(9)
    expect(store.fieldErrors.photos).toEqual({ key: 'petition.photos.max', params: { max: 9 } })
    expect(store.photoSlots).toBe(0)
  })
})

describe('my cases', () => {
  const all = Array.from({ length: 45 }, (_, i) => summary(i + 1))
  const pages = (transport: FakeTransport) =>
    transport.on('petition.mine', ({ cursor, limit }: { cursor?: string; limit?: number }) => {
      const start = cursor ? Number(cursor) : 0
      const end = start + (limit ?? 20)
      return { items: all.slice(start, end), nextCursor: end < all.length ? String(end) : null }
    })

  test('pages by cursor to the end, then asks no more', async () => {
    const { mine: store, transport } = setup()
    pages(transport)
    await store.refresh()
    expect(store.list.items).toHaveLength(20)
    expect(store.list.hasMore).toBe(true)
    await store.loadMore()
    await store.loadMore()
    expect(store.list.items.map((c) => c.id)).toEqual(all.map((c) => c.id))
    expect(store.list.hasMore).toBe(false)
    await store.loadMore()
    expect(transport.callsTo('petition.mine').map((c) => (c.input as { cursor?: string }).cursor)).toEqual([undefined, '20', '40'])
  })

  test('a second load-more while one is loading asks once; refresh starts again from the top', async () => {
    const { mine: store, transport } = setup()
    pages(transport)
    await store.refresh()
    transport.hold()
    const a = store.loadMore()
    const b = store.loadMore()
    transport.release()
    await Promise.all([a, b])
    expect(transport.callsTo('petition.mine')).toHaveLength(2)
    expect(store.list.items).toHaveLength(40)
    await store.refresh()
    expect(store.list.items).toHaveLength(20)
    expect(store.list.nextCursor).toBe('20')
  })

  test('a page that arrives after a refresh began is dropped', async () => {
    const { mine: store, transport } = setup()
    pages(transport)
    await store.refresh()
    transport.hold()
    const more = store.loadMore()
    const fresh = store.refresh()
    transport.release()
    await Promise.all([more, fresh])
    expect(store.list.items.map((c) => c.id)).toEqual(all.slice(0, 20).map((c) => c.id))
  })
})

describe('moves on my case', () => {
  test('a withdrawal that failed is retried with the same request id, and the case on screen is updated', async () => {
    const { caseView: store, transport } = setup()
    let fail = true
    transport.on('petition.get', () => detail({ title: '路灯' }))
    transport.on('petition.withdraw', () => {
      if (fail) throw apiError('NETWORK', 'timeout')
      return detail({ title: '路灯' }, { status: 'withdrawn', can: [] })
    })
    await store.open('case-000001')
    expect(await store.withdraw()).toBe(false)
    expect(store.actionError).toBe('timeout')
    fail = false
    expect(await store.withdraw()).toBe(true)
    const ids = transport.callsTo('petition.withdraw').map((c) => c.requestId)
    expect(ids[1]).toBe(ids[0])
    expect(store.current?.status).toBe('withdrawn')
    // A later, different move gets its own id.
    transport.on('petition.addInfo', () => detail({ title: '路灯' }))
    await store.addInfo('补充')
    expect(transport.callsTo('petition.addInfo')[0].requestId).not.toBe(ids[0])
  })
})

describe('the case just filed', () => {
  test('opens at once from the filing\'s answer, then shows what the centre has done since (never a stale copy)', async () => {
    const { store, transport, caseView } = setup()
    transport.on('petition.file', (input: Record<string, unknown>) => detail(input))
    fillIn(store)
    const filed = await store.submit()
    expect(filed?.status).toBe('submitted')
    // Later, before the person opens it, the centre accepts the case.
    transport.on('petition.get', () => detail({ title: filed!.title }, { status: 'accepted' }))
    const opening = caseView.open(filed!.id)
    // The filing's answer is on screen at once, with no loading state...
    expect(caseView.current?.status).toBe('submitted')
    expect(caseView.currentLoading).toBe(false)
    await opening
    // ...and the case as it is now replaces it.
    expect(transport.callsTo('petition.get')).toHaveLength(1)
    expect(caseView.current?.status).toBe('accepted')
  })

  test('if that refresh fails, the filing\'s answer stays on screen without an error', async () => {
    const { store, transport, caseView } = setup()
    transport.on('petition.file', (input: Record<string, unknown>) => detail(input))
    fillIn(store)
    const filed = await store.submit()
    transport.on('petition.get', () => {
      throw apiError('NETWORK', 'timeout')
    })
    await caseView.open(filed!.id)
    expect(caseView.current?.id).toBe(filed!.id)
    expect(caseView.currentError).toBeNull()
  })
})

describe('claiming a matter filed for me', () => {
  test('sends the number trimmed with the phone and the claim code, and opens the case it returns', async () => {
    const transport = new FakeTransport({ 'petition.claim': () => ({ id: 'case-claimed-01' }) as unknown as CaseDetail })
    const api = new Api(transport, { token: () => 't', locale: () => 'zh-CN' })
    const store = new CaseViewStore(api)
    expect(await store.claim(' 4413-20261127-7KQ4XK ', '139 0000 2222', ' abcd-efgh ')).toBe('case-claimed-01')
    expect(transport.callsTo('petition.claim')[0].input).toEqual({ trackingNo: '4413-20261127-7KQ4XK', contactPhone: '13900002222', claimCode: 'abcd-efgh' })
    expect(store.current?.id).toBe('case-claimed-01')
  })

  test('a refusal is shown, and nothing is opened', async () => {
    const transport = new FakeTransport({
      'petition.claim': () => {
        throw apiError('CASE_NOT_FOUND', '没有找到该事项，或您无权查看。')
      }
    })
    const api = new Api(transport, { token: () => 't', locale: () => 'zh-CN' })
    const store = new CaseViewStore(api)
    expect(await store.claim('4413-20261127-7KQ4XK', '13900002223', 'ABCD-EFGH')).toBeNull()
    expect(store.claimError).toBe('没有找到该事项，或您无权查看。')
    expect(store.current).toBeNull()
  })
})

describe('the receipt of a filing on someone’s behalf', () => {
  test('the claim code is held for the receipt only: not in the case on screen, never on the device', async () => {
    const written: string[] = []
    const base = memoryStorage()
    const storage: KeyValueStorage = { ...base, set: (key, value) => (written.push(JSON.stringify(value)), base.set(key, value)) }
    const { store, transport, caseView } = setup({ storage })
    transport.on('petition.file', (input: Record<string, unknown>) => detail(input, { claimCode: 'ABCD-EFGH', claimCodeSent: true }))
    fillIn(store, { onBehalf: true })
    const filed = await store.submit()
    expect(filed).not.toHaveProperty('claimCode')
    expect(caseView.current).not.toHaveProperty('claimCode')
    expect(caseView.receipt).toMatchObject({ caseId: 'case-000001', claimCode: 'ABCD-EFGH', sent: true })
    expect(written.join('\n')).not.toContain('ABCD-EFGH')
    caseView.handedOver()
    expect(caseView.receipt).toBeNull()
  })

  test('a resident’s own filing has no receipt', async () => {
    const { store, transport, caseView } = setup()
    transport.on('petition.file', (input: Record<string, unknown>) => detail(input))
    fillIn(store)
    await store.submit()
    expect(caseView.receipt).toBeNull()
  })

  test('a new claim code for the case on screen makes a new receipt', async () => {
    const { caseView: store, transport } = setup()
    transport.on('petition.get', () => detail({}, { can: ['reissueClaimCode'] }))
    transport.on('petition.reissueClaimCode', (input: Record<string, unknown>) => detail({}, { id: String(input.id), claimCode: 'WXYZ-2345', claimCodeSent: false }))
    await store.open('case-000001')
    expect(await store.reissueClaimCode()).toBe(true)
    expect(transport.callsTo('petition.reissueClaimCode')[0].input).toEqual({ id: 'case-000001' })
    expect(store.receipt).toMatchObject({ caseId: 'case-000001', claimCode: 'WXYZ-2345', sent: false })
    expect(store.current).not.toHaveProperty('claimCode')
  })
})
