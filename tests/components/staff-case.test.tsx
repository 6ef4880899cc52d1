/**
 * The workbench case page's content: what staff see of a case, and the forms of the moves they may make —
 * offered only when the server lists them in `can`, checked before sending, confirmed when they end the case,
 * and showing the server's errors beside the form. Real Taro H5 components in jsdom, real stores, a fake transport.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { makePhoneCall, showModal } from '@tarojs/taro-h5'
import { observer } from 'mobx-react-lite'
import type { CaseDetail } from '@minan/types/functions/petition'
import type { Region } from '@minan/types/api'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { staffStoreOf, type StaffMove } from '../../src/staff/store'
import { CaseInfo } from '../../src/staff/components/case-info'
import { CaseActions } from '../../src/staff/components/case-actions'
import { CaseTimeline } from '../../src/components/timeline'
import { apiError, FakeTransport, fakeRegions } from '../support/fake-transport'

// taro-h5's APIs are getters jest.spyOn cannot replace: the module is mocked through a Proxy (see crisis-help.test.tsx).
// showModal answers "confirm" unless a test says otherwise; makePhoneCall would only try to open tel: in jsdom.
jest.mock('@tarojs/taro-h5', () => {
  const actual = jest.requireActual('@tarojs/taro-h5')
  const fakes: Record<string, jest.Mock> = {
    makePhoneCall: jest.fn(() => Promise.resolve({ errMsg: 'makePhoneCall:ok' })),
    showModal: jest.fn(() => Promise.resolve({ confirm: true, cancel: false, errMsg: 'showModal:ok' }))
  }
  return new Proxy(actual, { get: (target, key) => (typeof key === 'string' && key in fakes ? fakes[key] : target[key]) })
})
const dial = jest.mocked(makePhoneCall)
const modal = jest.mocked(showModal)

beforeEach(() => {
  dial.mockClear()
  modal.mockClear()
})

const CASE_ID = 'case_0000000001'

const detail = (over: Partial<CaseDetail> = {}): CaseDetail => ({
  id: CASE_ID,
  trackingNo: '4413-20261127-0001',
  kind: 'dispute',
  stage: 'original',
  title: '邻居违建围墙挡路',
  status: 'submitted',
  regionName: '东平村民委员会',
  handlingUnit: '桥东街道',
  filedAt: '2026-11-27T02:00:00.000Z',
  updatedAt: '2026-11-27T02:00:00.000Z',
  nextDeadline: '2026-12-12T15:59:59.999Z',
  nextDeadlineKind: 'acceptance',
  flag: 'overdue',
  riskLevel: 2,
  disputeType: 'neighbours',
  description: '邻居王某砌墙挡住了出村的路。',
  regionCode: '441302001200',
  regionPath: ['惠州市', '惠城区', '桥东街道', '东平村民委员会'],
  address: '东平村三巷',
  location: null,
  suggestedDepartments: null,
  photos: [],
  contactName: '陈秀英',
  contactPhone: '13812345678',
  otherPartyName: '王某',
  otherPartyContact: '13900000000',
  outcome: null,
  rating: null,
  extendedDays: 0,
  parentId: null,
  childIds: [],
  assignee: null,
  events: [
    { seq: 1, type: 'file', at: '2026-11-27T02:00:00.000Z', actorRole: 'resident', data: { kind: 'dispute' } },
    { seq: 2, type: 'flagRisk', at: '2026-11-27T03:00:00.000Z', actorRole: 'mediator', data: { note: '王某扬言报复' } }
  ],
  can: ['accept', 'decline', 'transfer', 'escalate', 'flagRisk'],
  ...over
})

/** What the case page shows under its header: the case, its moves and its history, for the open case. */
const CaseContent = observer(function CaseContent({ root }: { root: RootStore }) {
  const item = staffStoreOf(root).current
  if (!item) return null
  return (
    <>
      <CaseInfo item={item} />
      <CaseActions />
      <CaseTimeline events={item.events} />
    </>
  )
})

async function renderCase(kase: CaseDetail, handlers: ConstructorParameters<typeof FakeTransport>[0] = {}) {
  const transport = new FakeTransport({ 'petition.get': () => kase, ...handlers })
  const root = new RootStore({ transport, storage: memoryStorage(), systemLanguage: 'zh-CN' })
  await staffStoreOf(root).openCase(kase.id)
  render(
    <StoreContext.Provider value={root}>
      <CaseContent root={root} />
    </StoreContext.Provider>
  )
  return { transport, root }
}

/** The move buttons on offer, by their words. */
const offeredMoves = () => Array.from(document.querySelectorAll('.case-action')).map((b) => b.textContent?.trim())
const form = (move: StaffMove) => document.querySelector(`.move-form--${move}`) as HTMLElement
/**
 * Types into a Taro H5 text box or text area, found by its label, the way a browser does: the custom element
 * draws its inner <input>/<textarea> a moment after it appears, so this waits for it.
 */
/** The Taro host element of a labelled text box (its inner <input>/<textarea> carries the same label, for H5). */
const hostOf = (label: string) => screen.getAllByLabelText(label).find((e) => e.tagName.startsWith('TARO-'))!
async function type(label: string, text: string) {
  const host = hostOf(label)
  const box = await waitFor(() => {
    const inner = host.querySelector('input, textarea')
    if (!inner) throw new Error(`${label}: the text box has not been drawn yet`)
    return inner
  })
  fireEvent.input(box, { target: { value: text } })
}
const alerts = (move: StaffMove) => within(form(move)).queryAllByRole('alert').map((a) => a.textContent)

describe('what staff see', () => {
  test('the full phone number with a button that calls it, the other party, the deadline and risk in words, and the staff-only history', async () => {
    await renderCase(detail())
    expect(screen.getByText('13812345678')).toBeTruthy()
    expect(screen.getByText('王某')).toBeTruthy()
    expect(screen.getByText('13900000000')).toBeTruthy()
    expect(screen.getByText('邻里纠纷', { exact: false })).toBeTruthy()
    expect(screen.getByText('惠州市 惠城区 桥东街道 东平村民委员会')).toBeTruthy()
    expect(screen.getAllByText('已超期').length).toBeGreaterThan(0)
    expect(screen.getByText('⚑ 风险')).toBeTruthy()
    expect(screen.getByText('2026-12-12')).toBeTruthy()
    // The risk note is staff-only data: it is on the staff timeline.
    expect(screen.getByText('备注：王某扬言报复')).toBeTruthy()

    fireEvent.click(screen.getByLabelText('拨打 陈秀英 的电话 13812345678'))
    expect(dial).toHaveBeenCalledWith({ phoneNumber: '13812345678' })
  })
  test('photos sent with added information show on the timeline, each with its text alternative', async () => {
    const url = '/api/files/photo_0000000001?exp=1796000000&sig=abc'
    await renderCase(
      detail({ events: [...detail().events, { seq: 3, type: 'addInfo', at: '2026-11-28T02:00:00.000Z', actorRole: 'resident', data: { text: '补充现场照片', photos: 1 }, photos: [{ id: 'photo_0000000001', url }] }] })
    )
    const strip = screen.getByRole('group', { name: '照片' })
    const image = within(strip).getByLabelText('第 1 张照片')
    expect(image.getAttribute('src')).toBe(url)
  })
})

describe('the moves on offer', () => {
  test('are exactly those the server lists in `can`', async () => {
    await renderCase(detail())
    expect(offeredMoves()).toEqual(['受理', '不予受理', '转办', '上报', '标记风险'])
  })

  test('a mediator on an assigned case gets the mediation moves only', async () => {
    await renderCase(detail({ status: 'assigned', can: ['recordSession', 'flagRisk', 'closeMediation'] }))
    expect(offeredMoves()).toEqual(['记录调解', '标记风险', '调解结案'])
  })

  test('with nothing allowed, nothing is offered, and the page says so', async () => {
    await renderCase(detail({ status: 'closed', can: [] }))
    expect(offeredMoves()).toEqual([])
    expect(screen.getByText('当前没有需要您办理的操作。')).toBeTruthy()
  })

  test('an extension already used is not offered again', async () => {
    await renderCase(detail({ status: 'accepted', extendedDays: 30, can: ['assign', 'escalate', 'extend', 'close', 'flagRisk'] }))
    expect(offeredMoves()).toEqual(['指派', '上报', '办结', '标记风险'])
    expect(screen.getByText('已延期 30 天')).toBeTruthy()
  })
})

describe('declining', () => {
  test('needs both the reason and the other routes before anything is sent', async () => {
    const { transport } = await renderCase(detail())
    fireEvent.click(screen.getByText('不予受理', { selector: '.case-action' }))
    fireEvent.click(within(form('decline')).getByText('确认不予受理'))
    expect(alerts('decline')).toEqual(['请填写此项。', '请填写此项。'])

    await type('不予受理的理由', '属于诉讼事项')
    fireEvent.click(within(form('decline')).getByText('确认不予受理'))
    expect(alerts('decline')).toEqual(['请填写此项。'])
    expect(hostOf('告知群众的其他解决途径').getAttribute('aria-invalid')).toBe('true')

    await act(async () => undefined)
    expect(modal).not.toHaveBeenCalled()
    expect(transport.callsTo('petition.decline')).toHaveLength(0)
  })

  test('with both filled in, asks for confirmation, sends once with a request id, and shows the declined case', async () => {
    const { transport } = await renderCase(detail(), {
      'petition.decline': (input: { reason: string; otherRoutes: string }) =>
        detail({ status: 'declined', can: [], events: [...detail().events, { seq: 3, type: 'decline', at: '2026-11-27T04:00:00.000Z', actorRole: 'centre_staff', data: input }] })
    })
    fireEvent.click(screen.getByText('不予受理', { selector: '.case-action' }))
    await type('不予受理的理由', '属于诉讼事项')
    await type('告知群众的其他解决途径', '请向惠城区人民法院起诉')
    fireEvent.click(within(form('decline')).getByText('确认不予受理'))

    expect(await screen.findByText('✓ 已提交：不予受理')).toBeTruthy()
    expect(modal).toHaveBeenCalledTimes(1)
    expect(modal.mock.calls[0][0]).toMatchObject({ title: '请确认', content: expect.stringContaining('不能撤回') })
    const calls = transport.callsTo('petition.decline')
    expect(calls.map((c) => c.input)).toEqual([{ id: CASE_ID, reason: '属于诉讼事项', otherRoutes: '请向惠城区人民法院起诉' }])
    expect(calls[0].requestId).toMatch(/^[0-9a-f]{32}$/)
    expect(screen.getByText('其他解决途径：请向惠城区人民法院起诉')).toBeTruthy()
    expect(offeredMoves()).toEqual([])
  })

  test('answering "cancel" to the confirmation sends nothing', async () => {
    modal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    const { transport } = await renderCase(detail())
    fireEvent.click(screen.getByText('不予受理', { selector: '.case-action' }))
    await type('不予受理的理由', '属于诉讼事项')
    await type('告知群众的其他解决途径', '请向法院起诉')
    fireEvent.click(within(form('decline')).getByText('确认不予受理'))
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    await act(async () => undefined)
    expect(transport.callsTo('petition.decline')).toHaveLength(0)
    expect(form('decline')).toBeTruthy()
  })
})

describe('concluding a mediation', () => {
  const assigned = detail({ status: 'assigned', can: ['recordSession', 'flagRisk', 'closeMediation'] })

  test('a success needs the box "双方当事人已确认" ticked before it is sent', async () => {
    const { transport } = await renderCase(assigned, { 'petition.closeMediation': () => detail({ status: 'closed', outcome: 'mediation_success', can: [] }) })
    fireEvent.click(screen.getByText('调解结案', { selector: '.case-action' }))
    fireEvent.click(within(form('closeMediation')).getByText('调解成功', { exact: false }))
    await type('调解协议内容', '王某三日内拆除围墙。')
    fireEvent.click(within(form('closeMediation')).getByText('确认结案'))
    expect(alerts('closeMediation')).toEqual(['请先确认双方当事人均已确认协议内容。'])
    await act(async () => undefined)
    expect(transport.callsTo('petition.closeMediation')).toHaveLength(0)

    const box = within(form('closeMediation')).getByRole('checkbox')
    expect(box.getAttribute('aria-checked')).toBe('false')
    fireEvent.click(box)
    expect(box.getAttribute('aria-checked')).toBe('true')
    fireEvent.click(within(form('closeMediation')).getByText('确认结案'))

    expect(await screen.findByText('✓ 已提交：调解结案')).toBeTruthy()
    expect(modal).toHaveBeenCalledTimes(1)
    expect(transport.callsTo('petition.closeMediation').map((c) => c.input)).toEqual([
      { id: CASE_ID, success: true, agreement: '王某三日内拆除围墙。', partiesConfirmed: true }
    ])
    expect(screen.getByText('调解成功', { selector: '.case-info__value' })).toBeTruthy()
  })

  test('a failure needs the other routes instead, and no confirmation box', async () => {
    const { transport } = await renderCase(assigned, { 'petition.closeMediation': () => detail({ status: 'closed', outcome: 'mediation_failed', can: [] }) })
    fireEvent.click(screen.getByText('调解结案', { selector: '.case-action' }))
    fireEvent.click(within(form('closeMediation')).getByText('调解不成', { exact: false }))
    expect(within(form('closeMediation')).queryByRole('checkbox')).toBeNull()
    fireEvent.click(within(form('closeMediation')).getByText('确认结案'))
    expect(alerts('closeMediation')).toEqual(['请填写此项。'])
    await type('告知当事人的其他解决途径', '可向人民法院起诉')
    fireEvent.click(within(form('closeMediation')).getByText('确认结案'))
    await screen.findByText('✓ 已提交：调解结案')
    expect(transport.callsTo('petition.closeMediation').map((c) => c.input)).toEqual([{ id: CASE_ID, success: false, otherRoutes: '可向人民法院起诉' }])
  })
})

describe('transferring to another township', () => {
  const region = (code: string, name: string, level: Region['level'], parentCode: string | null): Region => ({ code, name, level, parentCode })
  const TREE = [
    region('44', '广东省', 'province', null),
    region('4413', '惠州市', 'city', '44'),
    region('441302', '惠城区', 'county', '4413'),
    region('441302001', '桥东街道', 'township', '441302'),
    region('441302002', '桥西街道', 'township', '441302'),
    region('441302002001', '下角社区居民委员会', 'village', '441302002')
  ]
  const choose = async (name: string) => fireEvent.click(await within(form('transfer')).findByText(name, { selector: '.region-picker__name' }))

  test('explains the 5-working-day window, picks a township (not a village) and sends it with the reason', async () => {
    const { transport } = await renderCase(detail(), {
      ...fakeRegions(TREE),
      'petition.transfer': () => detail({ handlingUnit: '桥西街道', can: [] })
    })
    fireEvent.click(screen.getByText('转办', { selector: '.case-action' }))
    expect(within(form('transfer')).getByText(/5 个工作日/)).toBeTruthy()
    // Villages cannot be searched for here: a township is chosen by browsing.
    expect(within(form('transfer')).queryByLabelText('按名称搜索地区')).toBeNull()
    await choose('惠州市')
    await choose('惠城区')
    // The case is already with 桥东街道: choosing it again is no transfer.
    await choose('桥东街道')
    expect(alerts('transfer')).toEqual(['事项已由该镇（街道）办理，请选择其他镇（街道）。'])
    await choose('桥西街道')
    expect(alerts('transfer')).toEqual([])
    expect(within(form('transfer')).getByText('惠州市 惠城区 桥西街道')).toBeTruthy()
    expect(transport.callsTo('regions.children').map((c) => (c.input as { code: string }).code)).toEqual(['44', '4413', '441302'])

    fireEvent.click(within(form('transfer')).getByText('确认转办'))
    expect(alerts('transfer')).toEqual(['请填写此项。'])
    await type('转办理由', '属桥西街道辖区')
    fireEvent.click(within(form('transfer')).getByText('确认转办'))
    await screen.findByText('✓ 已提交：转办')
    expect(transport.callsTo('petition.transfer').map((c) => c.input)).toEqual([{ id: CASE_ID, townshipCode: '441302002', reason: '属桥西街道辖区' }])
  })
})

describe('sending and server errors', () => {
  test('the button is disabled and says so while the move is sent', async () => {
    const { transport } = await renderCase(detail(), { 'petition.accept': () => detail({ status: 'accepted', can: ['assign', 'close'] }) })
    fireEvent.click(screen.getByText('受理', { selector: '.case-action' }))
    transport.hold()
    fireEvent.click(within(form('accept')).getByText('确认受理'))
    const sending = await within(form('accept')).findByText('正在提交…')
    expect(sending.closest('.move-form__submit')?.hasAttribute('disabled')).toBe(true)
    expect(sending.closest('.move-form__submit')?.getAttribute('aria-disabled')).toBe('true')
    await act(async () => transport.release())
    await screen.findByText('✓ 已提交：受理')
    expect(offeredMoves()).toEqual(['指派', '办结'])
    expect(screen.getByText('正在办理')).toBeTruthy()
  })

  test('a server error appears beside the box it names, in the words the server chose; a retry reuses the request id', async () => {
    let attempt = 0
    const { transport } = await renderCase(detail({ status: 'accepted', can: ['extend'] }), {
      'petition.extend': () => {
        attempt += 1
        if (attempt === 1) throw apiError('INVALID_VALUE', '“days”的内容不符合要求。', 'days')
        return detail({ status: 'accepted', extendedDays: 10, can: [] })
      }
    })
    fireEvent.click(screen.getByText('延期', { selector: '.case-action' }))
    await type('延期天数（1–30 天）', '10')
    await type('延期理由（将告知群众）', '需要现场勘查')
    fireEvent.click(within(form('extend')).getByText('确认延期'))
    const message = await within(form('extend')).findByText('“days”的内容不符合要求。')
    // Beside the days box (inside its field), not at the foot of the form.
    expect(message.closest('.staff-field')?.textContent).toContain('延期天数')
    // Not even disabled="false": on H5 the attribute alone greys the button out.
    expect(within(form('extend')).getByText('确认延期').closest('.move-form__submit')?.hasAttribute('disabled')).toBe(false)

    fireEvent.click(within(form('extend')).getByText('确认延期'))
    await screen.findByText('✓ 已提交：延期')
    const [first, retry] = transport.callsTo('petition.extend')
    expect(first.input).toEqual({ id: CASE_ID, days: 10, reason: '需要现场勘查' })
    expect(retry.requestId).toBe(first.requestId)
  })

  test('an error about no particular box appears under the form', async () => {
    await renderCase(detail(), { 'petition.accept': () => Promise.reject(apiError('ILLEGAL_MOVE', '事项当前的状态不允许这一步操作。')) })
    fireEvent.click(screen.getByText('受理', { selector: '.case-action' }))
    fireEvent.click(within(form('accept')).getByText('确认受理'))
    const message = await within(form('accept')).findByText('事项当前的状态不允许这一步操作。')
    expect(message.classList.contains('move-form__error')).toBe(true)
  })
})

describe('taking a township’s case over (提级办理)', () => {
  const township = detail({ can: ['takeOver'] })

  test('is the only move offered to the county on a township’s case; it needs a reason, asks for confirmation, and shows the step', async () => {
    const { transport } = await renderCase(township, {
      'petition.takeOver': (input: { reason: string }) =>
        detail({
          handlingUnit: '惠城区',
          can: ['accept', 'decline', 'transfer', 'escalate', 'flagRisk'],
          events: [...detail().events, { seq: 3, type: 'takeOver', at: '2026-11-27T04:00:00.000Z', actorRole: 'centre_staff', data: { from: '441302001', to: '441302', takenBy: 'county', reason: input.reason } }]
        })
    })
    expect(offeredMoves()).toEqual(['提级办理'])
    fireEvent.click(screen.getByText('提级办理', { selector: '.case-action' }))
    expect(within(form('takeOver')).getByText('提级办理后', { exact: false })).toBeTruthy()
    fireEvent.click(within(form('takeOver')).getByText('确认提级办理'))
    expect(alerts('takeOver')).toEqual(['请填写此项。'])
    await act(async () => undefined)
    expect(transport.callsTo('petition.takeOver')).toHaveLength(0)

    await type('提级办理理由（群众和原承办镇街都能看到）', '涉及多个街道')
    fireEvent.click(within(form('takeOver')).getByText('确认提级办理'))
    expect(await screen.findByText('✓ 已提交：提级办理')).toBeTruthy()
    expect(modal).toHaveBeenCalledTimes(1)
    expect(modal.mock.calls[0][0]).toMatchObject({ title: '请确认', content: expect.stringContaining('通知群众') })
    expect(transport.callsTo('petition.takeOver').map((c) => c.input)).toEqual([{ id: CASE_ID, reason: '涉及多个街道' }])
    // One case vocabulary (src/i18n/case.ts): staff read the step in the words residents read.
    expect(screen.getByText('上级综治中心提级办理', { exact: false })).toBeTruthy()
    expect(screen.getByText('改由区（县）综治中心直接办理')).toBeTruthy()
    expect(screen.getByText('理由：涉及多个街道')).toBeTruthy()
    expect(offeredMoves()).toEqual(['受理', '不予受理', '转办', '上报', '标记风险'])
  })
})
