/** The raw-key pattern of the e2e check: it finds every catalogue key, and no text any catalogue actually shows. */
import { LOCALES } from '../../types/locale'
import { ERROR_MESSAGES } from '../../types/errors'
import { allCatalogueKeys, rawKeyPattern } from '../support/raw-keys'
import fs from 'node:fs'
import path from 'node:path'

const keys = allCatalogueKeys()
const pattern = rawKeyPattern(keys)

/** Every text of every catalogue (core, main-package and subpackage modules), in every language. */
function allTexts(): string[] {
  const dir = path.resolve('src/i18n')
  const texts: string[] = []
  for (const file of fs.readdirSync(dir)) {
    const source = fs.readFileSync(path.join(dir, file), 'utf8')
    if (!source.includes('defineMessages(') && !/^(zh-CN|zh-HK|en)\.ts$/.test(file)) continue
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(dir, file)).default as Record<string, unknown>
    const tables = 'zh-CN' in mod ? LOCALES.map((l) => mod[l] as Record<string, string>) : [mod as Record<string, string>]
    for (const table of tables) texts.push(...Object.values(table))
  }
  for (const locale of LOCALES) texts.push(...Object.values(ERROR_MESSAGES[locale]))
  return texts
}

test('every catalogue key, module ones included, is caught when shown raw', () => {
  expect(keys.size).toBeGreaterThan(500)
  for (const prefix of ['account', 'petition', 'counselling', 'legal', 'me', 'lang']) expect([...keys].some((k) => k.startsWith(`${prefix}.`))).toBe(true)
  const missed = [...keys].filter((k) => (` ${k} `.match(pattern) ?? [])[0] !== k)
  expect(missed).toEqual([])
})

test('no text of any catalogue, in any language, looks like a raw key', () => {
  const texts = allTexts()
  expect(texts.length).toBeGreaterThan(1500)
  const flagged = texts.filter((t) => (t.match(pattern) ?? []).length > 0)
  expect(flagged).toEqual([])
})
