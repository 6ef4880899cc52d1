/**
 * The counselling stores against a fake transport: booking (request ids kept for retries, SLOT_TAKEN refreshing the
 * slots, the server's BOOKING_PAUSED message, priority and rescheduling), the two weeks of days with the waitlist,
 * the person's bookings and offers, and self-screening — scored on the device, never sent without consent, with the
 * crisis state set the moment PHQ-9 item 9 is answered above zero.
 */
import type { Booking, FreeSlot, OwnScreening, StationDetail, WaitlistEntry } from '../../types/functions/counselling'
import { SCREENING_CONSENT_VERSION } from '../../types/functions/counselling'
import { RootStore } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { counsellingOf } from '../../src/counselling/store'
import catalogue from '../../src/i18n/counselling'
import { translate } from '../../src/i18n'
import { apiError, FakeTransport } from '../support/fake-transport'

/** Monday 30 November 2026, 08:00 in Shanghai. */
const NOW = new Date('2026-11-30T00:00:00.000Z')
const LIN = 'pv_lin_000001'
const WANG = 'pv_wang_00001'
const STATION = 'st441302001'
const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString()
const WEEKDAYS = (start: string, end: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }))

const station: StationDetail = {
  id: STATION,
  kind: 'station',
  name: '桥东街道社会心理服务站',
  regionCode: '441302001',
  regionPath: ['惠州市', '惠城区', '桥东街道'],
  address: '桥东街道综治中心二楼',
  hours: '周一至周五 9:00–12:00，14:30–17:30',
  phone: '0752-1234567',
  services: ['individual', 'family', 'crisis'],
  languages: ['mandarin', 'cantonese'],
  location: { lat: 23.0874, lng: 114.4205 },
  distance: null,
  counsellors: [
    { id: LIN, stationId: STATION, displayName: '林静', qualification: '国家二级心理咨询师', languages: ['mandarin', 'cantonese'], modes: ['in_person', 'phone', 'video'], hours: [...WEEKDAYS('09:00', '12:00'), ...WEEKDAYS('14:00', '17:00')] },
    { id: WANG, stationId: STATION, displayName: '王芳', qualification: '心理治疗师', languages: ['mandarin'], modes: ['phone'], hours: [{ weekday: 2, start: '09:00', end: '12:00' }] }
  ]
}

const slot = (counsellorId: string, date: string, time: string): FreeSlot => ({
  counsellorId,
  counsellorName: counsellorId === LIN ? '林静' : '王芳',
  start: at(date, time),
  end: new Date(Date.parse(at(date, time)) + 50 * 60_000).toISOString()
})

const booking = (over: Partial<Booking> = {}): Booking => ({
  id: 'bk_000000000001',
  stationId: STATION,
  stationName: station.name,
  stationAddress: station.address,
  counsellorId: LIN,
  counsellorName: '林静',
  start: at('2026-12-01', '09:00'),
  end: at('2026-12-01', '09:50'),
  mode: 'in_person',
  pseudonym: null,
  status: 'booked',
  canCancel: true,
  cancelBy: at('2026-11-30', '09:00'),
  sharedScreeningId: null,
  ...over
})

function setup(handlers: ConstructorParameters<typeof FakeTransport>[0] = {}) {
  const transport = new FakeTransport({ 'counselling.station': () => station, ...handlers })
  const root = new RootStore({ transport, storage: memoryStorage({ 'minan.token': 'token-chen' }), systemLanguage: 'zh-CN' })
  const store = counsellingOf(root, () => NOW)
  return { transport, store, calls: (key: string) => transport.callsTo(key) }
}

describe('booking a slot', () => {
  test('sends the chosen slot with a request id; a retry after a failure is the same request, a new choice a new one', async () => {
    let attempts = 0
    const { store, calls } = setup({
      'counselling.slots': () => [slot(LIN, '2026-12-01', '09:00'), slot(LIN, '2026-12-01', '10:00')],
      'counselling.book': ({ start }: { start: string }) => {
        if (++attempts === 1) throw apiError('NETWORK', 'timeout')
        return booking({ start })
      }
    })
    await store.openStation(STATION)
    store.pick(store.slots[0])
    store.setMode('phone')
    store.setPseudonym(' 阿英 ')
    expect(await store.book()).toBe(false)
    expect(store.notice).toEqual({ error: expect.objectContaining({ code: 'NETWORK' }) })
    expect(await store.book()).toBe(true)

    const books = calls('counselling.book')
    expect(books).toHaveLength(2)
    expect(books[0].input).toEqual({ counsellorId: LIN, start: at('2026-12-01', '09:00'), mode: 'phone', pseudonym: '阿英' })
    expect(books[0].requestId).toMatch(/^[0-9a-f]{32}$/)
    expect(books[1].requestId).toBe(books[0].requestId)
    expect(store.done?.start).toBe(at('2026-12-01', '09:00'))
    expect(store.selected).toBeNull()

    store.pick(slot(LIN, '2026-12-01', '10:00'))
    await store.book()
    expect(calls('counselling.book')[2].requestId).not.toBe(books[0].requestId)
  })

  test('SLOT_TAKEN says the slot has just been taken, drops the choice and refreshes the slots', async () => {
    const taken = slot(LIN, '2026-12-01', '09:00')
    let served = 0
    const { store, calls } = setup({
      'counselling.slots': () => (++served === 1 ? [taken, slot(LIN, '2026-12-01', '10:00')] : [slot(LIN, '2026-12-01', '10:00')]),
      'counselling.book': () => {
        throw apiError('SLOT_TAKEN', '该时段刚刚被别人预约了，请选择其他时段。', 'start')
      }
    })
    await store.openStation(STATION)
    store.pick(taken)
    expect(await store.book()).toBe(false)
    expect(store.notice).toEqual({ key: 'counselling.book.taken' })
    expect(translate('zh-CN', 'counselling.book.taken')).toContain('刚刚被别人预约')
    expect(store.selected).toBeNull()
    expect(calls('counselling.slots')).toHaveLength(2)
    expect(store.slots.map((s) => s.start)).toEqual([at('2026-12-01', '10:00')])
  })

  test('BOOKING_PAUSED shows the server’s message, with until when, and keeps the choice', async () => {
    const message = '因近期多次预约未到，在线预约暂停至 2026-12-30 16:00。如有需要，请致电服务站或拨打 12356 心理援助热线。'
    const { store } = setup({
      'counselling.slots': () => [slot(LIN, '2026-12-01', '09:00')],
      'counselling.book': () => {
        throw apiError('BOOKING_PAUSED', message)
      }
    })
    await store.openStation(STATION)
    store.pick(store.slots[0])
    await store.book()
    expect(store.notice).toEqual({ error: { code: 'BOOKING_PAUSED', message } })
    expect(store.selected).not.toBeNull()
  })

  test('from the crisis screen the booking carries priority; rescheduling moves the booking to the new start', async () => {
    const moving = booking({ id: 'bk_000000000009', start: at('2026-12-02', '14:00') })
    const { store, calls } = setup({
      'counselling.slots': () => [slot(LIN, '2026-12-03', '09:00'), slot(WANG, '2026-12-01', '09:00')],
      'counselling.book': () => booking(),
      'counselling.myBookings': () => ({ bookings: [moving], waitlist: [], pausedUntil: null }),
      'counselling.reschedule': ({ start }: { start: string }) => booking({ id: 'bk_000000000010', start })
    })
    await store.openStation(STATION, { priority: true })
    store.pick(store.slots[0])
    await store.book()
    expect(calls('counselling.book')[0].input).toMatchObject({ priority: true })

    await store.openStation(STATION, { counsellorId: LIN, moving: moving.id })
    expect(store.moving?.id).toBe(moving.id)
    // The booking's counsellor stays: only their slots are offered, and the choice cannot change.
    expect(store.days.flatMap((d) => d.slots).every((s) => s.counsellorId === LIN)).toBe(true)
    store.chooseCounsellor(null)
    expect(store.counsellorId).toBe(LIN)
    store.pick(store.days.flatMap((d) => d.slots)[0])
    expect(await store.book()).toBe(true)
    expect(calls('counselling.reschedule')[0]).toMatchObject({ input: { id: moving.id, start: at('2026-12-03', '09:00') }, requestId: expect.stringMatching(/^[0-9a-f]{32}$/) })
    expect(calls('counselling.book')).toHaveLength(1)
  })
})

describe('two weeks of days', () => {
  test('free slots grouped by Shanghai day; a working day with nothing free offers the waitlist; days nobody works are left out', async () => {
    const { store, calls } = setup({
      // Late evening UTC of 30 November is already 1 December in Shanghai.
      'counselling.slots': () => [slot(LIN, '2026-12-01', '09:00'), slot(WANG, '2026-12-01', '10:00'), slot(LIN, '2026-12-03', '14:00')],
      'counselling.joinWaitlist': ({ counsellorId, date }: { counsellorId: string; date: string }): WaitlistEntry => ({
        id: 'wl_000000000001',
        counsellorId,
        counsellorName: '林静',
        date,
        status: 'waiting',
        offeredStart: null,
        offerExpiresAt: null
      })
    })
    await store.openStation(STATION)
    const days = store.days
    // Two weeks from Monday 30 November: ten weekdays; nobody works at weekends.
    expect(days.map((d) => d.date)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'])
    expect(days[1].slots.map((s) => s.counsellorName)).toEqual(['林静', '王芳'])
    expect(days[1].full).toEqual([])
    expect(days[2]).toMatchObject({ date: '2026-12-02', slots: [], full: [expect.objectContaining({ id: LIN })] })

    // One counsellor: only theirs, and 王芳 has no full Wednesday (she does not work then).
    store.chooseCounsellor(WANG)
    expect(store.days.map((d) => [d.date, d.slots.length, d.full.length])).toEqual([
      ['2026-12-01', 1, 0],
      ['2026-12-08', 0, 1]
    ])

    store.chooseCounsellor(null)
    expect(await store.joinWaitlist(LIN, '2026-12-02')).toBe(true)
    expect(calls('counselling.joinWaitlist')[0]).toMatchObject({ input: { counsellorId: LIN, date: '2026-12-02' }, requestId: expect.any(String) })
    expect(store.joined[`${LIN}:2026-12-02`].status).toBe('waiting')
  })
})

describe('my bookings', () => {
  test('upcoming and past, offers held for the person, and the pause; cancel and take-offer send request ids and reload', async () => {
    const upcoming = booking({ id: 'bk_000000000002', start: at('2026-12-03', '09:00'), end: at('2026-12-03', '09:50') })
    const attended = booking({ id: 'bk_000000000003', start: at('2026-11-20', '09:00'), end: at('2026-11-20', '09:50'), status: 'attended', canCancel: false })
    const cancelled = booking({ id: 'bk_000000000004', status: 'cancelled', canCancel: false })
    const offer: WaitlistEntry = { id: 'wl_000000000002', counsellorId: LIN, counsellorName: '林静', date: '2026-12-01', status: 'offered', offeredStart: at('2026-12-01', '10:00'), offerExpiresAt: '2026-11-30T12:00:00.000Z' }
    const lapsed: WaitlistEntry = { ...offer, id: 'wl_000000000003', offerExpiresAt: '2026-11-29T12:00:00.000Z' }
    const waiting: WaitlistEntry = { ...offer, id: 'wl_000000000004', status: 'waiting', offeredStart: null, offerExpiresAt: null }
    let list = { bookings: [upcoming, attended, cancelled], waitlist: [offer, lapsed, waiting], pausedUntil: '2026-12-30T08:00:00.000Z' }
    const { store, calls } = setup({
      'counselling.myBookings': () => list,
      'counselling.cancel': ({ id }: { id: string }) => {
        list = { ...list, bookings: list.bookings.map((b) => (b.id === id ? { ...b, status: 'cancelled' as const } : b)) }
        return list.bookings.find((b) => b.id === id)
      },
      'counselling.takeOffer': () => booking({ id: 'bk_000000000005', start: at('2026-12-01', '10:00') })
    })
    await store.loadMine()
    expect(store.upcoming.map((b) => b.id)).toEqual([upcoming.id])
    expect(store.past.map((b) => b.id)).toEqual([cancelled.id, attended.id])
    expect(store.offers.map((w) => w.id)).toEqual([offer.id])
    expect(store.waiting.map((w) => w.id)).toEqual([waiting.id])
    expect(store.pausedUntil).toBe('2026-12-30T08:00:00.000Z')

    expect(await store.cancel(upcoming.id)).toBe(true)
    expect(calls('counselling.cancel')[0]).toMatchObject({ input: { id: upcoming.id }, requestId: expect.stringMatching(/^[0-9a-f]{32}$/) })
    expect(calls('counselling.myBookings')).toHaveLength(2)
    expect(store.upcoming).toEqual([])

    expect(await store.takeOffer(offer.id)).toBe(true)
    expect(calls('counselling.takeOffer')[0]).toMatchObject({ input: { id: offer.id }, requestId: expect.any(String) })
  })

  test('a refused cancellation (the window closed meanwhile) is shown on that booking, and the list is refreshed', async () => {
    const late = booking({ id: 'bk_000000000006' })
    const { store, calls } = setup({
      'counselling.myBookings': () => ({ bookings: [{ ...late, canCancel: false }], waitlist: [], pausedUntil: null }),
      'counselling.cancel': () => {
        throw apiError('CANCEL_WINDOW_CLOSED', '预约开始前 24 小时内不能在线取消或改期，请直接致电服务站。', 'id')
      }
    })
    expect(await store.cancel(late.id)).toBe(false)
    expect(store.actionOf(late.id).error?.code).toBe('CANCEL_WINDOW_CLOSED')
    expect(calls('counselling.myBookings')).toHaveLength(1)
    expect(store.bookings[0].canCancel).toBe(false)
  })
})

describe('self-screening', () => {
  const answerAll = (store: ReturnType<typeof setup>['store'], answers: number[]) => {
    for (const a of answers) {
      store.screening.answer(a)
      store.screening.next()
    }
  }

  test('is scored on the device and never calls the server without consent; with it, sends the answers once', async () => {
    const saved: OwnScreening = { id: 'sc_000000000001', instrument: 'gad7', total: 12, band: 'moderate', crisis: false, suggestCounselling: true, createdAt: NOW.toISOString(), answers: [2, 2, 2, 2, 2, 1, 1], consentVersion: SCREENING_CONSENT_VERSION }
    const { store, transport, calls } = setup({ 'counselling.saveScreening': () => saved })
    store.screening.start('gad7')
    answerAll(store, [2, 2, 2, 2, 2, 1, 1])
    expect(store.screening.step).toBe('result')
    expect(store.screening.result).toEqual({ instrument: 'gad7', total: 12, band: 'moderate', crisis: false, suggestCounselling: true })
    expect(await store.screening.save()).toBe(false)
    expect(transport.calls).toEqual([])

    store.screening.setConsent(true)
    expect(await store.screening.save()).toBe(true)
    expect(await store.screening.save()).toBe(false)
    expect(calls('counselling.saveScreening')).toHaveLength(1)
    expect(calls('counselling.saveScreening')[0]).toMatchObject({
      input: { instrument: 'gad7', answers: [2, 2, 2, 2, 2, 1, 1], consentVersion: SCREENING_CONSENT_VERSION },
      requestId: expect.stringMatching(/^[0-9a-f]{32}$/)
    })
    expect(store.screening.saved?.id).toBe(saved.id)
  })

  test('PHQ-9 item 9 above zero sets the crisis state the moment it is answered, whatever the total', () => {
    const { store, transport } = setup()
    store.screening.start('phq9')
    answerAll(store, [0, 0, 0, 0, 0, 0, 0, 0])
    expect(store.screening.index).toBe(8)
    expect(store.screening.crisis).toBe(false)
    store.screening.answer(1)
    // No "next" needed: the crisis screen replaces the question at once.
    expect(store.screening.crisis).toBe(true)
    expect(store.screening.step).toBe('crisis')
    expect(store.screening.result).toMatchObject({ total: 1, band: 'minimal', crisis: true })
    store.screening.showResult()
    expect(store.screening.step).toBe('result')
    expect(transport.calls).toEqual([])
  })

  test('item 9 answered 完全不会 does not; nor does any GAD-7 answer', () => {
    const { store } = setup()
    store.screening.start('phq9')
    answerAll(store, [3, 3, 3, 3, 3, 3, 3, 3, 0])
    expect(store.screening).toMatchObject({ crisis: false, step: 'result' })
    expect(store.screening.result).toMatchObject({ total: 24, band: 'severe', crisis: false })
    store.screening.start('gad7')
    answerAll(store, [3, 3, 3, 3, 3, 3, 3])
    expect(store.screening).toMatchObject({ crisis: false, step: 'result' })
  })

  test('one question at a time: on only once answered, back to the previous one, the answer kept', () => {
    const { store } = setup()
    const s = store.screening
    s.start('phq9')
    expect([s.index, s.total]).toEqual([0, 9])
    s.next()
    expect(s.index).toBe(0)
    s.answer(2)
    s.next()
    expect(s.index).toBe(1)
    s.back()
    expect([s.index, s.current]).toEqual([0, 2])
    s.back()
    expect(s.step).toBe('intro')
  })

  test('withdrawing deletes every kept result; sharing sends the screening and the booking', async () => {
    const kept: OwnScreening = { id: 'sc_000000000002', instrument: 'phq9', total: 6, band: 'mild', crisis: false, suggestCounselling: false, createdAt: NOW.toISOString(), answers: [1, 1, 1, 1, 1, 1, 0, 0, 0], consentVersion: SCREENING_CONSENT_VERSION }
    const { store, calls } = setup({
      'counselling.myScreenings': () => [kept],
      'counselling.shareScreening': () => ({ shared: true }),
      'counselling.withdrawScreeningConsent': () => ({ deleted: 1 })
    })
    await store.screening.loadResults()
    expect(store.screening.results).toHaveLength(1)
    expect(await store.screening.share(kept.id, 'bk_000000000001')).toBe(true)
    expect(calls('counselling.shareScreening')[0].input).toEqual({ screeningId: kept.id, bookingId: 'bk_000000000001' })
    expect(await store.screening.withdraw()).toBe(true)
    expect(calls('counselling.withdrawScreeningConsent')[0].requestId).toMatch(/^[0-9a-f]{32}$/)
    expect(store.screening.results).toEqual([])
    expect(store.screening.deleted).toBe(1)
  })
})

describe('the counselling catalogue', () => {
  const source = Object.keys(catalogue['zh-CN']).sort()

  test.each(['zh-CN', 'zh-HK', 'en'] as const)('%s has every key, none empty, with the same {placeholders}', (locale) => {
    expect(Object.keys(catalogue[locale]).sort()).toEqual(source)
    const names = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort()
    for (const key of source) {
      const text = (catalogue[locale] as Record<string, string>)[key]
      expect([key, text.trim().length > 0]).toEqual([key, true])
      expect([key, names(text)]).toEqual([key, names((catalogue['zh-CN'] as Record<string, string>)[key])])
    }
  })

  test('carries the standard items and answer options of both questionnaires', () => {
    const zh = catalogue['zh-CN'] as Record<string, string>
    expect([0, 1, 2, 3].map((v) => zh[`counselling.answer.${v}`])).toEqual(['完全不会', '好几天', '一半以上的天数', '几乎每天'])
    for (let i = 1; i <= 9; i++) expect(zh[`counselling.phq9.q${i}`]).toBeTruthy()
    for (let i = 1; i <= 7; i++) expect(zh[`counselling.gad7.q${i}`]).toBeTruthy()
    expect(zh['counselling.phq9.q9']).toBe('有不如死掉或用某种方式伤害自己的念头')
  })
})
