/**
 * Uploads are bounded (issue #12, Medium 6): per person a number of tries per hour and of bytes per day; a picture
 * judged by the size its header declares before anything is decoded; what is stored re-encoded (upright, at most
 * 2560 px a side, no EXIF: no GPS, no camera); and an upload never attached to anything removed after a day.
 * Through the HTTP server, on every configured database, with a clock the test moves.
 */
import sharp from 'sharp'
import { DATABASES, RELAXED_LIMITS, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import { CAMERA, cameraJpeg, hasGpsInfo, noisyJpeg, pngDeclaring, TINY_PNG } from '../support/images'
import { fixedClock } from '../../cloud/ports/clock'
import { removeUnattachedPhotos } from '../../cloud/jobs/uploads'
import { runTimedJobs } from '../../cloud/jobs/reminders'
import { DEFAULT_UPLOADS } from '../../cloud/domain/uploads/bounds'
import type { CaseDetail } from '../../types/functions/petition'
import type { VillageAdvisor } from '../../types/functions/legal'
import type { Envelope } from '../../types/api'

const HOUR = 3600_000
const DAY = 24 * HOUR

type Uploaded = { status: number; body: Envelope<{ id: string; mime: string; bytes: number }> }

async function upload(server: TestServer, bytes: Buffer, token: string, language = 'zh-CN'): Promise<Uploaded> {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg')
  const response = await fetch(`${server.url}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}`, 'accept-language': language } })
  return { status: response.status, body: (await response.json()) as Uploaded['body'] }
}

const idOf = (up: Uploaded): string => {
  if (!up.body.ok) throw new Error(JSON.stringify(up.body.error))
  return up.body.data.id
}

describe.each(DATABASES)('bounded uploads on %s', (kind) => {
  let server: TestServer
  const clock = fixedClock(new Date('2026-12-01T02:00:00Z'))
  const countFiles = async () => Number((await server.backend.services.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  const settings = () => server.backend.services.settings

  beforeAll(async () => {
    server = await startTestServer(kind, { clock, settings: { ...RELAXED_LIMITS, uploads: { ...DEFAULT_UPLOADS } } })
  })
  afterAll(async () => server.close())
  beforeEach(() => {
    // Each test starts two days on, past every window (tries per hour, bytes per day, the day an upload may wait).
    clock.advance(2 * DAY)
    settings().uploads = { ...DEFAULT_UPLOADS }
  })

  test('a PNG declaring 30000 × 30000 pixels (3.6 GB decoded) is refused from its header, and nothing is stored', async () => {
    const token = await server.signIn('resident-chen')
    const before = await countFiles()
    const huge = pngDeclaring(30000, 30000)
    expect(huge.length).toBeLessThan(200 * 1024)
    const refused = await upload(server, huge, token)
    expect(refused).toMatchObject({ status: 413, body: { ok: false, error: { code: 'IMAGE_TOO_LARGE', field: 'file', message: '照片尺寸过大：最多 40 百万像素，每边不超过 10000 像素。' } } })
    // One side too long, though few pixels in all; and one just within both bounds is read (then found to hold no picture).
    expect(await upload(server, pngDeclaring(10001, 10), token)).toMatchObject({ body: { ok: false, error: { code: 'IMAGE_TOO_LARGE' } } })
    expect(await upload(server, pngDeclaring(10000, 4000), token)).toMatchObject({ body: { ok: false, error: { code: 'FILE_TYPE' } } })
    expect(await countFiles()).toBe(before)
  })

  test('a camera photo is stored upright, scaled to 2560 px, as a JPEG with no EXIF: no GPS position, no camera', async () => {
    const token = await server.signIn('resident-chen')
    const original = await cameraJpeg(4000, 3000)
    const source = await sharp(original).metadata()
    expect([source.orientation, hasGpsInfo(source.exif), original.includes(Buffer.from(CAMERA.make))]).toEqual([6, true, true])
    const up = await upload(server, original, token)
    expect(up).toMatchObject({ status: 200, body: { ok: true, data: { mime: 'image/jpeg' } } })
    const filed = await server.call<CaseDetail>('petition', 'file', filing({ photos: [idOf(up)] }), token)
    if (!filed.ok) throw new Error(JSON.stringify(filed.error))
    const served = await fetch(`${server.url}${filed.data.photos[0].url}`)
    expect(served.headers.get('content-type')).toBe('image/jpeg')
    const bytes = Buffer.from(await served.arrayBuffer())
    const stored = await sharp(bytes).metadata()
    // Stored sideways with orientation 6, so shown 3000 wide and 4000 high: turned, then scaled to 2560 on the long side.
    expect({ format: stored.format, width: stored.width, height: stored.height, orientation: stored.orientation, exif: stored.exif, xmp: stored.xmp }).toEqual({
      format: 'jpeg',
      width: 1920,
      height: 2560,
      orientation: undefined,
      exif: undefined,
      xmp: undefined
    })
    expect(bytes.includes(Buffer.from(CAMERA.make))).toBe(false)
    expect(up.body.ok && up.body.data.bytes).toBe(bytes.length)
  })

  test('each person has so many tries an hour: the next is RATE_LIMITED, refused ones count, others are not affected', async () => {
    settings().uploads = { ...DEFAULT_UPLOADS, perHour: 3 }
    const chen = await server.signIn('resident-chen')
    expect((await upload(server, TINY_PNG, chen)).status).toBe(200)
    expect((await upload(server, Buffer.from('not a picture'), chen)).status).toBe(415)
    expect((await upload(server, TINY_PNG, chen)).status).toBe(200)
    const before = await countFiles()
    expect(await upload(server, TINY_PNG, chen)).toMatchObject({ status: 429, body: { ok: false, error: { code: 'RATE_LIMITED', message: '操作太频繁，请 60 分钟后再试。' } } })
    expect(await countFiles()).toBe(before)
    // Someone else uploads as usual; and an hour later she may again.
    expect((await upload(server, TINY_PNG, await server.signIn('resident-li'))).status).toBe(200)
    clock.advance(HOUR + 1000)
    expect((await upload(server, TINY_PNG, await server.signIn('resident-chen'))).status).toBe(200)
  })

  test('each person has so many bytes a day: past it, UPLOAD_QUOTA in three languages, until 24 hours have passed', async () => {
    const photo = await noisyJpeg(300)
    settings().uploads = { ...DEFAULT_UPLOADS, bytesPerDay: Math.floor(photo.length * 2.5) }
    const chen = await server.signIn('resident-chen')
    expect((await upload(server, photo, chen)).status).toBe(200)
    clock.advance(HOUR)
    expect((await upload(server, photo, chen)).status).toBe(200)
    const quota = `${Math.floor((photo.length * 2.5) / (1024 * 1024))}`
    expect(await upload(server, photo, chen)).toMatchObject({ status: 429, body: { ok: false, error: { code: 'UPLOAD_QUOTA', field: 'file', message: `24 小时内上传的照片已达 ${quota} MB 的上限，请稍后再试。` } } })
    expect(await upload(server, photo, chen, 'zh-HK')).toMatchObject({ body: { error: { code: 'UPLOAD_QUOTA', message: `24 小時內上載的相片已達 ${quota} MB 的上限，請稍後再試。` } } })
    expect(await upload(server, photo, chen, 'en')).toMatchObject({ body: { error: { code: 'UPLOAD_QUOTA', message: `You have uploaded the limit of ${quota} MB of photos in 24 hours. Please try again later.` } } })
    // A small one still fits; once the first photo is a day old, there is room for another large one.
    expect((await upload(server, TINY_PNG, chen)).status).toBe(200)
    clock.advance(23 * HOUR + 1000)
    expect((await upload(server, photo, await server.signIn('resident-chen'))).status).toBe(200)
  })

  test('the cleanup removes uploads never attached after a day, rows and bytes, and keeps every attached one', async () => {
    const { services } = server.backend
    // What earlier tests left unattached is two days old by now: gone first, so the counts below are this test's.
    await removeUnattachedPhotos(services)
    const chen = await server.signIn('resident-chen')
    const filed = idOf(await upload(server, TINY_PNG, chen))
    const added = idOf(await upload(server, TINY_PNG, chen))
    const asked = idOf(await upload(server, TINY_PNG, chen))
    const orphan = idOf(await upload(server, TINY_PNG, chen))
    const c = await server.call<CaseDetail>('petition', 'file', filing({ photos: [filed] }), chen)
    if (!c.ok) throw new Error(JSON.stringify(c.error))
    expect(await server.call('petition', 'addInfo', { id: c.data.id, text: '补充两张现场照片', photos: [added] }, chen)).toMatchObject({ ok: true })
    const advisor = await server.call<VillageAdvisor>('legal', 'forVillage', { code: '441302001200' })
    if (!advisor.ok || !advisor.data.advisor) throw new Error(JSON.stringify(advisor))
    expect(
      await server.call('legal', 'ask', { advisorId: advisor.data.advisor.id, villageCode: '441302001200', category: 'neighbours', text: '邻居占用我家宅基地，怎么办？', photos: [asked] }, chen)
    ).toMatchObject({ ok: true })

    clock.advance(23 * HOUR)
    expect(await removeUnattachedPhotos(services)).toBe(0)
    clock.advance(2 * HOUR)
    const late = idOf(await upload(server, TINY_PNG, await server.signIn('resident-chen')))
    expect(await runTimedJobs(services)).toMatchObject({ unattachedPhotos: 1 })
    const left = (await services.db.selectFrom('files').select('id').where('id', 'in', [filed, added, asked, orphan, late]).execute()).map((r) => r.id)
    expect(left.sort()).toEqual([filed, added, asked, late].sort())
    expect(await services.files.get(orphan)).toBeNull()
    for (const id of [filed, added, asked, late]) expect(await services.files.get(id)).not.toBeNull()
    // Attaching the removed one now is refused, as any photo not found.
    expect(await server.call('petition', 'file', filing({ photos: [orphan] }), chen)).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND' } })
  })
})
