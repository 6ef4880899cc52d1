/** Starts the real backend and HTTP server for a test, on a fresh SQLite file or a fresh PostgreSQL database. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { Client } from 'pg'
import { loadConfig, type Config } from '../../cloud/config'
import { startBackend, type Backend } from '../../cloud/bootstrap'
import { createApp } from '../../cloud/app'
import { createHttpServer } from '../../cloud/transports/http/server'
import type { Clock } from '../../cloud/ports/clock'
import type { SettingsOverrides } from '../../cloud/settings'
import type { Envelope } from '../../types/api'
import { copySqliteTemplate, pgTemplate, TEMPLATE_SEEDED_AT } from './template'

export type DbKind = 'sqlite' | 'postgres'

/** PostgreSQL runs where MINAN_TEST_PG_URL names a server (CI sets it); SQLite always. */
export const PG_URL = process.env.MINAN_TEST_PG_URL ?? ''
export const DATABASES: DbKind[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite']

export interface TestServer {
  url: string
  backend: Backend
  kind: DbKind
  config: Config
  post(fn: string, body: unknown, token?: string): Promise<{ status: number; body: Envelope<unknown> }>
  call<T = unknown>(fn: string, action: string, input?: unknown, token?: string, extra?: Record<string, unknown>): Promise<Envelope<T>>
  /** Signs in a demo account and returns its token. */
  signIn(account: string): Promise<string>
  close(): Promise<void>
}

/** A fresh, empty PostgreSQL database on the test server, and a way to drop it. */
export async function createPgDatabase(prefix = 'minan_t', template: string | null = null): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${crypto.randomBytes(6).toString('hex')}`
  const admin = new Client({ connectionString: PG_URL })
  await admin.connect()
  await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(PG_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: PG_URL })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    }
  }
}

/**
 * Rate limits for tests that are not about them: every test signs in from 127.0.0.1, and some file hundreds of cases as
 * one person. A test about a limit passes its own `settings` (tests/integration/rate-limits.test.ts).
 */
export const RELAXED_LIMITS: SettingsOverrides = {
  rateLimits: {
    file: { attempts: 1_000_000, minutes: 60 },
    signIn: { attempts: 1_000_000, minutes: 10 },
    ask: { attempts: 1_000_000, minutes: 60 },
    addInfo: { attempts: 1_000_000, minutes: 60 },
    book: { attempts: 1_000_000, minutes: 60 },
    public: { attempts: 1_000_000, minutes: 1 },
    signCode: { attempts: 1_000_000, minutes: 60 }
  }
}

export async function startTestServer(
  kind: DbKind,
  options: { clock?: Clock; config?: Partial<Config>; dataDir?: string; staticDir?: string; settings?: SettingsOverrides } = {}
): Promise<TestServer> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'minan-test-'))
  // Demo accounts yes, demo cases no: tests count the cases they make.
  const overrides: Partial<Config> = { dataDir, demoCases: false, ...options.config }
  // Start from the prepared template (tests/support/template.ts) where this server's seed would be the template's.
  const fresh = !fs.existsSync(path.join(dataDir, 'keys.json'))
  const templated =
    fresh && overrides.demo !== false && !overrides.demoCases && (options.clock?.now() ?? new Date()).getTime() >= TEMPLATE_SEEDED_AT.getTime()
  let template: string | null = null
  if (templated && kind === 'sqlite') await copySqliteTemplate(dataDir)
  if (templated && kind === 'postgres') template = await pgTemplate(PG_URL, dataDir)
  const pg = kind === 'postgres' ? await createPgDatabase('minan_t', template) : null
  const config = loadConfig({ NODE_ENV: 'test', MINAN_DEMO: '1' } as NodeJS.ProcessEnv, { ...overrides, databaseUrl: pg?.url ?? null })
  const backend = await startBackend({ config, clock: options.clock, settings: options.settings ?? RELAXED_LIMITS })
  const server = createHttpServer({ app: createApp(backend.services), staticDir: options.staticDir ?? null })
  // Tests do heavy synchronous work in this process (seeding 26,842 villages on SQLite blocks the event loop for
  // seconds). With the production keep-alive of 5 s, the server's idle timer and the next request's reuse of the
  // same socket then fire together on the unblocked loop, and the request dies with ECONNRESET. A long server-side
  // keep-alive leaves closing idle sockets to the client (fetch keeps them a second less than the server announces),
  // which never reuses a socket it has closed.
  server.keepAliveTimeout = 120_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const post: TestServer['post'] = async (fn, body, token) => {
    const response = await fetch(`${url}/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body)
    })
    return { status: response.status, body: (await response.json()) as Envelope<unknown> }
  }

  const call: TestServer['call'] = async (fn, action, input = {}, token, extra = {}) =>
    (await post(fn, { action, input, ...extra }, token)).body as never

  return {
    url,
    backend,
    kind,
    config,
    post,
    call,
    async signIn(account) {
      const result = await call<{ token: string }>('auth', 'demoSignIn', { account })
      if (!result.ok) throw new Error(`sign-in ${account}: ${result.error.code}`)
      return result.data.token
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await backend.close()
      await pg?.drop()
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
