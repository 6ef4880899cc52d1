/**
 * The 新 mark in the staff queue: on a case assigned to me that I have not opened (the server says which), in words
 * and with what it means for a screen reader; gone from the row once I open the case.
 */
import { act, render, screen } from '@testing-library/react'
import { observer } from 'mobx-react-lite'
import type { CaseDetail, CaseSummary } from '@minan/types/functions/petition'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { staffStoreOf, useStaffStore } from '../../src/staff/store'
import { CaseRow } from '../../src/staff/components/case-row'
import { FakeTransport } from '../support/fake-transport'

const row = (id: string, title: string, newToMe: boolean): CaseSummary => ({
  id,
  trackingNo: `4413-20261130-${id}`,
  kind: 'dispute',
  stage: 'original',
  title,
  status: 'assigned',
  regionName: '东平村民委员会',
  handlingUnit: '桥东街道',
  filedAt: '2026-11-30T00:00:00.000Z',
  updatedAt: '2026-11-30T00:00:00.000Z',
  nextDeadline: null,
  nextDeadlineKind: null,
  flag: 'ok',
  riskLevel: 0,
  newToMe
})

const Queue = observer(function Queue() {
  const store = useStaffStore()
  return (
    <>
      {store.items.map((i) => (
        <CaseRow key={i.id} item={i} />
      ))}
    </>
  )
})

test('a case newly assigned to me carries 新 until I open it; one I have seen does not', async () => {
  const items = [row('a1', '邻里纠纷：围墙', true), row('a2', '宅基地边界', false)]
  const transport = new FakeTransport({
    'petition.queue': () => ({ items, nextCursor: null, total: 2 }),
    'petition.get': ({ id }: { id: string }) => ({ ...items.find((i) => i.id === id)!, newToMe: undefined }) as unknown as CaseDetail
  })
  const root = new RootStore({ transport, storage: memoryStorage(), systemLanguage: 'zh-CN' })
  render(
    <StoreContext.Provider value={root}>
      <Queue />
    </StoreContext.Provider>
  )
  await act(() => staffStoreOf(root).loadQueue())
  const marks = screen.getAllByLabelText('新分给您的，您还没打开看过')
  expect(marks).toHaveLength(1)
  expect(marks[0].textContent).toContain('新')
  expect(marks[0].closest('.case-row')?.textContent).toContain('邻里纠纷：围墙')

  await act(() => staffStoreOf(root).openCase('a1'))
  expect(screen.queryAllByLabelText('新分给您的，您还没打开看过')).toHaveLength(0)
})
