/**
 * The `reminders` WeChat cloud function as `npm run build:cloud` makes it: its folder carries the timer trigger in
 * config.json, and its bundle, loaded the way the cloud loads it, runs the booking jobs when the timer calls it
 * (no OPENID) and refuses a call from the mini-program (an OPENID).
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Envelope } from '../../types/api'

type JobsMain = ((event: unknown) => Promise<Envelope<{ reminded: number; offersExpired: number; unattachedPhotos: number; agreementReminders: number; sessionReminders: number; mediaChecksRetried: number }>>) & { close(): Promise<void> }

const ROOT = path.resolve(__dirname, '../..')
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-timer-'))
const DATA = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-timer-data-'))
const ENV_KEYS = ['WX_CONTEXT_KEYS', 'WX_OPENID', 'WX_APPID', 'TCB_ENV', 'DATABASE_URL', 'MINAN_DATA_DIR', 'NODE_ENV']
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]))
function setEnv(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
}

let main: JobsMain
let logged: string[] = []
beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-cloud.mjs'), '--out', OUT, '--only', 'reminders,migrate'], { cwd: ROOT, encoding: 'utf8' })
  // The cloud installs wx-server-sdk and pg from the folder's package.json; here they come from the project.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(OUT, 'node_modules'), 'dir')
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    main = require(path.join(OUT, 'reminders', 'index.js')).main
  })
})
// The deployment's migrate step, once: the timer's first tick only connects.
let migrated = false
beforeEach(async () => {
  if (migrated) return
  let migrate: ((event: unknown) => Promise<Envelope<unknown>>) | undefined
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    migrate = require(path.join(OUT, 'migrate', 'index.js')).main
  })
  setEnv({ NODE_ENV: 'test', DATABASE_URL: undefined, MINAN_DATA_DIR: DATA, WX_CONTEXT_KEYS: undefined, WX_OPENID: undefined, WX_APPID: undefined })
  expect(await migrate!({})).toMatchObject({ ok: true })
  migrated = true
})
beforeEach(() => {
  logged = []
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')))
  setEnv({ NODE_ENV: 'test', DATABASE_URL: undefined, MINAN_DATA_DIR: DATA, TCB_ENV: undefined })
})
afterEach(() => jest.restoreAllMocks())
afterAll(async () => {
  await main?.close()
  setEnv(savedEnv)
  fs.rmSync(OUT, { recursive: true, force: true })
  fs.rmSync(DATA, { recursive: true, force: true })
})

test('the built folder has its timer trigger, in the format WeChat reads from config.json', () => {
  const dir = path.join(OUT, 'reminders')
  const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'))
  expect(config).toMatchObject({ triggers: [{ name: 'bookingJobs', type: 'timer', config: '0 */10 * * * * *' }] })
  // The reminders go out as subscription messages: the timer's function declares the API beside its trigger.
  expect(config.permissions.openapi).toContain('subscribeMessage.send')
  // Seven fields (second minute hour day month weekday year), one trigger only.
  const { triggers } = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as { triggers: { config: string }[] }
  expect(triggers).toHaveLength(1)
  expect(triggers[0].config.split(' ')).toHaveLength(7)
  expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))).toMatchObject({ name: 'minan-reminders', main: 'index.js' })
  // It seeds nothing: the region data is the migrate function's alone.
  expect(fs.existsSync(path.join(dir, 'data', 'regions-gd.tsv'))).toBe(false)
  // It holds the jobs, not the API: no handlers, and none of the agreement PDF's library or fonts (1.8 MB when the
  // timer reached the handlers through app.ts for one error helper).
  const code = fs.readFileSync(path.join(dir, 'index.js'), 'utf8')
  expect(code).not.toMatch(/PDFDocument|StandardFonts|fontkit/)
  expect(code.length).toBeLessThan(400 * 1024)
})

test('the timer runs the booking jobs; a call from the mini-program is refused', async () => {
  // The timer: no caller context.
  setEnv({ WX_CONTEXT_KEYS: undefined, WX_OPENID: undefined, WX_APPID: undefined })
  const ran = await main({ Type: 'Timer', TriggerName: 'bookingJobs', Time: new Date().toISOString() })
  expect(ran).toEqual({ ok: true, data: { reminded: expect.any(Number), offersExpired: expect.any(Number), unattachedPhotos: expect.any(Number), agreementReminders: expect.any(Number), sessionReminders: expect.any(Number), mediaChecksRetried: expect.any(Number) } })
  expect(logged.some((l) => l.includes('"event":"booking_jobs"'))).toBe(true)
  // Run again at once: whatever was reminded is not reminded again.
  const again = await main({ Type: 'Timer', TriggerName: 'bookingJobs', Time: new Date().toISOString() })
  expect(again).toMatchObject({ ok: true, data: { reminded: 0 } })

  setEnv({ WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: 'oSomeResident', WX_APPID: 'wx00000000minan00', TCB_ENV: 'minan-test' })
  expect(await main({})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
})
