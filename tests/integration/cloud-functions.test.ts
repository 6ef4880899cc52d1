/**
 * The built WeChat cloud functions (cloudfunctions/<fn>/index.js from `npm run build:cloud`), loaded the way
 * the cloud loads them: a fresh module registry per container, the caller's OPENID in the environment as
 * wx-server-sdk reads it, on a fresh SQLite directory and, where MINAN_TEST_PG_URL is set, a fresh PostgreSQL database.
 */
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createPgDatabase, DATABASES } from '../support/backend'
import type { Envelope, Me, Region } from '../../types/api'
import { ERROR_MESSAGES, errorMessage } from '../../types/errors'

type CloudMain = ((event: unknown, context?: unknown) => Promise<Envelope<unknown>>) & { close(): Promise<void> }

const ROOT = path.resolve(__dirname, '../..')
const bundlePath = (fn: string) => path.join(ROOT, 'cloudfunctions', fn, 'index.js')

/** What the cloud runtime puts in process.env for one invocation from the mini-program; wx-server-sdk's getWXContext reads it. */
function wxCallerEnv(openid: string | null): Record<string, string | undefined> {
  if (!openid) return { WX_CONTEXT_KEYS: undefined, WX_OPENID: undefined, WX_APPID: undefined }
  return { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: openid, WX_APPID: 'wx00000000minan00', TCB_ENV: 'minan-test' }
}

const ENV_KEYS = ['WX_CONTEXT_KEYS', 'WX_OPENID', 'WX_APPID', 'TCB_ENV', 'DATABASE_URL', 'MINAN_DATA_DIR', 'NODE_ENV', 'MINAN_SESSION_SECRET']
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]))
function setEnv(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
}

/** One container: the bundle required into a module registry of its own, as a cold start does. */
function loadFunction(fn: string): CloudMain {
  let main: CloudMain | undefined
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    main = require(bundlePath(fn)).main
  })
  if (typeof main !== 'function') throw new Error(`${bundlePath(fn)} exports no main`)
  return main
}


/** A fresh database for one describe block, named to the functions through the environment as in the cloud. */
async function emptyDatabase(kind: 'sqlite' | 'postgres'): Promise<{ env: Record<string, string | undefined>; drop(): Promise<void> }> {
  if (kind === 'postgres') {
    const pg = await createPgDatabase('minan_cf')
    return { env: { DATABASE_URL: pg.url, MINAN_DATA_DIR: undefined }, drop: pg.drop }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-cf-'))
  return { env: { DATABASE_URL: undefined, MINAN_DATA_DIR: dir }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) }
}

/** The deployment's migrate step, as the operator runs it from the console: no caller. */
async function runMigrate(env: Record<string, string | undefined>): Promise<Envelope<unknown>> {
  setEnv({ ...env, ...wxCallerEnv(null) })
  return loadFunction('migrate')({}, {})
}

/** A fresh database the migrate function has brought to this build's schema, as after a deployment. */
async function freshDatabase(kind: 'sqlite' | 'postgres'): Promise<{ env: Record<string, string | undefined>; drop(): Promise<void> }> {
  const db = await emptyDatabase(kind)
  const migrated = await runMigrate(db.env)
  if (!migrated.ok) throw new Error(`migrate: ${JSON.stringify(migrated.error)}`)
  return db
}

let logged: string[] = []
beforeAll(() => {
  const t0 = Date.now()
  const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-cloud.mjs')], { cwd: ROOT, encoding: 'utf8' })
  console.log(`npm run build:cloud (${Date.now() - t0} ms)\n${out.trim()}`)
})
beforeEach(() => {
  logged = []
  // The functions log JSON lines to stderr; keep them for assertions instead of the test output.
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')))
  setEnv({ NODE_ENV: 'test', MINAN_SESSION_SECRET: undefined, TCB_ENV: undefined })
})
afterEach(() => jest.restoreAllMocks())
afterAll(() => setEnv(savedEnv))

describe('the build', () => {
  test('makes one function per API function, each a self-contained folder the cloud can install', () => {
    for (const fn of ['regions', 'auth']) {
      const dir = path.dirname(bundlePath(fn))
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
      const rootPkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
      expect(pkg).toMatchObject({ main: 'index.js', dependencies: { 'wx-server-sdk': '4.0.2', pg: rootPkg.dependencies.pg, sharp: rootPkg.dependencies.sharp } })
      expect(Object.keys(pkg.dependencies).sort()).toEqual(['pg', 'sharp', 'wx-server-sdk'])
      // The region data is seeded by the migrate function alone; an API function never reads it.
      expect(fs.existsSync(path.join(dir, 'data'))).toBe(false)
      const code = fs.readFileSync(bundlePath(fn), 'utf8')
      // Only the platform SDK, database drivers and sharp stay outside; the native modules are required only when used.
      const required = new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]).filter((m) => !m.startsWith('node:')))
      expect([...required].filter((m) => m !== 'sharp').sort()).toEqual(['better-sqlite3', 'pg', 'wx-server-sdk'])
    }
    const data = fs.readFileSync(path.join(ROOT, 'cloudfunctions', 'migrate', 'data', 'regions-gd.tsv'))
    expect(data.equals(fs.readFileSync(path.join(ROOT, 'cloud/seed/data/regions-gd.tsv')))).toBe(true)
  })

  test('each config.json declares the server APIs its bundle calls, and the timer its trigger', () => {
    const config = (fn: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions', fn, 'config.json'), 'utf8'))
    const openapi = (fn: string): string[] => config(fn).permissions?.openapi ?? []
    // Filing checks its text (msgSecCheck) and photos (mediaCheckAsync) and tells the person of progress (subscribeMessage).
    expect(openapi('petition')).toEqual(expect.arrayContaining(['security.msgSecCheck', 'security.mediaCheckAsync', 'subscribeMessage.send']))
    expect(openapi('legal')).toEqual(expect.arrayContaining(['security.msgSecCheck', 'subscribeMessage.send']))
    expect(openapi('counselling')).toEqual(expect.arrayContaining(['security.msgSecCheck', 'subscribeMessage.send']))
    // Inviting the other party of a dispute makes a mini-program code (issue #17): on accepting (petition) and on asking again (parties).
    expect(openapi('petition')).toContain('wxacode.getUnlimited')
    expect(openapi('parties')).toContain('wxacode.getUnlimited')
    // A function that shows nothing from one person to another and sends nothing asks for nothing.
    expect(openapi('regions')).toEqual([])
    expect(openapi('migrate')).toEqual([])
    // The timer sends reminders and asks again for image checks that could not be asked at upload.
    expect(config('reminders')).toMatchObject({ permissions: { openapi: expect.arrayContaining(['subscribeMessage.send', 'security.mediaCheckAsync']) }, triggers: [{ name: 'bookingJobs', type: 'timer' }] })
    for (const fn of fs.readdirSync(path.join(ROOT, 'cloudfunctions'))) {
      for (const api of openapi(fn)) expect(['subscribeMessage.send', 'security.msgSecCheck', 'security.mediaCheckAsync', 'wxacode.getUnlimited']).toContain(api)
      if (fn !== 'reminders') expect(config(fn).triggers).toBeUndefined()
    }
  })

  test('each bundle holds its own handlers: no migrations, no seeds, no other function', () => {
    const code = (fn: string) => fs.readFileSync(bundlePath(fn), 'utf8')
    // Migration names and the seed's data file name appear only in the migrate function.
    expect(code('migrate')).toContain('0001_foundation')
    expect(code('migrate')).toContain('regions-gd.tsv')
    for (const fn of ['regions', 'auth', 'petition', 'legal', 'counselling', 'reminders']) {
      expect(code(fn)).not.toContain('0001_foundation')
      expect(code(fn)).not.toContain('regions-gd.tsv')
    }
    // Kysely's migration-only parts (schema builders, Migrator, MERGE, …) are stand-ins outside `migrate`.
    expect(code('regions')).toContain('is left out of this cloud function')
    expect(code('migrate')).not.toContain('is left out of this cloud function')
    // The regions function is far smaller than the one that files petitions: it does not carry filing.
    expect(fs.statSync(bundlePath('regions')).size).toBeLessThan(fs.statSync(bundlePath('petition')).size)
  })

  test('a bundle loads cold without better-sqlite3 or sharp, and its cold require time is measured', () => {
    const probe = `
      const Module = require('module')
      const resolve = Module._resolveFilename
      Module._resolveFilename = function (request, ...rest) {
        if (request === 'better-sqlite3' || request === 'sharp') throw new Error(request + ' was required at load time')
        return resolve.call(this, request, ...rest)
      }
      const t0 = process.hrtime.bigint()
      const fn = require(process.argv[1])
      const ms = Number(process.hrtime.bigint() - t0) / 1e6
      if (typeof fn.main !== 'function') throw new Error('no main')
      process.stdout.write(String(ms))
    `
    const times: Record<string, number[]> = {}
    for (const fn of ['regions', 'auth']) {
      times[fn] = [0, 1, 2].map(() => Number(execFileSync(process.execPath, ['-e', probe, bundlePath(fn)], { cwd: os.tmpdir(), encoding: 'utf8' })))
    }
    const sizes = Object.fromEntries(Object.keys(times).map((fn) => [fn, `${(fs.statSync(bundlePath(fn)).size / 1024).toFixed(1)} KiB`]))
    console.log(
      `cold require of cloudfunctions/<fn>/index.js (new node process each, incl. wx-server-sdk; 3 runs):\n` +
        Object.entries(times)
          .map(([fn, t]) => `  ${fn} (${sizes[fn]}): ${t.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`)
          .join('\n')
    )
    // Each bundle loads on its own (the probe throws otherwise); how fast is `npm run bench`'s to say, not a test's.
    for (const t of Object.values(times)) expect(t.every((ms) => Number.isFinite(ms))).toBe(true)
  })
})

describe.each(DATABASES)('the cloud functions on %s', (kind) => {
  const OPENID = `oMinanTest_${crypto.randomBytes(6).toString('hex')}`
  let db: Awaited<ReturnType<typeof freshDatabase>>
  let regions: CloudMain
  let auth: CloudMain

  beforeAll(async () => {
    db = await freshDatabase(kind)
  })
  afterAll(async () => {
    await regions?.close()
    await auth?.close()
    await db.drop()
  })
  beforeEach(() => setEnv({ ...db.env, ...wxCallerEnv(OPENID) }))

  test('regions.children lists the five counties of 惠州市', async () => {
    regions = loadFunction('regions')
    const t0 = performance.now()
    const result = (await regions({ action: 'children', input: { code: '4413' } }, {})) as Envelope<Region[]>
    const first = performance.now() - t0
    const t1 = performance.now()
    await regions({ action: 'children', input: { code: '4413' } }, {})
    const warm = performance.now() - t1
    console.log(`regions on ${kind}: first call (connect; no migration) ${first.toFixed(0)} ms, warm call ${warm.toFixed(1)} ms`)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.data.map((r) => r.name)).toEqual(['惠城区', '惠阳区', '博罗县', '惠东县', '龙门县'])
    expect(result.data.every((r) => r.level === 'county' && r.parentCode === '4413')).toBe(true)
  })

  test('auth.me makes the caller a resident by their OPENID, and the same user on every call', async () => {
    auth = loadFunction('auth')
    const first = (await auth({ action: 'me', input: {} }, {})) as Envelope<Me>
    expect(first.ok).toBe(true)
    if (!first.ok) return
    expect(first.data.roles.map((g) => g.role)).toContain('resident')
    const again = (await auth({ action: 'me', input: {} }, {})) as Envelope<Me>
    expect(again.ok && again.data.userId).toBe(first.data.userId)
  })

  test('another OPENID is another person', async () => {
    auth ??= loadFunction('auth')
    const mine = (await auth({ action: 'me', input: {} }, {})) as Envelope<Me>
    setEnv(wxCallerEnv(`oMinanOther_${crypto.randomBytes(6).toString('hex')}`))
    const theirs = (await auth({ action: 'me', input: {} }, {})) as Envelope<Me>
    expect(mine.ok && theirs.ok).toBe(true)
    if (mine.ok && theirs.ok) expect(theirs.data.userId).not.toBe(mine.data.userId)
  })

  test('the userInfo WeChat adds to the event is dropped and never taken as the identity', async () => {
    auth ??= loadFunction('auth')
    const plain = (await auth({ action: 'me', input: {} }, {})) as Envelope<Me>
    const withUserInfo = (await auth({ action: 'me', input: {}, userInfo: { appId: 'wx00000000minan00', openId: 'oSomeoneElse' } }, {})) as Envelope<Me>
    expect(withUserInfo.ok).toBe(true)
    expect(withUserInfo.ok && plain.ok && withUserInfo.data.userId).toBe(plain.ok && plain.data.userId)
  })

  test('other unknown keys in the event are still rejected by the strict body check', async () => {
    auth ??= loadFunction('auth')
    expect(await auth({ action: 'me', input: {}, openid: 'oForged' }, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FIELD', field: 'openid' } })
  })

  test('without an OPENID the caller is anonymous: public actions work, personal ones are refused', async () => {
    setEnv(wxCallerEnv(null))
    auth ??= loadFunction('auth')
    regions ??= loadFunction('regions')
    expect(await auth({ action: 'me', input: {} }, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await regions({ action: 'get', input: { code: '4413' } }, {})).toMatchObject({ ok: true, data: { name: '惠州市' } })
  })

  test('an unknown action is UNKNOWN_ACTION, in the caller’s language', async () => {
    regions ??= loadFunction('regions')
    expect(await regions({ action: 'explode', input: {} }, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } })
    const en = await regions({ action: 'explode', input: {}, locale: 'en' }, {})
    expect(en.ok === false && /[A-Za-z]/.test(en.error.message) && !/[\u4e00-\u9fff]/.test(en.error.message)).toBe(true)
  })

  test('errors naming a field answer in every language from the catalogue file beside index.js, as from the sources', async () => {
    // The build puts the catalogues in locales/<locale>.json, required at a container's first error in that language.
    expect(fs.readdirSync(path.join(ROOT, 'cloudfunctions', 'regions', 'locales')).sort()).toEqual(['en.json', 'zh-CN.json', 'zh-HK.json'])
    const bundle = fs.readFileSync(bundlePath('regions'), 'utf8')
    for (const locale of ['en', 'zh-HK', 'zh-CN'] as const) {
      for (const code of ['UNKNOWN_ACTION', 'CASE_NOT_FOUND', 'NOT_CONFIGURED'] as const) expect(bundle).not.toContain(ERROR_MESSAGES[locale][code])
    }
    const fresh = loadFunction('regions')
    for (const locale of ['en', 'zh-HK', 'zh-CN'] as const) {
      const result = await fresh({ action: 'get', input: { code: 5 }, locale }, {})
      expect(result).toMatchObject({ ok: false, error: { code: 'WRONG_TYPE', field: 'code', message: errorMessage('WRONG_TYPE', locale, { field: 'code' }) } })
      expect(await fresh({ action: 'explode', input: {}, locale }, {})).toMatchObject({ ok: false, error: { message: errorMessage('UNKNOWN_ACTION', locale) } })
    }
    expect(errorMessage('WRONG_TYPE', 'zh-HK', { field: 'code' })).not.toBe(errorMessage('WRONG_TYPE', 'zh-CN', { field: 'code' }))
  })
})

describe('configuration', () => {
  test('a database the migrate step has not run on is a configuration error that says so, and nothing is created', async () => {
    const db = await emptyDatabase('sqlite')
    setEnv({ ...db.env, ...wxCallerEnv('oMinanEarly') })
    const regions = loadFunction('regions')
    try {
      const result = await regions({ action: 'get', input: { code: '44' } }, {})
      expect(result).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED' } })
      expect(result.ok === false && result.error.message).toMatch(/服务尚未配置完成.*migrate/)
      // Once the operator runs migrate, the same container answers.
      expect(await runMigrate(db.env)).toMatchObject({ ok: true })
      setEnv({ ...db.env, ...wxCallerEnv('oMinanEarly') })
      expect(await regions({ action: 'get', input: { code: '44' } }, {})).toMatchObject({ ok: true, data: { name: '广东省' } })
    } finally {
      await regions.close()
      await db.drop()
    }
  })

  test('the migrate function refuses a call from the mini-program', async () => {
    const db = await emptyDatabase('sqlite')
    setEnv({ ...db.env, ...wxCallerEnv('oMinanCurious') })
    try {
      expect(await loadFunction('migrate')({}, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    } finally {
      await db.drop()
    }
  })

  test('in production without DATABASE_URL a call fails with NOT_CONFIGURED, a clear message and a log line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-cf-prod-'))
    setEnv({ ...wxCallerEnv('oMinanProd'), NODE_ENV: 'production', MINAN_SESSION_SECRET: crypto.randomBytes(32).toString('base64'), DATABASE_URL: undefined, MINAN_DATA_DIR: dir })
    const regions = loadFunction('regions')
    try {
      const result = await regions({ action: 'children', input: { code: '4413' } }, {})
      expect(result).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED' } })
      expect(result.ok === false && result.error.message).toMatch(/服务尚未配置完成.*DATABASE_URL.*PostgreSQL/)
      expect(logged.some((line) => line.includes('backend_start_failed') && line.includes('DATABASE_URL'))).toBe(true)
      // No SQLite file was made where the data would be lost.
      expect(fs.readdirSync(dir)).toEqual([])
    } finally {
      await regions.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  test('a start that failed is tried again by the next call', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-cf-retry-'))
    setEnv({ ...wxCallerEnv('oMinanRetry'), NODE_ENV: 'production', MINAN_SESSION_SECRET: crypto.randomBytes(32).toString('base64'), DATABASE_URL: undefined, MINAN_DATA_DIR: dir })
    const regions = loadFunction('regions')
    try {
      expect(await regions({ action: 'get', input: { code: '44' } }, {})).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED' } })
      // The operator fixes the configuration (here: a local trial outside production) and migrates; the same container recovers.
      setEnv({ NODE_ENV: 'test' })
      expect(await runMigrate({ DATABASE_URL: undefined, MINAN_DATA_DIR: dir })).toMatchObject({ ok: true })
      setEnv(wxCallerEnv('oMinanRetry'))
      expect(await regions({ action: 'get', input: { code: '44' } }, {})).toMatchObject({ ok: true, data: { name: '广东省' } })
    } finally {
      await regions.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe.each(DATABASES)('two containers starting at once on a fresh %s database', (kind) => {
  test('both answer, on the first call or the next', async () => {
    const db = await freshDatabase(kind)
    setEnv({ ...db.env, ...wxCallerEnv('oMinanRace') })
    const regions = loadFunction('regions')
    const auth = loadFunction('auth')
    try {
      const [r, a] = await Promise.all([regions({ action: 'get', input: { code: '44' } }, {}), auth({ action: 'me', input: {} }, {})])
      console.log(`concurrent cold start on ${kind}: regions ${r.ok ? 'ok' : r.error.code}, auth ${a.ok ? 'ok' : a.error.code}`)
      expect(await regions({ action: 'get', input: { code: '44' } }, {})).toMatchObject({ ok: true })
      expect(await auth({ action: 'me', input: {} }, {})).toMatchObject({ ok: true })
    } finally {
      await regions.close()
      await auth.close()
      await db.drop()
    }
  })
})
