/**
 * Booking the village legal advisor's on-site time: a tap on a time opens a sheet that says who, where and when;
 * only 确认预约 books, and then the page says it is booked. Real Taro H5 components in jsdom, real stores, a fake
 * transport.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { runInAction } from 'mobx'
import type { Me } from '@minan/types/api'
import type { AdvisorDetail, OnsiteBooking, OnsiteSlot } from '@minan/types/functions/legal'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import AdvisorPage from '../../src/legal/pages/advisor/index'
import { FakeTransport } from '../support/fake-transport'

jest.mock('@tarojs/taro-h5', () => {
  const actual = jest.requireActual('@tarojs/taro-h5')
  const fakes: Record<string, jest.Mock> = {
    useRouter: jest.fn(() => ({ params: { id: 'la_000000000001', village: '441302001200' } })),
    navigateTo: jest.fn(() => Promise.resolve({ errMsg: 'navigateTo:ok' })),
    requestSubscribeMessage: jest.fn(() => Promise.resolve({}))
  }
  const withFakes = (target: Record<string, unknown>) => new Proxy(target, { get: (t, key) => (typeof key === 'string' && key in fakes ? fakes[key] : t[key as string]) })
  return new Proxy(actual, { get: (target, key) => (key === 'default' ? withFakes(target.default) : typeof key === 'string' && key in fakes ? fakes[key] : target[key]) })
})

const CHEN = { userId: 'user_resident_chen', displayName: '陈秀英', roles: [{ role: 'resident', regionCode: null, regionName: null }], homeRegion: null } as unknown as Me

const SLOT: OnsiteSlot = {
  advisorId: 'la_000000000001',
  advisorName: '王志强',
  villageCode: '441302001200',
  villageName: '东平村',
  place: '东平村党群服务中心',
  start: '2026-12-08T01:00:00.000Z',
  end: '2026-12-08T01:30:00.000Z'
}
const ADVISOR: AdvisorDetail = {
  id: 'la_000000000001',
  name: '王志强',
  firm: '广东惠城律师事务所',
  practiceAreas: ['family'],
  languages: ['mandarin'],
  phone: '0752-2345678',
  townshipCode: '441302001',
  townshipName: '桥东街道',
  villages: [{ villageCode: '441302001200', villageName: '东平村', nth: 2, weekday: 2, start: '09:00', end: '12:00', place: '东平村党群服务中心', nextDates: ['2026-12-08'] }],
  nextSlots: [SLOT]
} as unknown as AdvisorDetail

function renderPage() {
  const bookings: OnsiteBooking[] = []
  const transport = new FakeTransport({
    'legal.advisor': () => ADVISOR,
    'legal.slots': () => [SLOT],
    'legal.myBookings': () => bookings,
    'legal.book': () => {
      const b: OnsiteBooking = { id: 'lb_000000000001', ...SLOT, status: 'booked', canCancel: true, cancelBy: '2026-12-07T01:00:00.000Z' }
      bookings.push(b)
      return b
    }
  })
  const root = new RootStore({ transport, storage: memoryStorage({ 'minan.token': 'token-chen' }), systemLanguage: 'zh-CN' })
  runInAction(() => (root.session.me = CHEN))
  render(
    <StoreContext.Provider value={root}>
      <AdvisorPage />
    </StoreContext.Provider>
  )
  return transport
}

test('a tap on a time in the grid asks first (who, where, when); 确认预约 books and says so; 重新选择时间 books nothing', async () => {
  const transport = renderPage()
  const time = await screen.findByLabelText(/^预约 12月8日 星期二 09:00/)
  expect(time.textContent).toBe('09:00')
  fireEvent.click(time)
  const sheet = await screen.findByRole('group', { name: '核对预约信息' })
  expect(sheet.closest('[role="dialog"]')).not.toBeNull()
  // The sheet's title names the step and the button the action: 确认预约 is said once, on the button.
  expect(sheet.closest('[role="dialog"]')!.textContent!.split('确认预约')).toHaveLength(2)
  expect(sheet.textContent).toContain('法律顾问：王志强律师')
  expect(sheet.textContent).toContain('地点：东平村，东平村党群服务中心')
  expect(sheet.textContent).toContain('时间：12月8日')
  expect(transport.callsTo('legal.book')).toHaveLength(0)

  fireEvent.click(screen.getByText('重新选择时间'))
  await waitFor(() => expect(screen.queryByRole('group', { name: '核对预约信息' })).toBeNull())
  expect(transport.callsTo('legal.book')).toHaveLength(0)

  fireEvent.click(screen.getByLabelText(/^预约 12月8日 星期二 09:00/))
  await act(async () => void fireEvent.click(await screen.findByText('确认预约', { selector: '.lg-onsite-confirm__book' })))
  await waitFor(() => expect(transport.callsTo('legal.book')).toHaveLength(1))
  const done = await screen.findByText('✓ 预约成功')
  expect(done.closest('[role="status"]')!.textContent).toContain('地点：东平村，东平村党群服务中心')
  // The booked time stays in the grid, marked as the person's, and is no longer offered.
  expect(await screen.findByText('✓ 09:00 已约')).toBeTruthy()
  expect(screen.queryByLabelText(/^预约 12月8日 星期二 09:00/)).toBeNull()
})
