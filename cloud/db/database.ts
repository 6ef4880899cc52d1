/** Opens the database: embedded SQLite by default, PostgreSQL when DATABASE_URL says so. */
import fs from 'node:fs'
import path from 'node:path'
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase, type SqliteDialectConfig, type SqliteStatement } from 'kysely'
import type { Database } from './schema'
import { startCheckpointer, walFlusher } from './durability'

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

/** How many distinct SQL texts keep their prepared statement (the app has a few hundred; IN lists vary in length). */
const STATEMENT_CACHE = 1000

/**
 * The better-sqlite3 database as Kysely sees it, with each SQL text prepared once and reused: Kysely asks for a new
 * statement on every query, and preparing one costs more than running most of the app's indexed look-ups. Statements
 * run synchronously to completion (nothing here streams), so one statement is never in use twice at once.
 */
export function cachedStatements(sqlite: import('better-sqlite3').Database, size = STATEMENT_CACHE): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>()
  return {
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql)
      if (hit) {
        // Least recently used goes first: move a hit to the end.
        cache.delete(sql)
        cache.set(sql, hit)
        return hit
      }
      const statement = sqlite.prepare(sql) as unknown as SqliteStatement
      cache.set(sql, statement)
      if (cache.size > size) cache.delete(cache.keys().next().value as string)
      return statement
    },
    close: () => sqlite.close()
  }
}

/**
 * The SQLite driver, on its one connection:
 * - Kysely's own hands the connection on through a mutex that wakes every waiter on each release (only one wins, the
 *   rest wait again): under 50 concurrent requests that is most of the work of a cheap query. This one hands the
 *   connection to the next waiter in arrival order.
 * - Transactions are coalesced: each request's transaction is a savepoint inside one open SQLite transaction, which
 *   commits when a request is about to be acknowledged (durable()) or when nobody waits for the connection. A commit
 *   writes every page changed since the last one to the log, so pages that several requests change (a table's last
 *   leaf, an index's hot page, a counter) are written once per group instead of once per request. A request's changes
 *   still apply all or nothing (its savepoint is released or rolled back), later requests see them as before, and
 *   nothing is acknowledged before it is committed and on disk, so what a client was told survives any crash.
 */
class QueuedSqliteDriver extends SqliteDriver {
  #connection: DatabaseConnection | null = null
  #busy = false
  readonly #waiting: ((connection: DatabaseConnection) => void)[] = []
  readonly #sqlite: import('better-sqlite3').Database
  readonly #changes: () => number
  #commit: Promise<number> | null = null
  #idle: NodeJS.Timeout | null = null

  constructor(config: SqliteDialectConfig, sqlite: import('better-sqlite3').Database, changes: () => number) {
    super(config)
    this.#sqlite = sqlite
    this.#changes = changes
  }

  override async init(): Promise<void> {
    await super.init()
    // Taken once from the base driver and never given back: from here on the queue below decides who has it.
    this.#connection = await super.acquireConnection()
  }

  override acquireConnection(): Promise<DatabaseConnection> {
    if (!this.#busy) {
      this.#busy = true
      return Promise.resolve(this.#connection!)
    }
    return new Promise((resolve) => this.#waiting.push(resolve))
  }

  override releaseConnection(): Promise<void> {
    const next = this.#waiting.shift()
    if (next) {
      next(this.#connection!)
    } else {
      this.#busy = false
      // Nobody waits: commit what is open soon rather than hold it (writes nobody is told of, such as a job's).
      if (this.#sqlite.inTransaction && !this.#idle) {
        this.#idle = setTimeout(() => {
          this.#idle = null
          // A failed commit is retried by the next one; the transaction stays open until then.
          this.commitPending().catch(() => undefined)
        }, IDLE_COMMIT_MS)
        this.#idle.unref()
      }
    }
    return Promise.resolve()
  }

  override async destroy(): Promise<void> {
    if (this.#idle) clearTimeout(this.#idle)
    this.#idle = null
    await super.destroy()
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.#sqlite.inTransaction) await connection.executeQuery(CompiledQuery.raw('begin'))
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${SAVEPOINT}`))
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${SAVEPOINT}`))
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // After an I/O error or a full disk SQLite has rolled the whole transaction back already: nothing is left to undo.
    if (!this.#sqlite.inTransaction) return
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${SAVEPOINT}`))
    await connection.executeQuery(CompiledQuery.raw(`release ${SAVEPOINT}`))
  }

  /**
   * Commits the open transaction with every request's changes released into it so far (callers meanwhile share one
   * commit), and answers the count of changes committed: read while holding the connection, so it counts nothing
   * uncommitted.
   */
  commit(): Promise<number> {
    this.#commit ??= (async () => {
      const connection = await this.acquireConnection()
      // Whoever asks from here on may have changes this commit does not include: they get the next one.
      this.#commit = null
      try {
        if (this.#sqlite.inTransaction) await connection.executeQuery(CompiledQuery.raw('commit'))
        return this.#changes()
      } finally {
        await this.releaseConnection()
      }
    })()
    return this.#commit
  }

  /** commit(), or with no transaction open, the count of changes so far (all committed). */
  commitPending(): Promise<number> {
    try {
      return this.#sqlite.inTransaction ? this.commit() : Promise.resolve(this.#changes())
    } catch (e) {
      return Promise.reject(e)
    }
  }
}

/** The savepoint each request's transaction runs in. */
const SAVEPOINT = 'minan_request'
/** How long an open transaction may wait for a commit when nobody asks for one. */
const IDLE_COMMIT_MS = 5

class QueuedSqliteDialect extends SqliteDialect {
  constructor(private readonly driver: QueuedSqliteDriver) {
    super({ database: () => Promise.reject(new Error('unused')) })
  }
  override createDriver(): Driver {
    return this.driver
  }
}

/**
 * WAL pages (4 KiB) the main connection lets pile up before it checkpoints them itself, stopping every request for it.
 * The checkpointer thread copies the log as it grows, but the log only starts over when that thread has caught up
 * between two writes: under minutes of saturating writes it keeps growing (to about 1 GB here) until a lull or this.
 */
const WAL_FALLBACK_PAGES = 250_000

function openSqlite(file: string): DatabaseHandle {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  // Owner-only: the file is made 0600 before SQLite opens it (its WAL and shared-memory files take the same mode), and
  // a file made by an older version is narrowed to it.
  fs.closeSync(fs.openSync(file, 'a', 0o600))
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o600)
  // Required lazily: the cloud-function bundles run on PostgreSQL and do not ship the native module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const BetterSqlite3 = require('better-sqlite3') as typeof import('better-sqlite3')
  const sqlite = new BetterSqlite3(file)
  sqlite.pragma('journal_mode = WAL')
  // NORMAL: commits do not fsync; durable() does, once for a group of commits, before anything is acknowledged.
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // A value rewritten or deleted (an erased account's, a sealed value sealed again) is zeroed in the page that held it
  // whenever that costs no extra write; the one-time sealing pass (db/sealed.ts) zeroes freed pages too.
  sqlite.pragma('secure_delete = FAST')
  // Checkpoints (copying the log into the database file, then an fsync) run on their own thread; on the main thread a
  // commit that crossed the default 1,000 pages stopped every request for the length of an fsync.
  sqlite.pragma(`wal_autocheckpoint = ${WAL_FALLBACK_PAGES}`)
  sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`)
  const totalChanges = sqlite.prepare('select total_changes() as n').pluck()
  const changes = () => totalChanges.get() as number
  const driver = new QueuedSqliteDriver({ database: cachedStatements(sqlite) }, sqlite, changes)
  const db = new Kysely<Database>({ dialect: new QueuedSqliteDialect(driver) })
  // Each sync commits what is open, then fsyncs the log: requests that wrote while one sync ran share the next.
  const durable = walFlusher(`${file}-wal`, changes, () => driver.commitPending())
  const checkpointer = startCheckpointer(file, (require as unknown as NodeJS.Require).resolve('better-sqlite3'))
  return {
    db,
    kind: 'sqlite',
    durable,
    close: async () => {
      await durable.close()
      await checkpointer.close()
      await db.destroy()
    }
  }
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
