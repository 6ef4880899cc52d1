/**
 * PetitionForm: what a resident fills in to raise a matter, one step a screen (类型 → 事情 → 地点 → 联系方式和照片 → 确认).
 * Real Taro H5 components in jsdom, the real stores, a fake transport standing in for the server.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { runInAction } from 'mobx'
import type { Me } from '@minan/types/api'
import { PRIVACY_NOTICE_VERSION, type CaseDetail } from '@minan/types/functions/petition'
import { PetitionForm } from '../../src/petition/components/petition-form'
import { RootStore, StoreContext } from '../../src/stores/root'
import { DRAFT_KEY } from '../../src/petition/stores/draft'
import { memoryStorage } from '../../src/stores/storage'
import type { UploadedFile } from '../../src/api/client'
import { FakeTransport, apiError } from '../support/fake-transport'

const CHEN: Me = {
  userId: 'u-chen',
  displayName: '陈秀英',
  roles: [{ role: 'resident', regionCode: null, regionName: null }],
  homeRegion: { code: '441302001200', name: '东平村民委员会', pathNames: ['惠州市', '惠城区', '桥东街道', '东平村民委员会'] }
}
const TANG: Me = { ...CHEN, userId: 'u-tang', displayName: '唐网格', roles: [{ role: 'grid_worker', regionCode: '441302001200', regionName: '东平村民委员会' }] }

const filed = (input: Record<string, unknown>) => ({ id: 'case-0000000001', title: input.title, trackingNo: '4413-20261127-0001' }) as unknown as CaseDetail

class UploadingTransport extends FakeTransport {
  async upload(): Promise<{ ok: true; data: UploadedFile }> {
    return { ok: true, data: { id: 'file-000000001', mime: 'image/jpeg', bytes: 1 } }
  }
}

function renderForm(options: { me?: Me; transport?: FakeTransport; storage?: ReturnType<typeof memoryStorage>; locale?: string } = {}) {
  const transport = options.transport ?? new FakeTransport()
  transport.on('petition.file', filed)
  const storage = options.storage ?? memoryStorage()
  const store = new RootStore({ transport, storage, systemLanguage: options.locale ?? 'zh-CN' })
  runInAction(() => (store.session.me = options.me ?? CHEN))
  const onFiled = jest.fn()
  render(
    <StoreContext.Provider value={store}>
      <PetitionForm onFiled={onFiled} />
    </StoreContext.Provider>
  )
  return { transport, store, storage, onFiled }
}

/** Types the way a browser does: into the inner <input>/<textarea>, found by its accessible name. */
async function typeInto(label: string, value: string) {
  const control = await screen.findByRole('textbox', { name: label })
  fireEvent.input(control, { target: { value } })
  return control
}

/** What the control shows now (Taro's H5 host mirrors its value as an attribute). */
const valueOf = async (label: string) => (await screen.findByRole('textbox', { name: label })).closest('taro-input-core, taro-textarea-core')!.getAttribute('value')

// Taro's H5 host writes disabled="false" for an enabled button, so aria-disabled is what says it.
const submitButton = () => document.querySelector('.petition-form__send')!

/** The step on screen, as the progress line says it. */
const stepLine = () => document.querySelector('.step-progress__label')?.textContent ?? ''

/** Taps 下一步 and waits for the step to change. */
async function next() {
  const before = stepLine()
  fireEvent.click(await screen.findByText('下一步'))
  await waitFor(() => expect(stepLine()).not.toBe(before))
}

/** Shows a step directly, as its 修改 link on the check screen does. */
const showStep = (store: RootStore, step: number) => act(() => store.filing.goToStep(step))

/** Walks the stepper with what a complaint needs (the village comes from the profile), to the check screen. */
async function fillRequired(phone = '13812345678') {
  fireEvent.click(await screen.findByText('投诉'))
  await next()
  await typeInto('标题', '村口路灯坏了')
  await typeInto('详细情况', '村口到小学的路灯坏了三个月，晚上孩子放学很危险。')
  await next()
  await next()
  await typeInto('手机号码', phone)
  await next()
}

describe('consent to the privacy notice', () => {
  test('shows what is collected, why, who sees it and how long it is kept', async () => {
    const { store } = renderForm()
    await screen.findByText('投诉')
    showStep(store, 4)
    expect(await screen.findByText('个人信息处理说明')).toBeTruthy()
    expect(screen.getByText(/收集什么：您的姓名、手机号码、事情发生的地点和您上传的照片/)).toBeTruthy()
    expect(screen.getByText(/为什么收集：只用于办理您反映的事，并与您联系/)).toBeTruthy()
    expect(screen.getByText(/谁能看到：负责办理的综治中心工作人员/)).toBeTruthy()
    expect(screen.getByText(/按照档案管理的规定保存/)).toBeTruthy()
    expect(screen.getByText(`说明版本：${PRIVACY_NOTICE_VERSION}`)).toBeTruthy()
  })

  test('submit stays disabled and sends nothing until the box is ticked; then it files once', async () => {
    const { transport, onFiled } = renderForm()
    await fillRequired()
    expect(submitButton().getAttribute('aria-disabled')).toBe('true')
    expect(screen.getByText('请先勾选同意个人信息处理说明，才能提交。')).toBeTruthy()
    fireEvent.click(submitButton())
    await act(async () => undefined)
    expect(transport.callsTo('petition.file')).toHaveLength(0)

    const consent = screen.getByRole('checkbox')
    expect(consent.getAttribute('aria-checked')).toBe('false')
    fireEvent.click(consent)
    await waitFor(() => expect(screen.getByRole('checkbox').getAttribute('aria-checked')).toBe('true'))
    expect(submitButton().getAttribute('aria-disabled')).toBe('false')
    expect(screen.queryByText('请先勾选同意个人信息处理说明，才能提交。')).toBeNull()

    fireEvent.click(submitButton())
    expect(submitButton().textContent).toBe('正在提交…')
    expect(submitButton().getAttribute('aria-disabled')).toBe('true')
    fireEvent.click(submitButton())
    await waitFor(() => expect(onFiled).toHaveBeenCalledTimes(1))
    const calls = transport.callsTo('petition.file')
    expect(calls).toHaveLength(1)
    expect(calls[0].input).toMatchObject({ kind: 'complaint', title: '村口路灯坏了', regionCode: '441302001200', contactName: '陈秀英', consentVersion: PRIVACY_NOTICE_VERSION })
    expect(calls[0].requestId).toMatch(/^[0-9a-f]{32}$/)
  })
})

describe('what the person types', () => {
  test('the description counts characters as a person does, live', async () => {
    const { store } = renderForm()
    await screen.findByText('投诉')
    showStep(store, 1)
    expect(await screen.findByText('已写 0 字，最多 4000 字')).toBeTruthy()
    await typeInto('详细情况', '路灯坏了😀')
    expect(await screen.findByText('已写 5 字，最多 4000 字')).toBeTruthy()
    await typeInto('标题', '路灯')
    expect(await screen.findByText('已写 2 字，最多 50 字')).toBeTruthy()
  })

  test('too long a description is caught before sending, with the count', async () => {
    const { transport, store } = renderForm()
    await fillRequired()
    showStep(store, 1)
    await typeInto('详细情况', '很'.repeat(4001))
    showStep(store, 4)
    fireEvent.click(await screen.findByRole('checkbox'))
    fireEvent.click(submitButton())
    // The person is taken back to the step with the field to fix.
    expect(await screen.findByText('✗ 不能超过 4000 字（现在 4001 字）。')).toBeTruthy()
    expect(stepLine()).toBe('第 2 步，共 5 步：事情')
    expect(transport.callsTo('petition.file')).toHaveLength(0)
  })

  test('a wrong phone number gets a clear message when leaving the box, and 下一步 stays on its step; nothing is sent', async () => {
    const { transport } = renderForm()
    await fillRequired()
    fireEvent.click(screen.getByText('上一步'))
    const phone = await typeInto('手机号码', '1381234')
    fireEvent.blur(phone)
    const message = '✗ 手机号码不正确。请填写 11 位内地手机号，或 +852、+853 开头的港澳号码。'
    expect(await screen.findByText(message)).toBeTruthy()
    fireEvent.click(screen.getByText('下一步'))
    expect(await screen.findByText('✗ 这一步有需要修改的地方，请看红字提示。')).toBeTruthy()
    expect(stepLine()).toBe('第 4 步，共 5 步：联系方式和照片')
    expect(screen.getByText(message)).toBeTruthy()
    expect(transport.callsTo('petition.file')).toHaveLength(0)

    await typeInto('手机号码', '+852 6123 4567')
    await waitFor(() => expect(screen.queryByText(message)).toBeNull())
  })

  test('the phone message is in the person’s language', async () => {
    const { store } = renderForm({ locale: 'en' })
    await screen.findByText('Next')
    showStep(store, 3)
    const phone = await typeInto('Mobile number', '12345')
    fireEvent.blur(phone)
    expect(await screen.findByText(/That mobile number is not valid/)).toBeTruthy()
  })

  test('a field the server refuses shows its message next to that field', async () => {
    const transport = new FakeTransport()
    const { store } = renderForm({ transport })
    transport.on('petition.file', () => {
      throw apiError('CONTENT_REJECTED', '内容含有不宜发布的信息，请修改后再提交。', 'description')
    })
    await fillRequired()
    fireEvent.click(screen.getByRole('checkbox'))
    fireEvent.click(submitButton())
    const message = await screen.findByText('✗ 内容含有不宜发布的信息，请修改后再提交。')
    expect(message.closest('.field--description')).not.toBeNull()
    expect(stepLine()).toBe('第 2 步，共 5 步：事情')
    expect(store.filing.sending).toBe(false)
  })
})

describe('the kind of matter', () => {
  test('choosing 矛盾纠纷调解 brings the dispute type, and the next step the other party with a help line', async () => {
    renderForm()
    fireEvent.click(await screen.findByText('投诉'))
    expect(screen.queryByText('纠纷类型')).toBeNull()

    fireEvent.click(screen.getByText('矛盾纠纷调解'))
    expect(await screen.findByText('纠纷类型')).toBeTruthy()
    for (const label of ['邻里纠纷', '婚姻家庭', '房屋租赁', '劳动争议与欠薪', '物业管理', '消费纠纷', '土地与房屋', '其他']) expect(screen.getByText(label)).toBeTruthy()
    // Without a type, the step does not move on.
    fireEvent.click(screen.getByText('下一步'))
    expect(await screen.findByText('✗ 请选择纠纷类型。')).toBeTruthy()
    expect(stepLine()).toBe('第 1 步，共 5 步：类型')

    fireEvent.click(screen.getByText('邻里纠纷'))
    await waitFor(() => expect(screen.getByText('✓ 邻里纠纷')).toBeTruthy())
    expect(screen.getByRole('radio', { name: '✓ 矛盾纠纷调解' }).getAttribute('aria-checked')).toBe('true')
    await next()
    expect(await screen.findByRole('textbox', { name: '对方当事人姓名' })).toBeTruthy()
    expect(await screen.findByRole('textbox', { name: '对方联系方式（选填）' })).toBeTruthy()
    expect(screen.getByText(/不知道对方姓名？写您知道的称呼就行/)).toBeTruthy()
  })
})

describe('who sees what', () => {
  test('a resident is not offered 代为登记', async () => {
    const { store } = renderForm()
    await screen.findByText('投诉')
    showStep(store, 3)
    await screen.findByText('您的联系方式')
    expect(screen.queryByText('代为登记（替居民反映）')).toBeNull()
  })

  test('a grid worker filing for a resident sends onBehalf and starts with an empty contact', async () => {
    const { transport, store } = renderForm({ me: TANG })
    await screen.findByText('投诉')
    showStep(store, 3)
    const toggle = await screen.findByRole('switch', { name: '代为登记（替居民反映）' })
    expect(await valueOf('真实姓名')).toBe('唐网格')
    fireEvent.click(toggle)
    await waitFor(async () => expect(await valueOf('真实姓名')).toBe(''))
    await typeInto('真实姓名', '王阿婆')
    showStep(store, 0)
    await fillRequired()
    fireEvent.click(screen.getByRole('checkbox'))
    fireEvent.click(submitButton())
    await waitFor(() => expect(transport.callsTo('petition.file')).toHaveLength(1))
    expect(transport.callsTo('petition.file')[0].input).toMatchObject({ onBehalf: true, contactName: '王阿婆' })
  })

  test('the photo section is there on every platform (weapp on cloud functions uploads to cloud storage)', async () => {
    const { store } = renderForm()
    await screen.findByText('投诉')
    showStep(store, 3)
    expect(await screen.findByText('照片（选填，最多 9 张）')).toBeTruthy()
  })

  test('with uploads available, the photo section offers to add up to nine', async () => {
    const { store } = renderForm({ transport: new UploadingTransport() })
    await screen.findByText('投诉')
    showStep(store, 3)
    expect(await screen.findByText('照片（选填，最多 9 张）')).toBeTruthy()
    expect(screen.getByText('添加照片（已有 0 张，最多 9 张）')).toBeTruthy()
  })
})

describe('nothing lost', () => {
  test('what was typed is on the device at once, and a new form restores it', async () => {
    const storage = memoryStorage()
    const { store } = renderForm({ storage })
    await screen.findByText('投诉')
    showStep(store, 1)
    await typeInto('标题', '村口路灯坏了')
    expect(storage.get<{ title: string }>(DRAFT_KEY)?.title).toBe('村口路灯坏了')
  })

  test('an unsent draft comes back with a note and the way to start over', async () => {
    const storage = memoryStorage({ [DRAFT_KEY]: { requestId: 'req-000000000001', kind: 'suggestion', title: '多装几个路灯', description: '', photos: [] } })
    const { store } = renderForm({ storage })
    expect(await screen.findByText('已恢复您上次没有提交的内容。')).toBeTruthy()
    expect(screen.getByRole('radio', { name: '✓ 建议' }).getAttribute('aria-checked')).toBe('true')
    showStep(store, 1)
    expect(await valueOf('标题')).toBe('多装几个路灯')
  })
})
