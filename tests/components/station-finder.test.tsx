/**
 * Finding a counselling station: the list always shows what the page says it shows. Real Taro H5 components in
 * jsdom, real stores, a fake transport; the phone's location is faked.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { runInAction } from 'mobx'
import type { Me } from '@minan/types/api'
import type { Station } from '@minan/types/functions/counselling'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { StationFinder } from '../../src/counselling/components/station-finder'
import { locate } from '../../src/platform/location'
import { FakeTransport } from '../support/fake-transport'

jest.mock('../../src/platform/location', () => ({ locate: jest.fn() }))

const CHEN: Me = {
  userId: 'user_resident_chen',
  displayName: '陈秀英',
  roles: [{ role: 'resident', regionCode: null, regionName: null }],
  homeRegion: { code: '441302001200', name: '东平村民委员会', pathNames: ['惠州市', '惠城区', '桥东街道', '东平村民委员会'] }
} as Me

const station = (id: string, name: string, regionPath: string[], address: string): Station => ({
  id,
  kind: 'station',
  name,
  regionCode: id.slice(2),
  regionPath,
  address,
  hours: '周一至周五 9:00–12:00，14:30–17:30',
  phone: '0752-2345678',
  services: ['individual'],
  languages: ['mandarin'],
  location: null,
  distance: null
})
const QIAODONG = station('st441302001', '桥东街道社会心理服务站', ['惠州市', '惠城区', '桥东街道'], '惠州市惠城区桥东街道综治中心二楼')
const SHIPAI = { ...station('st441900113', '石排镇社会心理服务站', ['东莞市', '东莞市', '石排镇'], '东莞市东莞市石排镇综治中心二楼'), distance: 800 }

function renderFinder() {
  const transport = new FakeTransport({
    'counselling.stations': (input: { regionCode?: string; near?: unknown }) => (input.near ? [SHIPAI] : input.regionCode === '441302001' ? [QIAODONG] : [])
  })
  const root = new RootStore({ transport, storage: memoryStorage(), systemLanguage: 'zh-CN' })
  runInAction(() => (root.session.me = CHEN))
  render(
    <StoreContext.Provider value={root}>
      <StationFinder />
    </StoreContext.Provider>
  )
  return transport
}

const listed = () => screen.queryAllByRole('listitem').map((li) => li.querySelector('.station-card__name')?.textContent)

describe('finding a station', () => {
  test('back to 按地区 after 离我最近 lists the area it names again, not the nearest stations', async () => {
    jest.mocked(locate).mockResolvedValue({ lat: 23.02, lng: 113.75 })
    renderFinder()
    await waitFor(() => expect(listed()).toEqual(['桥东街道社会心理服务站']))

    fireEvent.click(screen.getByRole('radio', { name: /离我最近/ }))
    await waitFor(() => expect(listed()).toEqual(['石排镇社会心理服务站']))

    fireEvent.click(screen.getByRole('radio', { name: /按地区/ }))
    expect(screen.getByText('正在查看：桥东街道')).toBeTruthy()
    await waitFor(() => expect(listed()).toEqual(['桥东街道社会心理服务站']))
  })

  test('按名称 before any search lists nothing; a declined location lists nothing either', async () => {
    jest.mocked(locate).mockResolvedValue(null)
    renderFinder()
    await waitFor(() => expect(listed()).toEqual(['桥东街道社会心理服务站']))
    fireEvent.click(screen.getByRole('radio', { name: /按名称/ }))
    expect(listed()).toEqual([])
    fireEvent.click(screen.getByRole('radio', { name: /离我最近/ }))
    await waitFor(() => expect(screen.getByRole('alert')).toBeTruthy())
    expect(listed()).toEqual([])
  })

  test('an address names each place once', async () => {
    jest.mocked(locate).mockResolvedValue({ lat: 23.02, lng: 113.75 })
    renderFinder()
    fireEvent.click(screen.getByRole('radio', { name: /离我最近/ }))
    await waitFor(() => expect(listed()).toEqual(['石排镇社会心理服务站']))
    expect(screen.getByText('地址：东莞市石排镇综治中心二楼')).toBeTruthy()
  })
})
