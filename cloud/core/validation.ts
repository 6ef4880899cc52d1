/** Turns schema issues into the API's stable codes, naming the field. */
import * as v from 'valibot'
import { AppError } from './errors'

export function parseInput<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input ?? {})
  if (result.success) return result.output
  throw issueToError(result.issues[0])
}

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
  if (issue.kind === 'schema') {
    return issue.input === undefined ? new AppError('MISSING_FIELD', name, { field: name }) : new AppError('WRONG_TYPE', name, { field: name })
  }
  return new AppError('INVALID_VALUE', name, { field: name })
}
