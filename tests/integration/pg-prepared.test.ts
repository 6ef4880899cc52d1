/**
 * PostgreSQL: each parameterised statement is prepared once per connection (database.ts preparedStatements), and a
 * statement whose table changed under it (a migration adding a column while this server runs) fails once as a
 * transient error — the caller is told to retry, the retry is prepared afresh and sees the new column.
 */
import { Kysely, sql } from 'kysely'
import { isTransientStorageError, openDatabase } from '../../cloud/db/database'
import { createPgDatabase } from '../support/backend'

const PG_URL = process.env.MINAN_TEST_PG_URL

;(PG_URL ? describe : describe.skip)('prepared statements on PostgreSQL', () => {
  let pg: { url: string; drop(): Promise<void> }
  beforeAll(async () => {
    pg = await createPgDatabase('minan_prep')
  })
  afterAll(() => pg.drop())

  it('prepares a parameterised statement once per connection and reuses it', async () => {
    const handle = openDatabase({ databaseUrl: pg.url, dataDir: '/tmp' })
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = handle.db as unknown as Kysely<any>
    try {
      await sql`create table prep_a (id int primary key, a text)`.execute(db)
      await sql`insert into prep_a values (1, 'one'), (2, 'two')`.execute(db)
      await db.connection().execute(async (c) => {
        for (const id of [1, 2, 1]) expect((await c.selectFrom('prep_a').select('a').where('id', '=', id).executeTakeFirst())?.a).toBe(id === 1 ? 'one' : 'two')
        const statements = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(c)
        const mine = statements.rows.filter((r) => r.statement.includes('prep_a'))
        expect(mine).toHaveLength(1)
        expect(mine[0].name).toMatch(/^m0_/)
        // Each call is still planned for its own parameters: a generic plan (PostgreSQL's choice after five calls)
        // cannot use the trigram index for a village search, whose pattern is a parameter, and reads every region.
        expect((await sql<{ mode: string }>`select current_setting('plan_cache_mode') as mode`.execute(c)).rows[0].mode).toBe('force_custom_plan')
      })
    } finally {
      await handle.close()
    }
  })

  it('a statement whose table gained a column fails at most once, as a transient error, then reads the new column', async () => {
    const handle = openDatabase({ databaseUrl: pg.url, dataDir: '/tmp' })
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = handle.db as unknown as Kysely<any>
    try {
      await sql`create table prep_b (id int primary key, a text)`.execute(db)
      await sql`insert into prep_b values (1, 'one')`.execute(db)
      await db.connection().execute(async (c) => {
        const read = () => c.selectFrom('prep_b').selectAll().where('id', '=', 1).executeTakeFirst()
        expect(await read()).toEqual({ id: 1, a: 'one' })
        // Another server's migration, on another connection.
        const other = openDatabase({ databaseUrl: pg.url, dataDir: '/tmp' })
        await sql`alter table prep_b add column b text not null default 'new'`.execute(other.db)
        await other.close()
        // At most one failure, which the client is told to retry (RETRY); then the new column, for good.
        const first = await read().then((row) => ({ row }), (e: unknown) => ({ error: e }))
        if ('error' in first) expect(isTransientStorageError(first.error)).toBe(true)
        else expect(first.row).toEqual({ id: 1, a: 'one', b: 'new' })
        expect(await read()).toEqual({ id: 1, a: 'one', b: 'new' })
        expect(await read()).toEqual({ id: 1, a: 'one', b: 'new' })
      })
    } finally {
      await handle.close()
    }
  })
})
