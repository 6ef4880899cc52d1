/** Group commit: one fsync serves every commit made before it began; a later commit waits for the next one. */
import fs from 'node:fs'
import { walFlusher } from '../../cloud/db/durability'

describe('walFlusher', () => {
  let syncs = 0
  let release: (() => void)[] = []
  beforeEach(() => {
    syncs = 0
    release = []
    jest.spyOn(fs.promises, 'open').mockResolvedValue({
      datasync: () => {
        syncs++
        return new Promise<void>((resolve) => release.push(resolve))
      }
    } as unknown as fs.promises.FileHandle)
  })
  afterEach(() => jest.restoreAllMocks())
  const tick = () => new Promise((r) => setImmediate(r))

  test('nothing written since the last sync: no further sync', async () => {
    const flush = walFlusher('/x-wal', () => 0)
    // The first call syncs once: nothing is known to be on disk yet.
    const first = flush()
    await tick()
    release.shift()!()
    await first
    await flush()
    await flush()
    expect(syncs).toBe(1)
  })

  test('concurrent acknowledgements of the same commits share one sync', async () => {
    let changes = 5
    const flush = walFlusher('/x-wal', () => changes)
    const all = Promise.all([flush(), flush(), flush()])
    await tick()
    expect(syncs).toBe(1)
    release.shift()!()
    await all
    await flush()
    expect(syncs).toBe(1)
    changes = 6
    const next = flush()
    await tick()
    expect(syncs).toBe(2)
    release.shift()!()
    await next
  })

  test('a commit made while a sync runs waits for the next sync, not the running one', async () => {
    let changes = 1
    const flush = walFlusher('/x-wal', () => changes)
    const first = flush()
    await tick()
    changes = 2
    let secondDone = false
    const second = flush().then(() => (secondDone = true))
    release.shift()!()
    await first
    await tick()
    expect(secondDone).toBe(false)
    expect(syncs).toBe(2)
    release.shift()!()
    await second
    expect(secondDone).toBe(true)
  })
})
