/**
 * The staff queue's filters on a shared phone: a mediator signing in after centre staff sees the default filters
 * on the screen already open, not the previous person's (which made a newly assigned case show as "共 0 件").
 */
import { act, render, screen } from '@testing-library/react'
import type { Me } from '@minan/types/api'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { staffStoreOf } from '../../src/staff/store'
import { QueueFilters } from '../../src/staff/components/queue-filters'
import { FakeTransport } from '../support/fake-transport'

const grant = (userId: string, role: Me['roles'][number]['role']): Me => ({ userId, displayName: userId, roles: [{ role, regionCode: '441302001', regionName: null }], homeRegion: null })
const ACCOUNTS: Record<string, Me> = { huang: grant('u-huang', 'centre_staff'), zhou: grant('u-zhou', 'mediator') }

test('the filters on screen go back to their defaults when the next person signs in', async () => {
  const transport = new FakeTransport({
    'auth.demoSignIn': ({ account }: { account: string }) => ({ token: `tok-${account}`, expiresAt: '2026-12-31T00:00:00.000Z', me: ACCOUNTS[account] }),
    'petition.queue': () => ({ items: [], nextCursor: null, total: 0 })
  })
  const root = new RootStore({ transport, storage: memoryStorage(), systemLanguage: 'zh-CN' })
  render(
    <StoreContext.Provider value={root}>
      <QueueFilters areaLevel={false} />
    </StoreContext.Provider>
  )
  await act(() => root.session.signInDemo('huang'))
  await act(() => staffStoreOf(root).setFilter({ status: 'closed' }))
  expect(screen.getByLabelText('状态：已办结')).toBeTruthy()

  act(() => root.session.signOut())
  await act(() => root.session.signInDemo('zhou'))
  expect(screen.getByLabelText('状态：全部未办结')).toBeTruthy()
  expect(staffStoreOf(root).filter.status).toBe('open')
})
