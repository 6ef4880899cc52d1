// The WeChat cloud functions against issue 15's budgets: each bundle ≤ 200 KB, region data only where it is seeded,
// cold require of a bundle (wx-server-sdk stubbed out: it is the platform's, not ours) ≤ 60 ms, and a function's first
// call on a database the migrate function has prepared ≤ 300 ms. `npm run bench` runs it as its `cloud` section;
// `node bench/cloud.mjs` runs it alone and replaces just the `cloud` rows of docs/benchmarks.md.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
export const CLOUD_BUDGETS = { bundleKB: 200, coldRequireMs: 60, firstCallMs: 300 }

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** Milliseconds to require `file` in a fresh Node process, with wx-server-sdk answered by an empty stub. */
function coldRequire(file) {
  const probe = `
    const Module = require('module')
    const load = Module._load
    Module._load = function (request, ...rest) { return request === 'wx-server-sdk' ? {} : load.call(this, request, ...rest) }
    const t0 = process.hrtime.bigint()
    require(process.argv[1])
    process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6))`
  const r = spawnSync(process.execPath, ['-e', probe, file], { cwd: os.tmpdir(), encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`require ${file}: ${r.stderr}`)
  return Number(r.stdout)
}

/** What the cloud puts in the environment for one call; no OPENID is an operator's (or a timer's) call. */
const caller = (openid) =>
  openid ? { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: openid, WX_APPID: 'wx00000000minan00', TCB_ENV: 'minan-bench' } : {}

/** Runs one call of a built function in a fresh process (a cold container); returns the envelope and the call's ms. */
function callFresh(dir, fn, event, env) {
  const probe = `
    // Closing the database waits on an unref'd timer: a live container keeps running, so does this process.
    const alive = setInterval(() => undefined, 1000)
    const main = require(process.argv[1]).main
    const t0 = process.hrtime.bigint()
    main(JSON.parse(process.argv[2]), {}).then(async (result) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6
      await main.close?.()
      process.stdout.write(JSON.stringify({ ms, ok: result.ok, error: result.error }))
      clearInterval(alive)
    })`
  const r = spawnSync(process.execPath, ['-e', probe, path.join(dir, fn, 'index.js'), JSON.stringify(event)], {
    cwd: os.tmpdir(),
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: '', ...env }
  })
  if (r.status !== 0) throw new Error(`${fn}: ${r.stderr}`)
  return JSON.parse(r.stdout)
}

export async function cloudBench(record) {
  const { buildCloud } = await import(pathToFileURL(path.join(ROOT, 'scripts/build-cloud.mjs')).href)
  const outDir = path.join(ROOT, 'cloudfunctions')
  const built = await buildCloud({ outDir, quiet: true })
  // The built folders need wx-server-sdk and pg from somewhere: the cloud installs them, here the project's own.
  for (const b of built) {
    const kb = b.bytes / 1024
    record('cloud', `${b.name} bundle${b.data ? ' (+ region data)' : ''}`, kb, 'KB', CLOUD_BUDGETS.bundleKB)
    record('cloud', `${b.name} cold require, no wx-server-sdk (median of 3)`, median([0, 1, 2].map(() => coldRequire(path.join(b.dir, 'index.js')))), 'ms', CLOUD_BUDGETS.coldRequireMs)
  }
  record('cloud', 'functions carrying region data (migrate only)', built.filter((b) => b.data).length, '', 1)

  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-bench-cloud-'))
  try {
    const env = { MINAN_DATA_DIR: data }
    const migrated = callFresh(outDir, 'migrate', {}, env)
    if (!migrated.ok) throw new Error(`migrate: ${JSON.stringify(migrated.error)}`)
    record('cloud', 'migrate on an empty SQLite database (once per deployment)', migrated.ms, 'ms')
    const firsts = { regions: [], auth: [] }
    for (let i = 0; i < 3; i++) {
      const r = callFresh(outDir, 'regions', { action: 'children', input: { code: '4413' } }, { ...env, ...caller(`oBench${i}`) })
      const a = callFresh(outDir, 'auth', { action: 'me', input: {} }, { ...env, ...caller(`oBenchAuth${i}`) })
      if (!r.ok || !a.ok) throw new Error(`first call failed: ${JSON.stringify(r.error ?? a.error)}`)
      firsts.regions.push(r.ms)
      firsts.auth.push(a.ms)
    }
    record('cloud', 'regions.children first call, migrated SQLite (median of 3)', median(firsts.regions), 'ms', CLOUD_BUDGETS.firstCallMs)
    record('cloud', 'auth.me first call of a new person, migrated SQLite (median of 3)', median(firsts.auth), 'ms', CLOUD_BUDGETS.firstCallMs)
  } finally {
    fs.rmSync(data, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.chdir(ROOT)
  const rows = []
  const fmt = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1))
  const record = (section, name, value, unit, budget) => {
    const ok = budget === undefined ? '' : value <= budget ? '✔' : '✖'
    rows.push(`| ${section} | ${name} | ${fmt(value)}${unit ? ` ${unit}` : ''} | ${budget === undefined ? '' : `≤ ${budget} ${ok}`} |`)
    console.log(`${name.padEnd(70)} ${fmt(value).padStart(8)} ${unit.padEnd(3)} ${budget === undefined ? '' : `≤ ${budget} ${ok}`}`)
  }
  await cloudBench(record)
  const file = 'docs/benchmarks.md'
  const lines = fs.readFileSync(file, 'utf8').split('\n')
  const note = `The \`cloud\` rows: measured on ${new Date().toISOString().slice(0, 10)} by \`node bench/cloud.mjs\`, ${os.cpus().length} cores, Node ${process.version}.`
  const kept = lines.filter((l) => !l.startsWith('| cloud | ') && !l.startsWith('The `cloud` rows'))
  const table = kept.indexOf('|---|---|---:|---|')
  kept.splice(table - 2, 0, note)
  const at = kept.indexOf('|---|---|---:|---|')
  const firstAfterWeapp = kept.findIndex((l, i) => i > at && l.startsWith('| ') && !l.startsWith('| weapp') && !l.startsWith('| h5'))
  kept.splice(firstAfterWeapp === -1 ? kept.length : firstAfterWeapp, 0, ...rows)
  fs.writeFileSync(file, kept.join('\n'))
  console.log(`\nwrote the cloud rows of ${file}`)
}
