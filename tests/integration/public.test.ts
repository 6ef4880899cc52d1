/** Public statistics, the Open311 read view, and photo uploads, through the HTTP server. */
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import type { PublicStats } from '../../types/functions/stats'
import type { CaseDetail } from '../../types/functions/petition'
import { filing } from '../support/fixtures'
import { TINY_PNG } from '../support/images'

const PNG = TINY_PNG

async function upload(server: TestServer, bytes: Buffer, token?: string, type = 'image/png') {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), 'photo.png')
  const response = await fetch(`${server.url}/api/upload`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} })
  return { status: response.status, body: await response.json() }
}

describe.each(DATABASES)('public data on %s', (kind) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer(kind, { config: { demoCases: true } })
  })
  afterAll(async () => server.close())

  test('statistics from live data, with no personal data in them', async () => {
    const result = await server.call<PublicStats>('stats', 'public')
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const s = result.data
    expect(s.total).toBe(360)
    expect(s.byCity).toHaveLength(21)
    expect(s.byMonth).toHaveLength(12)
    expect(s.resolvedAtTownshipShare).toBeGreaterThan(50)
    expect(s.medianDaysToClose).toBeGreaterThan(0)
    expect(s.byKind.reduce((a, k) => a + k.count, 0)).toBe(360)
    expect(JSON.stringify(s)).not.toMatch(/1[3-9]\d{9}|陈秀英|description/)
  })

  test('Open311 services and requests, readable by anyone, without personal data', async () => {
    const services = await (await fetch(`${server.url}/open311/v2/services.json`)).json()
    expect(services.map((s: { service_code: string }) => s.service_code)).toContain('dispute.labour')
    const response = await fetch(`${server.url}/open311/v2/requests.json?status=open`)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    const requests = await response.json()
    expect(requests.length).toBeGreaterThan(0)
    for (const r of requests) {
      expect(r.status).toBe('open')
      // The spec's fields; those that could carry personal data (description, coordinates, media) are always null.
      expect(Object.keys(r).sort()).toEqual(['address', 'address_id', 'agency_responsible', 'description', 'expected_datetime', 'lat', 'long', 'media_url', 'requested_datetime', 'service_code', 'service_name', 'service_notice', 'service_request_id', 'status', 'status_notes', 'updated_datetime', 'zipcode'])
      expect(r).toMatchObject({ description: null, lat: null, long: null, media_url: null })
    }
    const one = await (await fetch(`${server.url}/open311/v2/requests/${requests[0].service_request_id}.json`)).json()
    expect(one).toHaveLength(1)
    expect((await fetch(`${server.url}/open311/v2/requests/4413-00000000-0000.json`)).status).toBe(404)
  })

  test('a photo uploads, attaches to a case, and is readable only through its signed link', async () => {
    const token = await server.signIn('resident-chen')
    const up = await upload(server, PNG, token)
    // What is stored is the photo re-encoded as a JPEG (uploads.test.ts: upright, bounded, without metadata).
    expect(up).toMatchObject({ status: 200, body: { ok: true, data: { mime: 'image/jpeg', bytes: expect.any(Number) } } })
    const filed = await server.call<CaseDetail>('petition', 'file', filing({ photos: [up.body.data.id] }), token)
    expect(filed.ok).toBe(true)
    if (!filed.ok) return
    const link = filed.data.photos[0].url
    const image = await fetch(`${server.url}${link}`)
    expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/jpeg'])
    const served = Buffer.from(await image.arrayBuffer())
    expect([served.length, served.subarray(0, 3).toString('hex')]).toEqual([up.body.data.bytes, 'ffd8ff'])
    // A signature changed in its first character (whatever that character was) opens nothing.
    const forged = link.replace(/sig=(.)/, (_m, c: string) => `sig=${c === 'x' ? 'y' : 'x'}`)
    expect(forged).not.toBe(link)
    expect((await fetch(`${server.url}${forged}`)).status).toBe(404)
    expect((await fetch(`${server.url}/api/files/${up.body.data.id}`)).status).toBe(404)
  })

  test('uploads: not an image, too large, or anonymous are refused and nothing is kept', async () => {
    const token = await server.signIn('resident-chen')
    const before = await server.backend.services.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(await upload(server, Buffer.from('<script>alert(1)</script>'), token)).toMatchObject({ status: 415, body: { ok: false, error: { code: 'FILE_TYPE' } } })
    expect(await upload(server, Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]), token)).toMatchObject({ status: 413, body: { ok: false, error: { code: 'FILE_TOO_LARGE' } } })
    expect(await upload(server, PNG)).toMatchObject({ status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED' } } })
    const after = await server.backend.services.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  test('another person cannot attach my photo to their case', async () => {
    const mine = await upload(server, PNG, await server.signIn('resident-chen'))
    const other = await server.call('petition', 'file', filing({ photos: [mine.body.data.id] }), await server.signIn('resident-li'))
    expect(other).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND' } })
  })
})
