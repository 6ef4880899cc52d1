/**
 * Nothing lost, nothing duplicated: the same request id sent twice at once makes one case, 1,000 times over;
 * a server killed with SIGKILL in the middle of a load keeps every filing it acknowledged, whole.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import net from 'node:net'
import { Client } from 'pg'
import { sql } from 'kysely'
import { createPgDatabase, DATABASES, startTestServer, type DbKind, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import type { CaseDetail } from '../../types/functions/petition'
import { siteOf } from '../../cloud/db/sealed'

/** Runs `tasks` with at most `width` in flight. */
async function pool<T>(width: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = []
  let next = 0
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < tasks.length) {
      const i = next++
      results[i] = await tasks[i]()
    }
  }))
  return results
}

describe.each(DATABASES)('idempotency on %s', (kind) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer(kind)
  })
  afterAll(async () => server.close())

  test('1,000 filings, each sent twice at once with the same request id → exactly 1,000 cases', async () => {
    const token = await server.signIn('resident-chen')
    const ids = Array.from({ length: 1000 }, (_, i) => `dup-${i}-${crypto.randomBytes(6).toString('hex')}`)
    const replies = await pool(
      40,
      ids.map((requestId, i) => () =>
        Promise.all([0, 1].map(() => server.call<CaseDetail>('petition', 'file', filing({ title: `重复提交 ${i}` }), token, { requestId })))
      )
    )
    for (const [a, b] of replies) {
      expect(a.ok && b.ok).toBe(true)
      if (a.ok && b.ok) expect(a.data.id).toBe(b.data.id)
    }
    // Titles are sealed at rest: opened here to pick this test's cases.
    const { db, cipher } = server.backend.services
    const tracking = (await db.selectFrom('cases').select(['id', 'tracking_no', 'title']).execute()).filter((r) => cipher.open(r.title, siteOf('cases', 'title', r)).startsWith('重复提交 '))
    expect(tracking).toHaveLength(1000)
    expect(new Set(tracking.map((t) => t.tracking_no)).size).toBe(1000)
    // The filing rate limit counted 1,000 attempts, not 2,000: a retry with the same request id is not a new attempt.
    const me = await server.call<{ userId: string }>('auth', 'me', {}, token)
    const spent = await server.backend.services.db.selectFrom('attempts').select((eb) => eb.fn.countAll<number>().as('n')).where('scope', '=', `file:user:${me.ok ? me.data.userId : ''}`).executeTakeFirstOrThrow()
    expect(Number(spent.n)).toBe(1000)
  })

  test('a request id is scoped to its person: another person reusing it files their own case', async () => {
    const [a, b] = await Promise.all([server.signIn('resident-chen'), server.signIn('resident-li')])
    const first = await server.call<CaseDetail>('petition', 'file', filing(), a, { requestId: 'shared-request-id-1' })
    const second = await server.call<CaseDetail>('petition', 'file', filing(), b, { requestId: 'shared-request-id-1' })
    expect(first.ok && second.ok && first.data.id !== second.data.id).toBe(true)
  })
})

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })

describe.each(DATABASES)('crash on %s', (kind: DbKind) => {
  const bundle = path.resolve('build/server.cjs')
  let dataDir: string
  let databaseUrl: string | null = null
  let pg: { url: string; drop(): Promise<void> } | null = null

  beforeAll(async () => {
    const built = spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' })
    if (built.status !== 0) throw new Error('could not build the server bundle')
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-crash-'))
    if (kind === 'postgres') {
      pg = await createPgDatabase('minan_crash')
      databaseUrl = pg.url
    }
  })
  afterAll(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true })
    await pg?.drop()
  })

  async function start(): Promise<{ child: ChildProcess; url: string }> {
    const port = await freePort()
    const child = spawn(process.execPath, [bundle], {
      env: { ...process.env, PORT: String(port), MINAN_DATA_DIR: dataDir, MINAN_DEMO: '1', MINAN_DEMO_CASES: '0', MINAN_SESSION_SECRET: crypto.randomBytes(32).toString('base64'), MINAN_RATE_LIMITS: 'file=1000000/60', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
      stdio: 'ignore'
    })
    const url = `http://127.0.0.1:${port}`
    for (let i = 0; i < 300; i++) {
      if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return { child, url }
      await new Promise((r) => setTimeout(r, 100))
    }
    child.kill('SIGKILL')
    throw new Error('server did not start')
  }

  test('SIGKILL in the middle of a load: every acknowledged filing is there after restart, none half-written', async () => {
    const first = await start()
    const post = (url: string, fn: string, body: unknown, token?: string) =>
      fetch(`${url}/api/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })
        .then((r) => r.json() as Promise<{ ok: boolean; data: CaseDetail & { token: string } }>)
    const token = (await post(first.url, 'auth', { action: 'demoSignIn', input: { account: 'resident-chen' } })).data.token
    const acknowledged: { requestId: string; id: string; input: ReturnType<typeof filing> }[] = []
    const refused: string[] = []
    let killed = false
    const workers = Array.from({ length: 16 }, async (_, w) => {
      for (let i = 0; !killed; i++) {
        const requestId = `crash-${w}-${i}-${crypto.randomBytes(4).toString('hex')}`
        try {
          const input = filing({ title: `崩溃测试 ${w}-${i}` })
          const reply = await post(first.url, 'petition', { action: 'file', requestId, input }, token)
          if (reply.ok) acknowledged.push({ requestId, id: reply.data.id, input })
          else refused.push(JSON.stringify(reply))
        } catch {
          return
        }
      }
    })
    const deadline = Date.now() + 30_000
    while (acknowledged.length < 150 && refused.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    expect(refused.slice(0, 1)).toEqual([])
    expect(acknowledged.length).toBeGreaterThanOrEqual(150)
    killed = true
    first.child.kill('SIGKILL')
    await Promise.all(workers)
    await exited(first.child)

    const again = await start()
    try {
      const token2 = (await post(again.url, 'auth', { action: 'demoSignIn', input: { account: 'resident-chen' } })).data.token
      for (const a of acknowledged) {
        const c = await post(again.url, 'petition', { action: 'get', input: { id: a.id } }, token2)
        expect([a.id, c.ok, c.ok && c.data.events[0]?.type]).toEqual([a.id, true, 'file'])
      }
      // Whole or absent: every stored case has its filing event and its idempotency record.
      const check = await inspect(kind, dataDir, databaseUrl)
      expect(check.casesWithoutEvent).toBe(0)
      expect(check.casesWithoutRequest).toBe(0)
      expect(check.cases).toBeGreaterThanOrEqual(acknowledged.length)
      // A retry of an acknowledged request after the crash returns the same case, not a second one.
      const retry = await post(again.url, 'petition', { action: 'file', requestId: acknowledged[0].requestId, input: acknowledged[0].input }, token2)
      expect(retry.ok && retry.data.id).toBe(acknowledged[0].id)
    } finally {
      again.child.kill('SIGTERM')
      await exited(again.child)
    }
  })
})

/** Resolves when the process has exited, including when it already had before this was called. */
const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())))

async function inspect(kind: DbKind, dataDir: string, databaseUrl: string | null) {
  // Titles are sealed, so not a filter here: this test's database holds no other case (no demo cases).
  const sql = {
    cases: 'select count(*) as n from cases',
    casesWithoutEvent: 'select count(*) as n from cases c where not exists (select 1 from case_events e where e.case_id = c.id and e.seq = 1)',
    casesWithoutRequest: 'select count(*) as n from cases c where not exists (select 1 from idempotency i where i.response = c.id)'
  }
  const out: Record<keyof typeof sql, number> = { cases: 0, casesWithoutEvent: 0, casesWithoutRequest: 0 }
  if (kind === 'postgres') {
    const c = new Client({ connectionString: databaseUrl! })
    await c.connect()
    for (const [k, q] of Object.entries(sql)) out[k as keyof typeof sql] = Number((await c.query(q)).rows[0].n)
    await c.end()
  } else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Database = require('better-sqlite3') as typeof import('better-sqlite3')
    const db = new Database(path.join(dataDir, 'minan.sqlite'), { readonly: true })
    for (const [k, q] of Object.entries(sql)) out[k as keyof typeof sql] = Number((db.prepare(q).get() as { n: number }).n)
    db.close()
  }
  return out
}

describe('full disk on sqlite', () => {
  test('requests sharing a commit with one that hits SQLITE_FULL are refused retryably, never acknowledged and lost', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-full-'))
    try {
      let server = await startTestServer('sqlite', { dataDir })
      const token = await server.signIn('resident-chen')
      const { db } = server.backend.services
      // A disk with a few pages left: some filings fit, the one that needs the next page fails, and with it (SQLite
      // rolls back the whole transaction on SQLITE_FULL) every request that shared its transaction.
      const pages = Number((await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0].page_count)
      await sql.raw(`pragma max_page_count = ${pages + 12}`).execute(db)
      const sent = Array.from({ length: 160 }, (_, i) => ({ requestId: `full-${i}-${crypto.randomBytes(4).toString('hex')}`, input: filing({ title: `满盘测试 ${i}`, description: `满盘测试 ${i} ${'详'.repeat(400)}` }) }))
      const replies = await pool(24, sent.map((s) => () => server.call<CaseDetail>('petition', 'file', s.input, token, { requestId: s.requestId })))
      const acknowledged = replies.flatMap((r, i) => (r.ok ? [{ ...sent[i], id: r.data.id }] : []))
      const refused = replies.flatMap((r, i) => (r.ok ? [] : [{ ...sent[i], code: r.error.code }]))
      expect(refused.length).toBeGreaterThan(0)
      expect(acknowledged.length).toBeGreaterThan(0)
      await server.close()

      server = await startTestServer('sqlite', { dataDir })
      try {
        // Titles are sealed, so not a filter: this database holds no other case (no demo cases).
        const stored = await server.backend.services.db.selectFrom('cases').select('id').execute()
        const ids = new Set(stored.map((c) => c.id))
        expect(acknowledged.filter((a) => !ids.has(a.id)).map((a) => a.requestId)).toEqual([])
        // A refusal under a full disk says "try again" (503), not "internal error".
        expect([...new Set(refused.map((r) => r.code))]).toEqual(['RETRY'])
        // The disk has room again: each refused request, retried with its id, makes exactly one case.
        const token2 = await server.signIn('resident-chen')
        for (const r of refused) {
          const again = await server.call<CaseDetail>('petition', 'file', r.input, token2, { requestId: r.requestId })
          expect(again.ok).toBe(true)
        }
        const after = await server.backend.services.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
        expect(Number(after.n)).toBe(sent.length)
      } finally {
        await server.close()
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
