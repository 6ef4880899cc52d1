/**
 * What the township centre sees of village legal advisors' unanswered questions (legal.overdue and
 * legal.overdueList): counts by region and by advisor — never a question, the asker or a photo — within the caller's
 * jurisdictions only. And a question's photos: the person and the advisor see them, the supervising admin does not.
 * On every configured database.
 */
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { fixedClock } from '../../cloud/ports/clock'
import { atLocal } from '../../cloud/domain/booking/slots'
import type { Envelope } from '../../types/api'
import type { AdvisorOverdue, Consultation, OverdueCount, VillageAdvisor } from '../../types/functions/legal'
import { TINY_PNG } from '../support/images'

const T0 = atLocal('2026-11-30', '08:00')
const DAY = 24 * 3600_000
const DONGPING = '441302001200'
const PNG = TINY_PNG

describe.each(DATABASES)('the township centre’s view of legal questions on %s', (kind) => {
  let server: TestServer
  const clock = fixedClock(T0)
  let chen: string, li: string, he: string, huang: string, county: string, otherCentre: string, admin: string
  let heId: string

  beforeAll(async () => {
    server = await startTestServer(kind, { clock })
    ;[chen, li, he, huang, county, otherCentre, admin] = await Promise.all(
      ['resident-chen', 'resident-li', 'advisor-he', 'centre-huang', 'county-wu', 'other-centre-liang', 'admin'].map((a) => server.signIn(a))
    )
    heId = ok(await server.call<VillageAdvisor>('legal', 'forVillage', { code: DONGPING })).advisor!.id
  })
  afterAll(async () => server.close())

  function ok<T>(r: Envelope<T>): T {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
    return r.data
  }
  const call = <T>(action: string, input: unknown, token?: string) => server.call<T>('legal', action, input, token)
  const ask = (text: string, token: string, photos?: string[]) =>
    call<Consultation>('ask', { advisorId: heId, villageCode: DONGPING, category: 'neighbours', text, ...(photos ? { photos } : {}) }, token)

  async function upload(token: string): Promise<string> {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'photo.png')
    const response = await fetch(`${server.url}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })
    return ((await response.json()) as { data: { id: string } }).data.id
  }

  test('counts and a list by advisor, without content, for the centre’s own area only', async () => {
    clock.set(T0)
    const before = ok(await call<AdvisorOverdue[]>('overdueList', {}, huang))
    const heBefore = before.find((a) => a.advisorId === heId)
    const old = ok(await ask('邻居的树根把我家院墙拱裂了，他不肯处理，我能要求赔偿吗？', chen))
    ok(await ask('隔壁装修噪音一直到半夜，跟他说了也不听。', li))
    // Four days later the first two are past the three-day target; a third, asked now, is not.
    clock.set(new Date(T0.getTime() + 4 * DAY))
    ok(await ask('邻居在公共楼道堆放杂物，挡住了消防通道。', chen))

    const list = ok(await call<AdvisorOverdue[]>('overdueList', {}, huang))
    const row = list.find((a) => a.advisorId === heId)!
    expect(row).toEqual({
      advisorId: heId,
      advisorName: '何文',
      firm: expect.any(String),
      townshipCode: '441302001',
      townshipName: '桥东街道',
      overdue: (heBefore?.overdue ?? 0) + 2,
      waiting: (heBefore?.waiting ?? 0) + 3,
      oldestAskedAt: heBefore?.oldestAskedAt ?? old.askedAt
    })
    // Most overdue first, and nothing of the questions or the people.
    expect(list.map((a) => a.overdue)).toEqual([...list.map((a) => a.overdue)].sort((a, b) => b - a))
    const text = JSON.stringify(list)
    expect(text).not.toMatch(/树根|噪音|杂物|陈秀英|李/)
    expect(text).not.toContain('/api/files/')

    // The counts agree with legal.overdue for the township.
    const [count] = ok(await call<OverdueCount[]>('overdue', {}, huang))
    expect(count.overdue).toBe(list.reduce((n, a) => n + a.overdue, 0))
    expect(count.waiting).toBe(list.reduce((n, a) => n + a.waiting, 0))

    // The county sees it too; narrowing to a village inside works; another township's centre sees none of it.
    expect(ok(await call<AdvisorOverdue[]>('overdueList', {}, county)).find((a) => a.advisorId === heId)).toMatchObject({ overdue: row.overdue })
    expect(ok(await call<AdvisorOverdue[]>('overdueList', { regionCode: DONGPING }, huang)).map((a) => a.advisorId)).toEqual([heId])
    expect(ok(await call<AdvisorOverdue[]>('overdueList', {}, otherCentre)).find((a) => a.advisorId === heId)).toBeUndefined()
    expect(await call('overdueList', { regionCode: '441302001' }, otherCentre)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // Residents and advisors are not township centre staff.
    for (const token of [chen, he]) expect(await call('overdueList', {}, token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await call('overdueList', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  test('a question’s photos are shown to the person and the advisor, not to the supervising admin', async () => {
    clock.set(T0)
    const photo = await upload(chen)
    const asked = ok(await ask('邻居把水管接到我家院子里排水，照片是现场。', chen, [photo]))
    expect(asked.photos.map((p) => p.id)).toEqual([photo])
    expect(ok(await call<Consultation>('consultation', { id: asked.id }, he)).photos.map((p) => p.id)).toEqual([photo])
    const seen = ok(await call<Consultation>('consultation', { id: asked.id }, admin))
    expect(seen.question).toContain('水管')
    expect(seen.photos).toEqual([])
    expect(JSON.stringify(seen)).not.toContain(photo)
    // Another resident cannot see the consultation at all.
    expect(await call('consultation', { id: asked.id }, li)).toMatchObject({ ok: false, error: { code: 'CONSULTATION_NOT_FOUND' } })
  })
})
