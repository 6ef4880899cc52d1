/**
 * once(): a request id's change runs once; with a `prepare` step, a retry of a request already carried out is answered
 * with its first result before `prepare` looks at anything, an id reused for something else is refused before it too,
 * and `settled` answers without writing anything, not even the request's record. On both databases.
 */
import { once, settled, type RequestKey } from '../../cloud/core/idempotency'
import { DATABASES, startTestServer, type TestServer } from '../support/backend'

describe.each(DATABASES)('once() on %s', (kind) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer(kind)
  })
  afterAll(async () => server.close())

  const now = new Date('2026-11-20T02:00:00Z')
  const records = async (key: string) => (await server.backend.services.db.selectFrom('idempotency').select('response').where('request_key', '=', key).execute()).map((r) => r.response)

  test('prepare runs for a new request and hands its result to the work; a retry gets the first result and prepares nothing', async () => {
    const { db } = server.backend.services
    const key: RequestKey = { key: `u1:test.prepare:${kind}-1`, digest: 'd1' }
    const prepared: string[] = []
    const run = (answer: string) =>
      once(
        db,
        key,
        now,
        async (_trx, value: { answer: string }) => value.answer,
        async () => {
          prepared.push(answer)
          return { answer }
        }
      )
    expect(await run('first')).toEqual({ ref: 'first', replay: false })
    expect(await run('second')).toEqual({ ref: 'first', replay: true })
    expect(prepared).toEqual(['first'])
    expect(await records(key.key)).toEqual(['first'])
  })

  test('an id reused for another request is refused before anything is prepared', async () => {
    const { db } = server.backend.services
    const key = `u1:test.prepare:${kind}-2`
    await once(db, { key, digest: 'asked-this' }, now, async () => 'done', async () => undefined)
    let prepared = false
    const reused = once(db, { key, digest: 'asked-that' }, now, async () => 'other', async () => {
      prepared = true
    })
    await expect(reused).rejects.toMatchObject({ code: 'REQUEST_REUSED', field: 'requestId' })
    expect(prepared).toBe(false)
  })

  test('settled answers without running the work or recording the request, so a later call still runs', async () => {
    const { db } = server.backend.services
    const key: RequestKey = { key: `u1:test.prepare:${kind}-3`, digest: null }
    let worked = 0
    const work = async () => String(++worked)
    expect(await once(db, key, now, work, async () => settled('0'))).toEqual({ ref: '0', replay: false })
    expect(worked).toBe(0)
    expect(await records(key.key)).toEqual([])
    expect(await once(db, key, now, work, async () => undefined)).toEqual({ ref: '1', replay: false })
    expect(await once(db, key, now, work, async () => settled('0'))).toEqual({ ref: '1', replay: true })
  })

  test('without a request id, prepare and work run every time', async () => {
    const { db } = server.backend.services
    let runs = 0
    const call = () => once(db, null, now, async (_trx, n: number) => String(n), async () => ++runs)
    expect([await call(), await call()]).toEqual([
      { ref: '1', replay: false },
      { ref: '2', replay: false }
    ])
  })
})
