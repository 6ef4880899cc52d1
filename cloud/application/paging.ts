/**
 * Paging: one cursor codec for every list. A cursor is the sort key of the last row a page showed — an instant and
 * an id, and sometimes a kind — as an opaque token the client hands back unchanged. A token that is not one of ours,
 * or not of this list's shape, is refused as an invalid `cursor`, never read into a query.
 */
import { fail } from '../core/errors'

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/
const PART = /^[A-Za-z0-9_.:-]{1,64}$/

/** The key of a row: an ISO instant (UTC), then short plain parts (ids, kinds). */
export type CursorKey = [at: string, ...parts: string[]]

export const encodeCursor = (key: CursorKey): string => Buffer.from(JSON.stringify(key)).toString('base64url')

/**
 * The key a cursor carries, with exactly `parts` parts after the instant; `undefined` for the first page. Anything
 * else fails with INVALID_VALUE on `field`.
 */
export function decodeCursor(cursor: string | undefined | null, parts: number, field = 'cursor'): CursorKey | null {
  if (cursor === undefined || cursor === null || cursor === '') return null
  let key: unknown
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    key = null
  }
  if (
    Array.isArray(key) &&
    key.length === parts + 1 &&
    typeof key[0] === 'string' &&
    INSTANT.test(key[0]) &&
    key.slice(1).every((p) => typeof p === 'string' && PART.test(p))
  ) {
    return key as CursorKey
  }
  return fail('INVALID_VALUE', field, { field })
}
