/**
 * Messages that name a field name it in the user's words and say what to do: never an input's key ("contactPhone",
 * "answers.8"), for any field of any action's schema, in any language; a text over its limit says the limit.
 */
import { inputSchemas } from '../../types/api'
import { ERROR_MESSAGES, errorMessage, type ErrorCode } from '../../types/errors'
import { FIELD_NAMES, fieldName } from '../../types/field-names'
import { LOCALES } from '../../types/locale'
import { parseInput } from '../../cloud/core/validation'
import { failure } from '../../cloud/app'
import { AppError } from '../../cloud/core/errors'
import { filing } from '../support/fixtures'

interface Node {
  type: string
  entries?: Record<string, Node>
  wrapped?: Node
  item?: Node
  options?: Node[]
}

/** Every input path of every action: keys of nested objects included, and an element of every array. */
function inputPaths(): Map<string, string> {
  const paths = new Map<string, string>()
  const walk = (node: Node | undefined, action: string, path: string[]): void => {
    if (!node || typeof node !== 'object') return
    if (node.entries) for (const [key, value] of Object.entries(node.entries)) {
      paths.set([...path, key].join('.'), action)
      walk(value, action, [...path, key])
    }
    if (node.wrapped) walk(node.wrapped, action, path)
    if (node.type === 'array' && node.item) {
      paths.set([...path, '8'].join('.'), action)
      walk(node.item, action, [...path, '8'])
    }
    if (Array.isArray(node.options)) for (const option of node.options) if (option && typeof option === 'object') walk(option, action, path)
  }
  for (const [fn, actions] of Object.entries(inputSchemas)) for (const [action, schema] of Object.entries(actions)) walk(schema as unknown as Node, `${fn}.${action}`, [])
  return paths
}

const paths = inputPaths()
const keys = new Set([...paths.keys()].flatMap((p) => p.split('.')).filter((k) => !/^\d+$/.test(k)))
const NAMING: ErrorCode[] = ['MISSING_FIELD', 'WRONG_TYPE', 'INVALID_VALUE', 'TEXT_TOO_LONG']
const word = (w: string) => new RegExp(`(?<![A-Za-z])${w.replace(/\./g, '\\.')}(?![A-Za-z])`)

test('the walk finds the schemas’ fields, nested and listed ones included', () => {
  expect(keys.size).toBeGreaterThan(70)
  for (const p of ['trackingNo', 'contactPhone', 'answers.8', 'location.lat', 'text']) expect([...paths.keys()]).toContain(p)
})

test('every field of every action has its words in every language', () => {
  for (const locale of LOCALES) {
    const missing = [...keys].filter((k) => !Object.hasOwn(FIELD_NAMES[locale], k))
    expect([locale, missing]).toEqual([locale, []])
  }
})

test('no message naming a field shows an identifier of any schema, in any language', () => {
  const camel = [...keys].filter((k) => /[a-z][A-Z]/.test(k))
  for (const locale of LOCALES) {
    for (const [path, action] of paths) {
      // English names may be the same English word as a key ("Demo account"): there, keys that read as code.
      const codeLike = (k: string) => locale !== 'en' || /[A-Z.\d]/.test(k) || k.length <= 3
      const own = [path, ...path.split('.')].filter((k) => !/^\d+$/.test(k) && codeLike(k))
      for (const code of NAMING) {
        for (const params of [{ field: path }, { field: path, max: '2000' }] as Record<string, string>[]) {
          const message = errorMessage(code, locale, params)
          const shown = [...own, ...camel, ...(locale === 'en' ? [] : [...keys])].filter((k) => word(k).test(message))
          expect([action, code, message, shown]).toEqual([action, code, message, []])
          expect(message).not.toMatch(/[{}]/)
        }
      }
    }
  }
})

describe('in the user’s words, saying what to do', () => {
  test('the answer to a question, a phone number, a tracking number', () => {
    expect(errorMessage('WRONG_TYPE', 'zh-CN', { field: 'answers.8' })).toBe('“第 9 题的回答”填写得不对。每道题请在 4 个答案中选一个。')
    expect(errorMessage('INVALID_VALUE', 'zh-CN', { field: 'contactPhone' })).toBe('“手机号码”填写得不对。请填写 11 位手机号码，例如 13812345678。')
    expect(errorMessage('INVALID_VALUE', 'zh-CN', { field: 'trackingNo' })).toBe('“事项编号”填写得不对。请照回执上的编号填写，例如 4413-20261127-7KQ4XK。')
    expect(errorMessage('INVALID_VALUE', 'zh-HK', { field: 'trackingNo' })).toBe('「事項編號」填寫得不對。請照回條上的編號填寫，例如 4413-20261127-7KQ4XK。')
    expect(errorMessage('MISSING_FIELD', 'en', { field: 'contactPhone' })).toBe('Please fill in "Mobile number".')
    expect(fieldName('location.lat', 'zh-CN')).toBe('地图位置')
  })

  test('a field the catalogue does not know is still not shown by its key', () => {
    expect(errorMessage('INVALID_VALUE', 'zh-CN', { field: 'somethingNew' })).toBe('“填写的内容”填写得不对。请检查后重新填写。')
    expect(errorMessage('INVALID_VALUE', 'zh-CN', { field: '' })).not.toMatch(/[A-Za-z]/)
  })

  test('a text over its limit says the limit, from the schema to the envelope', () => {
    let error: AppError | null = null
    try {
      parseInput(inputSchemas.petition.file, filing({ description: '灯'.repeat(4001) }))
    } catch (e) {
      error = e as AppError
    }
    expect(error).toMatchObject({ code: 'INVALID_VALUE', field: 'description', params: { max: '4000' } })
    expect(failure(error!.code, 'zh-CN', error!.field, error!.params)).toEqual({
      ok: false,
      error: { code: 'INVALID_VALUE', field: 'description', message: '“详细情况”不能超过 4000 个字，请删减一些再提交。' }
    })
    expect(errorMessage('TEXT_TOO_LONG', 'zh-CN', { field: 'text', max: '2000' })).toBe('“您写的内容”不能超过 2000 个字，请删减一些再提交。')
    expect(errorMessage('TEXT_TOO_LONG', 'en', { field: 'text', max: '2000' })).toBe('"What you wrote" may be at most 2000 characters. Please shorten it.')
  })

  test('every language carries every code', () => {
    for (const locale of LOCALES) expect(Object.keys(ERROR_MESSAGES[locale]).sort()).toEqual(Object.keys(ERROR_MESSAGES['zh-CN']).sort())
  })
})
