/**
 * RegionPicker: browse Guangdong's tree city → county → township → village, or search a village by name.
 * Real Taro H5 components in jsdom, real stores, a fake transport holding a small tree.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { Region } from '@minan/types/api'
import { RegionPicker } from '../../src/components/region-picker'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { FakeTransport, fakeRegions } from '../support/fake-transport'

const region = (code: string, name: string, level: Region['level'], parentCode: string | null): Region => ({ code, name, level, parentCode })
const GUANGDONG = region('44', '广东省', 'province', null)
const GUANGZHOU = region('4401', '广州市', 'city', '44')
const HUIZHOU = region('4413', '惠州市', 'city', '44')
const HUICHENG = region('441302', '惠城区', 'county', '4413')
const QIAODONG = region('441302001', '桥东街道', 'township', '441302')
const DONGPING = region('441302001200', '东平村民委员会', 'village', '441302001')
const TREE: Region[] = [
  GUANGDONG,
  GUANGZHOU,
  HUIZHOU,
  region('440103', '荔湾区', 'county', '4401'),
  region('440103001', '沙面街道', 'township', '440103'),
  region('440103001001', '东平社区居民委员会', 'village', '440103001'),
  HUICHENG,
  region('441303', '惠阳区', 'county', '4413'),
  QIAODONG,
  region('441302002', '桥西街道', 'township', '441302'),
  DONGPING,
  region('441302001201', '下埔村民委员会', 'village', '441302001')
]

function renderPicker() {
  const transport = new FakeTransport(fakeRegions(TREE))
  const store = new RootStore({ transport, storage: memoryStorage(), systemLanguage: 'zh-CN' })
  const onPick = jest.fn()
  render(
    <StoreContext.Provider value={store}>
      <RegionPicker onPick={onPick} />
    </StoreContext.Provider>
  )
  const childrenFetched = () => transport.callsTo('regions.children').map((c) => (c.input as { code?: string }).code)
  return { transport, store, onPick, childrenFetched }
}

/** Names of the choices on offer, in order. */
const offered = () =>
  within(screen.getByRole('list'))
    .queryAllByRole('listitem')
    .map((item) => item.querySelector('.region-picker__name')?.textContent)
const breadcrumb = () => within(screen.getByRole('navigation', { name: '选择地区' }))
// Taro's H5 <Button> host carries no button role, so the crumbs are found by their class.
const crumbs = () => Array.from(screen.getByRole('navigation').querySelectorAll('.region-picker__crumb')).map((b) => b.textContent)

async function expectOffered(names: string[]) {
  await waitFor(() => expect(offered()).toEqual(names))
}

/** Taps a choice in the list and waits for the next level to arrive. */
async function choose(name: string, next: string[]) {
  fireEvent.click(within(screen.getByRole('list')).getByText(name))
  await expectOffered(next)
}

/** Types into Taro's H5 Input the way a browser does: its inner <input type=search> changes, then fires `input`. */
async function typeSearch(text: string) {
  const box = await screen.findByRole('searchbox')
  fireEvent.input(box, { target: { value: text } })
}

describe('browsing the tree', () => {
  test('starts with the cities of Guangdong, the province being fixed', async () => {
    const { childrenFetched } = renderPicker()
    await expectOffered(['广州市', '惠州市'])
    expect(childrenFetched()).toEqual(['44'])
    expect(crumbs()).toEqual(['广东省'])
    expect(screen.getByText('请选择 市')).toBeTruthy()
  })

  test('tapping a city offers its districts and adds the city to the breadcrumb', async () => {
    const { onPick } = renderPicker()
    await expectOffered(['广州市', '惠州市'])
    await choose('惠州市', ['惠城区', '惠阳区'])
    expect(crumbs()).toEqual(['广东省', '惠州市'])
    expect(screen.getByText('请选择 区/县')).toBeTruthy()
    expect(onPick).not.toHaveBeenCalled()
  })

  test('tapping a village picks it, with the chosen city, district and township as its path', async () => {
    const { onPick } = renderPicker()
    await expectOffered(['广州市', '惠州市'])
    await choose('惠州市', ['惠城区', '惠阳区'])
    await choose('惠城区', ['桥东街道', '桥西街道'])
    await choose('桥东街道', ['东平村民委员会', '下埔村民委员会'])
    expect(screen.getByText('请选择 村/社区')).toBeTruthy()
    expect(onPick).not.toHaveBeenCalled()

    fireEvent.click(within(screen.getByRole('list')).getByText('东平村民委员会'))
    expect(onPick).toHaveBeenCalledTimes(1)
    // Browsing yields the trail below the province (the picker never fetches 广东省 itself); a search result's path,
    // from the server, starts at the province — see the search test below.
    expect(onPick).toHaveBeenCalledWith({ ...DONGPING, path: [GUANGDONG, HUIZHOU, HUICHENG, QIAODONG] })
    expect(crumbs()).toEqual(['广东省', '惠州市', '惠城区', '桥东街道'])
  })

  test('the breadcrumb goes back up: 广东省 to the cities, a city to its districts', async () => {
    renderPicker()
    await expectOffered(['广州市', '惠州市'])
    await choose('惠州市', ['惠城区', '惠阳区'])
    await choose('惠城区', ['桥东街道', '桥西街道'])

    fireEvent.click(breadcrumb().getByText('惠州市'))
    await expectOffered(['惠城区', '惠阳区'])
    expect(crumbs()).toEqual(['广东省', '惠州市'])

    fireEvent.click(breadcrumb().getByText('广东省'))
    await expectOffered(['广州市', '惠州市'])
    expect(crumbs()).toEqual(['广东省'])
  })

  test('each level is fetched once: going down, up and down again reuses what was loaded', async () => {
    const { childrenFetched } = renderPicker()
    await expectOffered(['广州市', '惠州市'])
    await choose('惠州市', ['惠城区', '惠阳区'])
    fireEvent.click(breadcrumb().getByText('广东省'))
    await expectOffered(['广州市', '惠州市'])
    await choose('惠州市', ['惠城区', '惠阳区'])
    await choose('惠城区', ['桥东街道', '桥西街道'])
    expect(childrenFetched()).toEqual(['44', '4413', '441302'])
  })

  test('while the next level loads, the previous level is no longer offered', async () => {
    const { transport } = renderPicker()
    await expectOffered(['广州市', '惠州市'])
    transport.hold()
    fireEvent.click(within(screen.getByRole('list')).getByText('惠州市'))
    // Offering the cities here would let a second tap build the impossible trail 惠州市 › 广州市.
    await waitFor(() => expect(offered()).toEqual([]))
    expect(screen.getByText('加载中…')).toBeTruthy()
    act(() => transport.release())
    await expectOffered(['惠城区', '惠阳区'])
    expect(screen.queryByText('加载中…')).toBeNull()
  })
})

describe('searching by name', () => {
  test('shows matching villages with where they are, once typing pauses', async () => {
    const { transport, onPick } = renderPicker()
    await expectOffered(['广州市', '惠州市'])
    await typeSearch('东')
    await typeSearch('东平')
    // Debounced: nothing is sent while the person is still typing.
    expect(transport.callsTo('regions.search')).toHaveLength(0)

    await expectOffered(['东平村民委员会', '东平社区居民委员会'])
    expect(transport.callsTo('regions.search').map((c) => c.input)).toEqual([{ q: '东平', level: 'village', limit: 20 }])
    expect(screen.getByText('惠州市 惠城区 桥东街道')).toBeTruthy()
    expect(screen.getByText('广州市 荔湾区 沙面街道')).toBeTruthy()
    expect(screen.queryByRole('navigation')).toBeNull()

    fireEvent.click(screen.getByText('惠州市 惠城区 桥东街道'))
    expect(onPick).toHaveBeenCalledTimes(1)
    expect(onPick).toHaveBeenCalledWith({ ...DONGPING, path: [GUANGDONG, HUIZHOU, HUICHENG, QIAODONG] })
  })

  test('says so when nothing matches', async () => {
    renderPicker()
    await expectOffered(['广州市', '惠州市'])
    await typeSearch('  不存在 ')
    expect(await screen.findByText('没有找到“不存在”')).toBeTruthy()
    expect(offered()).toEqual([])
  })

  // A reply that arrives after the box was cleared (or after a newer search) must not replace what is shown.
  test('a late reply to an abandoned search does not come back after the box was cleared', async () => {
    const { transport } = renderPicker()
    await expectOffered(['广州市', '惠州市'])
    transport.hold()
    await typeSearch('东平')
    await waitFor(() => expect(transport.callsTo('regions.search')).toHaveLength(1))
    await typeSearch('')
    await expectOffered(['广州市', '惠州市'])

    await act(async () => {
      transport.release()
      await new Promise((settled) => setTimeout(settled, 0))
    })
    expect(offered()).toEqual(['广州市', '惠州市'])
  })

  test('clearing the search box goes back to browsing where the person was', async () => {
    renderPicker()
    await expectOffered(['广州市', '惠州市'])
    await choose('惠州市', ['惠城区', '惠阳区'])
    await typeSearch('东平')
    await expectOffered(['东平村民委员会', '东平社区居民委员会'])
    await typeSearch('')
    await expectOffered(['惠城区', '惠阳区'])
    expect(crumbs()).toEqual(['广东省', '惠州市'])
  })
})
