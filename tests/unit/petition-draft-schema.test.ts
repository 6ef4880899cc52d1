/**
 * The filing draft is checked with the filing schema the server checks with (types/functions/petition.ts), not a copy
 * of its limits; and the case a filing answers with is shown by the next page without being asked for again.
 */
import * as v from 'valibot'
import { Api } from '../../src/api/client'
import { FilingDraftStore, LIMITS, type PetitionDraft } from '../../src/petition/stores/draft'
import { CaseViewStore } from '../../src/petition/stores/case'
import { memoryStorage } from '../../src/stores/storage'
import { FakeTransport } from '../support/fake-transport'
import { petitionInput, type CaseDetail } from '../../types/functions/petition'

const VILLAGE = '441302001200'

function setup() {
  const transport = new FakeTransport()
  const api = new Api(transport, { token: () => 'token', locale: () => 'zh-CN' })
  const caseView = new CaseViewStore(api)
  const store = new FilingDraftStore(api, memoryStorage(), caseView, { backoff: () => 60_000 })
  return { transport, store, caseView }
}

function fillIn(store: FilingDraftStore, over: Partial<PetitionDraft> = {}) {
  store.openDraft({ regionCode: VILLAGE, contactName: '陈秀英' })
  store.update({ kind: 'complaint', title: '村口路灯坏了', description: '村口到小学的路灯坏了三个月。', contactPhone: '13812345678', ...over })
  store.setConsent(true)
}

test('the limits the form shows are the schema’s own', () => {
  expect(LIMITS).toEqual({ title: 50, description: 4000, address: 200, contactName: 30, otherPartyName: 50, otherPartyContact: 50 })
})

test('whatever the draft passes, the server’s schema passes too', () => {
  const { store } = setup()
  fillIn(store, { kind: 'dispute', disputeType: 'neighbours', otherPartyName: '王某', address: '东平村 3 号', location: { lat: 23.1, lng: 114.4 } })
  expect(store.validate()).toBe(true)
  expect(v.safeParse(petitionInput.file, store.filingInput()).success).toBe(true)
})

test('text is counted as the server counts it: a flag (two code points) is one character', () => {
  const { store } = setup()
  const flag = '🇨🇳'
  fillIn(store, { title: flag.repeat(50) })
  expect(store.validate()).toBe(true)
  store.update({ title: flag.repeat(51) })
  expect(store.validate()).toBe(false)
  expect(store.fieldErrors.title).toEqual({ key: 'petition.error.tooLong', params: { max: 50, count: 51 } })
})

test('a phone the server takes (dots, brackets) is not refused on the phone', () => {
  const { store } = setup()
  fillIn(store, { contactPhone: '(138) 1234.5678' })
  expect(store.validate()).toBe(true)
  store.checkPhone()
  expect(store.fieldErrors.contactPhone).toBeUndefined()
})

test('a map point outside Guangdong is refused at its field, as the server would', () => {
  const { store } = setup()
  fillIn(store, { location: { lat: 39.9, lng: 116.4 } })
  expect(store.validate()).toBe(false)
  expect(store.fieldErrors).toEqual({ location: { key: 'petition.location.outside' } })
})

test('the case a filing answers with is on the next page at once, and replaced by the case as it is now; a later visit asks afresh', async () => {
  const { store, caseView, transport } = setup()
  const answer = { id: 'case-0000000001', title: '村口路灯坏了', trackingNo: '4413-20261127-0001' } as unknown as CaseDetail
  transport.on('petition.file', () => answer)
  transport.on('petition.get', () => ({ ...answer, title: '已更新' }))
  fillIn(store)
  expect((await store.submit())?.id).toBe('case-0000000001')
  transport.hold()
  const opening = caseView.open('case-0000000001')
  expect(caseView.current?.title).toBe('村口路灯坏了')
  expect(caseView.currentLoading).toBe(false)
  transport.release()
  await opening
  expect(transport.callsTo('petition.get')).toHaveLength(1)
  expect(caseView.current?.title).toBe('已更新')
  await caseView.open('case-0000000001')
  expect(transport.callsTo('petition.get')).toHaveLength(2)
})
