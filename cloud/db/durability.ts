/**
 * Group commit for SQLite. Transactions commit with synchronous=NORMAL (no fsync inside the commit, so the single
 * Node thread never blocks on the disk); before any request that wrote is acknowledged, one fsync of the WAL file —
 * run off the main thread and shared by every request that committed before it began — makes those commits durable.
 * An acknowledged write therefore survives a crash of the process or of the machine, as with synchronous=FULL,
 * at a fraction of the cost under concurrency.
 */
import fs from 'node:fs'

export interface Flusher {
  (): Promise<void>
  /** Flushes what is pending and closes the WAL file handle. */
  close(): Promise<void>
}

export function walFlusher(walPath: string, changes: () => number): Flusher {
  let handle: fs.promises.FileHandle | null = null
  let flushedAt = -1
  let running: Promise<void> | null = null
  let next: Promise<void> | null = null

  async function sync(): Promise<void> {
    const seen = changes()
    if (seen === flushedAt) return
    handle ??= await fs.promises.open(walPath, 'r')
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
