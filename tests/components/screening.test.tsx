/**
 * The self-screening flow as a person goes through it: one question a screen with the standard answer options and
 * the progress in words; PHQ-9 item 9 answered 好几天 shows the crisis screen with the 12356 button at once, and
 * nothing is sent anywhere. Real Taro H5 components in jsdom, the real stores, a fake transport.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import { makePhoneCall } from '@tarojs/taro-h5'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { ScreeningFlow } from '../../src/counselling/components/screening-flow'
import { counsellingOf } from '../../src/counselling/store'
import { translate, type MessageKey } from '../../src/i18n'
import { FakeTransport } from '../support/fake-transport'

// taro-h5's APIs are getters jest.spyOn cannot replace: the module is mocked through a Proxy (see crisis-help.test.tsx).
jest.mock('@tarojs/taro-h5', () => {
  const actual = jest.requireActual('@tarojs/taro-h5')
  const makePhoneCall = jest.fn(() => Promise.resolve({ errMsg: 'makePhoneCall:ok' }))
  return new Proxy(actual, { get: (target, key) => (key === 'makePhoneCall' ? makePhoneCall : target[key]) })
})
const dial = jest.mocked(makePhoneCall)
beforeEach(() => dial.mockClear())

const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params)
const PHQ9 = Array.from({ length: 9 }, (_, i) => zh(`counselling.phq9.q${i + 1}` as MessageKey))

function renderFlow() {
  const transport = new FakeTransport()
  const root = new RootStore({ transport, storage: memoryStorage(), systemLanguage: 'zh-CN' })
  render(
    <StoreContext.Provider value={root}>
      <ScreeningFlow />
    </StoreContext.Provider>
  )
  return { transport, store: counsellingOf(root) }
}

/** The PHQ-9 items on screen now. */
const itemsShown = () => PHQ9.filter((text) => screen.queryByText(text) !== null)
const option = (answer: string) => screen.getByRole('radio', { name: new RegExp(`^[○◉] ${answer}$`) })
const button = (text: string) => screen.getByText(text)

describe('PHQ-9, one question a screen', () => {
  test('shows one item at a time with the four answers one under the other; a tap on an answer moves on, back changes it', () => {
    renderFlow()
    fireEvent.click(button(zh('counselling.screening.startPhq9')))
    expect(screen.getByText('第 1 / 9 题')).toBeTruthy()
    expect(itemsShown()).toEqual([PHQ9[0]])
    expect(screen.getAllByRole('radio').map((r) => r.textContent)).toEqual(['○ 完全不会', '○ 好几天', '○ 一半以上的天数', '○ 几乎每天'])
    expect(document.querySelector('.cs-choices--stacked')).toBeTruthy()
    // Nothing to press but an answer: no "next" before one is chosen.
    expect(screen.queryByText('下一题')).toBeNull()

    // One tap answers and moves on.
    fireEvent.click(option('一半以上的天数'))
    expect(screen.getByText('第 2 / 9 题')).toBeTruthy()
    expect(itemsShown()).toEqual([PHQ9[1]])

    // Back keeps the answer given; 下一题 moves on without changing it.
    fireEvent.click(button('上一题'))
    expect(itemsShown()).toEqual([PHQ9[0]])
    expect(option('一半以上的天数').getAttribute('aria-checked')).toBe('true')
    fireEvent.click(button('下一题'))
    expect(screen.getByText('第 2 / 9 题')).toBeTruthy()
    // Changing an answer on the way back moves on too.
    fireEvent.click(button('上一题'))
    fireEvent.click(option('好几天'))
    expect(screen.getByText('第 2 / 9 题')).toBeTruthy()
    fireEvent.click(button('上一题'))
    expect(option('好几天').getAttribute('aria-checked')).toBe('true')
  })

  test('item 9 answered 好几天 shows the crisis screen with 12356 at once, whatever the total; nothing is sent', () => {
    const { transport, store } = renderFlow()
    fireEvent.click(button(zh('counselling.screening.startPhq9')))
    for (let n = 1; n <= 8; n++) {
      expect(screen.getByText(`第 ${n} / 9 题`)).toBeTruthy()
      fireEvent.click(option('完全不会'))
    }
    expect(screen.getByText('第 9 / 9 题')).toBeTruthy()
    expect(itemsShown()).toEqual([PHQ9[8]])

    // The answer alone, with no "next", brings the crisis screen.
    fireEvent.click(option('好几天'))
    expect(screen.getByRole('heading', { name: zh('counselling.crisis.title') })).toBeTruthy()
    expect(itemsShown()).toEqual([])
    expect(screen.queryByText('查看结果')).toBeNull()
    const call = screen.getByText('拨打 12356 心理援助热线')
    expect(screen.getByText(zh('counselling.crisis.call110'))).toBeTruthy()
    expect(screen.getByText(zh('counselling.crisis.call120'))).toBeTruthy()
    expect(screen.getByText(zh('counselling.crisis.book'))).toBeTruthy()
    // A total of 1 is "minimal", yet the crisis path shows.
    expect(store.screening.result).toMatchObject({ total: 1, band: 'minimal', crisis: true })

    fireEvent.click(call)
    expect(dial).toHaveBeenCalledWith({ phoneNumber: '12356' })

    // The result afterwards: in words, not a diagnosis, and still pointing to help.
    fireEvent.click(button(zh('counselling.crisis.result')))
    expect(screen.getByText(zh('counselling.result.score', { instrument: zh('counselling.instrument.phq9'), total: 1, max: 27 }))).toBeTruthy()
    expect(screen.getByText(zh('counselling.result.band', { band: zh('counselling.band.minimal') }))).toBeTruthy()
    expect(screen.getByText(zh('counselling.result.notDiagnosis'))).toBeTruthy()
    expect(screen.getByText(zh('counselling.result.crisis'))).toBeTruthy()
    // The result leads with the help: the helpline first, the priority booking the one primary button.
    const result = document.querySelector('.screening-result')!
    expect(result.firstElementChild?.className).toContain('crisis-screen')
    expect([...result.querySelectorAll('.btn-primary')].map((b) => b.textContent)).toEqual([zh('counselling.crisis.book')])
    // Keeping the answers is a separate, unticked consent.
    expect(screen.getByRole('checkbox', { name: zh('counselling.keep.agree') }).getAttribute('aria-checked')).toBe('false')
    expect(transport.calls).toEqual([])
  })

  test('item 9 answered 完全不会 goes to the result, without the crisis screen', () => {
    renderFlow()
    fireEvent.click(button(zh('counselling.screening.startPhq9')))
    for (let n = 1; n <= 8; n++) fireEvent.click(option('几乎每天'))
    // The last answer opens the result by itself: PHQ-9 in 9 taps.
    fireEvent.click(option('完全不会'))
    expect(screen.queryByRole('heading', { name: zh('counselling.crisis.title') })).toBeNull()
    expect(screen.getByText(zh('counselling.result.band', { band: zh('counselling.band.severe') }))).toBeTruthy()
  })
})
