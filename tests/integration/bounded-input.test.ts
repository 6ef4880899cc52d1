/**
 * What a call may cost is bounded before any of it is spent: a body over its action's limit is refused by its size
 * (over HTTP by its declared length, before it is read), a stranger's call to a signed-in action is refused before its
 * input is validated, and a megabyte of text is refused by the length check, not counted.
 */
import * as validation from '../../cloud/core/validation'
import { createApp } from '../../cloud/app'
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'

const MEGABYTE = '灯'.repeat(1024 * 1024)

describe.each(DATABASES)('bounded input on %s', (kind) => {
  let server: TestServer
  let resident: string
  beforeAll(async () => {
    server = await startTestServer(kind)
    resident = await server.signIn('resident-chen')
  })
  afterAll(async () => server.close())
  afterEach(() => jest.restoreAllMocks())

  test('an anonymous call to a signed-in action with a huge body: BODY_TOO_LARGE, never validated', async () => {
    const parse = jest.spyOn(validation, 'parseInput')
    const app = createApp(server.backend.services)
    const reply = await app.dispatch('petition', { action: 'file', input: filing({ description: MEGABYTE }) }, { kind: 'anonymous' })
    expect(reply).toMatchObject({ ok: false, error: { code: 'BODY_TOO_LARGE' } })
    expect(parse).not.toHaveBeenCalled()
  })

  test('an anonymous call to a signed-in action within the size limit: UNAUTHENTICATED, never validated', async () => {
    const parse = jest.spyOn(validation, 'parseInput')
    const app = createApp(server.backend.services)
    const reply = await app.dispatch('petition', { action: 'file', input: filing({ description: 'x'.repeat(20_000) }) }, { kind: 'anonymous' })
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(parse).not.toHaveBeenCalled()
    // A public action is still validated for a stranger.
    expect(await app.dispatch('regions', { action: 'get', input: { code: 'x' } }, { kind: 'anonymous' })).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE', field: 'code' } })
  })

  test('a signed-in person’s text over its limit is the field’s length error, even at the size of the action’s body limit', async () => {
    const reply = await server.call('petition', 'file', filing({ description: 'x'.repeat(16_001) }), resident)
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE', field: 'description' } })
  })

  test('over HTTP, a megabyte is refused by its declared length with 413 and the limit in the message', async () => {
    const response = await fetch(`${server.url}/api/petition`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${resident}` },
      body: JSON.stringify({ action: 'file', input: filing({ description: MEGABYTE }) })
    }).catch(() => null)
    // The server answers before reading the body and closes: the client sees the 413, or only the close.
    if (response) {
      expect(response.status).toBe(413)
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'BODY_TOO_LARGE', message: expect.stringContaining('64 KB') } })
    }
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
  })

  test('each action has its own limit: 16 KB for a short one, 64 KB where a long text goes', async () => {
    // petition takes up to 64 KB (its filing), so the body is read; petition.get itself takes 16 KB.
    const short = await server.post('petition', { action: 'get', input: { id: 'x'.repeat(20_000) } }, resident)
    expect(short).toMatchObject({ status: 413, body: { ok: false, error: { code: 'BODY_TOO_LARGE', message: expect.stringContaining('16 KB') } } })
    const long = await server.call('petition', 'file', filing({ description: '灯'.repeat(4000) }), resident, { requestId: 'bounded-input-long-1' })
    expect(long).toMatchObject({ ok: true })
  })

  test('what is stored and echoed is the normalised text', async () => {
    const filed = await server.call<{ id: string; title: string }>('petition', 'file', filing({ title: 'Cafe\u0301 \ud800路灯' }), resident, { requestId: 'bounded-input-nfc-1' })
    expect(filed).toMatchObject({ ok: true, data: { title: 'Café \ufffd路灯' } })
    if (!filed.ok) return
    const read = await server.call<{ title: string }>('petition', 'get', { id: filed.data.id }, resident)
    expect(read).toMatchObject({ ok: true, data: { title: 'Café \ufffd路灯' } })
  })
})
