/**
 * A category may suggest a department: staff see the suggestion on the case and find it chosen in "assign", and may
 * choose another department, a mediator, or type a name. Also the map point on the staff view. Real Taro H5
 * components in jsdom, real stores, a fake transport.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { observer } from 'mobx-react-lite'
import type { CaseDetail } from '@minan/types/functions/petition'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { staffStoreOf } from '../../src/staff/store'
import { CaseInfo } from '../../src/staff/components/case-info'
import { CaseActions } from '../../src/staff/components/case-actions'
import { FakeTransport } from '../support/fake-transport'

const detail = (over: Partial<CaseDetail> = {}): CaseDetail => ({
  id: 'case_0000000002',
  trackingNo: '4413-20261127-0002',
  kind: 'dispute',
  stage: 'original',
  title: '邻居违建围墙挡路',
  status: 'accepted',
  regionName: '东平村民委员会',
  handlingUnit: '桥东街道',
  filedAt: '2026-11-27T02:00:00.000Z',
  updatedAt: '2026-11-27T02:00:00.000Z',
  nextDeadline: '2027-01-26T15:59:59.999Z',
  nextDeadlineKind: 'handling',
  flag: 'ok',
  riskLevel: 0,
  disputeType: 'family',
  description: '离婚后抚养费一直不给。',
  regionCode: '441302001200',
  regionPath: ['惠州市', '惠城区', '桥东街道', '东平村民委员会'],
  address: '东平村三巷',
  location: { lat: 23.0771, lng: 114.4179 },
  suggestedDepartments: ['womens_federation', 'justice'],
  photos: [],
  contactName: '陈秀英',
  contactPhone: '13812345678',
  otherPartyName: '王某',
  otherPartyContact: null,
  outcome: null,
  rating: null,
  extendedDays: 0,
  parentId: null,
  childIds: [],
  assignee: null,
  events: [],
  can: ['assign', 'close'],
  ...over
})

const CaseContent = observer(function CaseContent({ root }: { root: RootStore }) {
  const item = staffStoreOf(root).current
  if (!item) return null
  return (
    <>
      <CaseInfo item={item} />
      <CaseActions />
    </>
  )
})

async function renderCase(kase: CaseDetail) {
  const transport = new FakeTransport({
    'petition.get': () => kase,
    'petition.mediators': () => [{ id: 'u-zhou', name: '周德明', regionName: '桥东街道' }],
    'petition.assign': () => ({ ...kase, status: 'assigned', can: [] })
  })
  const root = new RootStore({ transport, storage: memoryStorage(), systemLanguage: 'zh-CN' })
  await staffStoreOf(root).openCase(kase.id)
  render(
    <StoreContext.Provider value={root}>
      <CaseContent root={root} />
    </StoreContext.Provider>
  )
  fireEvent.click(screen.getByText('指派'))
  const form = document.querySelector('.move-form--assign') as HTMLElement
  await within(form).findByText(/周德明/)
  return { transport, form }
}

const departments = (form: HTMLElement) => within(within(form).getByRole('radiogroup', { name: '或交由部门办理' })).getAllByRole('radio')
const submit = (form: HTMLElement) => fireEvent.click(within(form).getByText('确认指派'))

test('staff see the suggested departments on the case, and its map point in words', async () => {
  await renderCase(detail())
  expect(screen.getByText('建议交办部门')).toBeTruthy()
  expect(screen.getByText('妇联、司法所')).toBeTruthy()
  expect(screen.getByText('北纬 23.0771°，东经 114.4179°')).toBeTruthy()
  expect(screen.getByText('在地图中查看')).toBeTruthy()
})

test('the likeliest suggested department is chosen to begin with, and sent as its name', async () => {
  const { form, transport } = await renderCase(detail())
  const options = departments(form)
  // The suggestions first, marked; then every other department.
  expect(options.map((o) => o.textContent)).toEqual([
    '◉ 妇联 · 按事项类别建议',
    '○ 司法所 · 按事项类别建议',
    '○ 人社所（劳动保障）',
    '○ 自然资源所',
    '○ 住建部门',
    '○ 综合行政执法（城管）',
    '○ 市场监管所',
    '○ 人民调解委员会'
  ])
  expect(options[0].getAttribute('aria-checked')).toBe('true')
  submit(form)
  await waitFor(() => expect(transport.callsTo('petition.assign')).toHaveLength(1))
  expect(transport.callsTo('petition.assign')[0].input).toEqual({ id: 'case_0000000002', department: '妇联' })
})

test('staff may choose another department instead', async () => {
  const { form, transport } = await renderCase(detail())
  fireEvent.click(within(form).getByText('○ 市场监管所'))
  await waitFor(() => expect(within(form).getByText('◉ 市场监管所')).toBeTruthy())
  submit(form)
  await waitFor(() => expect(transport.callsTo('petition.assign')).toHaveLength(1))
  expect(transport.callsTo('petition.assign')[0].input).toEqual({ id: 'case_0000000002', department: '市场监管所' })
})

test('or a mediator, which clears the department', async () => {
  const { form, transport } = await renderCase(detail())
  fireEvent.click(within(form).getByText(/周德明/))
  await waitFor(() => expect(departments(form).every((o) => o.getAttribute('aria-checked') === 'false')).toBe(true))
  submit(form)
  await waitFor(() => expect(transport.callsTo('petition.assign')).toHaveLength(1))
  expect(transport.callsTo('petition.assign')[0].input).toEqual({ id: 'case_0000000002', mediatorId: 'u-zhou' })
})

test('with nothing to suggest, nothing is chosen and nothing is sent until staff choose', async () => {
  const { form, transport } = await renderCase(detail({ suggestedDepartments: [], location: null }))
  expect(screen.queryByText('建议交办部门')).toBeNull()
  expect(screen.queryByText('在地图中查看')).toBeNull()
  expect(departments(form).every((o) => o.getAttribute('aria-checked') === 'false')).toBe(true)
  submit(form)
  expect(await within(form).findByRole('alert')).toBeTruthy()
  expect(transport.callsTo('petition.assign')).toHaveLength(0)
})
