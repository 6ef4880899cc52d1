/**
 * 找我的法律顾问: looking at another village's advisor never changes the person's own village, nor what a filing is
 * prefilled with; only "设为我的村（社区）", confirmed, does. Real Taro H5 components in jsdom, real stores, a fake
 * transport.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { runInAction } from 'mobx'
import type { Me } from '@minan/types/api'
import type { VillageAdvisor } from '@minan/types/functions/legal'
import FindPage from '../../src/legal/pages/find/index'
import { PetitionForm } from '../../src/petition/components/petition-form'
import { legalOf, VILLAGE_KEY } from '../../src/legal/store'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { taroStorage } from '../../src/stores/taro-storage'
import { FakeTransport } from '../support/fake-transport'

const DONGPING = '441302001200'
const XINJIAN = '441302001003'
const PATH = ['惠州市', '惠城区', '桥东街道']

const CHEN: Me = {
  userId: 'u-chen',
  displayName: '陈秀英',
  roles: [{ role: 'resident', regionCode: null, regionName: null }],
  homeRegion: { code: DONGPING, name: '东平村民委员会', pathNames: [...PATH, '东平村民委员会'] }
}

const village = (code: string, name: string, advisor: string): VillageAdvisor =>
  ({ code, name, path: PATH, advisor: { id: `adv_${code}`, name: advisor }, onsite: null, distance: null }) as unknown as VillageAdvisor
const VILLAGES: Record<string, VillageAdvisor> = {
  [DONGPING]: village(DONGPING, '东平村民委员会', '何文'),
  [XINJIAN]: village(XINJIAN, '新建社区居委会', '刘芳')
}

function setUp() {
  const transport = new FakeTransport({
    'legal.forVillage': ({ code }: { code: string }) => VILLAGES[code],
    'legal.search': () => [VILLAGES[XINJIAN]],
    'auth.setHomeRegion': ({ code }: { code: string }): Me => ({ ...CHEN, homeRegion: { code, name: VILLAGES[code].name, pathNames: [...PATH, VILLAGES[code].name] } })
  })
  const root = new RootStore({ transport, storage: memoryStorage(), systemLanguage: 'zh-CN' })
  runInAction(() => (root.session.me = CHEN))
  const view = render(
    <StoreContext.Provider value={root}>
      <FindPage />
    </StoreContext.Provider>
  )
  return { transport, root, view }
}

async function lookAtXinjian() {
  expect(await screen.findByText('我的村（社区）：东平村民委员会')).toBeTruthy()
  fireEvent.input(await screen.findByRole('searchbox', { name: '按村（社区）名称搜索' }), { target: { value: '新建' } })
  fireEvent.click(screen.getByText('搜索'))
  fireEvent.click(await screen.findByText('惠城区 桥东街道 新建社区居委会 · 刘芳律师'))
  expect(await screen.findByText('您正在查看：新建社区居委会')).toBeTruthy()
}

beforeEach(() => taroStorage.remove(VILLAGE_KEY))

describe('looking at another village', () => {
  test('shows its advisor but leaves the resident’s own village, profile and filing prefill unchanged', async () => {
    const { transport, root, view } = setUp()
    await lookAtXinjian()
    expect(screen.getAllByText('刘芳律师')[0]).toBeTruthy()
    expect(screen.getByText('这不是您的村（社区）。只是查看，您的村（社区）不会改变。')).toBeTruthy()
    expect(screen.queryByText('我的村（社区）：新建社区居委会')).toBeNull()

    // Nothing was saved: not on the profile, not on the device.
    expect(transport.callsTo('auth.setHomeRegion')).toEqual([])
    expect(root.session.me?.homeRegion?.code).toBe(DONGPING)
    expect(taroStorage.get(VILLAGE_KEY)).toBeNull()
    expect(legalOf(root, taroStorage).mineCode).toBe(DONGPING)

    // The next filing still starts from the resident's own village.
    view.unmount()
    render(
      <StoreContext.Provider value={root}>
        <PetitionForm onFiled={() => undefined} />
      </StoreContext.Provider>
    )
    await waitFor(() => expect(root.filing.draft?.regionCode).toBe(DONGPING))

    // Back on the page, it opens on the resident's own village again.
    render(
      <StoreContext.Provider value={root}>
        <FindPage />
      </StoreContext.Provider>
    )
    expect(await screen.findByText('我的村（社区）：东平村民委员会')).toBeTruthy()
  })

  test('only “设为我的村（社区）”, confirmed, makes it the resident’s village', async () => {
    const { transport, root } = setUp()
    await lookAtXinjian()

    // Asking first; saying no changes nothing.
    fireEvent.click(screen.getByText('设为我的村（社区）'))
    expect(await screen.findByText('把“新建社区居委会”设为您的村（社区）吗？以后找法律顾问、登记事项，都会默认用这个村（社区）。')).toBeTruthy()
    fireEvent.click(screen.getByText('不用了'))
    expect(await screen.findByText('设为我的村（社区）')).toBeTruthy()
    expect(transport.callsTo('auth.setHomeRegion')).toEqual([])

    fireEvent.click(screen.getByText('设为我的村（社区）'))
    fireEvent.click(await screen.findByText('确定，设为我的村（社区）'))
    expect(await screen.findByText('我的村（社区）：新建社区居委会')).toBeTruthy()
    expect(transport.callsTo('auth.setHomeRegion').map((c) => c.input)).toEqual([{ code: XINJIAN }])
    expect(root.session.me?.homeRegion?.code).toBe(XINJIAN)
  })
})
