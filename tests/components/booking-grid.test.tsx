/**
 * The booking grid (issue 14), one component for counselling and legal on-site booking: a strip of the days that have
 * times (a day nobody works is not offered), the chosen day's times as chips, a half-screen sheet to confirm, then a
 * clear success. Here on the counselling station page; legal-onsite-booking.test.tsx drives it on the advisor page.
 * Real Taro H5 components in jsdom, real stores, a fake transport.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { runInAction } from 'mobx'
import type { Me } from '@minan/types/api'
import type { Booking, FreeSlot, StationDetail } from '@minan/types/functions/counselling'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { counsellingOf } from '../../src/counselling/store'
import StationPage from '../../src/counselling/pages/station/index'
import { BookingGrid, type GridDay } from '../../src/components/booking-grid'
import { FakeTransport } from '../support/fake-transport'

jest.mock('@tarojs/taro-h5', () => {
  const actual = jest.requireActual('@tarojs/taro-h5')
  const fakes: Record<string, unknown> = {
    useDidShow: () => undefined,
    useRouter: jest.fn(() => ({ params: { id: 'st441302001' } })),
    requestSubscribeMessage: jest.fn(() => Promise.resolve({}))
  }
  const withFakes = (target: Record<string, unknown>) => new Proxy(target, { get: (t, key) => (typeof key === 'string' && key in fakes ? fakes[key] : t[key as string]) })
  return new Proxy(actual, { get: (target, key) => (key === 'default' ? withFakes(target.default) : typeof key === 'string' && key in fakes ? fakes[key] : target[key]) })
})

/** Monday 30 November 2026, 08:00 in Shanghai. The station is open Tuesday to Saturday. */
const NOW = new Date('2026-11-30T00:00:00.000Z')
const STATION = 'st441302001'
const LIN = 'pv_lin_000000001'
const CHEN = { userId: 'user_resident_chen', displayName: '陈秀英', roles: [{ role: 'resident', regionCode: null, regionName: null }], homeRegion: null } as unknown as Me
const TUE_TO_SAT = [2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '09:00', end: '12:00' }))
const station: StationDetail = {
  id: STATION,
  kind: 'station',
  name: '桥东街道社会心理服务站',
  regionCode: '441302001',
  regionPath: ['惠州市', '惠城区', '桥东街道'],
  address: '综治中心二楼',
  hours: '周二至周六 9:00–12:00',
  phone: '0752-1234567',
  services: ['individual'],
  languages: ['mandarin'],
  location: null,
  distance: null,
  counsellors: [{ id: LIN, stationId: STATION, displayName: '林静', qualification: null, languages: ['mandarin'], modes: ['in_person'], hours: TUE_TO_SAT }]
} as unknown as StationDetail
const slot = (start: string): FreeSlot => ({ counsellorId: LIN, counsellorName: '林静', start, end: start.replace(/T(\d\d)/, (_, h) => `T${String(Number(h)).padStart(2, '0')}`) })
// Tuesday 1 Dec: 09:00 and 10:00; Wednesday 2 Dec: 09:00 (Shanghai = UTC+8).
const SLOTS = [slot('2026-12-01T01:00:00.000Z'), slot('2026-12-01T02:00:00.000Z'), slot('2026-12-02T01:00:00.000Z')]

function renderStation() {
  const transport = new FakeTransport({
    'counselling.station': () => station,
    'counselling.slots': () => SLOTS,
    'counselling.book': (input: { start: string; pseudonym?: string }) =>
      ({ id: 'bk_000000000001', stationId: STATION, stationName: station.name, stationAddress: station.address, counsellorId: LIN, counsellorName: '林静', start: input.start, end: input.start, mode: 'in_person', pseudonym: input.pseudonym ?? null, status: 'booked', canCancel: true, cancelBy: '2026-12-01T17:00:00.000Z', sharedScreeningId: null }) as Booking
  })
  const root = new RootStore({ transport, storage: memoryStorage({ 'minan.token': 'token-chen' }), systemLanguage: 'zh-CN' })
  runInAction(() => (root.session.me = CHEN))
  counsellingOf(root, () => NOW)
  render(
    <StoreContext.Provider value={root}>
      <StationPage />
    </StoreContext.Provider>
  )
  return transport
}

const strip = () => screen.getByRole('tablist', { name: '选择日期' })

test('closed days are not offered; a full working day shows 约满; the first day with a time is chosen', async () => {
  renderStation()
  await screen.findByText('选择时间（12月1日 星期二）')
  const days = within(strip()).getAllByRole('tab').map((d) => d.getAttribute('aria-label'))
  // Two weeks from Monday 30 Nov: Tuesday to Saturday only; no Monday, no Sunday.
  expect(days).toHaveLength(10)
  expect(days.some((d) => /星期一|星期日/.test(d!))).toBe(false)
  expect(days[0]).toBe('12月1日 星期二，2 个')
  expect(days[2]).toBe('12月3日 星期四，约满')
  expect(screen.getByLabelText('预约 12月1日 星期二 09:00，咨询师 林静')).toBeTruthy()
  expect(screen.getByLabelText('预约 12月1日 星期二 10:00，咨询师 林静')).toBeTruthy()

  fireEvent.click(within(strip()).getAllByRole('tab')[1])
  expect(await screen.findByText('选择时间（12月2日 星期三）')).toBeTruthy()
  expect(screen.queryByLabelText(/12月1日 星期二 09:00/)).toBeNull()
  fireEvent.click(within(strip()).getAllByRole('tab')[2])
  expect(await screen.findByText('排队候补（林静）')).toBeTruthy()
})

test('a time opens a confirmation sheet; closing it books nothing; confirming books once and shows the success', async () => {
  const transport = renderStation()
  fireEvent.click(await screen.findByLabelText('预约 12月1日 星期二 10:00，咨询师 林静'))
  const sheet = await screen.findByRole('dialog', { name: '核对预约信息' })
  expect(sheet.textContent).toContain('12月1日 星期二 10:00')
  // The sheet's title names the step and the button the action: 确认预约 is said once, on the button.
  expect(within(sheet).getByRole('heading', { name: '核对预约信息' })).toBeTruthy()
  expect(sheet.textContent!.split('确认预约')).toHaveLength(2)
  fireEvent.click(within(sheet).getByLabelText('关闭'))
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  expect(transport.callsTo('counselling.book')).toHaveLength(0)

  fireEvent.click(screen.getByLabelText('预约 12月1日 星期二 10:00，咨询师 林静'))
  const again = await screen.findByRole('dialog', { name: '核对预约信息' })
  fireEvent.click(within(again).getByText('确认预约', { selector: '.booking-confirm__submit' }))
  await waitFor(() => expect(transport.callsTo('counselling.book')).toHaveLength(1))
  expect(transport.callsTo('counselling.book')[0].input).toMatchObject({ counsellorId: LIN, start: '2026-12-01T02:00:00.000Z' })
  const done = await screen.findByText('✓ 预约成功')
  expect(done.closest('[role="status"]')!.textContent).toContain('12月1日 星期二 10:00')
  expect(screen.queryByRole('dialog')).toBeNull()
  expect(screen.queryByRole('tablist')).toBeNull()
})

test('the grid alone: plain props, the person’s own booking shown and not offered', () => {
  const day: GridDay = { date: '2026-12-08', weekday: '周二', day: '12/8', title: '12月8日 星期二', slots: [{ key: 'a', text: '09:00', label: '预约 09:00', mine: true }, { key: 'b', text: '09:30', label: '预约 09:30' }] }
  const onPick = jest.fn()
  const labels = { days: '选择日期', times: (d: string) => `选择时间（${d}）`, full: '约满', left: (n: number) => `${n} 个`, none: '没有', mine: '已约' }
  render(<BookingGrid days={[day]} value={null} onDay={() => undefined} onPick={onPick} labels={labels} />)
  expect(screen.getByText('✓ 09:00 已约')).toBeTruthy()
  expect(screen.queryByLabelText('预约 09:00')).toBeNull()
  expect(screen.getByRole('tab').getAttribute('aria-label')).toBe('12月8日 星期二，1 个')
  fireEvent.click(screen.getByLabelText('预约 09:30'))
  expect(onPick).toHaveBeenCalledWith('b')
})
