import { isPostgres } from '../../cloud/db/dialect'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { openDatabase } from '../../cloud/db/database'

const pgUrl = process.env.MINAN_TEST_PG_URL

describe('isPostgres: the dialect of a connection and of its transactions', () => {
  it('is false for SQLite, in and out of a transaction', async () => {
    const handle = openDatabase({ databaseUrl: null, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'minan-dialect-')) })
    expect(isPostgres(handle.db)).toBe(false)
    await handle.db.transaction().execute(async (trx) => expect(isPostgres(trx)).toBe(false))
    await handle.close()
  })
  ;(pgUrl ? it : it.skip)('is true for PostgreSQL, in and out of a transaction', async () => {
    const handle = openDatabase({ databaseUrl: pgUrl!, dataDir: os.tmpdir() })
    expect(isPostgres(handle.db)).toBe(true)
    await handle.db.transaction().execute(async (trx) => expect(isPostgres(trx)).toBe(true))
    await handle.close()
  })
})
