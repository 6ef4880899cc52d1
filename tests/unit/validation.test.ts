/**
 * The validation edge: what checking an input costs is bounded by the schema's limits, not by the input, and every
 * string is stored as it is acknowledged (well-formed, NFC).
 */
import { inputSchemas } from '../../types/api'
import { normaliseStrings, parseInput } from '../../cloud/core/validation'
import { AppError } from '../../cloud/core/errors'
import { DEFAULT_MAX_BODY } from '../../cloud/core/context'
import { filing } from '../support/fixtures'
import fc from 'fast-check'
import { graphemesAtMost } from '../../types/text'

/** The longest piece of text the segmenter is ever given (types/text.ts). */
const PIECE = 256
const MEGABYTE = 'x'.repeat(1024 * 1024)

/** Records the length of every string valibot's maxGraphemes hands to Intl.Segmenter. */
let segmented: number[] = []
const original = Intl.Segmenter.prototype.segment
beforeAll(() => {
  Intl.Segmenter.prototype.segment = function (this: Intl.Segmenter, input: string) {
    segmented.push(input.length)
    return original.call(this, input)
  }
})
afterAll(() => {
  Intl.Segmenter.prototype.segment = original
})
beforeEach(() => {
  segmented = []
})

function refusal(run: () => unknown): AppError {
  try {
    run()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('accepted')
}

describe('a megabyte of text', () => {
  test('in a field counted by characters is refused with that field’s length error, without segmenting it', () => {
    const e = refusal(() => parseInput(inputSchemas.petition.file, filing({ description: MEGABYTE })))
    expect(e).toMatchObject({ code: 'INVALID_VALUE', field: 'description' })
    expect(Math.max(0, ...segmented)).toBeLessThanOrEqual(PIECE)
  })

  test('in any field of any action never reaches grapheme segmentation', () => {
    let checked = 0
    for (const [fn, actions] of Object.entries(inputSchemas)) {
      for (const [action, schema] of Object.entries(actions)) {
        const entries = (schema as { entries?: Record<string, unknown> }).entries ?? {}
        for (const field of Object.keys(entries)) {
          const e = refusal(() => parseInput(schema as never, { [field]: MEGABYTE }))
          expect([fn, action, field, e.code]).not.toContain('INTERNAL')
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(100)
    expect(Math.max(0, ...segmented)).toBeLessThanOrEqual(PIECE)
  })

  test('a text at its limit in characters still passes, emoji included', () => {
    expect(parseInput(inputSchemas.petition.file, filing({ description: '灯'.repeat(4000) })).description).toHaveLength(4000)
    expect(parseInput(inputSchemas.petition.file, filing({ title: '😀'.repeat(50) })).title).toBe('😀'.repeat(50))
    expect(refusal(() => parseInput(inputSchemas.petition.file, filing({ title: '😀'.repeat(51) })))).toMatchObject({ code: 'INVALID_VALUE', field: 'title' })
  })

  test('validation stops at the first failure', () => {
    const e = refusal(() => parseInput(inputSchemas.petition.file, filing({ title: MEGABYTE, description: MEGABYTE, address: MEGABYTE })))
    expect(e).toMatchObject({ code: 'INVALID_VALUE', field: 'title' })
    expect(segmented).toEqual([])
  })
})

describe('what is stored is what was acknowledged', () => {
  test('a lone surrogate becomes U+FFFD and text is NFC, in every string of an input', () => {
    const out = parseInput(inputSchemas.petition.file, filing({ title: 'Cafe\u0301 \ud800路灯', description: '\udc00e\u0301', address: '东平村\ud83d' }))
    expect(out.title).toBe('Café \ufffd路灯')
    expect(out.description).toBe('\ufffdé')
    expect(out.address).toBe('东平村\ufffd')
    // A pair stays a pair.
    expect(parseInput(inputSchemas.petition.file, filing({ title: '𠀀😀' })).title).toBe('𠀀😀')
  })

  test('arrays and nested objects are normalised too; a __proto__ key stays a key for the schema to refuse', () => {
    expect(normaliseStrings({ a: ['e\u0301', { b: '\ud800' }], n: 1, t: true, z: null })).toEqual({ a: ['é', { b: '\ufffd' }], n: 1, t: true, z: null })
    const polluted = normaliseStrings(JSON.parse('{"code":"44","__proto__":{"admin":true}}')) as Record<string, unknown>
    expect(Object.keys(polluted)).toEqual(['code', '__proto__'])
    expect(({} as Record<string, unknown>).admin).toBeUndefined()
    expect(refusal(() => parseInput(inputSchemas.regions.get, JSON.parse('{"code":"44","__proto__":{"admin":true}}')))).toMatchObject({ code: 'UNKNOWN_FIELD' })
  })
})

describe('counting characters without segmenting all of a text', () => {
  const segments = (s: string) => [...new Intl.Segmenter().segment(s)].length

  test('agrees with Intl.Segmenter on any text up to 256 units', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 120 }),
      fc.string({ unit: 'grapheme-composite', maxLength: 60 }),
      fc.array(fc.constantFrom('a', ' ', '灯', '。', 'e\u0301', '👨‍👩‍👧', '🇨🇳', '\u200d', '\u0600', '\u0301', '한', '\u1100\u1161', 'ำ', '\r\n', '\n', '😀'), { maxLength: 60 }).map((p) => p.join(''))
    ).filter((s) => s.length <= 256)
    fc.assert(
      fc.property(text, fc.integer({ min: -2, max: 2 }), (s, delta) => {
        const max = Math.max(0, segments(s) + delta)
        expect(graphemesAtMost(s, max)).toBe(segments(s) <= max)
      }),
      { numRuns: 2000, seed: 12 }
    )
  })

  test('long texts: exact where sure boundaries cut them, and only given to the segmenter in pieces', () => {
    const long = ('东平村村口的路灯坏了。e\u0301👨‍👩‍👧 ').repeat(400)
    const n = segments(long)
    segmented = []
    expect(graphemesAtMost(long, n)).toBe(true)
    expect(graphemesAtMost(long, n - 1)).toBe(false)
    expect(Math.max(0, ...segmented)).toBeLessThanOrEqual(PIECE)
  })
})

describe('each action’s body limit fits the largest input its schema accepts', () => {
  interface Node {
    type: string
    pipe?: Node[]
    requirement?: unknown
    entries?: Record<string, Node>
    wrapped?: Node
    options?: unknown[]
    literal?: unknown
    item?: Node
  }
  /** Bytes of the largest JSON a schema accepts: 3 UTF-8 bytes a UTF-16 unit; a regex-bounded string at most 128. */
  function worst(node: Node): number {
    const pipe = node.pipe ?? []
    const max = pipe.find((p) => p.type === 'max_length')?.requirement as number | undefined
    switch (node.type) {
      case 'optional':
        return worst(node.wrapped!)
      case 'strict_object':
        return 2 + Object.entries(node.entries!).reduce((sum, [key, value]) => sum + key.length + 4 + worst(value), 0)
      case 'string':
        if (max !== undefined) return 3 * max + 2
        return pipe.some((p) => ['regex', 'iso_date', 'iso_timestamp'].includes(p.type)) ? 128 : Infinity
      case 'array':
        return max === undefined ? Infinity : 2 + max * (worst(node.item!) + 1)
      case 'picklist':
        return 2 + Math.max(...node.options!.map((o) => String(o).length))
      case 'literal':
        return 2 + String(node.literal).length
      case 'number':
        return 24
      case 'boolean':
        return 5
      default:
        return Infinity
    }
  }

  test.each(Object.entries(registryLimits()))('%s', (_name, { schema, maxBody }) => {
    // The call's own keys: action, requestId (≤ 64), locale.
    expect(worst(schema as unknown as Node) + 160).toBeLessThanOrEqual(maxBody)
  })
})

function registryLimits(): Record<string, { schema: unknown; maxBody: number }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { registry } = require('../../cloud/handlers') as typeof import('../../cloud/handlers')
  const out: Record<string, { schema: unknown; maxBody: number }> = {}
  for (const [fn, actions] of Object.entries(registry)) {
    for (const [action, def] of Object.entries(actions as Record<string, { input: unknown; maxBody?: number }>)) out[`${fn}.${action}`] = { schema: def.input, maxBody: def.maxBody ?? DEFAULT_MAX_BODY }
  }
  return out
}
