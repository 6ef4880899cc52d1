/**
 * The raw HTTP layer under hostile bytes, from a plain TCP socket on 127.0.0.1: malformed request lines, targets that
 * cannot be decoded or parsed, odd Host headers, broken chunked encodings, NUL bytes, very long targets, conflicting
 * lengths. Each gets a 4xx (an envelope where the request got far enough to have one, never a stack) or a closed
 * connection, and after each the same process still answers /api/health. Bounded: a fixed list plus a seeded sample,
 * each exchange cut off after a few seconds.
 */
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { startTestServer, type TestServer } from '../support/backend'
import { ERROR_CODES } from '../../types/errors'

interface Exchange {
  /** The status of the first response, or null when the server closed the connection without one. */
  status: number | null
  raw: string
}

/** Writes `bytes` to a fresh connection and reads until the server closes it or `ms` pass (then it is closed here). */
function exchange(port: number, bytes: Buffer | string, ms = 3000): Promise<Exchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    const socket = net.connect({ host: '127.0.0.1', port })
    const done = () => {
      clearTimeout(timer)
      socket.destroy()
      const raw = Buffer.concat(chunks).toString('latin1')
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(raw)
      resolve({ status: m ? Number(m[1]) : null, raw })
    }
    const timer = setTimeout(done, ms)
    socket.on('data', (c) => chunks.push(c))
    socket.on('error', done)
    socket.on('close', done)
    socket.write(bytes)
  })
}

/** The envelope of a raw response, when it has a JSON body. */
function envelopeOf(raw: string): { ok: boolean; error?: { code: string; message: string } } | null {
  const body = raw.split('\r\n\r\n').slice(1).join('\r\n\r\n')
  try {
    return JSON.parse(body) as never
  } catch {
    return null
  }
}

const json = '{"action":"get","input":{"code":"44"}}'
const post = (target: string, extra = '', body = json) => `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}Connection: close\r\n\r\n${body}`
const get = (target: string, extra = '') => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}Connection: close\r\n\r\n`

/** Hand-picked hostile requests: each one either ended the process, or is a classic of request smuggling and parsing. */
const CASES: [string, string | Buffer][] = [
  ['bad percent-encoding in the function name', post('/api/%E0%A4%A')],
  ['a byte that is not UTF-8 in the function name', post('/api/%FF')],
  ['a lone percent sign', post('/api/%')],
  ['an encoded slash and dots', post('/api/..%2F..%2Fetc%2Fpasswd')],
  ['absolute-form target with a broken host', get('http://[')],
  ['absolute-form target with a broken host, POST', post('http://[/api/regions')],
  ['absolute-form target to another host', post('http://evil.example/api/regions')],
  ['absolute-form target with a port out of range', get('http://localhost:99999/api/health')],
  ['asterisk-form target', 'OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'],
  ['authority-form target', 'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'],
  ['a target without a leading slash', get('api/health')],
  ['a scheme-relative target', get('//evil.example/api/health')],
  ['bad percent-encoding in a static path', get('/%E0%A4%A')],
  ['bad percent-encoding in the query of open311', get('/open311/v2/requests.json?status=%FF%FE&start_date=%')],
  ['bad percent-encoding in a photo link', get('/api/files/abcdefghijkl?exp=%ZZ&sig=%E0%A4')],
  ['a NUL byte in the target', get('/api/health\u0000')],
  ['a NUL byte in a header value', get('/api/health', 'X-Evil: a\u0000b\r\n')],
  ['a NUL byte in the body', post('/api/regions', '', '{"action":"get","input":{"code":"44\u0000"}}')],
  ['a control character in the method', 'GE\u0001T /api/health HTTP/1.1\r\nHost: x\r\n\r\n'],
  ['a garbage request line', 'HELLO\r\n\r\n'],
  ['an HTTP/0.9 request', 'GET /api/health\r\n\r\n'],
  ['an unknown HTTP version', 'GET /api/health HTTP/9.9\r\nHost: x\r\n\r\n'],
  ['a lone LF between headers', 'GET /api/health HTTP/1.1\nHost: x\n\n'],
  ['a header without a colon', get('/api/health', 'NoColonHere\r\n')],
  ['a header name with a space', get('/api/health', 'Bad Name: x\r\n')],
  ['an obsolete folded header', get('/api/health', 'X-Long: a\r\n folded\r\n')],
  ['no Host header', 'GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n'],
  ['two Host headers', get('/api/health', 'Host: evil.example\r\n')],
  ['a Host header with a broken address', get('/api/health', '').replace('Host: 127.0.0.1', 'Host: [::1')],
  ['a Host header with a space and a path', get('/api/health').replace('Host: 127.0.0.1', 'Host: a b/c')],
  ['a Host header of 10,000 bytes', get('/api/health').replace('Host: 127.0.0.1', `Host: ${'h'.repeat(10_000)}`)],
  ['a target of 100,000 bytes', get(`/api/${'a'.repeat(100_000)}`)],
  ['a target of 8,000 percent-encodings', post(`/api/${'%FF'.repeat(8000)}`)],
  ['100,000 bytes of headers', get('/api/health', `X-Pad: ${'p'.repeat(100_000)}\r\n`)],
  ['3,000 headers', get('/api/health', Array.from({ length: 3000 }, (_, i) => `X-${i}: v\r\n`).join(''))],
  ['two equal Content-Length headers', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${json.length}\r\nContent-Length: ${json.length}\r\n\r\n${json}`],
  ['two different Content-Length headers', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nContent-Length: ${json.length}\r\n\r\n${json}`],
  ['a Content-Length list', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${json.length}, ${json.length}\r\n\r\n${json}`],
  ['a negative Content-Length', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n${json}`],
  ['a Content-Length that is not a number', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1e3\r\n\r\n${json}`],
  ['a Content-Length beyond 2^64', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999999999999999999\r\n\r\n${json}`],
  ['a Content-Length longer than the body', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\nConnection: close\r\n\r\n${json}`],
  ['Content-Length and Transfer-Encoding together', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
  ['Transfer-Encoding twice', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
  ['Transfer-Encoding gzip, chunked', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n`],
  ['Transfer-Encoding chunked, identity', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n`],
  ['Transfer-Encoding with an odd spelling', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n`],
  ['a chunk size that is not hex', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n`],
  ['a chunk size beyond 2^64', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFF\r\nhello\r\n0\r\n\r\n`],
  ['a chunk announcing 2 GB', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n80000000\r\n${'{'.repeat(2000)}`],
  ['a chunk shorter than its size', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nhi\r\n0\r\n\r\n`],
  ['a negative chunk size', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n`],
  ['a chunk extension and a trailer', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${json.length.toString(16)};ext=1\r\n${json}\r\n0\r\nX-Trailer: a\r\nContent-Length: 9\r\n\r\n`],
  ['a malformed trailer', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${json.length.toString(16)}\r\n${json}\r\n0\r\nno colon\r\n\r\n`],
  ['a chunked body over the limit', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${Array.from({ length: 40 }, () => `8000\r\n${' '.repeat(0x8000)}\r\n`).join('')}0\r\n\r\n`],
  ['a smuggled second request after a short Content-Length', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}GET /%FF HTTP/1.1\r\nHost: x\r\n\r\n`],
  ['a pipelined bad request after a good one', `${get('/api/health').replace('Connection: close\r\n', '')}GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n`],
  ['an Expect: 100-continue with a huge length', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 999999999\r\n\r\n`],
  ['an Expect header with an unknown value', `POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 42-something\r\nContent-Length: 2\r\n\r\n{}`],
  ['a body that is not UTF-8', Buffer.concat([Buffer.from(`POST /api/regions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 6\r\nConnection: close\r\n\r\n`), Buffer.from([0x22, 0xff, 0xfe, 0xc0, 0x80, 0x22])])],
  ['a lone surrogate escape in the body', post('/api/regions', '', '{"action":"search","input":{"q":"\\ud800"}}')],
  ['a multipart upload with a broken boundary', `POST /api/upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=\r\nContent-Length: 4\r\nConnection: close\r\n\r\n----`],
  ['a multipart upload with no boundary', `POST /api/upload HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data\r\nContent-Length: 4\r\nConnection: close\r\n\r\n----`],
  ['an Authorization header of 10,000 bytes', post('/api/auth', `Authorization: Bearer ${'A'.repeat(10_000)}\r\n`, '{"action":"me","input":{}}')],
  ['an Accept-Language header of odd bytes', get('/api/health', 'Accept-Language: \u00ff\u00fe,,,;q=x\r\n')],
  ['an X-Forwarded-For header of junk', get('/api/health', 'X-Forwarded-For: [,,::%%\r\n')],
  ['bytes that are not HTTP', Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03])],
  ['an HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n']
]

/** Request lines and headers made of random bytes around the shapes above. */
const randomRequest = fc
  .tuple(
    fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'OPTIONS', 'G\u0000T', ''),
    fc.oneof(
      fc.constantFrom('/api/regions', '/api/health', '/open311/v2/requests.json', '/api/upload', '/api/files/abcdefghijkl', '/', 'http://[', '*'),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fc.constantFrom('%', '%F', '%FF', '%E0%A4', '%00', '/', '..', '?', '#', '[', ']', '@', ':', 'a', '中'), { maxLength: 60 }).map((parts) => `/api/${parts.join('')}`)
    ),
    fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/1.', 'HTTP/2', ''),
    fc.array(fc.tuple(fc.constantFrom('Host', 'Content-Length', 'Transfer-Encoding', 'Content-Type', 'Accept-Language', 'Authorization', 'X-Forwarded-For', 'Expect'), fc.string({ unit: 'binary', maxLength: 60 })), { maxLength: 6 }),
    fc.string({ unit: 'binary', maxLength: 300 })
  )
  .map(([method, target, version, headers, body]) => `${method} ${target} ${version}\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}Connection: close\r\n\r\n${body}`)

describe('the raw HTTP layer', () => {
  let server: TestServer
  let port: number
  beforeAll(async () => {
    server = await startTestServer('sqlite')
    port = Number(new URL(server.url).port)
  })
  afterAll(async () => server.close())

  async function stillAnswers(): Promise<void> {
    const health = await fetch(`${server.url}/api/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ ok: true, data: { status: 'ok' } })
  }

  function expectHarmless(reply: Exchange): void {
    // A 2xx for what the parser could read as a sane request, a 4xx otherwise, or the connection closed: never a 5xx.
    if (reply.status !== null) expect(reply.status).toBeLessThan(500)
    expect(reply.raw).not.toMatch(/at .*\.(ts|js):\d+|TypeError|URIError|RangeError/)
    const envelope = envelopeOf(reply.raw)
    if (envelope && envelope.ok === false) expect(ERROR_CODES).toContain(envelope.error!.code)
  }

  test.each(CASES)('%s: no 5xx, no stack, and the server answers /api/health after it', async (_name, bytes) => {
    const reply = await exchange(port, bytes)
    expectHarmless(reply)
    await stillAnswers()
  })

  test('a target that cannot be decoded is a 4xx in the envelope', async () => {
    for (const target of ['/api/%E0%A4%A', '/api/%FF', '/api/%']) {
      const reply = await exchange(port, post(target))
      expect(reply.status).toBe(404)
      expect(envelopeOf(reply.raw)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FUNCTION' } })
    }
    const absolute = await exchange(port, get('http://['))
    expect(absolute.status).toBe(400)
    expect(envelopeOf(absolute.raw)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  })

  test('what the HTTP parser refuses is a 4xx in the envelope, and the connection is closed', async () => {
    const reply = await exchange(port, get('/api/health\u0000'))
    expect(reply.status).toBe(400)
    expect(reply.raw).toMatch(/\r\nconnection: close\r\n/i)
    expect(envelopeOf(reply.raw)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    const headers = await exchange(port, get('/api/health', `X-Pad: ${'p'.repeat(100_000)}\r\n`))
    expect(headers.status).toBe(431)
  })

  test('200 random requests: never a 5xx or a stack, and the server answers /api/health after them', async () => {
    await fc.assert(
      fc.asyncProperty(randomRequest, async (request) => {
        expectHarmless(await exchange(port, Buffer.from(request, 'latin1'), 2000))
      }),
      { numRuns: 200, seed: 12 }
    )
    await stillAnswers()
  })
})

describe('the cloud-function entry', () => {
  const ENV_KEYS = ['WX_CONTEXT_KEYS', 'WX_OPENID', 'WX_APPID', 'TCB_ENV', 'DATABASE_URL', 'MINAN_DATA_DIR', 'NODE_ENV', 'MINAN_SESSION_SECRET']
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]))
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-fuzz-cf-'))
  let mains: ((event: unknown, context?: unknown) => Promise<unknown>)[] = []
  let close: () => Promise<void>

  beforeAll(async () => {
    Object.assign(process.env, { NODE_ENV: 'test', MINAN_DATA_DIR: dir, WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: 'oMinanFuzz', WX_APPID: 'wx00000000minan00', TCB_ENV: 'minan-test' })
    delete process.env.DATABASE_URL
    delete process.env.MINAN_SESSION_SECRET
    const { createMain } = await import('../../cloud/transports/wechat/entry')
    const { registry } = await import('../../cloud/handlers')
    // A function's first call never migrates: the deployment's migrate step has run before.
    const { startBackend } = await import('../../cloud/bootstrap')
    const { cloudConfig } = await import('../../cloud/transports/wechat/config')
    await (await startBackend({ config: cloudConfig(process.env) })).close()
    mains = (['regions', 'petition', 'auth', 'legal'] as const).map((fn) => createMain(fn, { [fn]: registry[fn] }))
    close = (mains[0] as unknown as { close(): Promise<void> }).close
  })
  // The entry logs what it refused; the log is not what this test reads.
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined))
  afterEach(() => jest.restoreAllMocks())
  afterAll(async () => {
    await close?.()
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const throwing = () => {
    const o: Record<string, unknown> = { action: 'get' }
    Object.defineProperty(o, 'input', { enumerable: true, get: () => { throw new Error('boom') } })
    return o
  }
  const circular = () => {
    const o: Record<string, unknown> = { action: 'search', input: { q: '村' } }
    ;(o.input as Record<string, unknown>).self = o
    return o
  }
  const trap = () => new Proxy({}, { ownKeys: () => { throw new Error('trap') }, get: () => { throw new Error('trap') } })
  /** What a caller can send: JSON. */
  const sendable: fc.Arbitrary<unknown> = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    fc.record({ action: fc.constantFrom('get', 'search', 'file', 'ask', 'me', 'demoSignIn'), input: fc.jsonValue({ maxDepth: 3 }), locale: fc.jsonValue({ maxDepth: 1 }), userInfo: fc.jsonValue({ maxDepth: 1 }) }),
    fc.constantFrom<unknown>(null, '', 'x'.repeat(100_000), 0, [], [[[]]], { action: 'search', input: { q: '\ud800' } }, { action: 'get', input: { code: '44', __proto__: { admin: true } } })
  )
  /** What no platform delivers, but the entry must survive all the same. */
  const exotic: fc.Arbitrary<unknown> = fc.oneof(
    fc.anything({ maxDepth: 3 }),
    fc.constantFrom<unknown>(undefined, NaN, Symbol('s'), () => 1),
    fc.constant(null).map(throwing),
    fc.constant(null).map(circular),
    fc.constant(null).map(trap)
  )

  test('300 hostile events: always an envelope, never a throw; never INTERNAL for JSON a caller can send', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.oneof(sendable.map((e) => [true, e] as const), exotic.map((e) => [false, e] as const)), async (which, [json, event]) => {
        const reply = (await mains[which](event, {})) as { ok: boolean; error?: { code: string; message: string } }
        expect(typeof reply).toBe('object')
        if (reply.ok) return
        expect(ERROR_CODES).toContain(reply.error!.code)
        expect(typeof reply.error!.message).toBe('string')
        if (json) expect(reply.error!.code).not.toBe('INTERNAL')
      }),
      { numRuns: 300, seed: 1212 }
    )
  })

  test('a megabyte in a text field of a signed-in action is BODY_TOO_LARGE, measured only up to the limit', async () => {
    const petition = mains[1]
    const reply = await petition({ action: 'file', input: { title: '路灯', description: '灯'.repeat(1024 * 1024) } }, {})
    expect(reply).toMatchObject({ ok: false, error: { code: 'BODY_TOO_LARGE' } })
  })
})
