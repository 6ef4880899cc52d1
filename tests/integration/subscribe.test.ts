/**
 * The subscribe prompt on the success page after filing (issue #14): the owner who accepted WeChat's dialog marks
 * the case, and its progress then also goes out as a subscription message. Nobody else can mark someone's case.
 */
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import type { CaseDetail, PetitionOutput } from '../../types/functions/petition'
import { CaseRepository } from '../../cloud/db/repositories/cases'

describe.each(DATABASES)('petition.subscribe on %s', (kind) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer(kind)
  })
  afterAll(async () => server.close())

  test('the owner marks a case just filed; another resident gets the answer of a case that does not exist', async () => {
    const [chen, li] = await Promise.all([server.signIn('resident-chen'), server.signIn('resident-li')])
    const c = await server.call<CaseDetail>('petition', 'file', filing(), chen)
    if (!c.ok) throw new Error(c.error.code)
    const repo = new CaseRepository(server.backend.services.db, server.backend.services.cipher)
    expect(await repo.subscribed(c.data.id)).toBe(false)

    const refused = await server.call<PetitionOutput['subscribe']>('petition', 'subscribe', { id: c.data.id }, li)
    expect(refused.ok === false && refused.error.code).toBe('CASE_NOT_FOUND')
    expect(await repo.subscribed(c.data.id)).toBe(false)

    const before = await server.call<Record<string, number>>('messages', 'subscriptions', {}, chen)
    const done = await server.call<PetitionOutput['subscribe']>('petition', 'subscribe', { id: c.data.id }, chen)
    expect(done).toEqual({ ok: true, data: { subscribed: true } })
    expect(await repo.subscribed(c.data.id)).toBe(true)
    // The acceptance is counted, so the notifier has one progress message to spend (migration 0027).
    const after = await server.call<Record<string, number>>('messages', 'subscriptions', {}, chen)
    expect(before.ok && after.ok && after.data.progress - before.data.progress).toBe(1)
  })
})
