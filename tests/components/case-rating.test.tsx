/**
 * Rating a finished matter: 提交 with no rating chosen says what is missing, at the choice, and sends nothing.
 * Real Taro H5 components in jsdom, real stores, a fake transport.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { runInAction } from 'mobx'
import type { CaseDetail } from '@minan/types/functions/petition'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { CaseActions } from '../../src/petition/components/case-actions'
import { FakeTransport } from '../support/fake-transport'

const CASE = { id: 'cs_000000000001', stage: 'original', status: 'closed', rating: null, can: ['rate'], nextDeadline: null, nextDeadlineKind: null } as unknown as CaseDetail

test('评价 → 提交 with nothing chosen: 请先选择满意程度 at the choice, nothing sent; choosing clears it', async () => {
  const transport = new FakeTransport({ 'petition.rate': () => ({ ...CASE, rating: 'satisfied', can: [] }) })
  const root = new RootStore({ transport, storage: memoryStorage({ 'minan.token': 'token-chen' }), systemLanguage: 'zh-CN' })
  runInAction(() => (root.caseView.current = CASE))
  render(
    <StoreContext.Provider value={root}>
      <CaseActions c={CASE} />
    </StoreContext.Provider>
  )
  fireEvent.click(screen.getByText('评价'))
  fireEvent.click(screen.getByText('提交'))
  const alert = await screen.findByRole('alert')
  expect(alert.textContent).toContain('请先选择满意程度')
  expect(alert.closest('.field--rating')).not.toBeNull()
  expect(transport.callsTo('petition.rate')).toHaveLength(0)

  fireEvent.click(screen.getByRole('radio', { name: /基本满意/ }))
  await waitFor(() => expect(screen.queryByText(/请先选择满意程度/)).toBeNull())
  await act(async () => void fireEvent.click(screen.getByText('提交')))
  await waitFor(() => expect(transport.callsTo('petition.rate')).toHaveLength(1))
  expect(transport.callsTo('petition.rate')[0].input).toMatchObject({ rating: 'basically_satisfied' })
})
