/** Opens the database: embedded SQLite by default, PostgreSQL when DATABASE_URL says so. */
import fs from 'node:fs'
import path from 'node:path'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import type { Database } from './schema'
import { walFlusher } from './durability'

export type DatabaseKind = 'sqlite' | 'postgres'

export interface DatabaseHandle {
  db: Kysely<Database>
  kind: DatabaseKind
  /** Resolves once every write committed so far is on disk (SQLite group commit; PostgreSQL commits durably). */
  durable(): Promise<void>
  close(): Promise<void>
}

export interface DatabaseOptions {
  databaseUrl: string | null
  dataDir: string
}

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.databaseUrl && /^postgres(ql)?:\/\//.test(options.databaseUrl)) {
    return openPostgres(options.databaseUrl)
  }
  return openSqlite(path.join(options.dataDir, 'minan.sqlite'))
}

function openSqlite(file: string): DatabaseHandle {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  // Required lazily: the cloud-function bundles run on PostgreSQL and do not ship the native module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const BetterSqlite3 = require('better-sqlite3') as typeof import('better-sqlite3')
  const sqlite = new BetterSqlite3(file)
  sqlite.pragma('journal_mode = WAL')
  // NORMAL: commits do not fsync; durable() does, once for a group of commits, before anything is acknowledged.
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  const totalChanges = sqlite.prepare('select total_changes() as n').pluck()
  const durable = walFlusher(`${file}-wal`, () => totalChanges.get() as number)
  return { db, kind: 'sqlite', durable, close: () => durable.close().then(() => db.destroy()) }
}

function openPostgres(url: string): DatabaseHandle {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg')
  // COUNT(*) and BIGINT come back as strings by default; every count here fits in a double.
  pg.types.setTypeParser(20, (value: string) => Number(value))
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.MINAN_PG_POOL ?? 10) })
  // An idle client that the server drops (restart, failover) must not crash the process; the pool replaces it.
  pool.on('error', (e) => console.error(JSON.stringify({ event: 'pg_idle_client_error', error: e.message })))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, kind: 'postgres', durable: async () => undefined, close: () => db.destroy() }
}
