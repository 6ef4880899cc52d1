/**
 * H5 (issue 16): the first load carries the main package's texts in Simplified Chinese only; Traditional Chinese and
 * English arrive as chunks of their own when chosen (src/i18n/languages.h5.ts, which the H5 build resolves in place
 * of languages.ts). Until they are here the screen shows Simplified Chinese, then it follows without a reload.
 */
import type * as Mobx from 'mobx'
import type * as I18n from '../../src/i18n'
import type * as Ui from '../../src/stores/ui'
import zhHK from '../../src/i18n/zh-HK'
import en from '../../src/i18n/en'
import zhCN from '../../src/i18n/zh-CN'
import { memoryStorage } from '../../src/stores/storage'

// The unit project's setup file has loaded src/i18n already, with languages.ts: a fresh copy here, with the H5 file.
let autorun: typeof Mobx.autorun
let catalogues: typeof I18n.catalogues
let prepareLanguage: typeof I18n.prepareLanguage
let UiStore: typeof Ui.UiStore
const taroEnv = process.env.TARO_ENV
afterAll(() => {
  process.env.TARO_ENV = taroEnv
})
beforeAll(() => {
  process.env.TARO_ENV = 'h5'
  jest.isolateModules(() => {
    jest.doMock('../../src/i18n/languages', () => jest.requireActual('../../src/i18n/languages.h5'))
    ;({ autorun } = jest.requireActual<typeof Mobx>('mobx'))
    ;({ catalogues, prepareLanguage } = jest.requireActual<typeof I18n>('../../src/i18n'))
    ;({ UiStore } = jest.requireActual<typeof Ui>('../../src/stores/ui'))
  })
})

describe('main texts in the other languages on H5', () => {
  test('are not in the first catalogues, arrive when the language is chosen, and what is shown follows', async () => {
    expect(catalogues.en['me.language']).toBeUndefined()
    const ui = new UiStore(memoryStorage(), 'zh-CN')
    const shown: string[] = []
    const stop = autorun(() => shown.push(ui.t('me.language')))
    ui.setLocale('en')
    // Meanwhile Simplified Chinese, never a raw key.
    expect(ui.locale).toBe('en')
    expect(shown.at(-1)).toBe(zhCN['me.language'])
    await prepareLanguage('en')
    expect(shown.at(-1)).toBe('Language')
    expect(catalogues.en).toMatchObject(en)
    stop()
  })

  test('a language chosen before is fetched as the app starts', async () => {
    const ui = new UiStore(memoryStorage({ 'minan.locale': 'zh-HK' }), 'zh-CN')
    await prepareLanguage('zh-HK')
    expect(ui.t('me.language')).toBe(zhHK['me.language'])
    expect(prepareLanguage('zh-HK')).toBeNull()
  })
})
