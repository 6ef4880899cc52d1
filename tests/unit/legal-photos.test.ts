/**
 * A question's photos and the nearest-village search in the legal store, against a fake transport: at most six
 * photos, each an image of at most 10 MB (checked before anything is sent), uploaded with progress; asking waits for
 * the uploads and sends the photo ids; the nearest search runs only with a location inside Guangdong.
 */
import type { Consultation, VillageAdvisor } from '../../types/functions/legal'
import type { Envelope } from '../../types/api'
import type { UploadedFile, UploadOptions } from '../../src/api/client'
import { RootStore } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { legalOf } from '../../src/legal/store'
import { MAX_PHOTO_BYTES } from '../../src/api/photos'
import { FakeTransport } from '../support/fake-transport'

const HE = 'adv_he_000001'
const DONGPING = '441302001200'

/** A transport that can upload: each upload reports 40 %, then waits until the test lets it finish. */
class UploadingTransport extends FakeTransport {
  uploads: { path: string; finish(ok?: boolean): void }[] = []
  upload(filePath: string, { onProgress }: UploadOptions): Promise<Envelope<UploadedFile>> {
    onProgress?.(40)
    return new Promise((resolve) => {
      this.uploads.push({
        path: filePath,
        finish: (ok = true) =>
          resolve(ok ? ({ ok: true, data: { id: `file_${filePath.replace(/\W/g, '')}`.padEnd(12, '0') } } as Envelope<UploadedFile>) : { ok: false, error: { code: 'NETWORK', message: '网络不通' } })
      })
    })
  }
}

const asked = { id: 'cons_00000001', photos: [] } as unknown as Consultation

function setUp() {
  const transport = new UploadingTransport({ 'legal.ask': () => asked, 'legal.near': (): VillageAdvisor[] => [] })
  const root = new RootStore({ transport, storage: memoryStorage(), systemLanguage: 'zh-CN' })
  return { transport, store: legalOf(root, memoryStorage()) }
}
const flush = () => new Promise((r) => setTimeout(r, 0))

test('photos are checked, uploaded with progress, and their ids go with the question', async () => {
  const { transport, store } = setUp()
  expect(store.photos.available).toBe(true)
  const adding = store.photos.add([
    { path: 'blob:a', size: 1000, type: 'image/png' },
    { path: 'blob:doc', size: 1000, type: 'application/pdf' },
    { path: 'blob:huge', size: MAX_PHOTO_BYTES + 1, type: 'image/jpeg' },
    { path: 'blob:b', size: MAX_PHOTO_BYTES, type: 'image/jpeg' }
  ])
  await flush()
  expect(store.photos.items.map((p) => [p.path, p.status, p.progress, p.error])).toEqual([
    ['blob:a', 'uploading', 40, null],
    ['blob:doc', 'failed', 0, { key: 'legal.photos.notImage' }],
    ['blob:huge', 'failed', 0, { key: 'legal.photos.tooLarge' }],
    ['blob:b', 'uploading', 40, null]
  ])
  // Refused files were never sent.
  expect(transport.uploads.map((u) => u.path)).toEqual(['blob:a', 'blob:b'])

  // Asking while they upload is refused with a word, and nothing is sent.
  store.setText('邻居把排水管接到我家墙下')
  expect(await store.ask(HE, DONGPING)).toBeNull()
  expect(store.notice).toEqual({ key: 'legal.photos.wait' })
  expect(transport.callsTo('legal.ask')).toHaveLength(0)

  transport.uploads[0].finish()
  transport.uploads[1].finish(false)
  await adding
  expect(store.photos.items.map((p) => p.status)).toEqual(['done', 'failed', 'failed', 'failed'])
  // A network failure can be retried; a wrong type or size only removed.
  void store.photos.retry(store.photos.items[1].key)
  expect(transport.uploads).toHaveLength(2)
  const retrying = store.photos.retry(store.photos.items[3].key)
  expect(transport.uploads).toHaveLength(3)
  transport.uploads[2].finish()
  await retrying
  for (const p of store.photos.items.filter((x) => x.status === 'failed')) store.photos.remove(p.key)
  expect(store.photos.ids).toEqual(['file_bloba00', 'file_blobb00'])

  expect(await store.ask(HE, DONGPING)).toEqual(asked)
  expect(transport.callsTo('legal.ask')[0].input).toMatchObject({ advisorId: HE, villageCode: DONGPING, photos: ['file_bloba00', 'file_blobb00'] })
  expect(store.photos.items).toEqual([])
})

test('at most six photos: the rest are not added, and the person is told', async () => {
  const { transport, store } = setUp()
  void store.photos.add(Array.from({ length: 8 }, (_, i) => ({ path: `blob:${i}`, size: 10, type: 'image/png' })))
  await flush()
  expect(store.photos.items).toHaveLength(6)
  expect(store.photos.overflow).toBe(true)
  expect(store.photos.slots).toBe(0)
  expect(transport.uploads).toHaveLength(6)
})

test('the nearest villages only with a location, and only inside Guangdong', async () => {
  const { transport, store } = setUp()
  await store.findNear(null)
  expect(store.nearState).toBe('denied')
  await store.findNear({ lat: 39.9, lng: 116.4 })
  expect(store.nearState).toBe('outside')
  expect(transport.callsTo('legal.near')).toHaveLength(0)
  await store.findNear({ lat: 23.08, lng: 114.42 })
  expect(store.nearState).toBe('idle')
  expect(transport.callsTo('legal.near')[0].input).toEqual({ lat: 23.08, lng: 114.42, limit: 5 })
  expect(store.near).toEqual([])
})
