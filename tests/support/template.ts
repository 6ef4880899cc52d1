/**
 * A prepared database that test servers start from, so that each test does not migrate and seed 26,842 villages
 * with their pinyin and search indexes again (4 s on SQLite, 9 s on PostgreSQL, more than a hundred times a run).
 *
 * The template is the state `prepareDatabase` leaves with demo accounts and no demo cases: migrated, regions, demo
 * users, stations, counsellors and advisors. It is built once per version of the backend's source (a hash of every
 * file under cloud/), under a lock so that two jest workers or two checkouts never build one twice or read half of
 * one, and reused by later runs; a version no run has used for an hour is removed when a new one is built. A test
 * server copies it: on SQLite the data directory (the database file and the keys that sealed its personal data), on
 * PostgreSQL `CREATE DATABASE … TEMPLATE` plus that directory. The server then runs `prepareDatabase` as always, which
 * finds everything in place (a few milliseconds).
 *
 * Only servers whose seed would be the template's use it: demo accounts on, demo cases off, and a clock that is not
 * before the template's seed time (a test about time then still sees the demo people as having existed already).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'
import { loadConfig } from '../../cloud/config'
import { startBackend } from '../../cloud/bootstrap'
import { fixedClock } from '../../cloud/ports/clock'

const ROOT = path.join(os.tmpdir(), 'minan-test-templates')
const CLOUD = path.resolve(__dirname, '../../cloud')
/** The template's people, stations and advisors were created at this instant. */
export const TEMPLATE_SEEDED_AT = new Date('2026-01-01T00:00:00Z')

let hashCache: string | null = null
function sourceHash(): string {
  if (hashCache) return hashCache
  const hash = crypto.createHash('sha256')
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else {
        hash.update(path.relative(CLOUD, full))
        hash.update(fs.readFileSync(full))
      }
    }
  }
  walk(CLOUD)
  hashCache = hash.digest('hex').slice(0, 16)
  return hashCache
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A template no run has used for this long belongs to an older version of cloud/: it is removed (85 MB each on PostgreSQL). */
const UNUSED_MS = 60 * 60_000

/** Marks a template as used now (its folder's time), so that pruning leaves it alone. */
function touch(dir: string): void {
  const now = new Date()
  try {
    fs.utimesSync(dir, now, now)
  } catch {
    /* removed meanwhile: the next use builds it again */
  }
}

/**
 * Removes the templates of other versions of cloud/ that no run has used for an hour: their folders, and on PostgreSQL
 * their databases (a plain DROP, which fails harmlessly if something is still connected).
 */
async function prune(adminUrl: string | null): Promise<void> {
  const current = sourceHash()
  for (const name of fs.existsSync(ROOT) ? fs.readdirSync(ROOT) : []) {
    const m = /^(sqlite|pg)-([0-9a-f]{16})$/.exec(name)
    if (!m || m[2] === current) continue
    const dir = path.join(ROOT, name)
    let unused = false
    try {
      unused = Date.now() - fs.statSync(dir).mtimeMs > UNUSED_MS
    } catch {
      continue
    }
    if (!unused) continue
    if (m[1] === 'pg') {
      if (!adminUrl) continue
      const admin = new Client({ connectionString: adminUrl })
      try {
        await admin.connect()
        await admin.query(`DROP DATABASE IF EXISTS minan_tpl_${m[2]}`)
      } catch {
        continue // in use, or the server is elsewhere: leave the folder so the database is found again next time
      } finally {
        await admin.end().catch(() => undefined)
      }
    }
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** Runs `build` once across processes: the first caller takes the lock, the others wait until `ready()` holds. */
async function once(lockFile: string, ready: () => boolean, build: () => Promise<void>): Promise<void> {
  fs.mkdirSync(ROOT, { recursive: true })
  for (let waited = 0; !ready(); waited += 200) {
    let fd: number | null = null
    try {
      fd = fs.openSync(lockFile, 'wx')
    } catch {
      // Another process is building it. A lock older than five minutes belongs to a process that died: take it over.
      try {
        if (Date.now() - fs.statSync(lockFile).mtimeMs > 300_000) fs.rmSync(lockFile, { force: true })
      } catch {
        /* gone meanwhile */
      }
      if (waited > 600_000) throw new Error(`test template: gave up waiting for ${lockFile}`)
      await sleep(200)
      continue
    }
    try {
      if (!ready()) await build()
    } finally {
      fs.closeSync(fd)
      fs.rmSync(lockFile, { force: true })
    }
  }
}

async function seedInto(dataDir: string, databaseUrl: string | null): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test', MINAN_DEMO: '1' } as NodeJS.ProcessEnv, { dataDir, databaseUrl, demoCases: false })
  const backend = await startBackend({ config, clock: fixedClock(TEMPLATE_SEEDED_AT) })
  await backend.close()
}

/** Fills `dataDir` (which must hold no database yet) from the SQLite template. */
export async function copySqliteTemplate(dataDir: string): Promise<void> {
  const dir = path.join(ROOT, `sqlite-${sourceHash()}`)
  await once(`${dir}.lock`, () => fs.existsSync(dir), async () => {
    const building = `${dir}.building-${process.pid}`
    fs.rmSync(building, { recursive: true, force: true })
    await seedInto(building, null)
    fs.renameSync(building, dir)
    await prune(null)
  })
  touch(dir)
  fs.cpSync(dir, dataDir, { recursive: true })
}

function pgUrl(base: string, database: string): string {
  const url = new URL(base)
  url.pathname = `/${database}`
  return url.toString()
}

/**
 * The PostgreSQL template's database name, after making sure it exists; its keys are copied into `dataDir`.
 * `adminUrl` names the server (any database on it).
 */
export async function pgTemplate(adminUrl: string, dataDir: string): Promise<string> {
  const name = `minan_tpl_${sourceHash()}`
  const dir = path.join(ROOT, `pg-${sourceHash()}`)
  await once(`${dir}.lock`, () => fs.existsSync(dir), async () => {
    const building = `${dir}.building-${process.pid}`
    const buildName = `minan_tplb_${crypto.randomBytes(6).toString('hex')}`
    fs.rmSync(building, { recursive: true, force: true })
    const admin = new Client({ connectionString: adminUrl })
    await admin.connect()
    try {
      // A database of that name without its directory is left from a machine whose temporary files were cleared.
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.query(`CREATE DATABASE ${buildName}`)
      try {
        await seedInto(building, pgUrl(adminUrl, buildName))
        await admin.query(`ALTER DATABASE ${buildName} RENAME TO ${name}`)
      } catch (e) {
        await admin.query(`DROP DATABASE IF EXISTS ${buildName} WITH (FORCE)`)
        throw e
      }
    } finally {
      await admin.end()
    }
    fs.renameSync(building, dir)
    await prune(adminUrl)
  })
  touch(dir)
  fs.cpSync(dir, dataDir, { recursive: true })
  return name
}
