/**
 * The legal store against a fake transport: asking sends a request id (the same one on a retry, a new one after
 * success) and refuses more than 2,000 characters before anything is sent; turning a question into a case sends the
 * phone and the privacy consent only when the draft says they are missing; a signed-out person's village is kept
 * on the device.
 */
import type { CaseDraft, Consultation } from '../../types/functions/legal'
import { PRIVACY_NOTICE_VERSION } from '../../types/functions/petition'
import { RootStore } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { charCount, legalOf, VILLAGE_KEY } from '../../src/legal/store'
import { apiError, FakeTransport } from '../support/fake-transport'

const HE = 'adv_he_000001'
const DONGPING = '441302001200'
const CONSULTATION = 'cons_00000001'

const consultation = (over: Partial<Consultation> = {}): Consultation => ({
  id: CONSULTATION,
  category: 'land_contract',
  status: 'waiting',
  villageCode: DONGPING,
  villageName: '东平村民委员会',
  advisorId: HE,
  advisorName: '何文',
  askerName: '陈秀英',
  anonymous: false,
  excerpt: '承包地被占',
  askedAt: '2026-11-27T01:00:00.000Z',
  updatedAt: '2026-11-27T01:00:00.000Z',
  dueAt: '2026-11-30T01:00:00.000Z',
  overdue: false,
  rating: null,
  caseId: null,
  question: '承包地被占',
  photos: [],
  thread: [],
  contactPhone: null,
  caseTrackingNo: null,
  ratingComment: null,
  can: ['reply', 'close', 'toCase'],
  ...over
})

function setup(handlers: ConstructorParameters<typeof FakeTransport>[0] = {}, storage = memoryStorage()) {
  const transport = new FakeTransport(handlers)
  const root = new RootStore({ transport, storage })
  return { transport, store: legalOf(root, storage), storage }
}

describe('asking the advisor', () => {
  test('sends the question once with a request id, and the same id again when the first reply was lost', async () => {
    let failures = 1
    const { store, transport } = setup({
      'legal.ask': () => {
        if (failures-- > 0) throw apiError('NETWORK', 'lost')
        return consultation()
      }
    })
    store.setCategory('land_contract')
    store.setText('承包地被占')
    expect(await store.ask(HE, DONGPING)).toBeNull()
    expect(await store.ask(HE, DONGPING)).toMatchObject({ id: CONSULTATION })
    const asks = transport.callsTo('legal.ask')
    expect(asks).toHaveLength(2)
    expect(asks[0].requestId).toMatch(/^[0-9a-f]{32}$/)
    expect(asks[1].requestId).toBe(asks[0].requestId)
    expect(asks[0].input).toEqual({ advisorId: HE, villageCode: DONGPING, category: 'land_contract', text: '承包地被占', anonymous: false })
    // The next question is a new request.
    store.setText('另一个问题')
    await store.ask(HE, DONGPING)
    expect(transport.callsTo('legal.ask')[2].requestId).not.toBe(asks[0].requestId)
  })

  test('refuses more than 2,000 characters on the device, counting 𠀀 as one character', async () => {
    const { store, transport } = setup({ 'legal.ask': () => consultation() })
    expect(charCount('𠀀')).toBe(1)
    store.setText('𠀀'.repeat(2000))
    expect(store.textLength).toBe(2000)
    expect(store.tooLong).toBe(false)
    store.setText('字'.repeat(2001))
    expect(store.tooLong).toBe(true)
    expect(await store.ask(HE, DONGPING)).toBeNull()
    expect(store.notice).toEqual({ key: 'legal.ask.tooLong' })
    expect(transport.callsTo('legal.ask')).toHaveLength(0)
  })
})

describe('replying in a thread', () => {
  test('a reply that failed keeps its request id only while the same reply to the same thread is retried', async () => {
    let failures = 1
    const { store, transport } = setup({
      'legal.consultation': (({ id }: { id: string }) => consultation({ id })) as never,
      'legal.reply': () => {
        if (failures-- > 0) throw apiError('NETWORK', 'lost')
        return consultation()
      }
    })
    await store.openConsultation('cons_thread_01')
    store.setReplyText('合同期内不得收回承包地。')
    expect(await store.reply()).toBe(false)
    // The advisor moves on to another thread and answers there: another submission, another id.
    await store.openConsultation('cons_thread_02')
    store.setReplyText('可以先找村调解委员会调解。')
    await store.reply()
    const [first, second] = transport.callsTo('legal.reply')
    expect(second.input).toEqual({ id: 'cons_thread_02', text: '可以先找村调解委员会调解。' })
    expect(second.requestId).not.toBe(first.requestId)
    // The same reply to the same thread, sent twice after a lost answer, is one request.
    failures = 1
    store.setReplyText('补充一句。')
    await store.reply()
    await store.reply()
    const [, , lost, retried] = transport.callsTo('legal.reply')
    expect(retried.requestId).toBe(lost.requestId)
    // Edited text is a new submission.
    failures = 1
    store.setReplyText('再补充一句。')
    await store.reply()
    store.setReplyText('再补充一句，改过。')
    await store.reply()
    const [, , , , before, edited] = transport.callsTo('legal.reply')
    expect(edited.requestId).not.toBe(before.requestId)
  })
})

describe('one stop into a mediation case', () => {
  const draft = (needs: CaseDraft['needs']): CaseDraft => ({ title: '承包地被占', description: '承包地被占', disputeType: 'land', contactName: '陈秀英', contactPhoneKnown: !needs.includes('contactPhone'), needs })

  test('sends the phone and the privacy consent when the draft says they are missing', async () => {
    const { store, transport } = setup({
      'legal.consultation': () => consultation(),
      'legal.caseDraft': () => draft(['contactPhone', 'consentVersion']),
      'legal.toCase': () => consultation({ status: 'converted', caseId: 'case_0000000001', caseTrackingNo: 'MA2026000001', can: [] })
    })
    await store.openConsultation(CONSULTATION)
    await store.loadDraft()
    // Nothing goes without a valid phone and the consent.
    store.setCasePhone('123')
    expect(await store.toCase()).toBe(false)
    expect(store.caseNotice).toEqual({ key: 'legal.case.phoneInvalid' })
    store.setCasePhone('138 1234 5678')
    expect(await store.toCase()).toBe(false)
    expect(store.caseNotice).toEqual({ key: 'legal.case.consentMissing' })
    expect(transport.callsTo('legal.toCase')).toHaveLength(0)

    store.setCaseConsent(true)
    expect(await store.toCase()).toBe(true)
    const [sent] = transport.callsTo('legal.toCase')
    expect(sent.input).toEqual({ id: CONSULTATION, contactPhone: '13812345678', consentVersion: PRIVACY_NOTICE_VERSION })
    expect(sent.requestId).toMatch(/^[0-9a-f]{32}$/)
    expect(store.consultation).toMatchObject({ status: 'converted', caseId: 'case_0000000001' })
  })

  test('sends neither when the phone and consent were given when asking', async () => {
    const { store, transport } = setup({
      'legal.consultation': () => consultation({ contactPhone: '13812345678' }),
      'legal.caseDraft': () => draft([]),
      'legal.toCase': () => consultation({ status: 'converted', caseId: 'case_0000000001' })
    })
    await store.openConsultation(CONSULTATION)
    await store.loadDraft()
    expect(await store.toCase()).toBe(true)
    expect(transport.callsTo('legal.toCase')[0].input).toEqual({ id: CONSULTATION })
  })
})

describe('my village', () => {
  test('a signed-out person’s choice is kept on the device and opens next time', async () => {
    const village = { code: DONGPING, name: '东平村民委员会', path: ['惠州市', '惠城区', '桥东街道'], advisor: null, onsite: null, distance: null }
    const { store, storage, transport } = setup({ 'legal.forVillage': () => village })
    await store.chooseVillage(DONGPING, () => null)
    expect(storage.get(VILLAGE_KEY)).toBe(DONGPING)
    const again = setup({ 'legal.forVillage': () => village }, storage)
    await again.store.openMine(null)
    expect(again.transport.callsTo('legal.forVillage')[0].input).toEqual({ code: DONGPING })
    expect(transport.callsTo('legal.forVillage')).toHaveLength(1)
  })
})
