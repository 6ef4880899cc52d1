/** The demo data that `npm start` seeds: realistic cases in every state, consistent with the state machine. */
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import type { CaseDetail, Page, CaseSummary } from '../../types/functions/petition'

describe.each(DATABASES)('demo cases on %s', (kind) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer(kind, { config: { demoCases: true } })
  })
  afterAll(async () => server.close())

  test('a few hundred cases across Guangdong, in every state', async () => {
    const db = server.backend.services.db
    const byStatus = await db.selectFrom('cases').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute()
    const counts = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]))
    expect(Object.keys(counts).sort()).toEqual(['accepted', 'assigned', 'closed', 'declined', 'submitted', 'withdrawn'])
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(360)
    const cities = await db.selectFrom('cases').select('h_city').distinct().execute()
    expect(cities.length).toBe(21)
  })

  test('the demo township centre has a queue, and every case tells a consistent story', async () => {
    const centre = await server.signIn('centre-huang')
    const queue = await server.call<Page<CaseSummary>>('petition', 'queue', { limit: 50 }, centre)
    expect(queue.ok && queue.data.items.length).toBeGreaterThan(5)
    if (!queue.ok) return
    for (const item of queue.data.items.slice(0, 10)) {
      const c = await server.call<CaseDetail>('petition', 'get', { id: item.id }, centre)
      expect(c.ok && c.data.events[0].type).toBe('file')
    }
  })

  test('a second start seeds nothing more', async () => {
    const db = server.backend.services.db
    const { seedDemoCases } = await import('../../cloud/seed/cases')
    const made = await seedDemoCases({ db, cipher: server.backend.services.cipher, settings: server.backend.services.settings.deadlines, newId: server.backend.services.newId, now: new Date() })
    expect(made).toBe(0)
  })
})
