/**
 * The filing form's optional map point: "use my current location" in a browser, "mark the place on a map" on weapp
 * (after WeChat's privacy step), shown in words, kept in the draft on the device, removable, refused outside
 * Guangdong; and sent with the filing. Real Taro H5 components in jsdom, the real stores, a fake transport.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { runInAction } from 'mobx'
import { chooseLocation, getLocation } from '@tarojs/taro-h5'
import type { Me } from '@minan/types/api'
import type { CaseDetail } from '@minan/types/functions/petition'
import { PetitionForm } from '../../src/petition/components/petition-form'
import { choosePoint, wgs84ToGcj02 } from '../../src/petition/location'
import { RootStore, StoreContext } from '../../src/stores/root'
import { DRAFT_KEY, type PetitionDraft } from '../../src/petition/stores/draft'
import { memoryStorage } from '../../src/stores/storage'
import { FakeTransport } from '../support/fake-transport'

// taro-h5's APIs are getters jest.spyOn cannot replace: the module is mocked through a Proxy (see crisis-help.test.tsx).
const order: string[] = []
jest.mock('@tarojs/taro-h5', () => {
  const actual = jest.requireActual('@tarojs/taro-h5')
  const fakes: Record<string, jest.Mock> = {
    getLocation: jest.fn(),
    chooseLocation: jest.fn(),
    requirePrivacyAuthorize: jest.fn((o: { success: () => void }) => {
      order.push('privacy')
      o.success()
    })
  }
  return new Proxy(actual, { get: (target, key) => (typeof key === 'string' && key in fakes ? fakes[key] : target[key]) })
})
const locate = jest.mocked(getLocation)
const mark = jest.mocked(chooseLocation)

const CHEN: Me = {
  userId: 'u-chen',
  displayName: '陈秀英',
  roles: [{ role: 'resident', regionCode: null, regionName: null }],
  homeRegion: { code: '441302001200', name: '东平村民委员会', pathNames: ['惠州市', '惠城区', '桥东街道', '东平村民委员会'] }
}

/** Where 惠州 西湖 is by GPS, as a browser reports it. */
const HUIZHOU = { latitude: 23.0794, longitude: 114.4126 }
const here = (p: { latitude: number; longitude: number }) => ({ ...p, accuracy: 20, altitude: 0, horizontalAccuracy: 20, verticalAccuracy: 0, speed: 0, errMsg: 'getLocation:ok' })

function renderForm(storage = memoryStorage()) {
  const transport = new FakeTransport().on('petition.file', () => ({ id: 'case-0000000001' }) as unknown as CaseDetail)
  const store = new RootStore({ transport, storage, systemLanguage: 'zh-CN' })
  runInAction(() => (store.session.me = CHEN))
  // The place is the stepper's third step.
  runInAction(() => {
    store.filing.openDraft({ userId: CHEN.userId, regionCode: CHEN.homeRegion!.code, regionNames: CHEN.homeRegion!.pathNames, contactName: CHEN.displayName })
    store.filing.goToStep(2)
  })
  render(
    <StoreContext.Provider value={store}>
      <PetitionForm onFiled={() => undefined} />
    </StoreContext.Provider>
  )
  return { transport, store, storage }
}

const saved = (storage: ReturnType<typeof memoryStorage>) => storage.get<PetitionDraft>(DRAFT_KEY)

beforeEach(() => {
  locate.mockReset()
  mark.mockReset()
  order.length = 0
})
afterEach(() => {
  delete process.env.TARO_ENV
})

describe('the map point in a browser', () => {
  test('"use my current location" shows the point in words, keeps it on the device and sends it with the filing', async () => {
    locate.mockResolvedValue(here(HUIZHOU))
    const { transport, storage, store } = renderForm()
    expect(await screen.findByText('地图位置（选填）')).toBeTruthy()
    fireEvent.click(screen.getByText('使用我现在的位置'))
    const expected = wgs84ToGcj02(HUIZHOU.latitude, HUIZHOU.longitude)
    // Said in words, not coordinates: the directory (no village near in this fake) leaves it "marked on the map".
    expect(await screen.findByText('已在地图上标出')).toBeTruthy()
    expect(screen.queryByText(/北纬/)).toBeNull()
    expect(locate).toHaveBeenCalledWith(expect.objectContaining({ type: 'wgs84' }))
    expect(saved(storage)?.location).toEqual(expected)

    act(() => {
      store.filing.update({ kind: 'complaint', title: '路灯坏了', description: '村口路灯坏了三个月。', contactPhone: '13812345678' })
      store.filing.goToStep(4)
    })
    fireEvent.click(await screen.findByRole('checkbox'))
    fireEvent.click(document.querySelector('.petition-form__send')!)
    await waitFor(() => expect(transport.callsTo('petition.file')).toHaveLength(1))
    expect(transport.callsTo('petition.file')[0].input).toMatchObject({ location: { lat: expected.lat, lng: expected.lng } })
  })

  test('the point can be removed, from the screen and from the draft', async () => {
    locate.mockResolvedValue(here(HUIZHOU))
    const { storage } = renderForm()
    fireEvent.click(await screen.findByText('使用我现在的位置'))
    fireEvent.click(await screen.findByText('✕ 移除地图位置'))
    expect(await screen.findByText('使用我现在的位置')).toBeTruthy()
    expect(screen.queryByText('已在地图上标出')).toBeNull()
    expect(saved(storage)?.location).toBeNull()
  })

  test('a point outside Guangdong is refused with the reason, and nothing is kept', async () => {
    locate.mockResolvedValue(here({ latitude: 39.9042, longitude: 116.4074 }))
    const { storage } = renderForm()
    fireEvent.click(await screen.findByText('使用我现在的位置'))
    expect(await screen.findByText('✗ 这个位置不在广东省内，请重新选择，或只填写地址。')).toBeTruthy()
    expect(saved(storage)?.location ?? null).toBeNull()
  })

  test('a refused or failed position says what to do instead', async () => {
    locate.mockRejectedValue({ errMsg: 'getLocation:fail User denied Geolocation' })
    renderForm()
    fireEvent.click(await screen.findByText('使用我现在的位置'))
    expect(await screen.findByText('✗ 没能取得位置。可以允许定位后再试，或只填写地址。')).toBeTruthy()
  })

  test('a draft left on the device brings its point back', async () => {
    const storage = memoryStorage({ [DRAFT_KEY]: { requestId: 'req-000000000001', title: '路灯', description: '', photos: [], location: { lat: 23.0771, lng: 114.4179 } } })
    renderForm(storage)
    expect(await screen.findByText('已在地图上标出')).toBeTruthy()
    expect(screen.getByText('在地图中查看')).toBeTruthy()
  })
})

describe('the map point on weapp', () => {
  test('WeChat’s privacy step runs first, then the place is marked on the map, with its name and address', async () => {
    process.env.TARO_ENV = 'weapp'
    mark.mockImplementation(async () => {
      order.push('chooseLocation')
      return { name: '西湖公园', address: '惠城区', latitude: 23.0771, longitude: 114.4179, errMsg: 'chooseLocation:ok' }
    })
    expect(await choosePoint()).toEqual({ point: { lat: 23.0771, lng: 114.4179, name: '西湖公园', address: '惠城区' } })
    expect(order).toEqual(['privacy', 'chooseLocation'])
    expect(locate).not.toHaveBeenCalled()
  })

  test('closing the map is no error', async () => {
    process.env.TARO_ENV = 'weapp'
    mark.mockRejectedValue({ errMsg: 'chooseLocation:fail cancel' })
    expect(await choosePoint()).toEqual({ cancelled: true })
  })
})

describe('wgs84ToGcj02', () => {
  test('shifts a Guangdong point by the few hundred metres Chinese maps are offset', () => {
    const p = wgs84ToGcj02(23.1291, 113.2644)
    const metres = Math.hypot((p.lat - 23.1291) * 111_000, (p.lng - 113.2644) * 111_000 * Math.cos((23.13 * Math.PI) / 180))
    expect(metres).toBeGreaterThan(200)
    expect(metres).toBeLessThan(800)
    // In Guangzhou GCJ-02 lies east of GPS by about 0.005° and south by about 0.003°.
    expect(p.lng - 113.2644).toBeGreaterThan(0.004)
    expect(p.lat - 23.1291).toBeLessThan(0)
  })
})
