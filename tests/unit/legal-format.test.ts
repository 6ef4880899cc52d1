/** dayText: a Shanghai calendar date shown as that same day in every language. */
import { dayText, type T } from '../../src/legal/format'
import type { Locale } from '../../types/locale'
import { registerMessages, translate } from '../../src/i18n'
import legalTexts from '../../src/i18n/legal'

registerMessages(legalTexts)
const tOf = (locale: Locale): T => (key, params) => translate(locale, key, params)

test('a calendar date reads as that day, with its weekday', () => {
  expect(dayText('2026-12-01', 'zh-CN', tOf('zh-CN'))).toBe('12月1日 星期二')
  expect(dayText('2026-12-31', 'en', tOf('en'))).toBe('Thu 31 Dec')
})
