/** Every language has every key, and no message is left empty. */
import { catalogues } from '../../src/i18n'
import { ERROR_MESSAGES } from '../../types/errors'
import { LOCALES, resolveLocale } from '../../types/locale'

describe('catalogues', () => {
  const source = Object.keys(catalogues['zh-CN']).sort()

  test.each(LOCALES)('%s has exactly the keys of zh-CN, none empty', (locale) => {
    expect(Object.keys(catalogues[locale]).sort()).toEqual(source)
    for (const [key, text] of Object.entries(catalogues[locale])) expect([key, text.trim().length > 0]).toEqual([key, true])
  })

  test.each(LOCALES)('%s has a message for every error code', (locale) => {
    expect(Object.keys(ERROR_MESSAGES[locale]).sort()).toEqual(Object.keys(ERROR_MESSAGES['zh-CN']).sort())
  })

  test('system languages map to the nearest supported one', () => {
    expect(resolveLocale('zh_CN')).toBe('zh-CN')
    expect(resolveLocale('zh-HK')).toBe('zh-HK')
    expect(resolveLocale('zh_TW')).toBe('zh-HK')
    expect(resolveLocale('en-GB,en;q=0.9')).toBe('en')
    expect(resolveLocale('fr')).toBe('zh-CN')
    expect(resolveLocale(undefined)).toBe('zh-CN')
  })
})
