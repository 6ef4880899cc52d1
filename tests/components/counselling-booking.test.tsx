/**
 * Booking a counselling session as a resident: the confirm step offers a pseudonym by default and says what happens
 * without one; cancelling asks with buttons that say what they do. Real Taro H5 components in jsdom, real stores,
 * a fake transport.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { runInAction } from 'mobx'
import { showModal } from '@tarojs/taro-h5'
import type { Me } from '@minan/types/api'
import type { Booking, FreeSlot, StationDetail } from '@minan/types/functions/counselling'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { counsellingOf } from '../../src/counselling/store'
import { BookingConfirm } from '../../src/counselling/components/booking-confirm'
import { BookingCard } from '../../src/counselling/components/booking-card'
import { FakeTransport } from '../support/fake-transport'

jest.mock('@tarojs/taro-h5', () => {
  const actual = jest.requireActual('@tarojs/taro-h5')
  const fakes: Record<string, jest.Mock> = { showModal: jest.fn(() => Promise.resolve({ confirm: false, cancel: true })) }
  const withFakes = (target: Record<string, unknown>) => new Proxy(target, { get: (t, key) => (typeof key === 'string' && key in fakes ? fakes[key] : t[key as string]) })
  return new Proxy(actual, { get: (target, key) => (key === 'default' ? withFakes(target.default) : typeof key === 'string' && key in fakes ? fakes[key] : target[key]) })
})
const modal = jest.mocked(showModal)

/** Monday 30 November 2026, 08:00 in Shanghai. */
const NOW = new Date('2026-11-30T00:00:00.000Z')
const STATION = 'st441302001'
const LIN = 'pv_lin_000000001'
const CHEN = { userId: 'user_resident_chen', displayName: '陈秀英', roles: [{ role: 'resident', regionCode: null, regionName: null }], homeRegion: null } as unknown as Me

const station: StationDetail = {
  id: STATION,
  kind: 'station',
  name: '桥东街道社会心理服务站',
  regionCode: '441302001',
  regionPath: ['惠州市', '惠城区', '桥东街道'],
  address: '惠州市惠城区桥东街道综治中心二楼',
  hours: '周一至周六 9:00–12:00，14:00–17:00',
  phone: '0752-1234567',
  services: ['individual'],
  languages: ['mandarin'],
  location: null,
  distance: null,
  counsellors: [{ id: LIN, stationId: STATION, displayName: '林静', qualification: '国家二级心理咨询师', languages: ['mandarin'], modes: ['in_person', 'phone'], hours: [{ weekday: 2, start: '09:00', end: '12:00' }] }]
}
const SLOT: FreeSlot = { counsellorId: LIN, counsellorName: '林静', start: '2026-12-01T01:00:00.000Z', end: '2026-12-01T01:50:00.000Z' }
const BOOKING: Booking = {
  id: 'bk_000000000001',
  stationId: STATION,
  stationName: station.name,
  stationAddress: station.address,
  counsellorId: LIN,
  counsellorName: '林静',
  start: SLOT.start,
  end: SLOT.end,
  mode: 'in_person',
  pseudonym: null,
  status: 'booked',
  canCancel: true,
  cancelBy: '2026-11-30T01:00:00.000Z',
  sharedScreeningId: null
}

async function setUp() {
  const transport = new FakeTransport({
    'counselling.station': () => station,
    'counselling.slots': () => [SLOT],
    'counselling.book': (input: { pseudonym?: string }) => ({ ...BOOKING, pseudonym: input.pseudonym ?? null }),
    'counselling.cancel': () => ({ ...BOOKING, status: 'cancelled' }),
    'counselling.myBookings': () => ({ bookings: [BOOKING], waitlist: [], pausedUntil: null })
  })
  const root = new RootStore({ transport, storage: memoryStorage({ 'minan.token': 'token-chen' }), systemLanguage: 'zh-CN' })
  runInAction(() => (root.session.me = CHEN))
  const store = counsellingOf(root, () => NOW)
  await store.openStation(STATION)
  return { transport, root, store }
}

const SUGGESTIONS = '小安,小乐,小梅,阿明,阿华,小青,阿康,小云'.split(',')

describe('the booking form protects the real name', () => {
  test('a pseudonym is filled in by default, editable; cleared, the form says staff will see the real name', async () => {
    const { transport, root, store } = await setUp()
    runInAction(() => store.pick(SLOT))
    render(
      <StoreContext.Provider value={root}>
        <BookingConfirm here='/counselling/pages/station/index?id=st441302001' />
      </StoreContext.Provider>
    )
    const box = await screen.findByRole('textbox', { name: '化名（选填）' })
    const shown = () => box.closest('taro-input-core')!.getAttribute('value')
    await waitFor(() => expect(SUGGESTIONS).toContain(shown()))
    expect(screen.getByText('已为您填好一个化名，可以改成别的。')).toBeTruthy()
    expect(screen.queryByText(/服务站的工作人员会看到您的真实姓名/)).toBeNull()

    fireEvent.input(box, { target: { value: '' } })
    await waitFor(() => expect(screen.getByText('不填化名的话，服务站的工作人员会看到您的真实姓名。')).toBeTruthy())
    // Cleared on purpose: not filled in again.
    expect(store.pseudonym).toBe('')

    fireEvent.input(box, { target: { value: '阿英' } })
    await waitFor(() => expect(screen.queryByText(/会看到您的真实姓名/)).toBeNull())
    expect(screen.queryByText('已为您填好一个化名，可以改成别的。')).toBeNull()
    await act(() => store.book())
    expect(transport.callsTo('counselling.book')[0].input).toMatchObject({ pseudonym: '阿英' })
  })

  test('left as suggested, the booking carries the suggested pseudonym', async () => {
    const { transport, root, store } = await setUp()
    runInAction(() => store.pick(SLOT))
    render(
      <StoreContext.Provider value={root}>
        <BookingConfirm here='/counselling/pages/station/index?id=st441302001' />
      </StoreContext.Provider>
    )
    await waitFor(() => expect(store.pseudonym).not.toBe(''))
    fireEvent.click(screen.getByText('确认预约', { selector: 'button, taro-button-core, .booking-confirm__submit' }))
    await waitFor(() => expect(transport.callsTo('counselling.book')).toHaveLength(1))
    expect(SUGGESTIONS).toContain((transport.callsTo('counselling.book')[0].input as { pseudonym: string }).pseudonym)
  })
})

describe('cancelling a booking', () => {
  test('the question’s buttons say 取消预约 and 保留预约; keeping it cancels nothing', async () => {
    const { transport, root, store } = await setUp()
    await store.loadMine()
    render(
      <StoreContext.Provider value={root}>
        <BookingCard booking={BOOKING} upcoming />
      </StoreContext.Provider>
    )
    fireEvent.click(screen.getByText('取消预约'))
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect(modal.mock.calls[0][0]).toMatchObject({ title: '确定取消预约吗？', confirmText: '取消预约', cancelText: '保留预约' })
    await new Promise((r) => setTimeout(r, 0))
    expect(transport.callsTo('counselling.cancel')).toHaveLength(0)
  })
})
