/**
 * Photos sent with 补充材料 (petition.addInfo), issue #12: they were accepted without an ownership check and dropped.
 * Now they must be the sender's own uploads (as a filing's), are attached to the case's step (kept past the cleanup of
 * unattached uploads) and shown on its timeline to whoever sees the case; a lookup by number and phone does not show
 * them. Through the HTTP server, on every configured database.
 */
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import { cameraJpeg, TINY_PNG } from '../support/images'
import { fixedClock } from '../../cloud/ports/clock'
import { removeUnattachedPhotos } from '../../cloud/jobs/uploads'
import type { CaseDetail, CaseLookup } from '../../types/functions/petition'

const HOUR = 3600_000
const DAY = 24 * HOUR

async function upload(server: TestServer, bytes: Buffer, token: string): Promise<string> {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg')
  const response = await fetch(`${server.url}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })
  const body = (await response.json()) as { ok: boolean; data: { id: string } }
  if (!body.ok) throw new Error(JSON.stringify(body))
  return body.data.id
}

describe.each(DATABASES)('photos with added information on %s', (kind) => {
  let server: TestServer
  const clock = fixedClock(new Date('2026-12-01T02:00:00Z'))

  beforeAll(async () => {
    server = await startTestServer(kind, { clock })
  })
  afterAll(async () => server.close())

  test('someone else’s photo is refused and nothing is added; one’s own is kept and shown on the timeline', async () => {
    const chen = await server.signIn('resident-chen')
    const li = await server.signIn('resident-li')
    const c = await server.call<CaseDetail>('petition', 'file', filing(), chen)
    if (!c.ok) throw new Error(JSON.stringify(c.error))
    const theirs = (await upload(server, TINY_PNG, li))
    expect(await server.call('petition', 'addInfo', { id: c.data.id, text: '补充材料', photos: [theirs] }, chen)).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND', field: 'photos' } })
    const unchanged = await server.call<CaseDetail>('petition', 'get', { id: c.data.id }, chen)
    expect(unchanged.ok && unchanged.data.events.map((e) => e.type)).toEqual(['file'])

    const mine = (await upload(server, await cameraJpeg(800, 600), chen))
    const added = await server.call<CaseDetail>('petition', 'addInfo', { id: c.data.id, text: '补充现场照片', photos: [mine, mine] }, chen)
    if (!added.ok) throw new Error(JSON.stringify(added.error))
    const event = added.data.events.find((e) => e.type === 'addInfo')!
    expect(event.data).toEqual({ text: '补充现场照片', photos: 1 })
    expect(event.photos).toEqual([{ id: mine, url: expect.stringMatching(new RegExp(`^/api/files/${mine}\\?exp=\\d+&sig=`)) }])
    const image = await fetch(`${server.url}${event.photos![0].url}`)
    expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/jpeg'])

    // Staff handling the case see it too; a lookup by number and phone shows the step, not the photo.
    const staff = await server.call<CaseDetail>('petition', 'get', { id: c.data.id }, await server.signIn('centre-huang'))
    expect(staff.ok && staff.data.events.find((e) => e.type === 'addInfo')!.photos).toEqual([{ id: mine, url: expect.any(String) }])
    const looked = await server.call<CaseLookup>('petition', 'lookup', { trackingNo: c.data.trackingNo, contactPhone: '13812345678' })
    if (!looked.ok) throw new Error(JSON.stringify(looked.error))
    expect(looked.data.events.find((e) => e.type === 'addInfo')).toEqual(expect.not.objectContaining({ photos: expect.anything() }))
    expect(JSON.stringify(looked.data)).not.toContain(mine)

    // It stays with the case: a day later the cleanup leaves it.
    clock.advance(DAY + HOUR)
    await removeUnattachedPhotos(server.backend.services)
    expect(await server.backend.services.files.get(mine)).not.toBeNull()
  })
})
