/**
 * The filing stepper (issue 14): one step a screen with its progress, 下一步 that checks the step, 上一步 that keeps
 * what was typed, a refused submit that goes to the first failing field and its step, any phone format, the phone
 * remembered for the same person only, the place in words (never coordinates), and the success page.
 * Real Taro H5 components in jsdom, the real stores, a fake transport standing in for the server.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { runInAction } from 'mobx'
import { getLocation, setClipboardData } from '@tarojs/taro-h5'
import type { Me } from '@minan/types/api'
import type { CaseDetail } from '@minan/types/functions/petition'
import type { VillageAdvisor } from '@minan/types/functions/legal'
import { PetitionForm } from '../../src/petition/components/petition-form'
import { FiledResult } from '../../src/petition/components/filed-result'
import { RootStore, StoreContext } from '../../src/stores/root'
import { PHONE_KEY, normalisePhone } from '../../src/petition/stores/draft'
import { memoryStorage } from '../../src/stores/storage'
import { FakeTransport } from '../support/fake-transport'

jest.mock('@tarojs/taro-h5', () => {
  const actual = jest.requireActual('@tarojs/taro-h5')
  const fakes: Record<string, jest.Mock> = { getLocation: jest.fn(), setClipboardData: jest.fn(async () => ({ errMsg: 'setClipboardData:ok' })) }
  return new Proxy(actual, { get: (target, key) => (typeof key === 'string' && key in fakes ? fakes[key] : target[key]) })
})
const locate = jest.mocked(getLocation)
const clipboard = jest.mocked(setClipboardData)

const CHEN: Me = {
  userId: 'u-chen',
  displayName: '陈秀英',
  roles: [{ role: 'resident', regionCode: null, regionName: null }],
  homeRegion: { code: '441302001200', name: '东平村民委员会', pathNames: ['惠州市', '惠城区', '桥东街道', '东平村民委员会'] }
}
const LI: Me = { ...CHEN, userId: 'u-li', displayName: '李四' }

const answer = (input: Record<string, unknown>) =>
  ({ id: 'case-0000000001', title: input.title, trackingNo: '4413-20261127-0001', handlingUnit: '桥东街道', nextDeadline: '2026-12-22T16:00:00.000Z', nextDeadlineKind: 'acceptance' }) as unknown as CaseDetail

function renderForm(options: { me?: Me; storage?: ReturnType<typeof memoryStorage>; transport?: FakeTransport } = {}) {
  const transport = options.transport ?? new FakeTransport()
  transport.on('petition.file', answer)
  const storage = options.storage ?? memoryStorage()
  const store = new RootStore({ transport, storage, systemLanguage: 'zh-CN' })
  runInAction(() => (store.session.me = options.me ?? CHEN))
  const onFiled = jest.fn()
  const view = render(
    <StoreContext.Provider value={store}>
      <PetitionForm onFiled={onFiled} />
    </StoreContext.Provider>
  )
  return { transport, store, storage, onFiled, view }
}

const stepLine = () => document.querySelector('.step-progress__label')?.textContent ?? ''
const typeInto = async (label: string, value: string) => fireEvent.input(await screen.findByRole('textbox', { name: label }), { target: { value } })
async function next() {
  const before = stepLine()
  fireEvent.click(await screen.findByText('下一步'))
  await waitFor(() => expect(stepLine()).not.toBe(before))
}

beforeEach(() => {
  locate.mockReset()
  clipboard.mockClear()
})

describe('one step a screen', () => {
  test('the progress names every step; 下一步 moves on only when the step is complete; 上一步 keeps what was typed', async () => {
    renderForm()
    expect(await screen.findByText('第 1 步，共 5 步：类型')).toBeTruthy()
    for (const name of ['类型', '事情', '地点', '联系方式和照片', '确认']) expect(screen.getAllByText(name).length).toBeGreaterThan(0)
    expect(screen.queryByText('上一步')).toBeNull()
    expect(screen.queryByRole('textbox', { name: '标题' })).toBeNull()

    fireEvent.click(screen.getByText('下一步'))
    expect(await screen.findByText('✗ 请选择您要反映的类型。')).toBeTruthy()
    expect(stepLine()).toBe('第 1 步，共 5 步：类型')

    fireEvent.click(screen.getByText('投诉'))
    await next()
    expect(stepLine()).toBe('第 2 步，共 5 步：事情')
    await typeInto('标题', '村口路灯坏了')
    fireEvent.click(screen.getByText('下一步'))
    expect(await screen.findByText('✗ 请填写此项。')).toBeTruthy()
    expect(document.querySelector('.field--invalid.field--description')).not.toBeNull()

    fireEvent.click(screen.getByText('上一步'))
    await waitFor(() => expect(stepLine()).toBe('第 1 步，共 5 步：类型'))
    await next()
    expect((await screen.findByRole('textbox', { name: '标题' })).getAttribute('value') ?? (screen.getByRole('textbox', { name: '标题' }) as HTMLInputElement).value).toBe('村口路灯坏了')
  })

  test('the check screen lists every step with a way back to change it', async () => {
    const { store } = renderForm()
    fireEvent.click(await screen.findByText('投诉'))
    await next()
    await typeInto('标题', '村口路灯坏了')
    await typeInto('详细情况', '坏了三个月。')
    await next()
    await next()
    await typeInto('手机号码', '13812345678')
    await next()
    expect(stepLine()).toBe('第 5 步，共 5 步：确认')
    expect(screen.getByText('请核对，没问题就提交')).toBeTruthy()
    expect(screen.getByText('惠州市 惠城区 桥东街道 东平村民委员会')).toBeTruthy()
    expect(screen.getByText('陈秀英 13812345678 · 没有照片')).toBeTruthy()
    fireEvent.click(screen.getAllByText('修改')[2])
    await waitFor(() => expect(stepLine()).toBe('第 3 步，共 5 步：地点'))
    expect(store.filing.step).toBe(2)
  })

  test('a refused submit goes to the first failing field, on its step, and brings it into view', async () => {
    const scrolled = jest.fn()
    Element.prototype.scrollIntoView = scrolled
    const { store, transport } = renderForm()
    await screen.findByText('投诉')
    // Everything but the title and the phone, then straight to the check screen (as a restored draft may be).
    act(() => {
      store.filing.update({ kind: 'complaint', description: '坏了三个月。', contactPhone: '123' })
      store.filing.setConsent(true)
      store.filing.goToStep(4)
    })
    fireEvent.click(await screen.findByText('提交'))
    await waitFor(() => expect(stepLine()).toBe('第 2 步，共 5 步：事情'))
    const field = document.querySelector('.field--invalid')!
    expect(field.classList.contains('field--title')).toBe(true)
    await waitFor(() => expect(scrolled).toHaveBeenCalled())
    expect(scrolled.mock.contexts[0]).toBe(field)
    expect(transport.callsTo('petition.file')).toHaveLength(0)
  })
})

describe('the phone', () => {
  test.each([
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '+8613812345678'],
    ['0086-138-1234-5678', '+8613812345678'],
    ['(+86) 138.1234.5678', '+8613812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['+852 6123-4567', '+85261234567']
  ])('%s is accepted and sent as %s', async (typed, sent) => {
    expect(normalisePhone(typed)).toBe(sent)
    const { transport, store } = renderForm()
    await screen.findByText('投诉')
    act(() => {
      store.filing.update({ kind: 'complaint', title: '路灯', description: '坏了。' })
      store.filing.goToStep(3)
    })
    await typeInto('手机号码', typed)
    fireEvent.blur(await screen.findByRole('textbox', { name: '手机号码' }))
    await next()
    fireEvent.click(screen.getByRole('checkbox'))
    fireEvent.click(screen.getByText('提交'))
    await waitFor(() => expect(transport.callsTo('petition.file')).toHaveLength(1))
    expect(screen.queryByText(/手机号码不正确/)).toBeNull()
    expect(transport.callsTo('petition.file')[0].input).toMatchObject({ contactPhone: sent })
  })

  test('is remembered for the same person’s next filing, and forgotten when someone else signs in', async () => {
    const storage = memoryStorage()
    const { store, transport, view } = renderForm({ storage })
    await screen.findByText('投诉')
    act(() => {
      store.filing.update({ kind: 'complaint', title: '路灯', description: '坏了。', contactPhone: '138 1234 5678' })
      store.filing.setConsent(true)
    })
    await act(async () => void (await store.filing.submit()))
    expect(transport.callsTo('petition.file')).toHaveLength(1)
    view.unmount()

    // The same person's next form starts with it.
    act(() => void store.filing.openDraft({ userId: CHEN.userId }))
    expect(store.filing.draft?.contactPhone).toBe('13812345678')

    // Another person on this phone: the shared-phone reset clears it.
    transport.on('auth.me', () => LI)
    storage.set('minan.token', 'tok')
    await act(async () => {
      store.session.token = 'tok'
      await store.session.restore()
    })
    expect(storage.get(PHONE_KEY)).toBeNull()
    act(() => void store.filing.openDraft({ userId: LI.userId }))
    expect(store.filing.draft?.contactPhone).toBe('')
  })
})

describe('the place', () => {
  test('a browser position is named by the nearest village and township, offered as the place, never as coordinates', async () => {
    const near: VillageAdvisor = { code: '441302003201', name: '江北社区居委会', path: ['惠州市', '惠城区', '江南街道'], advisor: null, onsite: null, distance: 120 }
    const transport = new FakeTransport().on('legal.near', () => [near])
    locate.mockResolvedValue({ latitude: 23.0794, longitude: 114.4126, accuracy: 20, altitude: 0, horizontalAccuracy: 20, verticalAccuracy: 0, speed: 0, errMsg: 'getLocation:ok' })
    const { store } = renderForm({ transport })
    await screen.findByText('投诉')
    act(() => store.filing.goToStep(2))
    fireEvent.click(await screen.findByText('使用我现在的位置'))
    expect(await screen.findByText('在江南街道 江北社区居委会附近')).toBeTruthy()
    expect(screen.queryByText(/北纬|东经/)).toBeNull()
    expect(transport.callsTo('legal.near')[0].input).toMatchObject({ limit: 1 })
    expect(screen.getByText('离您最近的是江南街道 江北社区居委会，事情发生在这里吗？')).toBeTruthy()
    fireEvent.click(screen.getByText('就是这里'))
    expect(await screen.findByText('惠州市 惠城区 江南街道 江北社区居委会')).toBeTruthy()
    expect(store.filing.draft?.regionCode).toBe('441302003201')
  })
})

describe('a place chosen on WeChat’s map', () => {
  test('shows its name and address and fills an empty address box', async () => {
    const { store } = renderForm()
    await screen.findByText('投诉')
    act(() => store.filing.goToStep(2))
    await screen.findByRole('textbox', { name: '详细地址（选填）' })
    await act(() => store.filing.setPoint({ lat: 23.0771, lng: 114.4179, name: '西湖公园', address: '惠州市惠城区环城西路' }))
    expect(await screen.findByText('西湖公园 · 惠州市惠城区环城西路')).toBeTruthy()
    expect(store.filing.draft?.address).toBe('惠州市惠城区环城西路 西湖公园')
  })
})

describe('the success page', () => {
  test('says it was received, gives the tracking number with copy, and what happens next by when', async () => {
    const store = new RootStore({ transport: new FakeTransport(), storage: memoryStorage(), systemLanguage: 'zh-CN' })
    const onView = jest.fn()
    const c = answer({ title: '村口路灯坏了' })
    render(<FiledResult c={c} t={store.ui.t} locale='zh-CN' onView={onView} onHome={() => undefined} />)
    expect(screen.getByText('已收到您反映的事情')).toBeTruthy()
    expect(screen.getByText('4413-20261127-0001')).toBeTruthy()
    expect(screen.getByText('桥东街道综治中心会在 2026年12月23日 前决定是否受理，并告诉您结果。')).toBeTruthy()
    // On H5 there is no WeChat reminder to ask for: the page says how the news comes instead.
    expect(screen.getByText('网页上收不到微信提醒：有进展时会在“消息”里告诉您，请记下上面的查询编号。')).toBeTruthy()
    expect(screen.queryByText('接收办理进度提醒')).toBeNull()
    fireEvent.click(screen.getByText('复制编号'))
    await waitFor(() => expect(clipboard).toHaveBeenCalledWith({ data: '4413-20261127-0001' }))
    expect(await screen.findByText('编号已复制')).toBeTruthy()
    fireEvent.click(screen.getByText('看办理进度'))
    expect(onView).toHaveBeenCalled()
  })

  test.each([
    [true, '✓ 有进展时会通过微信通知您，也会在“消息”里告诉您。'],
    [false, '没有开启微信提醒。有进展时仍会在“消息”里告诉您。']
  ])('on weapp the success page asks for progress reminders from a tap (accepted: %s)', async (accepted, after) => {
    const store = new RootStore({ transport: new FakeTransport(), storage: memoryStorage(), systemLanguage: 'zh-CN' })
    const onSubscribe = jest.fn(async () => accepted)
    render(<FiledResult c={answer({ title: '村口路灯坏了' })} onSubscribe={onSubscribe} t={store.ui.t} locale='zh-CN' onView={() => undefined} onHome={() => undefined} />)
    expect(screen.getByText('点一下，微信会问您是否接收提醒。同意后，有进展时微信会通知您。')).toBeTruthy()
    fireEvent.click(screen.getByText('接收办理进度提醒'))
    expect(await screen.findByText(after)).toBeTruthy()
    expect(onSubscribe).toHaveBeenCalledTimes(1)
    expect(screen.queryByText('接收办理进度提醒')).toBeNull()
  })
})
