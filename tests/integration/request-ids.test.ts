/**
 * A request id is bound to what it asked: the same id sent again with the same input replays the first answer; sent
 * with anything else it is refused with REQUEST_REUSED (409) and changes nothing.
 */
import crypto from 'node:crypto'
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import type { Envelope } from '../../types/api'
import type { CaseDetail } from '../../types/functions/petition'
import type { Consultation, VillageAdvisor } from '../../types/functions/legal'

const DONGPING = '441302001200'

describe.each(DATABASES)('request ids on %s', (kind) => {
  let server: TestServer
  let chen: string, huang: string, he: string
  beforeAll(async () => {
    server = await startTestServer(kind)
    ;[chen, huang, he] = await Promise.all(['resident-chen', 'centre-huang', 'advisor-he'].map((a) => server.signIn(a)))
  })
  afterAll(async () => server.close())

  function ok<T>(r: Envelope<T>): T {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
    return r.data
  }
  const newId = () => `rid-${crypto.randomBytes(8).toString('hex')}`
  const count = async (table: 'cases' | 'consultation_posts') => Number((await server.backend.services.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

  test('a filing with a reused id and other content is refused and files nothing; the same content replays', async () => {
    const requestId = newId()
    const first = ok(await server.call<CaseDetail>('petition', 'file', filing({ title: '复用编号 一' }), chen, { requestId }))
    const before = await count('cases')
    const reply = await server.post('petition', { action: 'file', requestId, input: filing({ title: '复用编号 二' }) }, chen)
    expect(reply.status).toBe(409)
    expect(reply.body).toMatchObject({ ok: false, error: { code: 'REQUEST_REUSED' } })
    expect(await count('cases')).toBe(before)
    // The same submission again (a retry) still gets its case back: keys in another order are the same input.
    const input = filing({ title: '复用编号 一' })
    const reordered = Object.fromEntries(Object.entries(input).reverse())
    expect(ok(await server.call<CaseDetail>('petition', 'file', reordered, chen, { requestId })).id).toBe(first.id)
    expect(await count('cases')).toBe(before)
  })

  test('the same id on accept for case 1 and then case 2: the second is refused and case 2 stays as it was', async () => {
    const one = ok(await server.call<CaseDetail>('petition', 'file', filing({ title: '受理一' }), chen, { requestId: newId() }))
    const two = ok(await server.call<CaseDetail>('petition', 'file', filing({ title: '受理二' }), chen, { requestId: newId() }))
    const requestId = newId()
    expect(ok(await server.call<CaseDetail>('petition', 'accept', { id: one.id }, huang, { requestId })).status).toBe('accepted')
    const reused = await server.call<CaseDetail>('petition', 'accept', { id: two.id }, huang, { requestId })
    expect(reused).toMatchObject({ ok: false, error: { code: 'REQUEST_REUSED' } })
    const after = ok(await server.call<CaseDetail>('petition', 'get', { id: two.id }, huang))
    expect([after.status, after.events.map((e) => e.type)]).toEqual([two.status, ['file']])
    // The first accept retried is still a replay.
    expect(ok(await server.call<CaseDetail>('petition', 'accept', { id: one.id }, huang, { requestId })).status).toBe('accepted')
  })

  test("an advisor's reply to a second consultation with a reused id is refused, not silently dropped", async () => {
    const advisorId = ok(await server.call<VillageAdvisor>('legal', 'forVillage', { code: DONGPING })).advisor!.id
    const ask = (text: string) => server.call<Consultation>('legal', 'ask', { advisorId, villageCode: DONGPING, category: 'land_contract', text }, chen, { requestId: newId() })
    const first = ok(await ask('承包的水田村里要收回，可以吗？'))
    const second = ok(await ask('邻居把围墙砌到我家宅基地上了，怎么办？'))
    const requestId = newId()
    ok(await server.call('legal', 'reply', { id: first.id, text: '合同期内发包方不得收回承包地。' }, he, { requestId }))
    const posts = await count('consultation_posts')
    const reused = await server.call('legal', 'reply', { id: second.id, text: '可以先找村调解委员会调解。' }, he, { requestId })
    expect(reused).toMatchObject({ ok: false, error: { code: 'REQUEST_REUSED' } })
    expect(await count('consultation_posts')).toBe(posts)
  })
})
