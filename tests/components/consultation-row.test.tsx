/**
 * A consultation in 我的法律咨询 and on the advisor's workbench is a list row: the question's first line, one line of
 * village · date, its state as a chip in words, a chevron — not a button of everything run together. Real Taro H5
 * components in jsdom, real stores, a fake transport.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { runInAction } from 'mobx'
import type { Me } from '@minan/types/api'
import type { ConsultationSummary, Workbench } from '@minan/types/functions/legal'
import { ConsultationRow } from '../../src/legal/components/consultation-row'
import MinePage from '../../src/legal/pages/mine/index'
import WorkbenchPage from '../../src/legal/pages/workbench/index'
import '../../src/legal/store'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { FakeTransport } from '../support/fake-transport'

// The pages load on show: here they load on mount (their useEffect), so the show hooks do nothing.
jest.mock('@tarojs/taro-h5', () => {
  const actual = jest.requireActual('@tarojs/taro-h5')
  const fakes: Record<string, unknown> = { useDidShow: () => undefined, usePullDownRefresh: () => undefined }
  const withFakes = (target: Record<string, unknown>) => new Proxy(target, { get: (t, key) => (typeof key === 'string' && key in fakes ? fakes[key] : t[key as string]) })
  return new Proxy(actual, { get: (target, key) => (key === 'default' ? withFakes(target.default) : typeof key === 'string' && key in fakes ? fakes[key] : target[key]) })
})

const summary = (over: Partial<ConsultationSummary> = {}): ConsultationSummary => ({
  id: 'lc_000000000001',
  category: 'land_contract',
  status: 'waiting',
  villageCode: '441302001200',
  villageName: '东平村民委员会',
  advisorId: 'adv_1',
  advisorName: '何文',
  askerName: '李建国',
  anonymous: false,
  excerpt: '承包地被划给别人种了，怎么办？\n村里也没有跟我签任何协议',
  askedAt: '2026-12-01T02:00:00.000Z',
  updatedAt: '2026-12-01T02:00:00.000Z',
  dueAt: '2026-12-08T02:00:00.000Z',
  overdue: false,
  rating: null,
  caseId: null,
  ...over
})

const ME: Me = { userId: 'u-li', displayName: '李建国', roles: [{ role: 'resident', regionCode: null, regionName: null }], homeRegion: null }

function rootWith(transport = new FakeTransport()) {
  const root = new RootStore({ transport, storage: memoryStorage(), systemLanguage: 'zh-CN' })
  runInAction(() => {
    root.session.me = ME
    root.session.token = 'token'
  })
  return root
}

/** The row's parts, in reading order. */
const parts = (row: Element) => ({
  title: row.querySelector('.cell__title')?.textContent,
  meta: row.querySelector('.cell__meta')?.textContent,
  chip: row.querySelector('.lg-crow__chip')?.textContent,
  chevron: row.querySelectorAll('.cell__chevron').length,
  text: row.textContent
})

describe('a consultation row', () => {
  test('title, one meta line, a status chip, a chevron — and nothing else run together', async () => {
    const root = rootWith()
    const onOpen = jest.fn()
    render(<ConsultationRow item={summary()} t={root.ui.t} locale='zh-CN' onOpen={onOpen} />)
    const row = await screen.findByRole('listitem')
    expect(row.className).toContain('lg-crow')
    expect(row.className).not.toContain('btn-plain')
    expect(parts(row)).toEqual({
      title: '承包地被划给别人种了，怎么办？',
      meta: '东平村民委员会 · 12月1日 星期二',
      chip: '等待律师答复',
      chevron: 1,
      text: '承包地被划给别人种了，怎么办？东平村民委员会 · 12月1日 星期二等待律师答复'
    })
    // The app's one row shape (src/components/cell), not a second one.
    expect(row.className).toContain('cell')
    expect(row.querySelector('.cell__chevron')?.getAttribute('aria-hidden')).toBe('true')
    fireEvent.click(row)
    expect(onOpen).toHaveBeenCalledWith('lc_000000000001')
  })

  test('past the deadline, the chip says so in words; an answered one says the lawyer answered', async () => {
    const root = rootWith()
    render(
      <div>
        <ConsultationRow item={summary({ id: 'a', overdue: true })} t={root.ui.t} locale='zh-CN' onOpen={() => undefined} />
        <ConsultationRow item={summary({ id: 'b', status: 'answered', dueAt: null })} t={root.ui.t} locale='en' onOpen={() => undefined} />
      </div>
    )
    const [overdue, answered] = await screen.findAllByRole('listitem')
    expect(parts(overdue).chip).toBe('超过答复期限')
    expect(overdue.querySelector('.lg-crow__chip--overdue')).toBeTruthy()
    expect(parts(answered).chip).toBe('律师已答复')
    expect(answered.querySelector('.lg-crow__chip--answered')).toBeTruthy()
  })
})

describe('the lists use it', () => {
  test('我的法律咨询', async () => {
    const transport = new FakeTransport({ 'legal.myConsultations': () => [summary(), summary({ id: 'lc_000000000002', excerpt: '邻居排水', status: 'closed' })], 'legal.myBookings': () => [] })
    render(
      <StoreContext.Provider value={rootWith(transport)}>
        <MinePage />
      </StoreContext.Provider>
    )
    await waitFor(() => expect(document.querySelectorAll('.lg-mine__row.lg-crow')).toHaveLength(2))
    const rows = [...document.querySelectorAll('.lg-mine__row')].map((r) => [parts(r).title, parts(r).chip])
    expect(rows).toEqual([
      ['承包地被划给别人种了，怎么办？', '等待律师答复'],
      ['邻居排水', '已结束']
    ])
  })

  test('the advisor’s workbench: who asked and by when the answer is due', async () => {
    const bench = { open: [summary({ overdue: true })], overdue: 1, today: [], villages: [] } as unknown as Workbench
    const transport = new FakeTransport({ 'legal.workbench': () => bench })
    render(
      <StoreContext.Provider value={rootWith(transport)}>
        <WorkbenchPage />
      </StoreContext.Provider>
    )
    await waitFor(() => expect(document.querySelector('.lg-bench__open.lg-crow')).toBeTruthy())
    expect(parts(document.querySelector('.lg-bench__open')!)).toMatchObject({ title: '承包地被划给别人种了，怎么办？', meta: '东平村民委员会 · 李建国 · 答复期限：12月8日 星期二', chip: '超过答复期限' })
  })
})
