/**
 * Group commit for SQLite. Transactions commit with synchronous=NORMAL (no fsync inside the commit, so the single
 * Node thread never blocks on the disk); before any request that wrote is acknowledged, one fsync of the WAL file —
 * run off the main thread and shared by every request that committed before it began — makes those commits durable.
 * An acknowledged write therefore survives a crash of the process or of the machine, as with synchronous=FULL,
 * at a fraction of the cost under concurrency.
 */
import fs from 'node:fs'
import type { Worker } from 'node:worker_threads'

export interface Flusher {
  (): Promise<void>
  /** Flushes what is pending and closes the WAL file handle. */
  close(): Promise<void>
}

/**
 * `changes` counts the changes made so far. With `commit`, writes may sit in an open transaction until a sync: each
 * sync first commits it, and `commit` answers the count of changes that commit covers (read while nothing else can
 * write), so one commit and one fsync serve every request that wrote while the previous sync ran.
 */
export function walFlusher(walPath: string, changes: () => number, commit?: () => Promise<number>): Flusher {
  let handle: fs.promises.FileHandle | null = null
  let flushedAt = -1
  let running: Promise<void> | null = null
  let next: Promise<void> | null = null

  async function sync(): Promise<void> {
    const seen = commit ? await commit() : changes()
    if (seen === flushedAt) return
    if (!handle) {
      try {
        handle = await fs.promises.open(walPath, 'r')
      } catch (e) {
        // No log yet: nothing was ever written through it, so nothing is waiting for the disk.
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return
        throw e
      }
    }
    await handle.datasync()
    flushedAt = seen
  }

  function flush(): Promise<void> {
    if (changes() === flushedAt) return Promise.resolve()
    if (!running) {
      running = sync().finally(() => (running = null))
      return running
    }
    // A sync is under way but may have started before this caller's commit: wait for the one after it.
    next ??= running.then(() => {
      next = null
      return flush()
    })
    return next
  }

  return Object.assign(flush, {
    async close() {
      await flush()
      await handle?.close()
      handle = null
    }
  })
}

/**
 * The checkpointer: a thread with its own connection that copies the log into the database file and fsyncs it
 * (PRAGMA wal_checkpoint(PASSIVE), which never waits for or blocks the writer), so the main thread never stops for
 * it. Its fsyncs give the same guarantee the main connection's automatic checkpoints gave: the log is only reused
 * once what it held is on disk in the database file. If the thread fails, the main connection's own automatic
 * checkpoint (at a higher page count) still keeps the log bounded.
 */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.module)
const db = new Database(workerData.file, { fileMustExist: true })
db.pragma('synchronous = NORMAL')
let timer = null
let last = -1
function run() {
  let progressed = false
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)')
    progressed = r.busy === 0 && r.checkpointed !== last && r.checkpointed < r.log
    last = r.checkpointed
  } catch {
    // the next round tries again
  }
  timer = setTimeout(run, progressed ? workerData.busyMs : workerData.idleMs)
}
parentPort.on('message', () => {
  clearTimeout(timer)
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch {}
  db.close()
  parentPort.close()
})
timer = setTimeout(run, workerData.idleMs)
`

export interface Checkpointer {
  close(): Promise<void>
}

export function startCheckpointer(file: string, sqliteModule: string, options: { idleMs?: number; busyMs?: number } = {}): Checkpointer {
  let worker: Worker | null = null
  try {
    // Required here, on SQLite only: loading worker_threads is ~10 ms of a cloud function's cold start on PostgreSQL.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads')
    worker = new Worker(CHECKPOINTER, { eval: true, workerData: { file, module: sqliteModule, idleMs: options.idleMs ?? 50, busyMs: options.busyMs ?? 5 } })
    worker.unref()
    // A checkpointer that fails leaves the main connection's automatic checkpoints in charge.
    worker.on('error', (e) => console.error(JSON.stringify({ event: 'checkpointer_error', error: e.message })))
  } catch {
    worker = null
  }
  return {
    close() {
      const w = worker
      worker = null
      if (!w) return Promise.resolve()
      return new Promise<void>((resolve) => {
        w.once('exit', () => resolve())
        w.postMessage('close')
      })
    }
  }
}
