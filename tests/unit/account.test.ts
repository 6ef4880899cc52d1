/**
 * 我的个人信息 without a server: the erasure rules (what a deletion cancels, when a detached case loses its contact
 * details, how long records are kept), and the AccountStore against a fake transport — the export handed over as a
 * file, a withdrawal sent once with its request id, and a deletion only after confirming, which signs the person out.
 */
import type { Me } from '../../types/api'
import type { DataSummary, DeletionReport } from '../../types/functions/account'
import { cancelsOnDeletion, detachedCase, detachesConsultation, erasedContact, erasesContact, ERASED_MARK, ERASED_USER_ID, keptUntil, splitFiles } from '../../cloud/domain/account/erasure'
import { RootStore } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { ACCOUNT_KEY, AccountStore, exportFileName } from '../../src/account/store'
import { feature } from '../../src/stores/feature'
import { apiError, FakeTransport } from '../support/fake-transport'

describe('erasure rules', () => {
  const now = new Date('2026-11-30T00:00:00.000Z')
  test('a deletion cancels what is still to come: booked sessions and held offers, not past or cancelled ones', () => {
    expect(cancelsOnDeletion({ status: 'booked', starts_at: '2026-12-01T01:00:00.000Z' }, now)).toBe(true)
    expect(cancelsOnDeletion({ status: 'held', starts_at: '2026-12-01T01:00:00.000Z' }, now)).toBe(true)
    expect(cancelsOnDeletion({ status: 'booked', starts_at: '2026-11-29T01:00:00.000Z' }, now)).toBe(false)
    expect(cancelsOnDeletion({ status: 'cancelled', starts_at: '2026-12-01T01:00:00.000Z' }, now)).toBe(false)
    expect(cancelsOnDeletion({ status: 'attended', starts_at: '2026-12-01T01:00:00.000Z' }, now)).toBe(false)
  })

  test('a detached case loses name and phone once it is closed, once only; a linked or open one never', () => {
    expect(erasesContact({ owner_id: ERASED_USER_ID, is_open: 0, phone_hash: 'h' })).toBe(true)
    expect(erasesContact({ owner_id: ERASED_USER_ID, is_open: 1, phone_hash: 'h' })).toBe(false)
    expect(erasesContact({ owner_id: ERASED_USER_ID, is_open: 0, phone_hash: '' })).toBe(false)
    expect(erasesContact({ owner_id: 'u-chen', is_open: 0, phone_hash: 'h' })).toBe(false)
    expect(erasedContact()).toEqual({ contact_name: ERASED_MARK, contact_phone: ERASED_MARK, phone_hash: '', subscribed: 0 })
  })

  test('detaching a case: only the links to the person move to the erased person; a closed one loses name and phone now', () => {
    const open = { owner_id: 'u-chen', filed_by: 'u-chen', is_open: 1 }
    expect(detachedCase(open, 'u-chen')).toEqual({ subscribed: 0, owner_id: ERASED_USER_ID, filed_by: ERASED_USER_ID })
    // A grid worker filed it for the person: the worker's link stays.
    expect(detachedCase({ owner_id: 'u-chen', filed_by: 'u-grid', is_open: 1 }, 'u-chen')).toEqual({ subscribed: 0, owner_id: ERASED_USER_ID })
    // The grid worker's own account goes: the resident keeps the case.
    expect(detachedCase({ owner_id: 'u-chen', filed_by: 'u-grid', is_open: 1 }, 'u-grid')).toEqual({ subscribed: 0, filed_by: ERASED_USER_ID })
    expect(detachedCase({ ...open, is_open: 0 }, 'u-chen')).toEqual({ owner_id: ERASED_USER_ID, filed_by: ERASED_USER_ID, ...erasedContact() })
  })

  test('a consultation that became a case is detached; one that did not is deleted', () => {
    expect(detachesConsultation({ case_id: 'c1' })).toBe(true)
    expect(detachesConsultation({ case_id: null })).toBe(false)
  })

  test('photos a kept record names stay; the others go', () => {
    const files = [{ id: 'f-kept' }, { id: 'f-gone' }, { id: 'f-event' }]
    expect(splitFiles(files, '["f-kept"]\n{"photos":["f-event"]}')).toEqual({ kept: [{ id: 'f-kept' }, { id: 'f-event' }], gone: [{ id: 'f-gone' }] })
    expect(splitFiles(files, '')).toEqual({ kept: [], gone: files })
  })

  test('a closed record is kept for the set number of years after closing', () => {
    expect(keptUntil('2026-11-30T02:00:00.000Z', { caseRecordYears: 10 })).toBe('2036-11-30T02:00:00.000Z')
    expect(keptUntil('2028-02-29T02:00:00.000Z', { caseRecordYears: 1 })).toBe('2029-03-01T02:00:00.000Z')
    expect(keptUntil(null, { caseRecordYears: 10 })).toBeNull()
  })
})

const CHEN = { userId: 'u-chen', displayName: '陈秀英', roles: [{ role: 'resident', regionCode: null, regionName: null }], homeRegion: null } as Me
const SUMMARY = {
  account: { displayName: '陈秀英', createdAt: '2026-11-01T00:00:00.000Z', homeRegion: null, roles: ['resident'] },
  counts: { cases: 1, bookings: 0, consultations: 0, screenings: 2, messages: 0, files: 0 },
  cases: [],
  bookings: [],
  consultations: [],
  screenings: [],
  consents: [],
  retention: { caseRecordYears: 10 },
  canDelete: true,
  openCases: 0
} as DataSummary

describe('AccountStore', () => {
  async function setup() {
    const storage = memoryStorage({ 'minan.token': 'tok', 'minan.petition.draft': { title: '草稿' } })
    const fake = new FakeTransport({
      'auth.me': () => CHEN,
      'account.summary': () => SUMMARY,
      'account.export': () => ({ format: 'minan.personal-data', version: 1, cases: [{ trackingNo: '4413-20261130-0001' }] }),
      'account.withdrawConsent': () => ({ kind: 'screening', withdrawn: 2 }),
      'account.deleteAccount': (): DeletionReport => ({ deleted: { bookings: 0, screenings: 0, consultations: 0, messages: 0, files: 0, waitlist: 0 }, cancelledBookings: 0, detachedCases: 1, openCases: 0 })
    })
    const root = new RootStore({ transport: fake, storage })
    await root.session.restore()
    const saved: { json: string; name: string }[] = []
    const store = new AccountStore(root, async (json, name) => (saved.push({ json, name }), { name, path: null }), () => new Date('2026-11-30T03:00:00.000Z'))
    return { root, fake, storage, store, saved }
  }

  test('the export is fetched and handed over as one JSON file named by the day', async () => {
    const { store, saved } = await setup()
    expect(await store.exportAll()).toBe(true)
    expect(saved).toHaveLength(1)
    expect(saved[0].name).toBe('minan-my-data-2026-11-30.json')
    expect(JSON.parse(saved[0].json).cases[0].trackingNo).toBe('4413-20261130-0001')
    expect(store.exported).toEqual({ name: exportFileName(new Date('2026-11-30T03:00:00.000Z')), path: null })
  })

  test('a withdrawal goes only after it is asked and confirmed, with one request id for its retries', async () => {
    const { store, fake } = await setup()
    expect(await store.withdraw()).toBe(false)
    expect(fake.callsTo('account.withdrawConsent')).toHaveLength(0)
    store.askWithdraw('screening')
    fake.on('account.withdrawConsent', () => {
      throw apiError('NETWORK')
    })
    expect(await store.withdraw()).toBe(false)
    fake.on('account.withdrawConsent', () => ({ kind: 'screening', withdrawn: 2 }))
    expect(await store.withdraw()).toBe(true)
    const calls = fake.callsTo('account.withdrawConsent')
    expect(calls.map((c) => c.input)).toEqual([{ kind: 'screening' }, { kind: 'screening' }])
    expect(calls[0].requestId).toBeTruthy()
    expect(calls[1].requestId).toBe(calls[0].requestId)
    expect(store.withdrawn).toEqual({ kind: 'screening', n: 2 })
    expect(store.confirmingWithdrawal).toBeNull()
  })

  test('deleting needs the confirmation step; then the person is signed out and the device forgets the draft', async () => {
    const { store, fake, root, storage } = await setup()
    await store.load()
    expect(await store.deleteAccount()).toBe(false)
    expect(fake.callsTo('account.deleteAccount')).toHaveLength(0)
    store.askDelete(true)
    expect(await store.deleteAccount()).toBe(true)
    expect(fake.callsTo('account.deleteAccount')[0].input).toEqual({ confirm: true })
    expect(root.session.signedIn).toBe(false)
    expect(storage.get('minan.token')).toBeNull()
    expect(storage.get('minan.petition.draft')).toBeNull()
    expect(store.summary).toBeNull()
    expect(store.deleted?.detachedCases).toBe(1)
    // Signing out forgets the person's stores, but the page still finds this one, to say the account is gone.
    expect(feature(root, ACCOUNT_KEY, () => null)).toBe(store)
  })

  test('a refusal (a staff account) is shown and nothing changes on the device', async () => {
    const { store, fake, root } = await setup()
    fake.on('account.deleteAccount', () => {
      throw apiError('ACCOUNT_HAS_STAFF_ROLE', '工作人员账号不能自行注销')
    })
    store.askDelete(true)
    expect(await store.deleteAccount()).toBe(false)
    expect(store.error?.code).toBe('ACCOUNT_HAS_STAFF_ROLE')
    expect(root.session.signedIn).toBe(true)
  })
})
