/** The foundation through the real HTTP server, on every configured database. */
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import type { Me, Region, RegionWithPath } from '../../types/api'

describe.each(DATABASES)('foundation on %s', (kind) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer(kind)
  })
  afterAll(async () => server.close())

  test('health names the version and the database kind', async () => {
    const response = await fetch(`${server.url}/api/health`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true, data: { status: 'ok', version: '0.1.0', database: kind } })
  })

  describe('regions', () => {
    test('Guangdong has 21 cities, and the real tree below them', async () => {
      const cities = await server.call<Region[]>('regions', 'children', { code: '44' })
      expect(cities.ok && cities.data.length).toBe(21)
      const huizhou = cities.ok ? cities.data.find((c) => c.code === '4413') : undefined
      expect(huizhou).toEqual({ code: '4413', name: '惠州市', level: 'city', parentCode: '44' })
    })

    test('counts per level match the real data: 124 counties, 1,757 townships, 26,842 villages', async () => {
      const db = server.backend.services.db
      const rows = await db.selectFrom('regions').select(['level', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('level').execute()
      expect(Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]))).toEqual({ province: 1, city: 21, county: 124, township: 1757, village: 26842 })
    })

    test('a village comes with its path from the province down', async () => {
      const result = await server.call<RegionWithPath>('regions', 'get', { code: '441302001200' })
      expect(result.ok).toBe(true)
      if (!result.ok) return
      expect(result.data.name).toBe('东平村民委员会')
      expect(result.data.path.map((r) => r.name)).toEqual(['广东省', '惠州市', '惠城区', '桥东街道'])
    })

    test('東莞 has townships straight under its pseudo-county, and they resolve', async () => {
      const result = await server.call<Region[]>('regions', 'children', { code: '441900' })
      expect(result.ok && result.data.length).toBeGreaterThan(20)
    })

    test('search by name finds villages, prefix matches first, and treats % and _ literally', async () => {
      const found = await server.call<RegionWithPath[]>('regions', 'search', { q: '东平村', level: 'village', limit: 5 })
      expect(found.ok && found.data.length).toBeGreaterThan(0)
      if (found.ok) for (const r of found.data) expect(r.name).toContain('东平村')
      const wild = await server.call<RegionWithPath[]>('regions', 'search', { q: '%' })
      expect(wild).toEqual({ ok: true, data: [] })
      const within = await server.call<RegionWithPath[]>('regions', 'search', { q: '社区', within: '441302001', limit: 50 })
      expect(within.ok && within.data.every((r) => r.code.startsWith('441302001'))).toBe(true)
    })

    test('an unknown code is REGION_NOT_FOUND with 404', async () => {
      const { status, body } = await server.post('regions', { action: 'get', input: { code: '441399999999' } })
      expect(status).toBe(404)
      expect(body).toMatchObject({ ok: false, error: { code: 'REGION_NOT_FOUND', field: 'code' } })
    })
  })

  describe('identity and demo accounts', () => {
    test('demo accounts list every role with its region', async () => {
      const result = await server.call<{ account: string; role: string; regionName: string | null }[]>('auth', 'demoAccounts')
      expect(result.ok).toBe(true)
      if (!result.ok) return
      const roles = new Set(result.data.map((a) => a.role))
      expect([...roles].sort()).toEqual(['admin', 'centre_staff', 'counsellor', 'grid_worker', 'legal_advisor', 'mediator', 'resident'])
      expect(result.data.find((a) => a.account === 'centre-huang')?.regionName).toBe('桥东街道')
    })

    test('sign in, read my profile, set my village', async () => {
      const token = await server.signIn('resident-li')
      const me = await server.call<Me>('auth', 'me', {}, token)
      expect(me.ok && me.data.displayName).toBe('李建国')
      const set = await server.call<Me>('auth', 'setHomeRegion', { code: '441302001200' }, token)
      expect(set.ok && set.data.homeRegion).toEqual({ code: '441302001200', name: '东平村民委员会', pathNames: ['惠州市', '惠城区', '桥东街道', '东平村民委员会'] })
    })

    test('a village that does not exist is refused and nothing changes', async () => {
      const token = await server.signIn('resident-chen')
      const refused = await server.call('auth', 'setHomeRegion', { code: '441302001999' }, token)
      expect(refused).toMatchObject({ ok: false, error: { code: 'REGION_NOT_FOUND' } })
      const me = await server.call<Me>('auth', 'me', {}, token)
      expect(me.ok && me.data.homeRegion?.code).toBe('441302001200')
    })

    test('without a token, a signed-in action is UNAUTHENTICATED; a forged token too', async () => {
      expect((await server.post('auth', { action: 'me', input: {} })).status).toBe(401)
      const token = await server.signIn('resident-li')
      const forged = token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
      expect((await server.call('auth', 'me', {}, forged))).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    })

    test('an unknown demo account is ACCOUNT_NOT_FOUND', async () => {
      expect(await server.call('auth', 'demoSignIn', { account: 'nobody' })).toMatchObject({ ok: false, error: { code: 'ACCOUNT_NOT_FOUND', field: 'account' } })
    })
  })

  describe('bad input: its own code, a clear message, no stack', () => {
    const cases: [string, () => Promise<{ status: number; body: unknown }>, string, number][] = [
      ['unknown function', () => server.post('nope', { action: 'x' }), 'UNKNOWN_FUNCTION', 404],
      ['unknown action', () => server.post('regions', { action: 'drop' }), 'UNKNOWN_ACTION', 400],
      ['inherited property as action', () => server.post('regions', { action: 'toString' }), 'UNKNOWN_ACTION', 400],
      ['prototype key as function', () => server.post('__proto__', { action: 'get' }), 'UNKNOWN_FUNCTION', 404],
      ['malformed JSON', () => server.post('regions', '{"action":'), 'MALFORMED_JSON', 400],
      ['a body that is not an object', () => server.post('regions', '[1,2]'), 'WRONG_TYPE', 400],
      ['unknown top-level field', () => server.post('regions', { action: 'get', input: { code: '44' }, admin: true }), 'UNKNOWN_FIELD', 400],
      ['unknown input field', () => server.post('regions', { action: 'get', input: { code: '44', __proto__x: 1 } }), 'UNKNOWN_FIELD', 400],
      ['prototype pollution key', () => server.post('regions', '{"action":"get","input":{"code":"44","__proto__":{"admin":true}}}'), 'UNKNOWN_FIELD', 400],
      ['missing field', () => server.post('regions', { action: 'get', input: {} }), 'MISSING_FIELD', 400],
      ['wrong type', () => server.post('regions', { action: 'get', input: { code: 4413 } }), 'WRONG_TYPE', 400],
      ['invalid value', () => server.post('regions', { action: 'get', input: { code: '11' } }), 'INVALID_VALUE', 400],
      ['bad request id', () => server.post('regions', { action: 'get', input: { code: '44' }, requestId: 'x' }), 'INVALID_VALUE', 400]
    ]
    test.each(cases)('%s', async (_name, send, code, status) => {
      const response = await send()
      expect(response.status).toBe(status)
      expect(response.body).toMatchObject({ ok: false, error: { code, message: expect.any(String) } })
      expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts:\d+|Error:/)
    })

    test('a body over 1 MB is BODY_TOO_LARGE with 413', async () => {
      const big = JSON.stringify({ action: 'search', input: { q: 'x'.repeat(1024 * 1024 + 10) } })
      const response = await server.post('regions', big)
      expect(response.status).toBe(413)
      expect(response.body).toMatchObject({ ok: false, error: { code: 'BODY_TOO_LARGE' } })
    })

    test('a non-JSON content type is refused; GET on a function is 405', async () => {
      const text = await fetch(`${server.url}/api/regions`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })
      expect(text.status).toBe(415)
      const get = await fetch(`${server.url}/api/regions`)
      expect(get.status).toBe(405)
    })

    test('messages follow the language asked for', async () => {
      const en = await server.post('regions', { action: 'get', input: {}, locale: 'en' })
      expect(en.body).toMatchObject({ error: { code: 'MISSING_FIELD', field: 'code', message: 'Please fill in "Place".' } })
      const hk = await server.post('regions', { action: 'get', input: {}, locale: 'zh-HK' })
      expect(hk.body).toMatchObject({ error: { message: '請填寫「地區」。' } })
    })
  })
})

test('demo sign-in is refused in production, and production needs a session secret', async () => {
  const { loadConfig } = await import('../../cloud/config')
  expect(() => loadConfig({ NODE_ENV: 'production' } as NodeJS.ProcessEnv)).toThrow(/MINAN_SESSION_SECRET/)
  const server = await startTestServer('sqlite', { config: { demo: false, production: true } })
  try {
    expect(await server.call('auth', 'demoSignIn', { account: 'admin' })).toMatchObject({ ok: false, error: { code: 'DEMO_DISABLED' } })
    expect(await server.call('auth', 'demoAccounts')).toEqual({ ok: true, data: [] })
  } finally {
    await server.close()
  }
})
