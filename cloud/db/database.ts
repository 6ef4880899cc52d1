/** Opens the database: embedded SQLite by default, PostgreSQL when DATABASE_URL says so. */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase, type SqliteDialectConfig, type SqliteStatement } from 'kysely'
import type { Database } from './schema'
import { startCheckpointer, walFlusher } from './durability'

export type DatabaseKind = 'sqlite' | 'postgres'

/**
 * Where a request stands in the sequence of shared SQLite transactions when it starts: its writes land in that
 * transaction or a later one. PostgreSQL's transactions are each request's own, so there it is always 0.
 */
export type WriteMark = number

export interface DatabaseHandle {
  db: Kysely<Database>
  kind: DatabaseKind
  /** Taken before a request writes, for durable(). */
  mark(): WriteMark
  /**
   * Resolves once every write committed so far is on disk (SQLite group commit; PostgreSQL commits durably). With a
   * mark, rejects with WriteLostError when a shared transaction begun since then ended other than by its commit: the
   * request's writes may have gone with it, so it must not be acknowledged.
   */
  durable(since?: WriteMark): Promise<void>
  close(): Promise<void>
}

/**
 * A shared transaction ended other than by its commit (SQLite rolls the whole transaction back on SQLITE_FULL or an
 * I/O error), or the disk refused to sync: what a request wrote may not be stored. Nothing of it was acknowledged, and
 * its request id makes a retry safe.
 */
export class WriteLostError extends Error {
  constructor(message = 'a shared transaction ended without its commit') {
    super(message)
    this.name = 'WriteLostError'
  }
}

/**
 * The storage failed in a way that a later retry may not meet (a full disk, an I/O error, a lock held too long, no
 * memory). Matched by code: better-sqlite3's SqliteError may come from another jest sandbox, so instanceof is unreliable.
 */
export const isTransientStorageError = (e: unknown): boolean =>
  e instanceof WriteLostError || (typeof e === 'object' && e !== null && /^SQLITE_(FULL|IOERR|BUSY|NOMEM|LOCKED)/.test(String((e as { code?: unknown }).code))) || isStalePlan(e)

/**
 * PostgreSQL refusing a prepared statement whose result columns changed under it (a migration added a column to a table
 * it reads with `select *`): the connection has forgotten its statements by then (preparedStatements), so a retry works.
 */
const isStalePlan = (e: unknown): boolean => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '0A000' && /cached plan must not change result type/.test(String((e as { message?: unknown }).message))

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
 * - A shared transaction can end without its commit: on SQLITE_FULL or an I/O error SQLite rolls all of it back, with
 *   the savepoints other requests released into it, and a failed commit is rolled back here. Each shared transaction
 *   has a number (its generation); one that ended so is recorded, and durable(mark) refuses every request that may have
 *   written into it. A request whose own transaction lost the shared one is stopped at its next statement, which would
 *   otherwise run outside any transaction.
 */
class QueuedSqliteDriver extends SqliteDriver {
  #connection: DatabaseConnection | null = null
  #busy = false
  readonly #waiting: ((connection: DatabaseConnection) => void)[] = []
  readonly #sqlite: import('better-sqlite3').Database
  readonly #changes: () => number
  #commit: Promise<number> | null = null
  #idle: NodeJS.Timeout | null = null
  /** The number of the shared transaction begun last, whether it is open, and the last one that ended without commit. */
  #generation = 0
  #open = false
  #lost = -1
  /** Whether a request's own transaction (a savepoint) is under way, and its savepoint went with a lost transaction. */
  #inRequest = false

  constructor(config: SqliteDialectConfig, sqlite: import('better-sqlite3').Database, changes: () => number) {
    super(config)
    this.#sqlite = sqlite
    this.#changes = changes
  }

  override async init(): Promise<void> {
    await super.init()
    // Taken once from the base driver and never given back: from here on the queue below decides who has it.
    const base = await super.acquireConnection()
    this.#connection = {
      executeQuery: (query) => {
        // Inside a request's transaction whose shared transaction is gone, a statement would run on its own and commit
        // by itself, outside the request's all or nothing: refuse it.
        if (this.#inRequest && this.#noteLost()) return Promise.reject(new WriteLostError())
        return base.executeQuery(query)
      },
      streamQuery: (query, chunkSize) => base.streamQuery(query, chunkSize)
    }
  }

  /** Records a shared transaction that SQLite ended by itself; answers whether the running request's went with it. */
  #noteLost(): boolean {
    if (this.#open && !this.#sqlite.inTransaction) {
      this.#open = false
      this.#lost = this.#generation
    }
    // While a request's transaction runs it holds the connection, so no later shared transaction can have begun.
    return this.#inRequest && this.#lost === this.#generation
  }

  /** The number of the shared transaction a request starting now writes into first. */
  mark(): WriteMark {
    this.#noteLost()
    return this.#open ? this.#generation : this.#generation + 1
  }

  /** Whether a shared transaction numbered `since` or later ended without its commit. */
  lostSince(since: WriteMark): boolean {
    this.#noteLost()
    return this.#lost >= since
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
          // A failed commit was rolled back and recorded: the requests that wrote into it are refused by durable().
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
    this.#noteLost()
    if (!this.#sqlite.inTransaction) {
      await connection.executeQuery(CompiledQuery.raw('begin'))
      this.#generation++
      this.#open = true
    }
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${SAVEPOINT}`))
    this.#inRequest = true
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    // A savepoint that went with its shared transaction cannot be released: the request fails, and rolls back below.
    if (this.#noteLost()) throw new WriteLostError()
    await connection.executeQuery(CompiledQuery.raw(`release ${SAVEPOINT}`))
    this.#inRequest = false
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.#inRequest = false
    // After an I/O error or a full disk SQLite has rolled the whole transaction back already: nothing is left to undo.
    this.#noteLost()
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
        this.#noteLost()
        if (this.#sqlite.inTransaction) {
          try {
            await connection.executeQuery(CompiledQuery.raw('commit'))
            this.#open = false
          } catch (e) {
            // A commit that failed (a full disk, an I/O error) is not retried later with more requests' changes in
            // it: it is rolled back now, and everyone who wrote into it is refused (lostSince).
            if (this.#sqlite.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback')).catch(() => undefined)
            this.#open = false
            this.#lost = this.#generation
            throw e
          }
        }
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

/**
 * The database file, its write-ahead log and shared memory are the owner's alone (0600), in a folder made owner-only
 * (0700): they hold every case. SQLite creates the log and shared-memory files with the database file's permissions,
 * so the file is created 0600 before SQLite opens it; files left more open by an older version are tightened.
 */
export function sealSqliteFiles(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  fs.closeSync(fs.openSync(file, 'a', 0o600))
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    try {
      fs.chmodSync(f, 0o600)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
    }
  }
}

function openSqlite(file: string): DatabaseHandle {
  sealSqliteFiles(file)
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
  const flush = walFlusher(`${file}-wal`, changes, () => driver.commitPending())
  const checkpointer = startCheckpointer(file, (require as unknown as NodeJS.Require).resolve('better-sqlite3'))
  return {
    db,
    kind: 'sqlite',
    mark: () => driver.mark(),
    async durable(since) {
      try {
        await flush()
      } catch (e) {
        // The commit or the sync failed: nothing since the last good sync may be acknowledged.
        throw new WriteLostError(`commit or sync failed: ${e instanceof Error ? e.message : String(e)}`)
      }
      if (since !== undefined && driver.lostSince(since)) throw new WriteLostError()
    },
    close: async () => {
      await flush.close()
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
  const prepare = process.env.MINAN_PG_PREPARE !== '0'
  // An idle client that the server drops (restart, failover) must not crash the process; the pool replaces it.
  pool.on('error', (e) => console.error(JSON.stringify({ event: 'pg_idle_client_error', error: e.message })))
  // Each connection gets a slot of its own (0 to max-1, reused when a connection goes): the rollup triggers key their
  // rows by it (migration 0024), so concurrent writers never queue on one rollup row. Sent before the pool hands it out.
  const slots = new WeakMap<object, number>()
  const free: number[] = []
  let nextSlot = 0
  pool.on('connect', (client) => {
    const slot = free.pop() ?? nextSlot++
    slots.set(client, slot)
    // With prepared statements, each call is still planned for its own parameters (PostgreSQL would otherwise switch
    // to a generic plan after five calls: a village search's generic plan cannot use the trigram index, and reads every
    // region). What preparing saves is parsing and analysing the text. One statement: a second one queued behind it
    // on the same client is what node-postgres deprecates.
    client.query(`set minan.shard = ${slot}${prepare ? '; set plan_cache_mode = force_custom_plan' : ''}`).catch(() => undefined)
    if (prepare) preparedStatements(client)
  })
  pool.on('remove', (client) => {
    const slot = slots.get(client)
    if (slot !== undefined) free.push(slot)
  })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { db, kind: 'postgres', mark: () => 0, durable: async () => undefined, close: () => db.destroy() }
}

/** Statements with more parameters than this (long `in (…)` lists, batch inserts) are sent unnamed, as before. */
const PREPARE_MAX_PARAMETERS = 64

/**
 * Every parameterised statement Kysely sends on this connection becomes a named prepared statement, named by a hash of
 * its text: PostgreSQL parses and analyses it once per connection instead of on every call (a filing sends a dozen
 * statements of a few fixed shapes); each call is still planned for its own parameters (plan_cache_mode, above,
 * PostgreSQL 12 or later). Statements without parameters (which may hold several commands, as migrations do) and
 * those with very many go as before. MINAN_PG_PREPARE=0 turns this off.
 */
function preparedStatements(client: import('pg').PoolClient): void {
  const send = client.query.bind(client) as (config: unknown, values?: unknown) => Promise<unknown>
  const names = new Map<string, string>()
  // A stale plan (the table changed under a statement) starts a new generation of names on this connection: the old
  // statements are never used again, and each text is prepared afresh against the table as it is now.
  let generation = 0
  const nameOf = (text: string): string => {
    let name = names.get(text)
    if (name === undefined) {
      name = `m${generation}_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`
      names.set(text, name)
    }
    return name
  }
  const prepared = (text: string, values: unknown[]) =>
    send({ name: nameOf(text), text, values }).catch((e: unknown) => {
      if (isStalePlan(e)) {
        generation++
        names.clear()
      }
      throw e
    })
  ;(client as unknown as { query: (config: unknown, values?: unknown) => unknown }).query = (config: unknown, values?: unknown) =>
    typeof config === 'string' && Array.isArray(values) && values.length > 0 && values.length <= PREPARE_MAX_PARAMETERS ? prepared(config, values) : send(config, values)
}
