// npm run bench: sizes of the builds, and backend latency under load on SQLite (and PostgreSQL when
// MINAN_BENCH_PG_URL or MINAN_TEST_PG_URL names a server), against the budgets the issues set.
// Prints a table and writes docs/benchmarks.md. Never part of npm test's pass/fail.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import net from 'node:net'
import zlib from 'node:zlib'
import crypto from 'node:crypto'
import { load } from './load.mjs'
import { buildServer } from '../scripts/build-server.mjs'
import { mattersBench } from './matters.mjs'
import { staffDashboardBench } from './staffdash.mjs'
import { BENCH_BOOKINGS, bookingQueries, bookingTarget, fillBookings } from './bookings.mjs'
import { benchSealer } from './seal.mjs'
import { hostileBench } from './hostile.mjs'
import { searchBench } from './search.mjs'
import { cloudBench } from './cloud.mjs'
import { statsBench } from './stats.mjs'
import { diskSection } from './disk.mjs'
import { firstScreenBench } from './first-screen.mjs'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
process.chdir(root)
const args = new Set(process.argv.slice(2))
// `npm run bench -- --only hostile` runs one section and replaces just its rows in docs/benchmarks.md.
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null
const SECONDS = Number(process.env.MINAN_BENCH_SECONDS ?? 3)
const BIG = Number(process.env.MINAN_BENCH_CASES ?? 1_000_000)
const PG_URL = process.env.MINAN_BENCH_PG_URL ?? process.env.MINAN_TEST_PG_URL ?? ''
const rows = []
const record = (section, name, value, unit, budget, note = '') => {
  const ok = budget === undefined ? '' : value <= budget ? '✔' : '✖'
  rows.push({ section, name, value, unit, budget, ok, note })
  console.log(`${section.padEnd(10)} ${name.padEnd(58)} ${fmt(value).padStart(10)} ${unit.padEnd(4)} ${budget === undefined ? '' : `≤ ${budget} ${ok}`} ${note}`)
}
const fmt = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1))

function dirBytes(dir, skip = () => false) {
  let total = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (skip(full)) continue
    total += entry.isDirectory() ? dirBytes(full, skip) : fs.statSync(full).size
  }
  return total
}

function sizes() {
  if (!fs.existsSync('dist/app.json') || args.has('--build')) spawnSync('npx', ['taro', 'build', '--type', 'weapp'], { stdio: 'ignore' })
  if (!fs.existsSync('dist-h5/index.html') || args.has('--build')) spawnSync('npx', ['taro', 'build', '--type', 'h5'], { stdio: 'ignore' })
  const app = JSON.parse(fs.readFileSync('dist/app.json', 'utf8'))
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => path.join('dist', s.root))
  const main = dirBytes('dist', (p) => subRoots.some((r) => p === r) || p.endsWith('.LICENSE.txt') || p.endsWith('project.config.json'))
  record('weapp', 'main package', main / 1024, 'KB', 600)
  for (const r of subRoots) record('weapp', `subpackage ${path.basename(r)}`, dirBytes(r) / 1024, 'KB', 300)
  h5Sizes()
}

function h5Sizes() {
  const html = fs.readFileSync('dist-h5/index.html', 'utf8')
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => path.join('dist-h5', m[1].replace(/^\//, '')))
  const bytes = scripts.map((f) => fs.readFileSync(f))
  record('h5', 'first-load JavaScript, raw', bytes.reduce((a, b) => a + b.length, 0) / 1024, 'KB')
  record('h5', 'first-load JavaScript, gzip', bytes.reduce((a, b) => a + zlib.gzipSync(b).length, 0) / 1024, 'KB', 150)
  // What the server actually sends a browser that accepts brotli: the build's own .br files (config/prod.ts).
  const br = scripts.map((f) => (fs.existsSync(`${f}.br`) ? fs.statSync(`${f}.br`).size : zlib.brotliCompressSync(fs.readFileSync(f)).length))
  record('h5', 'first-load JavaScript, brotli (as served)', br.reduce((a, b) => a + b, 0) / 1024, 'KB')
}

// The cloud functions' section: bench/cloud.mjs (bundle sizes, cold require, first call after migrate).

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })

async function startServer(env) {
  const port = await freePort()
  // No periodic jobs (MINAN_JOBS=0): the first run at start reminded every booking the bench had loaded (946 messages)
  // while the next section was being measured.
  const child = spawn(process.execPath, ['build/server.cjs'], { env: { ...process.env, PORT: String(port), MINAN_DEMO: '1', MINAN_DEMO_CASES: '0', MINAN_JOBS: '0', MINAN_SESSION_SECRET: BENCH_SECRET, MINAN_RATE_LIMITS: 'file=100000000/60,signIn=1000000/10,public=1000000000/1', ...env }, stdio: ['ignore', 'ignore', 'inherit'] })
  for (let i = 0; i < 600; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`)
      if (r.ok) return { port, pid: child.pid, stop: () => new Promise((res) => (child.once('exit', res), child.kill('SIGTERM'))) }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill('SIGKILL')
  throw new Error('server did not start')
}

async function post(port, fn, body, token) {
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })
      return await r.json()
    } catch (e) {
      // A kept-alive connection the server closed while this process was busy with a synchronous bulk update (its
      // timers could not run to drop it): one more try opens a new one.
      if (attempt > 0 || e?.cause?.code !== 'UND_ERR_SOCKET') throw e
    }
  }
}

const signIn = async (port, account) => (await post(port, 'auth', { action: 'demoSignIn', input: { account } })).data.token
const body = (action, input) => ({ method: 'POST', path: `/api/${action[0]}`, body: { action: action[1], input } })

async function measure(section, name, port, connections, request, budget, against) {
  const r = await load({ port, connections, seconds: SECONDS, request })
  const ratio = against ? ` (${(r.p95 / against.p95).toFixed(1)}× health)` : ''
  record(section, `${name} p50 @${connections}`, r.p50, 'ms')
  record(section, `${name} p95 @${connections}`, r.p95, 'ms', budget, `${Math.round(r.rps)} req/s${ratio}${r.errors ? `, ${r.errors} errors` : ''}`)
  record(section, `${name} p99 @${connections}`, r.p99, 'ms')
  return r
}

async function backend(kind, env) {
  const section = kind
  const server = await startServer(env)
  try {
    const { port } = server
    // Filings come from 5,000 residents in turn, as 50 concurrent clients are 50 people: one person filing thousands of
    // times an hour cannot happen (filing is rate-limited per person), and counting that person's attempts on every
    // filing would measure something production never does.
    const filers = await makePeople(env, 5000)
    const villages = JSON.parse(JSON.stringify((await post(port, 'regions', { action: 'search', input: { q: '村', level: 'village', limit: 50 } })).data)).map((r) => r.code)
    const qiaodong = (await post(port, 'counselling', { action: 'stations', input: { regionCode: '441302001' } })).data[0].id
    const advisorVillages = villages.slice(0, 50)
    // This disk's commit ceiling, measured now, and filing and booking at 50 clients as a share of it (bench/disk.mjs).
    const share = await diskSection(section, env.MINAN_DATA_DIR, { record })
    for (const c of [1, 10, 50]) {
      const health = await measure(section, 'GET /api/health', port, c, () => ({ method: 'GET', path: '/api/health' }))
      await measure(section, 'counselling.slots (a station, two weeks)', port, c, () => body(['counselling', 'slots'], { stationId: qiaodong }), c === 1 ? 20 : undefined, health)
      await measure(section, 'legal.forVillage (advisor by village code)', port, c, (n) => body(['legal', 'forVillage'], { code: advisorVillages[n % advisorVillages.length] }), c === 1 ? 5 : undefined, health)
      await measure(section, 'legal.search (village name, all 26,842)', port, c, (n) => body(['legal', 'search'], { q: ['东平', '新村', '石', '社区'][n % 4] }), c === 1 ? 20 : undefined, health)
      await measure(section, 'regions.children (a township)', port, c, () => body(['regions', 'children'], { code: '441302001' }), c === 1 ? 5 : undefined, health)
      await measure(section, 'regions.get (a village, with its path)', port, c, (n) => body(['regions', 'get'], { code: villages[n % villages.length] }), c === 1 ? 5 : undefined, health)
      await measure(section, 'regions.search (all 26,842 villages)', port, c, (n) => body(['regions', 'search'], { q: ['东平', '新村', '石', '社区'][n % 4], level: 'village' }), c === 1 ? 20 : undefined, health)
      const filed = await measure(section, 'petition.file (no photos)', port, c, (n) => ({
        ...body(['petition', 'file'], { kind: 'complaint', title: '路灯不亮', description: '村口路灯坏了', regionCode: '441302001200', contactName: '陈秀英', contactPhone: '13812345678', consentVersion: '2026-11-01' }),
        headers: { authorization: `Bearer ${token(filers[n % filers.length])}` },
        body: { action: 'file', requestId: `bench-${crypto.randomUUID()}`, input: { kind: 'complaint', title: '路灯不亮', description: `村口路灯坏了 ${n}`, regionCode: '441302001200', contactName: '陈秀英', contactPhone: '13812345678', consentVersion: '2026-11-01' } }
      }), c === 50 ? 50 : undefined, health)
      if (c === 50) share('petition.file @50', filed.rps)
    }
    await bookings(section, port, env, share)
    // Hostile bodies (issue 12): bench/hostile.mjs, a section of its own.
    await hostileBench(`${section} hostile`, server, { record, signIn, seconds: SECONDS })
    // 我的事项 (issue 6): bench/matters.mjs, a section of its own.
    await mattersBench(section, port, env, { post, measure, token, body })
    // Village search and nearest stations (issue 16): bench/search.mjs, a section of its own.
    await searchBench(`${section} search`, port, { measure, record, body })
  } finally {
    await server.stop()
  }
}

/** A session token for a user id, signed with the bench server's secret (the same format as cloud/core/tokens.ts). */
function token(userId) {
  const body = Buffer.from(JSON.stringify({ sub: userId, exp: Date.now() + 3600_000 })).toString('base64url')
  return `${body}.${crypto.createHmac('sha256', BENCH_SECRET).update(body).digest('base64url')}`
}
const BENCH_SECRET = crypto.randomBytes(32).toString('hex')

/**
 * Booking under load: each request is a different person booking a different free slot (real bookings, not
 * SLOT_TAKEN refusals), across the counsellors of up to 1,000 stations in 20 cities.
 */
async function bookings(section, port, env, share) {
  const stations = []
  // Every county of 20 cities, up to 50 stations each: enough free slots that 50 clients booking for a few seconds
  // book real slots rather than run out and be refused.
  for (const city of ['4401', '4403', '4404', '4405', '4406', '4407', '4408', '4409', '4412', '4413', '4414', '4415', '4416', '4417', '4418', '4419', '4420', '4451', '4452', '4453']) {
    for (const county of (await post(port, 'regions', { action: 'children', input: { code: city } })).data) {
      stations.push(...(await post(port, 'counselling', { action: 'stations', input: { regionCode: county.code, limit: 50 } })).data)
    }
  }
  const slots = []
  for (const st of stations) slots.push(...(await post(port, 'counselling', { action: 'slots', input: { stationId: st.id } })).data)
  const people = await makePeople(env, slots.length)
  for (const c of [1, 10, 50]) {
    let next = c === 1 ? 0 : c === 10 ? Math.floor(slots.length / 3) : Math.floor((2 * slots.length) / 3)
    const r = await measure(section, 'counselling.book (a free slot each)', port, c, () => {
      const i = next++ % slots.length
      return { method: 'POST', path: '/api/counselling', headers: { authorization: `Bearer ${token(people[i])}` }, body: { action: 'book', requestId: `bench-${crypto.randomUUID()}`, input: { counsellorId: slots[i].counsellorId, start: slots[i].start, mode: 'in_person' } } }
    }, c === 50 ? 50 : undefined)
    if (r.errors) console.log(`           (${r.errors} booking requests were refused: the slots of the stations sampled ran out)`)
    if (c === 50) share('counselling.book @50', r.rps)
  }
}

/** Residents made straight in the database (one per slot), so that no one hits the three-upcoming-bookings limit. */
async function makePeople(env, n) {
  const ids = Array.from({ length: n }, (_, i) => `bench-person-${i}`)
  const now = new Date().toISOString()
  if (env.DATABASE_URL) {
    const { default: pg } = await import('pg')
    const c = new pg.Client({ connectionString: env.DATABASE_URL })
    await c.connect()
    await c.query(`insert into users (id, display_name, created_at) select unnest($1::text[]), 'bench', $2 on conflict do nothing`, [ids, now])
    await c.query(`insert into role_grants (user_id, role, region_code, created_at) select unnest($1::text[]), 'resident', '', $2 on conflict do nothing`, [ids, now])
    await c.end()
  } else {
    const { default: Database } = await import('better-sqlite3')
    const db = new Database(path.join(env.MINAN_DATA_DIR, 'minan.sqlite'))
    db.pragma('busy_timeout = 5000')
    const u = db.prepare("insert or ignore into users (id, display_name, created_at) values (?, 'bench', ?)")
    const g = db.prepare("insert or ignore into role_grants (user_id, role, region_code, created_at) values (?, 'resident', '', ?)")
    db.transaction(() => ids.forEach((id) => (u.run(id, now), g.run(id, now))))()
    db.close()
  }
  return ids
}

/** The personal columns of a synthetic case, sealed for its row as the server seals them (bench/seal.mjs). */
function sealedCase(sealer, id) {
  return [sealer.seal('路灯不亮', 'cases', 'title', id), sealer.seal('村口路灯坏了', 'cases', 'description', id), sealer.seal('x', 'cases', 'contact_name', id), sealer.seal('x', 'cases', 'contact_phone', id)]
}

/** Fills the cases table with `count` synthetic cases spread over all villages, straight through SQL. */
async function fillSqlite(dataDir, count) {
  const { default: Database } = await import('better-sqlite3')
  const sealer = benchSealer({ ...process.env, MINAN_DATA_DIR: dataDir })
  const db = new Database(path.join(dataDir, 'minan.sqlite'))
  const villages = db.prepare("select code from regions where level = 'village'").pluck().all()
  // Synthetic cases belong to a bench user, so a real person's list stays the size a person's is.
  db.prepare("insert or ignore into users (id, display_name, created_at) values ('bench-user', 'bench', '2026-01-01')").run()
  const user = 'bench-user'
  const insert = db.prepare(`insert into cases (id, tracking_no, kind, stage, title, description, region_code, photos, filed_by, filed_by_role, contact_name, contact_phone, phone_hash, consent_version, subscribed, status, is_open, handling_region, h_city, h_county, h_township, filed_at, routed_at, due_at, due_kind, extended_days, risk_level, has_review_child, updated_at, version, owner_id)
    values (?, ?, 'complaint', 'original', ?, ?, ?, '[]', ?, 'resident', ?, ?, 'x', '2026-11-01', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'acceptance', 0, 0, 0, ?, 0, ?)`)
  const statuses = ['submitted', 'accepted', 'assigned', 'closed', 'closed', 'closed']
  const now = Date.now()
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const v = villages[(i * 7919) % villages.length]
      const status = statuses[i % statuses.length]
      const filed = new Date(now - (i % 365) * 86_400_000).toISOString()
      const due = new Date(now + ((i % 90) - 30) * 86_400_000).toISOString()
      const [title, description, name, phone] = sealedCase(sealer, `bench${i}`)
      insert.run(`bench${i}`, `B-${i}`, title, description, v, user, name, phone, status, status === 'closed' ? 0 : 1, v.slice(0, 9), v.slice(0, 4), v.slice(0, 6), v.slice(0, 9), filed, filed, due, filed, user)
    }
  })()
  db.close()
}

async function fillPostgres(url, count, dataDir) {
  const { default: pg } = await import('pg')
  const sealer = benchSealer({ ...process.env, MINAN_DATA_DIR: dataDir })
  const client = new pg.Client({ connectionString: url })
  client.on('error', (e) => console.error(`postgres fill connection: ${e.message}`))
  await client.connect()
  await client.query("insert into users (id, display_name, created_at) values ('bench-user', 'bench', '2026-01-01') on conflict do nothing")
  const user = 'bench-user'
  await client.query(`create temporary table v as select row_number() over (order by code) - 1 as n, code from regions where level = 'village'`)
  const total = (await client.query('select count(*)::int as n from v')).rows[0].n
  await client.query(
    `insert into cases (id, tracking_no, kind, stage, title, description, region_code, photos, filed_by, filed_by_role, contact_name, contact_phone, phone_hash, consent_version, subscribed, status, is_open, handling_region, h_city, h_county, h_township, filed_at, routed_at, due_at, due_kind, extended_days, risk_level, has_review_child, updated_at, version, owner_id)
     select 'bench' || i, 'B-' || i, 'complaint', 'original', '', '', v.code, '[]', $1, 'resident', '', '', 'x', '2026-11-01', 0,
       (array['submitted','accepted','assigned','closed','closed','closed'])[i % 6 + 1], case when i % 6 >= 3 then 0 else 1 end,
       substr(v.code, 1, 9), substr(v.code, 1, 4), substr(v.code, 1, 6), substr(v.code, 1, 9),
       to_char(now() - (i % 365) * interval '1 day', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), to_char(now() - (i % 365) * interval '1 day', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       to_char(now() + ((i % 90) - 30) * interval '1 day', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'acceptance', 0, 0, 0,
       to_char(now() - (i % 365) * interval '1 day', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 0, $1
     from generate_series(0, $2 - 1) as i join v on v.n = (i::bigint * 7919) % $3`,
    [user, count, total]
  )
  // The personal columns sealed for each row, in batches (a row's seal depends on its id, so Node makes them).
  const BATCH = 20_000
  for (let from = 0; from < count; from += BATCH) {
    const ids = []
    const columns = [[], [], [], []]
    for (let i = from; i < Math.min(count, from + BATCH); i++) {
      ids.push(`bench${i}`)
      sealedCase(sealer, `bench${i}`).forEach((value, c) => columns[c].push(value))
    }
    await client.query(
      `update cases set title = s.title, description = s.description, contact_name = s.name, contact_phone = s.phone
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) as s(id, title, description, name, phone) where cases.id = s.id`,
      [ids, ...columns]
    )
  }
  await client.query('vacuum analyze cases')
  await client.end()
}

async function queues(kind, env, prepare) {
  // The sampled station's free slots, read once while it has no bookings.
  let target = null
  for (const size of [1000, BIG]) {
    const started = Date.now()
    // Start once to migrate and seed, stop, bulk-fill, start again.
    const first = await startServer(env)
    target ??= await bookingTarget(first.port)
    await first.stop()
    await prepare(size)
    // 1,000 bookings beside 1,000 cases; 200,000 beside the million (bench/bookings.mjs).
    const bookingCount = await fillBookings(env, size === BIG ? BENCH_BOOKINGS : 1000, target)
    const fillSeconds = (Date.now() - started) / 1000
    const server = await startServer(env)
    try {
      const { port } = server
      const label = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`
      for (const account of ['centre-huang', 'county-wu', 'city-zheng']) {
        const token = await signIn(port, account)
        await measure(`${kind}`, `petition.queue ${account} over ${label} cases`, port, 1, () => ({ ...body(['petition', 'queue'], {}), headers: { authorization: `Bearer ${token}` } }), size >= 1_000_000 ? 30 : undefined)
      }
      const resident = await signIn(port, 'resident-chen')
      await measure(`${kind}`, `petition.mine over ${label} cases`, port, 1, () => ({ ...body(['petition', 'mine'], {}), headers: { authorization: `Bearer ${resident}` } }))
      // Staff dashboard and workbench (issue 6): bench/staffdash.mjs, a section of its own.
      await staffDashboardBench(kind, port, env, size, label, { measure, body, signIn })
      await bookingQueries(kind, port, `${bookingCount >= 1000 ? `${bookingCount / 1000}k` : bookingCount} bookings`, size >= 1_000_000, target, { measure, body, signIn })
      console.log(`           (${label} cases and ${bookingCount} bookings generated and loaded in ${fillSeconds.toFixed(0)} s)`)
    } finally {
      await server.stop()
    }
    // Public statistics over the million (issue 16): bench/stats.mjs, servers of its own on the same data.
    if (size === BIG) await statsBench(kind, env, size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`, { startServer, measure, record, seconds: SECONDS })
  }
}

async function main() {
  const started = new Date()
  console.log(`民安 bench — ${started.toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`)
  if (ONLY === 'hostile') return hostileOnly(started)
  if (ONLY === 'search') return searchOnly()
  if (ONLY === 'stats') return statsOnly(started)
  if (ONLY === 'screen') return screenOnly(started)
  sizes()
  await cloudBench(record)
  await buildServer()
  await firstScreen()
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-bench-'))
  await backend('sqlite', { MINAN_DATA_DIR: path.join(tmp, 'load') })
  const qdir = path.join(tmp, 'queue')
  await queues('sqlite', { MINAN_DATA_DIR: qdir }, async (n) => {
    const { default: Database } = await import('better-sqlite3')
    const db = new Database(path.join(qdir, 'minan.sqlite'))
    db.exec("delete from case_events; delete from messages; delete from cases")
    db.close()
    await fillSqlite(qdir, n)
  })
  if (PG_URL) {
    const { default: pg } = await import('pg')
    const name = `minan_bench_${crypto.randomBytes(4).toString('hex')}`
    const admin = new pg.Client({ connectionString: PG_URL })
    // A connection the server ends (a forced drop elsewhere) must not end the bench.
    admin.on('error', (e) => console.error(`postgres admin connection: ${e.message}`))
    await admin.connect()
    await admin.query(`create database ${name}`)
    const url = new URL(PG_URL)
    url.pathname = `/${name}`
    try {
      await backend('postgres', { MINAN_DATA_DIR: path.join(tmp, 'pg'), DATABASE_URL: url.toString() })
      await queues('postgres', { MINAN_DATA_DIR: path.join(tmp, 'pg'), DATABASE_URL: url.toString() }, async (n) => {
        const c = new pg.Client({ connectionString: url.toString() })
        await c.connect()
        await c.query('delete from case_events; delete from messages; delete from cases')
        await c.end()
        await fillPostgres(url.toString(), n, path.join(tmp, 'pg'))
      })
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true })
  writeReport(started)
}

/** The H5 home on a throttled phone network (bench/first-screen.mjs), against the production server bundle. */
async function firstScreen() {
  if (!fs.existsSync('dist-h5/index.html')) spawnSync('npx', ['taro', 'build', '--type', 'h5'], { stdio: 'ignore' })
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-bench-'))
  try {
    await firstScreenBench('h5 screen', { startServer, record, staticDir: path.resolve('dist-h5'), dataDir: path.join(tmp, 'screen') })
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

/** Only the first screen and the H5 sizes (`npm run bench -- --only screen`): its rows replace the same rows of docs/benchmarks.md. */
async function screenOnly(started) {
  await buildServer()
  h5Sizes()
  await firstScreen()
  replaceSections(started, 'screen')
}

/** Only the hostile-body section, on SQLite: its rows replace the same rows of docs/benchmarks.md. */
async function hostileOnly(started) {
  await buildServer()
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-bench-'))
  const server = await startServer({ MINAN_DATA_DIR: path.join(tmp, 'hostile') })
  try {
    await hostileBench('sqlite hostile', server, { record, signIn, seconds: SECONDS })
  } finally {
    await server.stop()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  replaceSections(started, 'hostile')
}

/**
 * Only the disk's commit ceiling and the public statistics over the million cases, on SQLite and on PostgreSQL when
 * configured (issue 16): `npm run bench -- --only stats`. Its rows replace the same sections' rows of docs/benchmarks.md.
 */
async function statsOnly(started) {
  await buildServer()
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-bench-'))
  const only = async (kind, env, fill) => {
    const first = await startServer(env)
    await first.stop()
    await fill(BIG)
    await statsBench(`${kind} stats`, env, `${BIG / 1_000_000}M`, { startServer, measure, record, seconds: SECONDS })
  }
  try {
    const dir = path.join(tmp, 'stats')
    await diskSection('sqlite stats', tmp, { record })
    await only('sqlite', { MINAN_DATA_DIR: dir }, (n) => fillSqlite(dir, n))
    if (PG_URL) {
      const { default: pg } = await import('pg')
      const name = `minan_bench_${crypto.randomBytes(4).toString('hex')}`
      const admin = new pg.Client({ connectionString: PG_URL })
      admin.on('error', (e) => console.error(`postgres admin connection: ${e.message}`))
      await admin.connect()
      await admin.query(`create database ${name}`)
      const url = new URL(PG_URL)
      url.pathname = `/${name}`
      try {
        await only('postgres', { MINAN_DATA_DIR: path.join(tmp, 'pg'), DATABASE_URL: url.toString() }, (n) => fillPostgres(url.toString(), n, path.join(tmp, 'pg')))
      } finally {
        await admin.query(`drop database if exists ${name} with (force)`)
        await admin.end()
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  replaceSections(started, 'stats')
}

/** Replaces the rows of the sections just measured in docs/benchmarks.md, keeping the others as the last full run left them. */
function replaceSections(started, only) {
  // The other rows stay as the last full run measured them; a line under the header says when these were.
  const sections = new Set(rows.map((r) => r.section))
  const old = readReport()
  if (!old) return writeReport(started)
  const note = `The ${[...sections].map((x) => `\`${x}\``).join(', ')} rows: measured on ${started.toISOString().slice(0, 10)} by \`npm run bench -- --only ${only}\`, ${os.cpus().length} cores, Node ${process.version}.`
  const kept = old.figures.filter((line) => !sections.has(line.split(' | ')[0].slice(2)))
  const notes = old.notes.filter((line) => !line.startsWith(`The \`${[...sections][0]}\``))
  fs.writeFileSync('docs/benchmarks.md', composeReport([...notes, note], [...kept, ...tableRows()], old.kept))
  console.log(`\nwrote the ${only} rows of docs/benchmarks.md`)
}

/** Only the search section (`npm run bench -- --only search`), on SQLite and PostgreSQL when configured: printed, not written. */
async function searchOnly() {
  await buildServer()
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-bench-'))
  const run = async (kind, env) => {
    const server = await startServer(env)
    try {
      await searchBench(`${kind} search`, server.port, { measure, record, body })
    } finally {
      await server.stop()
    }
  }
  try {
    await run('sqlite', { MINAN_DATA_DIR: path.join(tmp, 'search') })
    if (PG_URL) {
      const { default: pg } = await import('pg')
      const name = `minan_bench_${crypto.randomBytes(4).toString('hex')}`
      const admin = new pg.Client({ connectionString: PG_URL })
      await admin.connect()
      await admin.query(`create database ${name}`)
      const url = new URL(PG_URL)
      url.pathname = `/${name}`
      try {
        await run('postgres', { MINAN_DATA_DIR: path.join(tmp, 'pg'), DATABASE_URL: url.toString() })
      } finally {
        await admin.query(`drop database if exists ${name} with (force)`)
        await admin.end()
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

const tableRows = () => rows.map((r) => `| ${r.section} | ${r.name}${r.note ? ` — ${r.note}` : ''} | ${fmt(r.value)} ${r.unit} | ${r.budget === undefined ? '' : `≤ ${r.budget} ${r.ok}`} |`)

// docs/benchmarks.md: a header, the budgets table, every figure, then notes written by hand, which a run keeps.
const KEPT_BELOW = '<!-- Above: written by npm run bench. Below: notes kept across runs. -->'
const TABLE_HEAD = ['| area | what | value | budget |', '|---|---|---:|---|']
const LOAD_NOTE = "Load comes from a closed-loop client in the bench process (N concurrent clients, keep-alive) to the production server bundle in a child process on 127.0.0.1, each figure over a few seconds. The ratio beside a p95 compares it with the same server's bare `GET /api/health` at the same concurrency in the same run."

/** The report: `notes` (when and how it was measured), then the budgets (every row with one), then every row. */
function composeReport(notes, figures, kept) {
  const budgeted = figures.filter((line) => !line.trimEnd().endsWith('|  |'))
  const failed = budgeted.filter((line) => line.includes('✖')).length
  return [
    '# Benchmarks',
    '',
    ...notes,
    '',
    '## Budgets',
    '',
    `Each figure the issues set a budget for, from the run above: ${budgeted.length - failed} within budget, ${failed} over (✖). A ratio to \`GET /api/health\` of the same server in the same run follows the figure's name where one applies; every figure is in the next table.`,
    '',
    ...TABLE_HEAD,
    ...budgeted,
    '',
    '## All figures',
    '',
    ...TABLE_HEAD,
    ...figures,
    '',
    KEPT_BELOW,
    ...(kept.length ? ['', ...kept] : [])
  ].join('\n')
}

/** The current report's parts: its notes, its rows of figures (the last table before the kept notes) and the notes below. */
function readReport() {
  if (!fs.existsSync('docs/benchmarks.md')) return null
  const lines = fs.readFileSync('docs/benchmarks.md', 'utf8').split('\n')
  let below = lines.indexOf(KEPT_BELOW)
  // A report from before the budgets table: its hand-written notes start at the first heading after the table.
  if (below === -1) below = lines.findIndex((line, i) => i > lines.indexOf(TABLE_HEAD[1]) && line.startsWith('## '))
  const top = below === -1 ? lines : lines.slice(0, below)
  const kept = below === -1 ? [] : lines.slice(lines[below] === KEPT_BELOW ? below + 1 : below).filter((line, i, all) => i > 0 || line !== '' || all.length === 1)
  const lastTable = top.lastIndexOf(TABLE_HEAD[1])
  const figures = top.slice(lastTable + 1).filter((line) => line.startsWith('| '))
  const firstHeading = top.findIndex((line, i) => i > 0 && (line.startsWith('## ') || line.startsWith('| ')))
  const notes = top.slice(1, firstHeading).filter((line) => line !== '')
  return { notes, figures, kept }
}

function writeReport(started) {
  const notes = [
    `Measured by \`npm run bench\` on ${started.toISOString().slice(0, 10)}: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`,
    LOAD_NOTE
  ]
  fs.mkdirSync('docs', { recursive: true })
  fs.writeFileSync('docs/benchmarks.md', composeReport(notes, tableRows(), readReport()?.kept ?? []))
  console.log('\nwrote docs/benchmarks.md')
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
