/**
 * The public statistics page's content (StatsView): every bar carries its figure as text (never length or colour
 * alone), our township share stands beside the province's published 99.8 %, and choosing a city in the filter asks
 * the server for that city's figures. Real Taro H5 components in jsdom, real stores, a fake transport.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Region } from '@minan/types/api'
import type { PublicStats } from '@minan/types/functions/stats'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { publicStoreOf } from '../../src/public/store'
import { StatsView } from '../../src/public/components/stats-view'
import { FakeTransport, fakeRegions } from '../support/fake-transport'

const CITIES = [
  { code: '44', name: '广东省', level: 'province', parentCode: null },
  { code: '4401', name: '广州市', level: 'city', parentCode: '44' },
  { code: '4403', name: '深圳市', level: 'city', parentCode: '44' },
  { code: '4413', name: '惠州市', level: 'city', parentCode: '44' }
] as Region[]

const MONTHS = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']

/** Figures chosen so that no two bars show the same number: each can be found by its own text. */
const provinceStats = (): PublicStats => ({
  generatedAt: '2026-11-27T02:00:00.000Z',
  total: 360,
  open: 41,
  closed: 301,
  resolvedAtTownshipShare: 97.3,
  medianDaysToClose: 6.5,
  satisfaction: { rated: 207, satisfied: 151, basicallySatisfied: 33, unsatisfied: 23, satisfiedShare: 88.9 },
  byMonth: MONTHS.map((month, i) => ({ month, filed: 100 + i, closed: 200 + i })),
  byCity: [
    { code: '4401', name: '广州市', filed: 57, closed: 44 },
    { code: '4403', name: '深圳市', filed: 121, closed: 20 },
    { code: '4413', name: '惠州市', filed: 0, closed: 0 }
  ],
  byKind: [
    { kind: 'complaint', count: 111 },
    { kind: 'request', count: 62 },
    { kind: 'suggestion', count: 13 },
    { kind: 'enquiry', count: 9 },
    { kind: 'dispute', count: 165 }
  ],
  agreements: {
    agreements: 17,
    confirmed: 5,
    performed: 12,
    byRegion: [
      { code: '4401', name: '广州市', agreements: 10, confirmed: 3, performed: 8 },
      { code: '4413', name: '惠州市', agreements: 7, confirmed: 2, performed: 4 }
    ]
  }
})

const cityStats = (): PublicStats => ({
  ...provinceStats(),
  total: 57,
  byCity: provinceStats().byCity.map((c) => (c.code === '4401' ? c : { ...c, filed: 0, closed: 0 })),
  agreements: { agreements: 0, confirmed: 0, performed: 0, byRegion: [] }
})

async function renderStats(locale = 'zh-CN') {
  const transport = new FakeTransport({ 'stats.public': ({ cityCode }: { cityCode?: string }) => (cityCode ? cityStats() : provinceStats()), ...fakeRegions(CITIES) })
  const root = new RootStore({ transport, storage: memoryStorage(), systemLanguage: locale })
  const store = publicStoreOf(root)
  const view = render(
    <StoreContext.Provider value={root}>
      <StatsView />
    </StoreContext.Provider>
  )
  // What the page does when it opens.
  await act(async () => {
    await Promise.all([store.loadCities(), store.load()])
  })
  return { transport, root, store, container: view.container }
}

/** Every bar on screen, as [its figure's text, the drawn width]. */
const bars = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('.bar-line')).map((bar) => [bar.querySelector('.bar-line__value')?.textContent ?? '', (bar.querySelector('.bar-line__fill') as HTMLElement | null)?.style.width ?? ''])

describe('the statistics page', () => {
  test('every bar writes its figure beside it, and its length follows the figure', async () => {
    const { container } = await renderStats()
    const shown = bars(container)
    // 2 township bars, 3 ratings, 12 months × raised and concluded, 3 cities, 5 kinds.
    expect(shown).toHaveLength(2 + 3 + 24 + 3 + 5)
    for (const [text] of shown) expect(text).toMatch(/\d/)

    expect(shown).toContainEqual(['97.3%', '97.3%'])
    expect(shown).toContainEqual(['151 件', '72.9%'])
    // Months: both bars of every month, against the longest (211 concluded in the last month).
    for (const [i] of MONTHS.entries()) {
      expect(screen.getByText(`收到 ${100 + i} 件`)).toBeTruthy()
      expect(screen.getByText(`办结 ${200 + i} 件`)).toBeTruthy()
    }
    expect(shown).toContainEqual(['办结 211 件', '100%'])
    expect(screen.getByText('2025年12月')).toBeTruthy()
    // Cities, most matters first; a city with none shows 0 and no bar.
    expect(shown).toContainEqual(['121 件（已办结 20 件）', '100%'])
    expect(shown).toContainEqual(['0 件（已办结 0 件）', '0%'])
    const ranking = Array.from(container.querySelectorAll('.bar-item__label'))
      .map((l) => l.textContent ?? '')
      .filter((l) => /^\d+\. /.test(l))
    expect(ranking).toEqual(['1. 深圳市', '2. 广州市', '3. 惠州市'])
    // Kinds, each under its name.
    expect(screen.getByText('矛盾纠纷调解')).toBeTruthy()
    expect(shown).toContainEqual(['165 件', '100%'])
    expect(shown).toContainEqual(['9 件', '5.5%'])
  })

  test('the headline figures are written out, each with what it means in plain words', async () => {
    await renderStats()
    for (const [label, value] of [
      ['收到诉求', '360 件'],
      ['正在办理', '41 件'],
      ['已办结', '301 件'],
      ['办结一般用时', '6.5 天']
    ]) {
      expect(screen.getByText(label).closest('.figure')?.textContent).toContain(value)
    }
    expect(screen.getByText(/中位数/)).toBeTruthy()
    expect(screen.getByText('满意和基本满意合计 88.9%，共 207 人评价')).toBeTruthy()
  })

  test('our live township share stands beside the province’s published 99.8 %', async () => {
    const { container } = await renderStats()
    expect(screen.getByText('广东省公布：全省 99.8% 的矛盾纠纷在镇街及以下化解。下面两条可以对照着看。')).toBeTruthy()
    const township = screen.getByText('在镇街及以下化解').closest('.chart-section')!
    const pairs = Array.from(township.querySelectorAll('.bar-item')).map((item) => [item.querySelector('.bar-item__label')?.textContent, item.querySelector('.bar-line__value')?.textContent])
    expect(pairs).toEqual([
      ['本平台实时', '97.3%'],
      ['全省公布', '99.8%']
    ])
    expect(bars(container)).toContainEqual(['99.8%', '99.8%'])
  })

  test('choosing a city in the filter asks for that city by its code, and the ranking gives way to a note', async () => {
    const { transport, container } = await renderStats()
    // Inside Taro's H5 Picker, testing-library counts the element as hidden: find it by its accessible name instead.
    const filter = screen.getByLabelText('选择地区，当前为全省')
    expect(filter.tagName.toLowerCase()).toBe('taro-button-core')
    expect(filter.textContent).toContain('全省')
    const picker = container.querySelector('taro-picker-core')!
    // The options are 全省 then the cities in order: 广州市 is the second.
    await act(async () => {
      fireEvent(picker, new CustomEvent('change', { detail: { value: 1 } }))
    })
    await waitFor(() => expect(transport.callsTo('stats.public').map((c) => c.input)).toEqual([{}, { cityCode: '4401' }]))
    await waitFor(() => expect(screen.getByText('收到诉求').closest('.figure')?.textContent).toContain('57 件'))
    expect(screen.getByLabelText('选择地区，当前为广州市').textContent).toContain('广州市')
    expect(screen.getByText('现在只看一个市。要看各市排行，请把地区改回“全省”。')).toBeTruthy()
    expect(container.textContent).not.toContain('1. 广州市')

    await act(async () => {
      fireEvent(picker, new CustomEvent('change', { detail: { value: 0 } }))
    })
    await waitFor(() => expect(transport.callsTo('stats.public').map((c) => c.input)).toEqual([{}, { cityCode: '4401' }, {}]))
  })

  test('mediation agreements: in effect, judicially confirmed and performed, in all and per city; an area with none says so', async () => {
    const { container } = await renderStats()
    for (const [label, value] of [
      ['调解协议', '17 件'],
      ['司法确认', '5 件'],
      ['已履行', '12 件']
    ]) {
      expect(screen.getByText(label).closest('.figure')?.textContent).toContain(value)
    }
    expect(Array.from(container.querySelectorAll('.stats__agreements .stats__line')).map((l) => l.textContent)).toEqual([
      '广州市：协议 10 件，司法确认 3 件，已履行 8 件',
      '惠州市：协议 7 件，司法确认 2 件，已履行 4 件'
    ])
    await act(async () => {
      fireEvent(container.querySelector('taro-picker-core')!, new CustomEvent('change', { detail: { value: 1 } }))
    })
    expect(await screen.findByText('这里还没有生效的调解协议。')).toBeTruthy()
  })

  test('in English the same figures read in English, months included', async () => {
    await renderStats('en')
    expect(screen.getByText('Raised: 100')).toBeTruthy()
    expect(screen.getByText('Concluded: 211')).toBeTruthy()
    expect(screen.getByText('Dec 2025')).toBeTruthy()
    expect(screen.getByText(/Guangdong reports that 99.8% of disputes/)).toBeTruthy()
  })
})
