/**
 * PublicStore: the public statistics page's figures for the province or one city (the input each choice sends,
 * a late reply for an earlier choice never landing), the city list for the filter, the city ranking's order,
 * and bar widths that keep a small count visible — against a fake transport.
 */
import type { Region } from '../../types/api'
import type { PublicStats } from '../../types/functions/stats'
import { RootStore } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { barWidth, PROVINCE_TOWNSHIP_SHARE, publicStoreOf } from '../../src/public/store'
import { apiError, FakeTransport, fakeRegions } from '../support/fake-transport'

const CITIES: Region[] = [
  { code: '44', name: '广东省', level: 'province', parentCode: null },
  { code: '4401', name: '广州市', level: 'city', parentCode: '44' },
  { code: '4403', name: '深圳市', level: 'city', parentCode: '44' },
  { code: '4413', name: '惠州市', level: 'city', parentCode: '44' },
  { code: '4419', name: '东莞市', level: 'city', parentCode: '44' }
] as Region[]

/** Figures as the server sends them; `total` tells which area they are for. */
const stats = (over: Partial<PublicStats> = {}): PublicStats => ({
  generatedAt: '2026-11-27T02:00:00.000Z',
  total: 360,
  open: 40,
  closed: 300,
  resolvedAtTownshipShare: 97.3,
  medianDaysToClose: 6.5,
  satisfaction: { rated: 200, satisfied: 150, basicallySatisfied: 30, unsatisfied: 20, satisfiedShare: 90 },
  byMonth: Array.from({ length: 12 }, (_, i) => ({ month: `2026-${String(i + 1).padStart(2, '0')}`, filed: 30, closed: 25 })),
  byCity: [
    { code: '4401', name: '广州市', filed: 50, closed: 10 },
    { code: '4403', name: '深圳市', filed: 120, closed: 100 },
    { code: '4413', name: '惠州市', filed: 50, closed: 45 },
    { code: '4419', name: '东莞市', filed: 60, closed: 5 },
    { code: '4420', name: '中山市', filed: 0, closed: 0 },
    { code: '4406', name: '佛山市', filed: 0, closed: 0 }
  ],
  byKind: [
    { kind: 'complaint', count: 100 },
    { kind: 'dispute', count: 260 }
  ],
  agreements: { agreements: 0, confirmed: 0, performed: 0, byRegion: [] },
  ...over
})

function setup(handlers: ConstructorParameters<typeof FakeTransport>[0] = {}) {
  const transport = new FakeTransport({ 'stats.public': () => stats(), ...fakeRegions(CITIES), ...handlers })
  const root = new RootStore({ transport, storage: memoryStorage(), systemLanguage: 'zh-CN' })
  const store = publicStoreOf(root)
  const inputs = (key: string) => transport.callsTo(key).map((c) => c.input)
  return { transport, root, store, inputs }
}

describe('the figures', () => {
  test('are asked for the whole province first, without signing in, and shown as the server sent them', async () => {
    const { store, transport, inputs } = setup()
    await store.load()
    expect(inputs('stats.public')).toEqual([{}])
    expect(transport.calls[0].token).toBeNull()
    expect(store.stats?.total).toBe(360)
    expect(store.loading).toBe(false)
    expect(store.error).toBeNull()
  })

  test('choosing a city asks for that city’s figures by its code; choosing the province again drops the code', async () => {
    const { store, inputs } = setup({ 'stats.public': ({ cityCode }: { cityCode?: string }) => stats({ total: cityCode === '4413' ? 50 : 360 }) })
    await store.load()
    await store.setCity('4413')
    expect(store.cityCode).toBe('4413')
    expect(store.stats?.total).toBe(50)
    await store.setCity(null)
    expect(inputs('stats.public')).toEqual([{}, { cityCode: '4413' }, {}])
    expect(store.stats?.total).toBe(360)
  })

  test('choosing the area already shown asks nothing again', async () => {
    const { store, inputs } = setup()
    await store.setCity('4413')
    await store.setCity('4413')
    expect(inputs('stats.public')).toEqual([{ cityCode: '4413' }])
  })

  test('a slow reply for an area chosen earlier never replaces the figures of the area chosen after it', async () => {
    let letHuizhouThrough: () => void = () => undefined
    const gate = new Promise<void>((go) => (letHuizhouThrough = go))
    const { store } = setup({
      'stats.public': async ({ cityCode }: { cityCode?: string }) => {
        if (cityCode === '4413') await gate
        return stats({ total: cityCode === '4413' ? 50 : 120 })
      }
    })
    const first = store.setCity('4413')
    await store.setCity('4403')
    letHuizhouThrough()
    await first
    expect(store.cityCode).toBe('4403')
    expect(store.stats?.total).toBe(120)
    expect(store.loading).toBe(false)
  })

  test('a failure keeps the figures already shown and says what went wrong; a network failure in our own words', async () => {
    const { store, transport } = setup()
    await store.load()
    transport.on('stats.public', () => Promise.reject(apiError('INTERNAL', '服务器出错了')))
    await store.setCity('4413')
    expect(store.stats?.total).toBe(360)
    expect(store.errorText('网络不通')).toBe('服务器出错了')
    transport.on('stats.public', () => Promise.reject(apiError('NETWORK', 'request:fail timeout')))
    await store.load()
    expect(store.errorText('网络不通')).toBe('网络不通')
    transport.on('stats.public', () => stats())
    await store.load()
    expect(store.errorText('网络不通')).toBeNull()
  })
})

describe('the city filter', () => {
  test('lists the cities under Guangdong (code 44), fetched once', async () => {
    const { store, inputs } = setup()
    await store.loadCities()
    await store.loadCities()
    expect(store.cities.map((c) => c.name)).toEqual(['广州市', '深圳市', '惠州市', '东莞市'])
    expect(inputs('regions.children')).toEqual([{ code: '44' }])
    await store.setCity('4413')
    expect(store.cityName).toBe('惠州市')
  })
})

describe('the charts', () => {
  test('ranks cities by matters raised, then by matters concluded, then in the official order', async () => {
    const { store } = setup()
    expect(store.cityRanking).toEqual([])
    await store.load()
    expect(store.cityRanking.map((c) => c.name)).toEqual(['深圳市', '东莞市', '惠州市', '广州市', '佛山市', '中山市'])
    // The server's order is left as it was.
    expect(store.stats?.byCity.map((c) => c.code)).toEqual(['4401', '4403', '4413', '4419', '4420', '4406'])
  })

  test('bars are drawn against the longest bar of their chart', async () => {
    const { store } = setup({ 'stats.public': () => stats({ byMonth: [{ month: '2026-11', filed: 8, closed: 12 }] }) })
    await store.load()
    expect([store.monthMax, store.cityMax, store.kindMax]).toEqual([12, 120, 260])
  })

  test('a bar’s width is its share of the longest; a count above zero always shows, zero never does', () => {
    expect(barWidth(50, 100)).toBe('50%')
    expect(barWidth(120, 120)).toBe('100%')
    expect(barWidth(1, 3)).toBe('33.3%')
    expect(barWidth(1, 100000)).toBe('1%')
    expect(barWidth(0, 10)).toBe('0%')
    expect(barWidth(0, 0)).toBe('0%')
    expect(barWidth(PROVINCE_TOWNSHIP_SHARE, 100)).toBe('99.8%')
  })
})

test('one store per app: the page finds the figures again when it is opened a second time', () => {
  const { root, store } = setup()
  expect(publicStoreOf(root)).toBe(store)
  expect(publicStoreOf(setup().root)).not.toBe(store)
})
