/**
 * Languages: the app follows the system language at first start (WeChat reports zh_CN / zh_HK / zh_TW / en, a
 * browser zh-CN / zh-Hant-TW / en-GB …), a choice made under 我的 wins from then on, and dates are written in each
 * language with its dayjs locale.
 */
import { UiStore } from '../../src/stores/ui'
import { memoryStorage } from '../../src/stores/storage'
import { formatInstant, formatMonth } from '../../src/i18n/dates'
import { translate } from '../../src/i18n'

describe('the language at first start follows the system', () => {
  test.each([
    ['zh_CN', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh_HK', 'zh-HK'],
    ['zh-MO', 'zh-HK'],
    ['zh_TW', 'zh-HK'],
    ['zh-Hant', 'zh-HK'],
    ['zh-Hant-TW', 'zh-HK'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['fr-FR', 'zh-CN'],
    [undefined, 'zh-CN']
  ])('%s → %s', (system, expected) => {
    const ui = new UiStore(memoryStorage(), system)
    expect(ui.locale).toBe(expected)
  })

  test('a choice under 我的 is kept on the device and wins over the system language at the next start', () => {
    const storage = memoryStorage()
    const first = new UiStore(storage, 'en-US')
    expect(first.t('me.language')).toBe('Language')
    first.setLocale('zh-HK')
    expect(first.t('me.language')).toBe(translate('zh-HK', 'me.language'))
    expect(new UiStore(storage, 'en-US').locale).toBe('zh-HK')
    // Something unknown in storage is ignored: the system language again.
    expect(new UiStore(memoryStorage({ 'minan.locale': 'fr' }), 'en').locale).toBe('en')
  })
})

describe('dates in every language (dayjs locales), in China time', () => {
  const at = '2026-11-27T16:05:00.000Z' // 28 Nov 00:05 in Shanghai
  test('day, month and weekday names', () => {
    expect(formatInstant(at, 'zh-CN', 'YYYY年M月D日 dddd HH:mm')).toBe('2026年11月28日 星期六 00:05')
    expect(formatInstant(at, 'zh-HK', 'YYYY年M月D日 dddd HH:mm')).toBe('2026年11月28日 星期六 00:05')
    expect(formatInstant(at, 'en', 'dddd D MMMM YYYY HH:mm')).toBe('Saturday 28 November 2026 00:05')
    expect(formatMonth('2026-11', 'zh-CN', 'MMM')).toBe('11月')
    expect(formatMonth('2026-11', 'en', 'MMM YYYY')).toBe('Nov 2026')
  })
})
