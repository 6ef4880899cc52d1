/**
 * The township centre's station bookings and legal overdue card, compiled for weapp (dist/staff), in
 * miniprogram-simulate against the real backend: a booking made under a pseudonym shows with its counsellor and
 * time, the counsellor's private note does not; the queue page carries the legal advisors' waiting count.
 */
import { startTestServer, type TestServer } from '../support/backend'
import { loadPage } from '../support/simulate'
import type { Booking, FreeSlot } from '../../types/functions/counselling'
import type { Consultation, VillageAdvisor } from '../../types/functions/legal'
import type { Envelope } from '../../types/api'

const NOTE = '来访者提到近期失眠，建议转介医院'

describe('station staff screens, compiled for weapp', () => {
  let backend: TestServer

  beforeAll(async () => {
    backend = await startTestServer('sqlite')
  })
  afterAll(async () => backend?.close())

  function ok<T>(r: Envelope<T>): T {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
    return r.data
  }

  test('the station’s week shows who comes when, never the note; the queue shows the legal card', async () => {
    const li = await backend.signIn('resident-li')
    const slots = ok(await backend.call<FreeSlot[]>('counselling', 'slots', { stationId: 'st441302001' }, li))
    const slot = slots.find((s) => s.counsellorName === '林静' && Date.parse(s.start) < Date.now() + 6 * 86_400_000)!
    const booked = ok(await backend.call<Booking>('counselling', 'book', { counsellorId: slot.counsellorId, start: slot.start, mode: 'phone', pseudonym: '阿安' }, li))
    ok(await backend.call('counselling', 'writeNote', { id: booked.id, notes: NOTE }, await backend.signIn('counsellor-lin')))
    const village = ok(await backend.call<VillageAdvisor>('legal', 'forVillage', { code: '441302001200' }))
    ok(await backend.call<Consultation>('legal', 'ask', { advisorId: village.advisor!.id, villageCode: '441302001200', category: 'consumer', text: '网购的电饭煲坏了商家不退。' }, await backend.signIn('resident-chen')))

    const station = await loadPage('counselling/pages/station-bookings/index', { backend, signedInAs: 'centre-huang' })
    try {
      await station.waitForText('来访者：阿安')
      const text = station.text()
      expect(text).toContain('咨询师：林静')
      expect(text).toContain('咨询师：林静 · 电话')
      expect(text).toContain('已预约')
      expect(text).toContain('桥东街道社会心理服务站')
      for (const secret of ['失眠', '转介', '医院']) expect([secret, text.includes(secret)]).toEqual([secret, false])
      await station.settle()
      // Shown and signed in at once: loaded once.
      const calls = station.wx.cloudCalls.filter((c) => c.name === 'counselling' && c.data.action === 'stationBookings')
      expect(calls.map((c) => c.data.input)).toEqual([expect.objectContaining({ stationId: 'st441302001', days: 7 })])
    } finally {
      await station.close()
    }

    const queue = await loadPage('staff/pages/queue/index', { backend, signedInAs: 'centre-huang' })
    try {
      await queue.waitForText('待答复 1 件')
      expect(queue.text()).toContain('查看服务站预约')
      expect(queue.text()).not.toContain('电饭煲')
    } finally {
      await queue.close()
    }
  })
})
