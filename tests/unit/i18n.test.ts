/** Every language has every key, and no message is left empty. */
import fs from 'node:fs'
import path from 'node:path'
import { catalogues } from '../../src/i18n'
import { ERROR_MESSAGES } from '../../types/errors'
import { LOCALES, resolveLocale } from '../../types/locale'

describe('catalogues', () => {
  const source = Object.keys(catalogues['zh-CN']).sort()

  test.each(LOCALES)('%s has exactly the keys of zh-CN, none empty', (locale) => {
    expect(Object.keys(catalogues[locale]).sort()).toEqual(source)
    for (const [key, text] of Object.entries(catalogues[locale])) expect([key, text.trim().length > 0]).toEqual([key, true])
  })

  // Subpackage catalogues load lazily (registerMessages), so each module file is checked on its own too.
  const dir = path.resolve('src/i18n')
  const modules = fs.readdirSync(dir).filter((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes('defineMessages('))
  test.each(modules)('the module catalogue %s has the same keys in every language, none empty', async (file) => {
    const mod = (await import(path.join(dir, file))).default as Record<string, Record<string, string>>
    const keys = Object.keys(mod['zh-CN']).sort()
    expect(keys.length).toBeGreaterThan(0)
    for (const locale of LOCALES) {
      expect([locale, Object.keys(mod[locale]).sort()]).toEqual([locale, keys])
      for (const [key, text] of Object.entries(mod[locale])) expect([locale, key, text.trim().length > 0]).toEqual([locale, key, true])
    }
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
