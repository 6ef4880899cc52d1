/** StaffStore: undoing a wrong claim — the input it sends, one request id per submission, the new code kept apart. */
import type { CaseDetail } from '../../types/functions/petition'
import { RootStore } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { staffStoreOf } from '../../src/staff/store'
import { apiError, FakeTransport } from '../support/fake-transport'

const CASE_ID = 'case_0000000001'
const detail = (over: Partial<CaseDetail> = {}): CaseDetail =>
  ({ id: CASE_ID, trackingNo: '4413-20261127-7KQ4XK', title: '路灯', status: 'submitted', events: [], can: ['undoClaim'], ...over }) as CaseDetail

function setup(handlers: ConstructorParameters<typeof FakeTransport>[0]) {
  const transport = new FakeTransport({ 'petition.get': () => detail(), ...handlers })
  const root = new RootStore({ transport, storage: memoryStorage({ 'minan.token': 'token-huang' }), systemLanguage: 'zh-CN' })
  return { transport, store: staffStoreOf(root) }
}

test('undoing a claim sends the reason, shows the new claim code once and keeps it out of the case', async () => {
  const { transport, store } = setup({ 'petition.undoClaim': () => detail({ can: ['reissueClaimCode'], claimCode: 'ABCD-EFGH', claimCodeSent: false }) })
  await store.openCase(CASE_ID)
  expect(await store.undoClaim('  认领人不是本人 ')).toBe(true)
  expect(transport.callsTo('petition.undoClaim')[0].input).toEqual({ id: CASE_ID, reason: '认领人不是本人' })
  expect(store.newClaimCode).toBe('ABCD-EFGH')
  expect(store.current).not.toHaveProperty('claimCode')
  expect(store.current?.can).toEqual(['reissueClaimCode'])
  // Another case does not show it.
  await store.openCase('case_0000000002')
  expect(store.newClaimCode).toBeNull()
})

test('a failure is shown and the retry reuses its request id; an empty reason sends nothing', async () => {
  let fail = true
  const { transport, store } = setup({
    'petition.undoClaim': () => {
      if (fail) throw apiError('CONFLICT', '有人刚刚修改了这件事项。')
      return detail({ claimCode: 'WXYZ-2345' })
    }
  })
  await store.openCase(CASE_ID)
  expect(await store.undoClaim('  ')).toBe(false)
  expect(transport.callsTo('petition.undoClaim')).toHaveLength(0)
  expect(await store.undoClaim('认领错了')).toBe(false)
  expect(store.unclaim.error?.code).toBe('CONFLICT')
  fail = false
  expect(await store.undoClaim('认领错了')).toBe(true)
  const [first, second] = transport.callsTo('petition.undoClaim')
  expect(second.requestId).toBe(first.requestId)
  expect(store.newClaimCode).toBe('WXYZ-2345')
})
