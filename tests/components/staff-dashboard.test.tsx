/**
 * The staff dashboard's content (DashboardView) and the workbench's ordering: figures written as text beside every
 * bar, the drill-down asking the server for the tapped sub-region and the path leading back up, a refusal said in
 * words. Real Taro H5 components in jsdom, real stores, a fake transport.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Dashboard, RegionFigures, WorkbenchQueue } from '@minan/types/functions/stats'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { byUrgency, dashboardStoreOf } from '../../src/staff/pages/dashboard/store'
import { DashboardView } from '../../src/staff/pages/dashboard/view'
import { FakeTransport, apiError } from '../support/fake-transport'

const MONTHS = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']

const figures = (code: string, name: string, n: number): RegionFigures => ({ code, name, newLast30Days: n + 1, open: n + 2, overdue: n % 3, closed: n * 10, resolvedAtTownshipShare: 90 + (n % 10) })

/** Figures chosen so that no two shown numbers are the same. */
function cityDashboard(): Dashboard {
  return {
    ...figures('4413', '惠州市', 0),
    newLast30Days: 87,
    open: 64,
    overdue: 9,
    closed: 512,
    resolvedAtTownshipShare: 96.4,
    generatedAt: '2026-11-27T02:00:00.000Z',
    level: 'city',
    path: [{ code: '4413', name: '惠州市' }],
    newThisMonth: 71,
    dueSoon: 13,
    dueSoonDays: 3,
    medianDaysToClose: 11.5,
    satisfaction: { rated: 300, satisfied: 201, basicallySatisfied: 57, unsatisfied: 42, satisfiedShare: 86 },
    byMonth: MONTHS.map((month, i) => ({ month, filed: 20 + i, closed: 40 + i })),
    children: [figures('441302', '惠城区', 4), figures('441303', '惠阳区', 5), figures('441322', '博罗县', 7)]
  }
}

function countyDashboard(): Dashboard {
  return {
    ...cityDashboard(),
    ...figures('441302', '惠城区', 4),
    level: 'county',
    path: [
      { code: '4413', name: '惠州市' },
      { code: '441302', name: '惠城区' }
    ],
    children: [figures('441302001', '桥东街道', 1), figures('441302002', '桥西街道', 2)]
  }
}

async function renderDashboard() {
  const transport = new FakeTransport({
    'stats.dashboard': ({ regionCode }: { regionCode?: string }) => {
      if (!regionCode || regionCode === '4413') return cityDashboard()
      if (regionCode === '441302') return countyDashboard()
      throw apiError('FORBIDDEN')
    }
  })
  const root = new RootStore({ transport, storage: memoryStorage(), systemLanguage: 'zh-CN' })
  const store = dashboardStoreOf(root)
  const view = render(
    <StoreContext.Provider value={root}>
      <DashboardView />
    </StoreContext.Provider>
  )
  await act(async () => store.open(null))
  return { transport, store, container: view.container }
}

const bars = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('.bar-line')).map((bar) => [bar.querySelector('.bar-line__value')?.textContent ?? '', (bar.querySelector('.bar-line__fill') as HTMLElement | null)?.style.width ?? ''])

describe('the staff dashboard', () => {
  test('the figures, each with what it means; every bar writes its figure', async () => {
    const { container } = await renderDashboard()
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('数据看板 · 惠州市')
    const text = container.textContent ?? ''
    for (const shown of ['本月新收71 件', '近30天新收87 件', '在办64 件', '已逾期9 件', '即将到期13 件', '累计办结512 件', '办结用时中位数11.5 天']) expect(text).toContain(shown)
    expect(text).toContain('在办事项中 3 天内到期的。')
    const shown = bars(container)
    // Township share and the province's, 3 ratings, 12 months × 2, 3 sub-regions.
    expect(shown).toHaveLength(2 + 3 + 24 + 3)
    expect(shown).toContainEqual(['96.4%', '96.4%'])
    expect(shown).toContainEqual(['99.8%', '99.8%'])
    expect(shown).toContainEqual(['201 件', '67%'])
    expect(shown).toContainEqual(['办结 51 件', '100%'])
    for (const [figure] of shown) expect(figure).toMatch(/\d/)
    // Sub-regions: the most overdue first (惠阳区 2), then the most open (博罗县 9 before 惠城区 6).
    const names = Array.from(container.querySelectorAll('.dash-child__name')).map((n) => n.textContent)
    expect(names).toEqual(['惠阳区 ›', '博罗县 ›', '惠城区 ›'])
    expect(text).toContain('逾期 2 · 近30天新收 6 · 镇街化解 95%')
  })

  test('tapping a sub-region opens it, and the path leads back up', async () => {
    const { transport, container } = await renderDashboard()
    fireEvent.click(container.querySelector('[aria-label="查看惠城区的数据"]')!)
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('数据看板 · 惠城区'))
    expect(transport.callsTo('stats.dashboard').map((c) => c.input)).toEqual([{}, { regionCode: '441302' }])
    expect(Array.from(container.querySelectorAll('.dash-child__name')).map((n) => n.textContent)).toEqual(['桥西街道 ›', '桥东街道 ›'])
    expect(container.querySelector('[aria-current="page"]')?.textContent).toBe('惠城区')
    expect(container.querySelector('.dash-path__link')?.textContent).toBe('惠州市')
    fireEvent.click(container.querySelector('.dash-path__link')!)
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('数据看板 · 惠州市'))
    expect(transport.callsTo('stats.dashboard').at(-1)?.input).toEqual({ regionCode: '4413' })
  })

  test('a region outside the jurisdiction is refused in words', async () => {
    const { store } = await renderDashboard()
    await act(async () => store.open('4401'))
    expect(screen.getByRole('alert').textContent).toBe('您只能查看自己辖区的数据。')
  })

  test('the workbench puts the queues with the most overdue first, then the most due soon', () => {
    const q = (kind: WorkbenchQueue['kind'], overdue: number, dueSoon: number): WorkbenchQueue => ({ kind, role: 'x', regionCode: null, regionName: null, total: 10, overdue, dueSoon })
    const ordered = byUrgency([q('cases', 0, 5), q('sessions', 2, 0), q('questions', 0, 9), q('station', 2, 1), q('filed', 0, 0)])
    expect(ordered.map((x) => x.kind)).toEqual(['station', 'sessions', 'questions', 'cases', 'filed'])
  })
})
