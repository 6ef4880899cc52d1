/** What the running server shows a stranger in production. */
import { startTestServer } from '../support/backend'

test('/api/health names no version in production, and does outside it', async () => {
  const prod = await startTestServer('sqlite', { config: { production: true, demo: false, version: '9.9.9' } })
  const dev = await startTestServer('sqlite', { config: { version: '9.9.9' } })
  try {
    const shown = (await (await fetch(`${prod.url}/api/health`)).json()) as { data: Record<string, unknown> }
    expect(shown).toEqual({ ok: true, data: { status: 'ok', database: 'sqlite' } })
    expect(JSON.stringify(shown)).not.toContain('9.9.9')
    expect(await (await fetch(`${dev.url}/api/health`)).json()).toEqual({ ok: true, data: { status: 'ok', version: '9.9.9', database: 'sqlite' } })
  } finally {
    await prod.close()
    await dev.close()
  }
})
