/**
 * A grid worker's data export, through the HTTP server on every configured database: the cases they filed for
 * residents are in it (they filed them), but the residents' phone numbers are masked as the case itself shows them.
 */
import { atLocal } from '../../cloud/domain/booking/slots'
import { fixedClock } from '../../cloud/ports/clock'
import type { Envelope } from '../../types/api'
import type { DataExport } from '../../types/functions/account'
import type { CaseDetail } from '../../types/functions/petition'
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'

/** Monday 30 November 2026, 08:00 in Shanghai. */
const T0 = atLocal('2026-11-30', '08:00')

const ok = <T>(r: Envelope<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
  return r.data
}

describe.each(DATABASES)('a grid worker’s export on %s', (kind) => {
  let server: TestServer
  let grid: string

  beforeAll(async () => {
    server = await startTestServer(kind, { clock: fixedClock(T0) })
    grid = await server.signIn('grid-tang')
  })
  afterAll(async () => server.close())

  test('masks the phones of the residents they filed for, as the case itself does; their own stays whole', async () => {
    const proxy = ok(await server.call<CaseDetail>('petition', 'file', filing({ onBehalf: true, contactName: '王阿婆', contactPhone: '13700001111' }), grid))
    const own = ok(await server.call<CaseDetail>('petition', 'file', filing({ contactName: '唐网格', contactPhone: '13600002222' }), grid))
    expect(ok(await server.call<CaseDetail>('petition', 'get', { id: proxy.id }, grid)).contactPhone).toBe('137****1111')
    const data = ok(await server.call<DataExport>('account', 'export', {}, grid))
    expect(JSON.stringify(data)).not.toContain('13700001111')
    expect(data.cases.find((c) => c.id === proxy.id)!.contactPhone).toBe('137****1111')
    expect(data.cases.find((c) => c.id === own.id)!.contactPhone).toBe('+8613600002222')
  })
})
