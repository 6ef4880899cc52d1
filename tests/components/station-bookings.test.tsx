/**
 * The station staff's bookings screen: a week of the township station's bookings day by day, with time, counsellor
 * and pseudonym — and never a session note, a risk mark, a referral or a screening result, even were the server to
 * send one. The township centre's queue cards: the station link for township staff, the legal overdue counts.
 * Real Taro H5 components in jsdom, real stores, a fake transport.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { navigateTo } from '@tarojs/taro-h5'
import type { Me } from '@minan/types/api'
import type { Station, StationBooking } from '@minan/types/functions/counselling'
import type { AdvisorOverdue, OverdueCount } from '@minan/types/functions/legal'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { stationBookingsOf, stationTownship } from '../../src/counselling/pages/station-bookings/store'
import { StationBookings } from '../../src/counselling/pages/station-bookings/bookings'
import { CentreCards } from '../../src/staff/pages/queue/centre-cards'
import { legalOverdueOf } from '../../src/staff/pages/queue/centre-store'
import { FakeTransport } from '../support/fake-transport'

jest.mock('@tarojs/taro-h5', () => {
  const actual = jest.requireActual('@tarojs/taro-h5')
  const fakes: Record<string, jest.Mock> = { navigateTo: jest.fn(() => Promise.resolve({ errMsg: 'navigateTo:ok' })) }
  // Routing APIs stay on the default export (Taro.navigateTo is not rewritten to a named import): fake both.
  const withFakes = (target: Record<string, unknown>) => new Proxy(target, { get: (t, key) => (typeof key === 'string' && key in fakes ? fakes[key] : t[key as string]) })
  return new Proxy(actual, { get: (target, key) => (key === 'default' ? withFakes(target.default) : typeof key === 'string' && key in fakes ? fakes[key] : target[key]) })
})
const navigate = jest.mocked(navigateTo)

/** Thursday 3 December 2026, 09:00 in Shanghai. */
const NOW = new Date('2026-12-03T01:00:00.000Z')
const TOWNSHIP = '441302001'

const huang: Me = {
  userId: 'user_centre_huang',
  displayName: '黄丽华',
  roles: [{ role: 'centre_staff', regionCode: TOWNSHIP, regionName: '桥东街道' }],
  homeRegion: null
}
const county: Me = { ...huang, userId: 'user_county_wu', displayName: '吴海涛', roles: [{ role: 'centre_staff', regionCode: '441302', regionName: '惠城区' }] }
const mediator: Me = { ...huang, userId: 'user_mediator', roles: [{ role: 'mediator', regionCode: TOWNSHIP, regionName: '桥东街道' }] }

const station = (id: string, name: string, kind: Station['kind']): Station => ({
  id,
  kind,
  name,
  regionCode: id.slice(2),
  regionPath: ['惠州市', '惠城区', '桥东街道'],
  address: '桥东街道办事处二楼',
  hours: '周一至周五 09:00–17:00',
  phone: '0752-2345678',
  services: ['individual', 'family', 'crisis'],
  languages: ['mandarin', 'cantonese'],
  location: null,
  distance: null
})
const STATIONS = [station(`st${TOWNSHIP}`, '桥东街道社会心理服务站', 'station'), station(`st${TOWNSHIP}200`, '东平村心理服务室', 'room')]

const booking = (id: string, start: string, over: Partial<StationBooking> = {}): StationBooking => ({
  id,
  start,
  end: new Date(Date.parse(start) + 50 * 60_000).toISOString(),
  mode: 'in_person',
  counsellorName: '林静',
  client: '小红',
  status: 'booked',
  ...over
})

/** What the server answers for the township station, week by week; a secret field slipped in must still not show. */
function bookingsFor(stationId: string, from: string): StationBooking[] {
  if (stationId !== `st${TOWNSHIP}`) return [booking('bk_room_000001', '2026-12-04T02:00:00.000Z', { counsellorName: '郭敏', client: '阿明', mode: 'phone' })]
  if (from !== '2026-12-03') return []
  const leaky = {
    ...booking('bk_000000000002', '2026-12-03T06:00:00.000Z', { client: '陈先生', mode: 'video' }),
    notes: '来访者提到近期失眠与家庭矛盾',
    risk: true,
    referral: '惠州市第二人民医院心理科',
    sharedScreening: { instrument: 'phq9', total: 15, band: 'moderately_severe', crisis: true }
  } as StationBooking
  return [
    leaky,
    booking('bk_000000000001', '2026-12-03T01:00:00.000Z'),
    booking('bk_000000000003', '2026-12-07T07:00:00.000Z', { status: 'cancelled', client: '小李' })
  ]
}

function setUp() {
  const transport = new FakeTransport({
    'counselling.stations': () => STATIONS,
    'counselling.stationBookings': ({ stationId, from }: { stationId: string; from: string }) => bookingsFor(stationId, from),
    'legal.overdue': (): OverdueCount[] => [{ regionCode: TOWNSHIP, regionName: '桥东街道', overdue: 2, waiting: 5 }],
    'legal.overdueList': (): AdvisorOverdue[] => []
  })
  const root = new RootStore({ transport, storage: memoryStorage(), systemLanguage: 'zh-CN' })
  const store = stationBookingsOf(root, () => NOW)
  return { transport, root, store }
}

beforeEach(() => navigate.mockClear())

describe('the station bookings screen', () => {
  test('the week day by day: time, counsellor and pseudonym; never notes, risk, referral or screening', async () => {
    const { transport, root, store } = setUp()
    await store.open(huang)
    render(
      <StoreContext.Provider value={root}>
        <StationBookings />
      </StoreContext.Provider>
    )
    // It opens on the township's station, this week from today.
    expect(transport.callsTo('counselling.stations')[0].input).toEqual({ regionCode: TOWNSHIP, limit: 50 })
    expect(transport.callsTo('counselling.stationBookings')[0].input).toEqual({ stationId: `st${TOWNSHIP}`, from: '2026-12-03', days: 7 })
    expect(screen.getByText('12月3日 至 12月9日 · 共 2 个预约')).toBeTruthy()

    // Seven days, each under its own heading; the bookings of the 3rd in time order.
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)
    expect(headings).toHaveLength(7)
    expect(headings[0]).toBe('12月3日 星期四')
    const thursday = screen.getByRole('list', { name: '12月3日 星期四' })
    const rows = Array.from(thursday.querySelectorAll('[role="listitem"]')).map((r) => r.textContent)
    // Each the app's one row: when and who as the title, counsellor and way as the meta line, the status as a chip.
    expect(rows).toEqual(['09:00–09:50 · 来访者：小红咨询师：林静 · 面谈已预约', '14:00–14:50 · 来访者：陈先生咨询师：林静 · 视频已预约'])
    expect(thursday.querySelectorAll('.cell .status-chip--waiting')).toHaveLength(2)
    expect(screen.getAllByText('没有预约').length).toBe(5)
    expect(screen.getByText(/来访者：小李/).closest('.cell')?.querySelector('.status-chip--closed')?.textContent).toBe('已取消')

    // Nothing confidential, even though the answer carried it.
    const page = document.body.textContent ?? ''
    for (const secret of ['失眠', '医院', '风险', 'PHQ', '15 分', '中重度', '自评：']) expect([secret, page.includes(secret)]).toEqual([secret, false])
    expect(screen.getByText(/咨询记录和心理自评结果只有咨询师能看到/)).toBeTruthy()
  })

  test('another station and other weeks', async () => {
    const { transport, root, store } = setUp()
    await store.open(huang)
    render(
      <StoreContext.Provider value={root}>
        <StationBookings />
      </StoreContext.Provider>
    )
    fireEvent.click(screen.getByRole('radio', { name: /东平村心理服务室/ }))
    await waitFor(() => expect(screen.getByText(/来访者：阿明/)).toBeTruthy())
    expect(screen.getByText(/咨询师：郭敏/)).toBeTruthy()
    expect(transport.callsTo('counselling.stationBookings').at(-1)!.input).toMatchObject({ stationId: `st${TOWNSHIP}200` })

    fireEvent.click(screen.getByRole('radio', { name: /桥东街道社会心理服务站/ }))
    await waitFor(() => expect(screen.getByText(/来访者：小红/)).toBeTruthy())
    fireEvent.click(screen.getByText('下一周'))
    await waitFor(() => expect(screen.getByText('这一周没有预约。')).toBeTruthy())
    expect(transport.callsTo('counselling.stationBookings').at(-1)!.input).toEqual({ stationId: `st${TOWNSHIP}`, from: '2026-12-10', days: 7 })
    fireEvent.click(screen.getByText('回到本周'))
    await waitFor(() => expect(screen.getByText(/来访者：小红/)).toBeTruthy())
  })

  test('only township centre staff are station staff', async () => {
    expect(stationTownship(huang)).toBe(TOWNSHIP)
    expect(stationTownship(county)).toBeNull()
    expect(stationTownship(mediator)).toBeNull()
    const { transport, root, store } = setUp()
    await store.open(county)
    render(
      <StoreContext.Provider value={root}>
        <StationBookings />
      </StoreContext.Provider>
    )
    expect(screen.getByText(/只有街道（乡镇）综治中心的工作人员/)).toBeTruthy()
    expect(transport.callsTo('counselling.stationBookings')).toHaveLength(0)
  })
})

describe('the township centre’s cards on the queue', () => {
  async function renderCards(me: Me) {
    const { transport, root } = setUp()
    root.session.me = me
    render(
      <StoreContext.Provider value={root}>
        <CentreCards />
      </StoreContext.Provider>
    )
    await act(async () => undefined)
    return { transport, root }
  }

  test('township staff get the legal overdue count and the station link; both open their pages', async () => {
    const { root } = await renderCards(huang)
    await waitFor(() => expect(screen.getByText('超期 2 件 · 待答复 5 件')).toBeTruthy())
    expect(legalOverdueOf(root).totals).toEqual({ overdue: 2, waiting: 5 })
    fireEvent.click(screen.getByText('查看各法律顾问情况'))
    expect(navigate).toHaveBeenLastCalledWith({ url: '/staff/pages/overdue/index' })
    fireEvent.click(screen.getByText('查看服务站预约'))
    expect(navigate).toHaveBeenLastCalledWith({ url: '/counselling/pages/station-bookings/index' })
  })

  test('county staff get the legal card but no station link', async () => {
    await renderCards(county)
    await waitFor(() => expect(screen.getByText('超期 2 件 · 待答复 5 件')).toBeTruthy())
    expect(screen.queryByText('查看服务站预约')).toBeNull()
  })

  test('a mediator gets neither card', async () => {
    const { transport } = await renderCards(mediator)
    expect(screen.queryByText('查看各法律顾问情况')).toBeNull()
    expect(screen.queryByText('查看服务站预约')).toBeNull()
    expect(transport.callsTo('legal.overdue')).toHaveLength(0)
  })
})
