/**
 * Open311 GeoReport v2 conformance (https://wiki.open311.org/GeoReport_v2), read-only: both formats (JSON, and XML,
 * which the spec requires) for the discovery document, the service list, service definitions, the requests list and
 * one request; service_request_id lists, comma-separated status and service_code filters, W3C datetime windows with
 * the spec's 90-day default and limit, paging (page, page_size, at most 500); errors in Open311's form with the right
 * HTTP status; opaque ids and no personal data; the public rate limit. Through the HTTP server and through the
 * `open311` cloud function as WeChat's HTTP access service calls it, on every database.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { createPgDatabase, DATABASES, startTestServer, type DbKind, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import type { CaseDetail } from '../../types/functions/petition'

const LIST_ITEMS = new Set(['services.service', 'service_requests.request', 'errors.error', 'discovery.endpoints.endpoint', 'discovery.endpoints.endpoint.formats.format', 'service_definition.attributes.attribute'])
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false, isArray: (_name, jpath) => LIST_ITEMS.has(String(jpath)) })

/** The spec's fields of a service request, in its order. */
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url'
]

const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
const DAY = 86_400_000

type Json = Record<string, unknown>
interface Reply {
  status: number
  headers: Headers
  text: string
}

/** JSON as the XML carries it: every leaf a string, null an empty element. */
function asXmlText(value: unknown): unknown {
  if (value === null) return ''
  if (Array.isArray(value)) return value.map(asXmlText)
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, asXmlText(v)]))
  return String(value)
}

function parseXml(text: string): Json {
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true)
  expect(XMLValidator.validate(text)).toBe(true)
  const doc = parser.parse(text) as Json
  delete doc['?xml']
  return doc
}

/** An Open311 error in both formats: `[{code, description}]` and `<errors><error>…`, code = the HTTP status. */
function expectError(json: Reply, xml: Reply, status: number) {
  expect(json.status).toBe(status)
  expect(xml.status).toBe(status)
  expect(json.headers.get('content-type')).toMatch(/^application\/json/)
  expect(xml.headers.get('content-type')).toMatch(/^text\/xml/)
  const errors = JSON.parse(json.text) as { code: number; description: string }[]
  expect(errors).toEqual([{ code: status, description: expect.any(String) }])
  expect(errors[0].description.length).toBeGreaterThan(3)
  expect(parseXml(xml.text)).toEqual({ errors: { error: [{ code: String(status), description: errors[0].description }] } })
  return errors[0].description
}

describe.each(DATABASES)('Open311 GeoReport v2 through the HTTP server on %s', (kind) => {
  let server: TestServer
  let originals: { public_id: string; kind: string; dispute_type: string | null; is_open: number | boolean; filed_at: string; tracking_no: string; id: string }[]
  let filed: CaseDetail
  const now = () => server.backend.services.clock.now().getTime()

  const get = async (target: string, init: RequestInit = {}): Promise<Reply> => {
    const response = await fetch(`${server.url}${target}`, init)
    return { status: response.status, headers: response.headers, text: await response.text() }
  }
  /** The same target in both formats: their content must be the same. */
  const both = async (target: string, root: string, init: RequestInit = {}) => {
    const [base, query] = target.split('?')
    const suffix = query ? `?${query}` : ''
    const json = await get(`${base}.json${suffix}`, init)
    const xml = await get(`${base}.xml${suffix}`, init)
    return { json, xml, data: json.status === 200 ? (JSON.parse(json.text) as unknown) : null, xmlDoc: xml.status === 200 ? parseXml(xml.text)[root] : null }
  }
  /** Every request the query names, page by page (page_size 40), following the Link header. */
  const allPages = async (query: string) => {
    const out: Json[] = []
    let next: string | null = `${server.url}/open311/v2/requests.json?${query}${query ? '&' : ''}page_size=40`
    for (let i = 0; next && i < 50; i++) {
      const response: Response = await fetch(next)
      expect(response.status).toBe(200)
      const page = (await response.json()) as Json[]
      out.push(...page)
      const link: string | null = response.headers.get('link')
      next = link ? /^<([^>]+)>; rel="next"$/.exec(link)![1] : null
      if (next) expect(page).toHaveLength(40)
    }
    return out
  }
  const inWindow = (from: number, until: number) => originals.filter((c) => Date.parse(c.filed_at) >= from && Date.parse(c.filed_at) < until)

  beforeAll(async () => {
    server = await startTestServer(kind, { config: { demoCases: true } })
    // A case whose person, phone and place must never reach the feed.
    const token = await server.signIn('resident-chen')
    const result = await server.call<CaseDetail>('petition', 'file', filing({ contactName: '陈秀英', contactPhone: '13812345678', address: '东平村村口第三户', title: '村口路灯坏了三个月' }), token)
    if (!result.ok) throw new Error(result.error.code)
    filed = result.data
    originals = (await server.backend.services.db
      .selectFrom('cases')
      .select(['public_id', 'kind', 'dispute_type', 'is_open', 'filed_at', 'tracking_no', 'id'])
      .where('stage', '=', 'original')
      .execute()) as typeof originals
  })
  afterAll(async () => server?.close())

  test('the discovery document, at the root and beside the endpoint, in both formats', async () => {
    for (const base of ['/open311/discovery', '/open311/v2/discovery']) {
      const { json, xml, data, xmlDoc } = await both(base, 'discovery')
      expect([json.status, xml.status]).toEqual([200, 200])
      expect(data).toMatchObject({
        changeset: expect.stringMatching(W3C_DATETIME),
        contact: expect.any(String),
        key_service: expect.any(String),
        endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${server.url}/open311/v2`, changeset: expect.stringMatching(W3C_DATETIME), type: 'test', formats: ['text/xml', 'application/json'] }]
      })
      expect(xmlDoc).toEqual({ ...(asXmlText(data) as Json), endpoints: { endpoint: (asXmlText((data as Json).endpoints) as Json[]).map((e) => ({ ...e, formats: { format: e.formats } })) } })
    }
  })

  test('the service list and each service definition, in both formats; an unknown service is a 404', async () => {
    const { json, xml, data, xmlDoc } = await both('/open311/v2/services', 'services')
    expect([json.status, xml.status]).toEqual([200, 200])
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(xml.headers.get('content-type')).toBe('text/xml; charset=utf-8')
    const services = data as Json[]
    expect(services.map((s) => s.service_code)).toEqual(expect.arrayContaining(['complaint', 'request', 'suggestion', 'enquiry', 'dispute.labour', 'dispute.family']))
    for (const s of services) {
      expect(Object.keys(s)).toEqual(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'])
      expect(s).toMatchObject({ metadata: false, type: 'realtime' })
    }
    expect(xmlDoc).toEqual({ service: asXmlText(services) })

    for (const code of ['complaint', 'dispute.labour']) {
      const definition = await both(`/open311/v2/services/${code}`, 'service_definition')
      expect(definition.data).toEqual({ service_code: code, attributes: [] })
      expect(definition.xmlDoc).toEqual({ service_code: code, attributes: '' })
    }
    const unknown = await both('/open311/v2/services/dispute.dragons', 'service_definition')
    expectError(unknown.json, unknown.xml, 404)
  })

  test('requests by default: those filed in the past 90 days, newest first, with the spec fields in both formats', async () => {
    const { json, xml, data, xmlDoc } = await both('/open311/v2/requests', 'service_requests')
    expect([json.status, xml.status]).toEqual([200, 200])
    const requests = data as Json[]
    const expected = inWindow(now() - 90 * DAY, now() + 1)
    expect(expected.length).toBeGreaterThan(20)
    expect(requests).toHaveLength(Math.min(expected.length, 100))
    for (const r of requests) {
      expect(Object.keys(r)).toEqual(REQUEST_FIELDS)
      expect(r.status === 'open' || r.status === 'closed').toBe(true)
      expect(r.requested_datetime).toMatch(W3C_DATETIME)
      expect(r.updated_datetime).toMatch(W3C_DATETIME)
      // An open request says when it is due; a closed one does not.
      if (r.status === 'open') expect(r.expected_datetime).toMatch(W3C_DATETIME)
      else expect(r.expected_datetime).toBeNull()
      expect(Date.parse(r.requested_datetime as string)).toBeGreaterThanOrEqual(now() - 90 * DAY - 1000)
    }
    const times = requests.map((r) => Date.parse(r.requested_datetime as string))
    expect([...times].sort((a, b) => b - a)).toEqual(times)
    expect(xmlDoc).toEqual({ request: asXmlText(requests) })
    // Every case of the window is reached by paging, each once.
    const all = await allPages('')
    expect(all.map((r) => r.service_request_id).sort()).toEqual(expected.map((c) => c.public_id).sort())
  })

  test('paging: page and page_size, a Link to the next page, page_size served at most 500; bad values are 400s', async () => {
    const first = await get('/open311/v2/requests.json?page_size=5')
    const second = await get('/open311/v2/requests.json?page_size=5&page=2')
    const p1 = JSON.parse(first.text) as Json[]
    const p2 = JSON.parse(second.text) as Json[]
    expect([p1.length, p2.length]).toEqual([5, 5])
    expect(p1.map((r) => r.service_request_id)).not.toContain(p2[0].service_request_id)
    expect(first.headers.get('link')).toBe(`<${server.url}/open311/v2/requests.json?page_size=5&page=2>; rel="next"`)
    const both10 = JSON.parse((await get('/open311/v2/requests.json?page_size=10')).text) as Json[]
    expect(both10).toEqual([...p1, ...p2])
    // Beyond the last page: an empty list, no next link.
    const beyond = await get('/open311/v2/requests.json?page=9999')
    expect([beyond.status, beyond.text, beyond.headers.get('link')]).toEqual([200, '[]', null])
    // A wide window (the spec's 90 days at most) asked in one page larger than the maximum: 500 at most.
    const wide = await get(`/open311/v2/requests.json?start_date=${new Date(now() - 89 * DAY).toISOString()}&page_size=100000`)
    const count = inWindow(now() - 89 * DAY, now() + 90 * DAY).length
    expect((JSON.parse(wide.text) as Json[]).length).toBe(Math.min(count, 500))
    for (const bad of ['page=0', 'page=-1', 'page=abc', 'page=10001', 'page_size=0', 'page_size=1.5']) {
      const r = await both(`/open311/v2/requests?${bad}`, 'service_requests')
      expectError(r.json, r.xml, 400)
    }
  })

  test('status: open, closed, or both comma-separated; anything else is a 400', async () => {
    const windowed = inWindow(now() - 90 * DAY, now() + 1)
    const open = await allPages('status=open')
    const closed = await allPages('status=closed')
    expect(open.every((r) => r.status === 'open')).toBe(true)
    expect(closed.every((r) => r.status === 'closed')).toBe(true)
    expect(open.length).toBe(windowed.filter((c) => Boolean(c.is_open)).length)
    expect(closed.length).toBe(windowed.filter((c) => !c.is_open).length)
    expect(open.length * closed.length).toBeGreaterThan(0)
    expect((await allPages('status=open,closed')).length).toBe(windowed.length)
    expect((await allPages('status=closed,%20open,')).length).toBe(windowed.length)
    // Declared more than once: the same as comma-separated.
    expect((await allPages('status=open&status=closed')).length).toBe(windowed.length)
    const bad = await both('/open311/v2/requests?status=open,pending', 'service_requests')
    const description = expectError(bad.json, bad.xml, 400)
    expect(description).toContain('status')
  })

  test('service_code: one or several comma-separated; an unknown code is a 400', async () => {
    const windowed = inWindow(now() - 90 * DAY, now() + 1)
    const complaints = await allPages('service_code=complaint')
    expect(complaints.length).toBe(windowed.filter((c) => c.kind === 'complaint').length)
    expect(complaints.every((r) => r.service_code === 'complaint')).toBe(true)
    const disputes = windowed.filter((c) => c.kind === 'dispute')
    const someType = disputes[0]?.dispute_type ?? 'labour'
    const mixed = await allPages(`service_code=complaint,dispute.${someType}`)
    expect(new Set(mixed.map((r) => r.service_code))).toEqual(new Set(['complaint', `dispute.${someType}`].filter((code) => mixed.some((r) => r.service_code === code))))
    expect(mixed.length).toBe(complaints.length + disputes.filter((c) => c.dispute_type === someType).length)
    const bad = await both('/open311/v2/requests?service_code=complaint,pothole', 'service_requests')
    expect(expectError(bad.json, bad.xml, 400)).toContain('service_code')
  })

  test('start_date and end_date: W3C datetimes, at most 90 days apart, one alone meaning 90 days from it', async () => {
    const end = new Date(now() - 20 * DAY)
    const start = new Date(now() - 80 * DAY)
    const exact = await allPages(`start_date=${start.toISOString()}&end_date=${end.toISOString()}`)
    expect(exact.map((r) => r.service_request_id).sort()).toEqual(inWindow(start.getTime(), end.getTime() + 1).map((c) => c.public_id).sort())
    // With an offset, its + unencoded (it arrives as a space) or encoded: the same instants.
    const shanghai = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00')
    const spaced = await allPages(`start_date=${shanghai(start).replace('+', '%2B')}&end_date=${shanghai(end).replace('+', '+')}`)
    expect(spaced.map((r) => r.service_request_id).sort()).toEqual(exact.map((r) => r.service_request_id).sort())
    // Dates alone are whole days of the jurisdiction (China Standard Time).
    const day = shanghai(start).slice(0, 10)
    const dayStart = Date.parse(`${day}T00:00:00+08:00`)
    const byDay = await allPages(`start_date=${day}&end_date=${day}`)
    expect(byDay.map((r) => r.service_request_id).sort()).toEqual(inWindow(dayStart, dayStart + DAY).map((c) => c.public_id).sort())
    // start_date alone: the 90 days from it; end_date alone: the 90 days before it.
    const s = now() - 200 * DAY
    const from = await allPages(`start_date=${new Date(s).toISOString()}`)
    expect(from.map((r) => r.service_request_id).sort()).toEqual(inWindow(s, s + 90 * DAY).map((c) => c.public_id).sort())
    const e = now() - 100 * DAY
    const until = await allPages(`end_date=${new Date(e).toISOString()}`)
    expect(until.map((r) => r.service_request_id).sort()).toEqual(inWindow(e + 1 - 90 * DAY, e + 1).map((c) => c.public_id).sort())
    for (const bad of [
      `start_date=${start.toISOString()}&end_date=${new Date(start.getTime() + 91 * DAY).toISOString()}`,
      `start_date=${end.toISOString()}&end_date=${start.toISOString()}`,
      'end_date=2026-02-30',
      'start_date=yesterday',
      'start_date=2026-01-01T10:00:00',
      'start_date=2026-13-01'
    ]) {
      const r = await both(`/open311/v2/requests?${bad}`, 'service_requests')
      expectError(r.json, r.xml, 400)
    }
  })

  test('service_request_id: a comma-separated list, the other parameters ignored; one request by its path', async () => {
    const ids = originals.slice(0, 3).map((c) => c.public_id)
    // Old cases, outside the default window, and a status filter that would exclude some: ids win.
    const { data, xmlDoc } = await both(`/open311/v2/requests?service_request_id=${ids.join(',')}&status=open&start_date=2001-01-01&end_date=2001-01-02`, 'service_requests')
    expect((data as Json[]).map((r) => r.service_request_id).sort()).toEqual([...ids].sort())
    expect(xmlDoc).toEqual({ request: asXmlText(data) })
    const missing = await both('/open311/v2/requests?service_request_id=nothing-here', 'service_requests')
    expect([missing.data, missing.xmlDoc]).toEqual([[], ''])
    const bad = await both('/open311/v2/requests?service_request_id=a/b', 'service_requests')
    expectError(bad.json, bad.xml, 400)
    const tooMany = await both(`/open311/v2/requests?service_request_id=${Array.from({ length: 101 }, (_, i) => `id${i}`).join(',')}`, 'service_requests')
    expectError(tooMany.json, tooMany.xml, 400)

    const one = await both(`/open311/v2/requests/${ids[0]}`, 'service_requests')
    expect(one.data).toHaveLength(1)
    expect(one.xmlDoc).toEqual({ request: asXmlText(one.data) })
    const none = await both('/open311/v2/requests/AAAAAAAAAAAAAAAA', 'service_requests')
    expectError(none.json, none.xml, 404)
  })

  test('ids are opaque and nothing personal is published: no names, phones, titles, descriptions or exact places', async () => {
    const mine = originals.find((c) => c.id === filed.id)!
    expect(mine.public_id).not.toBe(filed.trackingNo)
    const { data, json, xml } = await both(`/open311/v2/requests/${mine.public_id}`, 'service_requests')
    const [r] = data as Json[]
    expect(r).toMatchObject({ service_request_id: mine.public_id, service_code: 'complaint', status: 'open', description: null, lat: null, long: null, media_url: null, address_id: null, zipcode: null })
    // The place is the township's name, never the village or the address given.
    expect(typeof r.address).toBe('string')
    // Times to the day, in China time: the second someone was at the centre would tell a neighbour whose case it is.
    for (const when of [r.requested_datetime, r.updated_datetime, r.expected_datetime]) expect(when).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+08:00$/)
    for (const text of [json.text, xml.text]) {
      for (const secret of ['陈秀英', '13812345678', '东平村', '第三户', '路灯', filed.trackingNo, filed.id]) expect(text).not.toContain(secret)
    }
    // Tracking numbers and case ids open nothing.
    expect((await get(`/open311/v2/requests/${filed.trackingNo}.json`)).status).toBe(404)
    expect((await get(`/open311/v2/requests.json?service_request_id=${filed.id}`)).text).toBe('[]')
  })

  test('errors: read-only (405 with Allow), unknown paths and formats (404), in the caller language', async () => {
    const post = await get('/open311/v2/requests.json', { method: 'POST', body: 'service_code=complaint', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    const postXml = await get('/open311/v2/requests.xml', { method: 'POST' })
    expectError(post, postXml, 405)
    expect(post.headers.get('allow')).toBe('GET, HEAD')
    const head = await fetch(`${server.url}/open311/v2/services.xml`, { method: 'HEAD' })
    expect([head.status, await head.text()]).toEqual([200, ''])
    const unknown = await both('/open311/v2/tickets', 'errors')
    expectError(unknown.json, unknown.xml, 404)
    const csv = await get('/open311/v2/requests.csv')
    expect(csv.status).toBe(404)
    expect(JSON.parse(csv.text)).toEqual([{ code: 404, description: expect.any(String) }])
    // The description follows Accept-Language: Simplified Chinese by default, English when asked.
    const zh = JSON.parse((await get('/open311/v2/requests.json?status=maybe')).text)[0].description as string
    const en = JSON.parse((await get('/open311/v2/requests.json?status=maybe', { headers: { 'accept-language': 'en-GB,en;q=0.8' } })).text)[0].description as string
    expect(zh).toMatch(/状态（status）/)
    expect(en).toMatch(/Status \(status\)/)
    // The CORS header lets a browser-based Open311 client read the feed.
    expect((await get('/open311/v2/services.json')).headers.get('access-control-allow-origin')).toBe('*')
  })

  test('rate limited per client like every public read: a 429 in Open311 form', async () => {
    // The public limit of this server, lowered for the test: three reads a minute (the limiter reads it at each call).
    const limits = server.backend.services.settings.rateLimits
    const relaxed = limits.public
    limits.public = { attempts: 3, minutes: 1 }
    try {
      for (let i = 0; i < 3; i++) expect((await get('/open311/v2/services.json')).status).toBe(200)
      const json = await get('/open311/v2/requests.json')
      const xml = await get('/open311/v2/requests.xml')
      expectError(json, xml, 429)
      expect(json.headers.get('retry-after')).toBe('60')
    } finally {
      limits.public = relaxed
    }
  })
})

// ---------------------------------------------------------------------------------------------------------------------
// The `open311` cloud function, as WeChat's HTTP access service calls it.

interface AccessResponse {
  statusCode: number
  headers: Record<string, string>
  body: string
  isBase64Encoded: boolean
}
type AccessMain = ((event: unknown) => Promise<AccessResponse>) & { close(): Promise<void> }

const ROOT = path.resolve(__dirname, '../..')
const ENV_KEYS = ['WX_CONTEXT_KEYS', 'WX_OPENID', 'WX_APPID', 'TCB_ENV', 'DATABASE_URL', 'MINAN_DATA_DIR', 'NODE_ENV', 'MINAN_DEMO', 'MINAN_RATE_LIMITS']

describe.each(DATABASES)('the open311 cloud function behind the HTTP access service on %s', (kind: DbKind) => {
  const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-open311-'))
  const DATA = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-open311-data-'))
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]))
  let pg: { url: string; drop(): Promise<void> } | null = null
  let main: AccessMain

  const event = (pathname: string, query: Record<string, string> = {}, headers: Record<string, string> = {}, httpMethod = 'GET') => ({
    path: pathname,
    httpMethod,
    headers: { host: 'env-id.service.tcloudbase.com', 'x-forwarded-for': '203.0.113.7', ...headers },
    queryStringParameters: query,
    requestContext: { requestId: 'r1', envId: 'env-id', appId: 123456789, uin: 123456789 },
    body: '',
    isBase64Encoded: false
  })

  beforeAll(async () => {
    pg = kind === 'postgres' ? await createPgDatabase() : null
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-cloud.mjs'), '--out', OUT, '--only', 'open311,migrate'], { cwd: ROOT, encoding: 'utf8' })
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(OUT, 'node_modules'), 'dir')
    // The deployment: migrate once (with demo cases, so the feed has something to list), then the feed's calls. Public
    // reads limited to 5 a minute per client, to see the limit.
    for (const [key, value] of Object.entries({ NODE_ENV: 'test', DATABASE_URL: pg?.url, MINAN_DATA_DIR: DATA, MINAN_DEMO: '1', MINAN_RATE_LIMITS: 'public=5/1', WX_CONTEXT_KEYS: undefined, WX_OPENID: undefined, TCB_ENV: undefined })) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
    jest.spyOn(console, 'error').mockImplementation(() => undefined)
    let migrate: ((e: unknown) => Promise<{ ok: boolean }>) | undefined
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      migrate = require(path.join(OUT, 'migrate', 'index.js')).main
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      main = require(path.join(OUT, 'open311', 'index.js')).main
    })
    expect(await migrate!({})).toMatchObject({ ok: true })
    jest.restoreAllMocks()
  })
  beforeEach(() => void jest.spyOn(console, 'error').mockImplementation(() => undefined))
  afterEach(() => jest.restoreAllMocks())
  afterAll(async () => {
    await main?.close()
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
    await pg?.drop()
    fs.rmSync(OUT, { recursive: true, force: true })
    fs.rmSync(DATA, { recursive: true, force: true })
  })

  test('the built function: its own folder, no WeChat server API to declare, no region data', () => {
    expect(JSON.parse(fs.readFileSync(path.join(OUT, 'open311', 'package.json'), 'utf8'))).toMatchObject({ name: 'minan-open311', main: 'index.js' })
    expect(JSON.parse(fs.readFileSync(path.join(OUT, 'open311', 'config.json'), 'utf8'))).toEqual({})
    expect(fs.existsSync(path.join(OUT, 'open311', 'data'))).toBe(false)
    // It neither migrates nor seeds: the migrate function does, once per deployment.
    const code = fs.readFileSync(path.join(OUT, 'open311', 'index.js'), 'utf8')
    expect(code).not.toContain('0001_foundation')
    expect(code).not.toContain('regions-gd.tsv')
  })

  test('integration requests answered in both formats, errors in Open311 form, rate limited per client', async () => {
    const services = await main(event('/open311/v2/services.xml'))
    expect(services).toMatchObject({ statusCode: 200, isBase64Encoded: false, headers: { 'content-type': 'text/xml; charset=utf-8', 'access-control-allow-origin': '*' } })
    expect((parseXml(services.body).services as Json).service).toEqual(expect.arrayContaining([expect.objectContaining({ service_code: 'dispute.labour', metadata: 'false' })]))

    const requests = await main(event('/open311/v2/requests.json', { status: 'open,closed', page_size: '3' }))
    // A parameter the access service passes as a list is one comma-separated list.
    const listed = await main(event('/open311/v2/requests.json', { status: ['open', 'closed'] as never, page_size: '3' }, { 'x-forwarded-for': '192.0.2.3' }))
    expect(listed.body).toBe(requests.body)
    expect(requests.statusCode).toBe(200)
    const list = JSON.parse(requests.body) as Json[]
    expect(list).toHaveLength(3)
    expect(Object.keys(list[0])).toEqual(REQUEST_FIELDS)
    expect(requests.headers.link).toMatch(/^<https:\/\/env-id\.service\.tcloudbase\.com\/open311\/v2\/requests\.json\?status=open%2Cclosed&page_size=3&page=2>; rel="next"$/)

    const discovery = await main(event('/open311/discovery.json'))
    expect(JSON.parse(discovery.body).endpoints[0].url).toBe('https://env-id.service.tcloudbase.com/open311/v2')

    const bad = await main(event('/open311/v2/requests.xml', { start_date: 'soon' }, { 'accept-language': 'en' }))
    expect(bad.statusCode).toBe(400)
    expect(parseXml(bad.body)).toEqual({ errors: { error: [{ code: '400', description: expect.stringContaining('start_date') }] } })

    // Five public reads a minute from this client (set above): four so far; the fifth passes, the sixth is refused.
    expect((await main(event('/open311/v2/services.json'))).statusCode).toBe(200)
    const limited = await main(event('/open311/v2/services.json'))
    expect(limited.statusCode).toBe(429)
    expect(JSON.parse(limited.body)).toEqual([{ code: 429, description: expect.any(String) }])
    // Another client (the access service's address for it) is not.
    expect((await main(event('/open311/v2/services.json', {}, { 'x-forwarded-for': '198.51.100.9' }))).statusCode).toBe(200)
  })

  test('read-only, and only for HTTP access calls', async () => {
    const post = await main(event('/open311/v2/requests.json', {}, { 'x-forwarded-for': '192.0.2.1' }, 'POST'))
    expect(post.statusCode).toBe(405)
    expect(post.headers.allow).toBe('GET, HEAD')
    expect(JSON.parse(post.body)).toEqual([{ code: 405, description: expect.any(String) }])
    // A call from the mini-program (wx.cloud.callFunction) is no HTTP request: a 400 in Open311 form, no data.
    const direct = await main({ action: 'list' })
    expect(direct.statusCode).toBe(400)
    expect(JSON.parse(direct.body)).toEqual([{ code: 400, description: expect.any(String) }])
    const outside = await main(event('/api/petition', {}, { 'x-forwarded-for': '192.0.2.2' }))
    expect(outside.statusCode).toBe(404)
  })
})
