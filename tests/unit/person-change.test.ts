/**
 * A shared phone: everything one person left in the app (their queue and its filters, an unsent draft, the case on
 * screen with a claim code, a chosen village, the unread count) is gone at sign-out and when someone else signs in;
 * the phone's own settings (language, elder mode) stay. One mechanism: session.onPersonChange, which feature() uses.
 */
import type { Me } from '../../types/api'
import type { CaseSummary } from '../../types/functions/petition'
import { RootStore } from '../../src/stores/root'
import { memoryStorage, PERSONAL_KEYS } from '../../src/stores/storage'
import { PERSON_KEY } from '../../src/stores/session'
import { staffStoreOf } from '../../src/staff/store'
import { dashboardStoreOf } from '../../src/staff/pages/dashboard/store'
import { DRAFT_KEY } from '../../src/petition/stores/draft'
import { VILLAGE_KEY } from '../../src/legal/store'
import { apiError, FakeTransport } from '../support/fake-transport'

const person = (userId: string, displayName: string, role: Me['roles'][number]['role']): Me => ({
  userId,
  displayName,
  roles: [{ role, regionCode: role === 'centre_staff' ? '441302001' : '441302001200', regionName: null }],
  homeRegion: null
})
const HUANG = person('u-huang', '黄志强', 'centre_staff')
const ZHOU = person('u-zhou', '周建华', 'mediator')
const ACCOUNTS: Record<string, Me> = { huang: HUANG, zhou: ZHOU }

const row = (id: string, owner: string): CaseSummary => ({
  id,
  trackingNo: `4413-20261127-${id}`,
  kind: 'complaint',
  stage: 'original',
  title: `${owner}的事项`,
  status: 'assigned',
  regionName: '东平村民委员会',
  handlingUnit: '桥东街道',
  filedAt: '2026-11-27T02:00:00.000Z',
  updatedAt: '2026-11-27T02:00:00.000Z',
  nextDeadline: null,
  nextDeadlineKind: null,
  flag: 'ok',
  riskLevel: 0
})

function setup(initial: Record<string, unknown> = {}) {
  const storage = memoryStorage(initial)
  let signedIn: Me | null = null
  const transport = new FakeTransport({
    'auth.demoSignIn': ({ account }: { account: string }) => ((signedIn = ACCOUNTS[account]), { token: `tok-${account}`, expiresAt: '2026-12-31T00:00:00.000Z', me: ACCOUNTS[account] }),
    'auth.me': (_input: unknown, call) => Object.values(ACCOUNTS).find((m) => call.token === `tok-${m.userId.slice(2)}`) ?? signedIn,
    'petition.queue': ({ status }: { status?: string }) => {
      const items = signedIn === ZHOU ? (status ? [] : [row('z1', '周')]) : [row('h1', '黄'), row('h2', '黄')]
      return { items, nextCursor: null, total: items.length }
    },
    'messages.unread': () => ({ unread: 3 })
  })
  const root = new RootStore({ transport, storage, systemLanguage: 'zh-CN' })
  return { root, storage, transport }
}

/** Everything centre staff 黄 leaves behind on the phone. */
async function huangUsesThePhone(root: RootStore) {
  await root.session.signInDemo('huang')
  await staffStoreOf(root).setFilter({ status: 'closed', kind: 'dispute' })
  staffStoreOf(root).filter.regionCode = null
  root.filing.openDraft({ userId: HUANG.userId, contactName: '黄志强' })
  root.filing.update({ title: '黄的草稿', contactPhone: '13800000000' })
  root.caseView.receipt = { caseId: 'h1', trackingNo: 'T', claimCode: '123456', sent: false, title: 't', contactName: '陈', contactPhone: '138', handlingUnit: 'u', filedAt: 'f' }
  root.personalStorage.set(VILLAGE_KEY, '441302001200')
  root.messages.set(3)
  root.ui.setLocale('zh-HK')
}

function expectNothingOfHuang(root: RootStore, storage: ReturnType<typeof memoryStorage>) {
  const staff = staffStoreOf(root)
  expect(staff.filter).toEqual({ status: 'open', kind: null, regionCode: null })
  expect(staff.items.map((i) => i.id)).not.toContain('h1')
  expect(root.filing.draft).toBeNull()
  expect(storage.get(DRAFT_KEY)).toBeNull()
  expect(storage.get(VILLAGE_KEY)).toBeNull()
  expect(storage.get(PERSONAL_KEYS)).toBeNull()
  expect(root.caseView.receipt).toBeNull()
  expect(root.messages.unread).toBe(0)
  // The phone's own setting stays.
  expect(root.ui.locale).toBe('zh-HK')
}

test('sign out, then someone else signs in: they see the defaults and nothing of the one before', async () => {
  const { root, storage } = setup()
  await huangUsesThePhone(root)
  expect(staffStoreOf(root).items).toHaveLength(2)
  expect(storage.get(DRAFT_KEY)).not.toBeNull()

  root.session.signOut()
  expectNothingOfHuang(root, storage)
  expect(storage.get(PERSON_KEY)).toBeNull()

  await root.session.signInDemo('zhou')
  const staff = staffStoreOf(root)
  await staff.loadQueue()
  expect(staff.filter.status).toBe('open')
  expect(staff.items.map((i) => i.id)).toEqual(['z1'])
  expect(staff.total).toBe(1)
  expect(dashboardStoreOf(root).workbench).toBeNull()
})

test('someone else signing in without signing the first out (the token of another): forgotten too', async () => {
  const { root, storage } = setup()
  await huangUsesThePhone(root)
  await root.session.signInDemo('zhou')
  expectNothingOfHuang(root, storage)
  expect(storage.get(PERSON_KEY)).toBe(ZHOU.userId)
})

test('after a restart, the profile of someone other than the last person forgets what the last person left', async () => {
  const first = setup()
  await huangUsesThePhone(first.root)
  expect(first.storage.get(DRAFT_KEY)).not.toBeNull()
  const { root, storage } = setup({ ...Object.fromEntries(['minan.person', DRAFT_KEY, VILLAGE_KEY, PERSONAL_KEYS, 'minan.locale'].map((k) => [k, first.storage.get(k)])), 'minan.token': 'tok-zhou' })
  await root.session.restore()
  expect(root.session.me?.userId).toBe(ZHOU.userId)
  expectNothingOfHuang(root, storage)
})

test('the same person signing in again keeps their draft; a draft begun before signing in is kept', async () => {
  const { root, storage } = setup()
  root.filing.openDraft({ contactName: '' })
  root.filing.update({ title: '还没登录时写的' })
  await root.session.signInDemo('huang')
  expect(root.filing.draft?.title).toBe('还没登录时写的')
  await root.session.signInDemo('huang')
  expect(storage.get<{ title: string }>(DRAFT_KEY)?.title).toBe('还没登录时写的')
})

test('a lapsed sign-in keeps the person’s unsent draft for them; someone else signing in next still forgets it', async () => {
  const first = setup()
  await huangUsesThePhone(first.root)
  // The next start finds the token refused: not the person's choice, so nothing of theirs is dropped.
  const refused = new FakeTransport({
    'auth.me': () => {
      throw apiError('SESSION_EXPIRED', '登录已过期')
    }
  })
  const root = new RootStore({ transport: refused, storage: first.storage, systemLanguage: 'zh-CN' })
  await root.session.restore()
  expect(root.session.token).toBeNull()
  expect(first.storage.get('minan.token')).toBeNull()
  expect(first.storage.get<{ title: string }>(DRAFT_KEY)?.title).toBe('黄的草稿')
  expect(first.storage.get(PERSON_KEY)).toBe(HUANG.userId)
  // Lapsed, and 周 signs in instead: 黄's things go.
  first.root.session.expire()
  await first.root.session.signInDemo('zhou')
  expectNothingOfHuang(first.root, first.storage)
})
