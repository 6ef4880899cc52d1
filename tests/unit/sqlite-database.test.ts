/**
 * The SQLite database as the app opens it: statements prepared once, requests' transactions coalesced into one SQLite
 * transaction that commits before anything is acknowledged (durable()), each request still all or nothing.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { sql } from 'kysely'
import { cachedStatements, openDatabase, type DatabaseHandle } from '../../cloud/db/database'
import { RegionRepository } from '../../cloud/db/repositories/regions'

describe('SQLite database', () => {
  let dir: string
  let handle: DatabaseHandle
  const file = () => path.join(dir, 'minan.sqlite')
  /** What another connection (another process after a crash, say) sees: only what is committed. */
  const committed = () => {
    const other = new Database(file(), { readonly: true })
    try {
      return (other.prepare('select name from t order by name').pluck().all() as string[]).join(',')
    } finally {
      other.close()
    }
  }

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-db-'))
    handle = openDatabase({ databaseUrl: null, dataDir: dir })
    await sql`create table t (name text primary key)`.execute(handle.db)
    await handle.durable()
  })
  afterEach(async () => {
    await handle.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  test('a statement is prepared once per SQL text and reused', () => {
    const sqlite = new Database(':memory:')
    const db = cachedStatements(sqlite, 2)
    const a = db.prepare('select 1')
    expect(db.prepare('select 1')).toBe(a)
    db.prepare('select 2')
    db.prepare('select 3')
    // The least recently used went when the cache was full.
    expect(db.prepare('select 1')).not.toBe(a)
    db.close()
  })

  test('each transaction is all or nothing; what committed is on disk once durable() resolves', async () => {
    await handle.db.transaction().execute(async (trx) => {
      await sql`insert into t values ('a')`.execute(trx)
    })
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await sql`insert into t values ('b')`.execute(trx)
        throw new Error('refused')
      })
    ).rejects.toThrow('refused')
    // A constraint violation inside a transaction undoes that transaction only.
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await sql`insert into t values ('c')`.execute(trx)
        await sql`insert into t values ('a')`.execute(trx)
      })
      // Not toThrow(): better-sqlite3's SqliteError comes from whichever jest sandbox loaded the native module first,
      // so in a shared worker it is not an Error of this one.
    ).rejects.toMatchObject({ code: expect.stringMatching(/^SQLITE_CONSTRAINT/) })
    await handle.db.transaction().execute(async (trx) => {
      await sql`insert into t values ('d')`.execute(trx)
    })
    const seen = await sql<{ name: string }>`select name from t order by name`.execute(handle.db)
    expect(seen.rows.map((r) => r.name).join(',')).toBe('a,d')
    await handle.durable()
    expect(committed()).toBe('a,d')
  })

  test('concurrent transactions queue for the one connection and all commit', async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        handle.db.transaction().execute(async (trx) => {
          await sql`insert into t values (${`n${String(i).padStart(2, '0')}`})`.execute(trx)
          await new Promise((r) => setImmediate(r))
          await sql`select count(*) from t`.execute(trx)
        })
      )
    )
    await handle.durable()
    expect(committed().split(',')).toHaveLength(50)
  })

  test('with nobody waiting for the connection, an open transaction commits by itself', async () => {
    await handle.db.transaction().execute(async (trx) => {
      await sql`insert into t values ('x')`.execute(trx)
    })
    await new Promise((r) => setTimeout(r, 20))
    expect(committed()).toBe('x')
  })

  test('closing commits what is open', async () => {
    await handle.db.transaction().execute(async (trx) => {
      await sql`insert into t values ('y')`.execute(trx)
    })
    await handle.close()
    expect(committed()).toBe('y')
    handle = openDatabase({ databaseUrl: null, dataDir: dir })
  })

  test('a full disk rolls back the shared transaction: every request that wrote into it is refused, none acknowledged and lost', async () => {
    const pages = Number((await sql<{ n: number }>`select page_count as n from pragma_page_count()`.execute(handle.db)).rows[0].n)
    await sql.raw(`pragma max_page_count = ${pages + 2}`).execute(handle.db)
    // A writes a small row into the shared transaction and asks for its acknowledgement...
    const sinceA = handle.mark()
    await handle.db.transaction().execute(async (trx) => {
      await sql`insert into t values ('a')`.execute(trx)
    })
    // ...while B, already holding the connection, writes more than the disk has room for: SQLite rolls back the whole
    // shared transaction, with A's row in it.
    let releaseB!: () => void
    const bHolds = new Promise<void>((resolve) => (releaseB = resolve))
    const b = handle.db.transaction().execute(async (trx) => {
      await bHolds
      await sql`insert into t values (${'b'.repeat(64 * 1024)})`.execute(trx)
    })
    await new Promise((r) => setImmediate(r))
    const ackA = handle.durable(sinceA).then(
      () => true,
      () => false
    )
    releaseB()
    await expect(b).rejects.toMatchObject({ code: 'SQLITE_FULL' })
    const acknowledged = await ackA
    // A request that starts after the loss is not refused for it.
    const sinceC = handle.mark()
    await handle.db.transaction().execute(async (trx) => {
      await sql`insert into t values ('c')`.execute(trx)
    })
    await handle.durable(sinceC)
    await handle.close()
    expect({ acknowledged, stored: committed() }).toEqual({ acknowledged: false, stored: 'c' })
    handle = openDatabase({ databaseUrl: null, dataDir: dir })
  })

  test('a statement after the shared transaction was lost, inside the same request, does not run on its own', async () => {
    const pages = Number((await sql<{ n: number }>`select page_count as n from pragma_page_count()`.execute(handle.db)).rows[0].n)
    await sql.raw(`pragma max_page_count = ${pages + 2}`).execute(handle.db)
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await sql`insert into t values ('x')`.execute(trx)
        await sql`insert into t values (${'y'.repeat(64 * 1024)})`.execute(trx).catch(() => undefined)
        // Without the guard this would commit by itself, outside the request's all or nothing.
        await sql`insert into t values ('z')`.execute(trx)
      })
    ).rejects.toThrow()
    await handle.durable()
    expect(committed()).toBe('')
  })

  test('regions once read are kept: a transaction on the same database shares them', async () => {
    await sql`create table regions (code text primary key, name text not null, level text not null, parent_code text)`.execute(handle.db)
    await sql`insert into regions values ('44', '广东省', 'province', null), ('4413', '惠州市', 'city', '44')`.execute(handle.db)
    const first = await new RegionRepository(handle.db).get('4413')
    expect(first?.name).toBe('惠州市')
    await sql`update regions set name = 'changed' where code = '4413'`.execute(handle.db)
    await handle.db.transaction().execute(async (trx) => {
      expect((await new RegionRepository(trx).get('4413'))?.name).toBe('惠州市')
      expect((await new RegionRepository(trx).byCodes(['44', '4413', '9999'])).size).toBe(2)
    })
    // A code not found is asked again, so a region added later is found.
    expect(await new RegionRepository(handle.db).get('4401')).toBeNull()
    await sql`insert into regions values ('4401', '广州市', 'city', '44')`.execute(handle.db)
    expect((await new RegionRepository(handle.db).get('4401'))?.name).toBe('广州市')
  })
})
