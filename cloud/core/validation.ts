/**
 * The validation edge: every string of every input normalised once (what is stored and echoed is what was
 * acknowledged), then the action's schema, stopping at the first failure; schema issues become the API's stable codes,
 * naming the field (types/errors.ts puts it in the user's words) and, for a text over its limit, the limit.
 */
import * as v from 'valibot'
import { AppError } from './errors'
import { charLimitOf } from '../../types/text'

export function parseInput<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, normaliseStrings(input ?? {}), { abortEarly: true, abortPipeEarly: true })
  if (result.success) return result.output
  throw issueToError(result.issues[0])
}

/**
 * Every string in a value, keys included, as it will be stored: a lone surrogate (which no storage keeps as sent:
 * UTF-8 has no code for it) becomes U+FFFD, and the text is in Unicode NFC, so that 'é' typed as e + ◌́ and as é is the
 * same text, of the same length, everywhere. Linear in the input, which the body limit bounds; deeper than any schema
 * goes, a value is left for the schema to refuse.
 */
export function normaliseStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return wellFormed(value).normalize('NFC')
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value
  if (Array.isArray(value)) return value.map((item) => normaliseStrings(item, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    // defineProperty, not assignment: a key named __proto__ stays a key (and the strict schema refuses it).
    Object.defineProperty(out, wellFormed(key).normalize('NFC'), { value: normaliseStrings(item, depth + 1), enumerable: true, writable: true, configurable: true })
  }
  return out
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
const wellFormed = (s: string): string => s.replace(LONE_SURROGATE, '\uFFFD')

/** No input schema nests deeper than a few levels. */
const MAX_DEPTH = 32

function issueToError(issue: v.BaseIssue<unknown>): AppError {
  const field = v.getDotPath(issue) ?? undefined
  if (issue.type === 'strict_object' && issue.expected === 'never') {
    const key = issue.path?.[issue.path.length - 1]?.key
    const unknown = field ?? (typeof key === 'string' ? key : '')
    return new AppError('UNKNOWN_FIELD', unknown, { field: unknown })
  }
  const name = field ?? ''
  // A string outside a fixed list is a wrong value, not a wrong type.
  const listed = issue.type === 'literal' || issue.type === 'picklist' || issue.type === 'enum'
  if (listed && ['string', 'number', 'boolean'].includes(typeof issue.input)) return new AppError('INVALID_VALUE', name, { field: name })
  // A text over its limit says the limit: "不能超过 2000 个字".
  const max = charLimitOf(issue.message)
  if (max !== null) return new AppError('INVALID_VALUE', name, { field: name, max: String(max) })
  if (issue.kind === 'schema') {
    return issue.input === undefined ? new AppError('MISSING_FIELD', name, { field: name }) : new AppError('WRONG_TYPE', name, { field: name })
  }
  return new AppError('INVALID_VALUE', name, { field: name })
}
