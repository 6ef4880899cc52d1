/**
 * A grid worker's 工作台: the cases they filed for residents with how many are overdue, and no "no permission";
 * on a shared phone, nothing of the person signed in before. Real Taro H5 components in jsdom, a fake transport.
 */
import { act, render, screen } from '@testing-library/react'
import type { Me } from '@minan/types/api'
import type { Workbench } from '@minan/types/functions/stats'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { dashboardStoreOf } from '../../src/staff/pages/dashboard/store'
import { WorkbenchView } from '../../src/staff/pages/workbench/view'
import { FakeTransport, apiError } from '../support/fake-transport'

const me = (userId: string, role: Me['roles'][number]['role'], regionCode: string): Me => ({ userId, displayName: userId, roles: [{ role, regionCode, regionName: null }], homeRegion: null })
const ACCOUNTS: Record<string, Me> = { 'centre-huang': me('u-huang', 'centre_staff', '441302001'), 'grid-tang': me('u-tang', 'grid_worker', '441302001200') }

const workbenchOf = (who: Me): Workbench => ({
  generatedAt: '2026-11-27T02:00:00.000Z',
  dueSoonDays: 3,
  queues:
    who.roles[0].role === 'grid_worker'
      ? [{ kind: 'filed', role: 'grid_worker', regionCode: null, regionName: null, total: 4, overdue: 1, dueSoon: 2 }]
      : [{ kind: 'cases', role: 'centre_staff', regionCode: '441302001', regionName: '桥东街道', total: 37, overdue: 5, dueSoon: 6 }],
  dashboards: []
})

test('a grid worker signing in after centre staff sees the cases they filed, with no error and nothing of the one before', async () => {
  let signedIn: Me | null = null
  const transport = new FakeTransport({
    'auth.demoSignIn': ({ account }: { account: string }) => ((signedIn = ACCOUNTS[account]), { token: `tok-${account}`, expiresAt: '2026-12-31T00:00:00.000Z', me: ACCOUNTS[account] }),
    'stats.workbench': () => {
      if (!signedIn) throw apiError('UNAUTHENTICATED')
      return workbenchOf(signedIn)
    },
    'petition.queue': () => {
      throw apiError('FORBIDDEN', '您没有权限进行此操作')
    }
  })
  const root = new RootStore({ transport, storage: memoryStorage(), systemLanguage: 'zh-CN' })
  render(
    <StoreContext.Provider value={root}>
      <WorkbenchView />
    </StoreContext.Provider>
  )
  await act(() => root.session.signInDemo('centre-huang'))
  await act(() => dashboardStoreOf(root).loadWorkbench())
  expect(screen.getByText('待办 37 件')).toBeTruthy()

  act(() => root.session.signOut())
  await act(() => root.session.signInDemo('grid-tang'))
  expect(screen.queryByText('待办 37 件')).toBeNull()
  await act(() => dashboardStoreOf(root).loadWorkbench())
  expect(screen.getByText('我代办的事项')).toBeTruthy()
  expect(screen.getByText('待办 4 件')).toBeTruthy()
  expect(screen.queryByRole('alert')).toBeNull()
  expect(screen.queryByText('您没有权限进行此操作')).toBeNull()
})
