import { decodeCursor, encodeCursor } from '../../cloud/application/paging'
import { AppError } from '../../cloud/core/errors'

const refused = (f: () => unknown) => {
  try {
    f()
  } catch (e) {
    return e instanceof AppError ? `${e.code}:${e.field}` : 'other'
  }
  return 'accepted'
}

describe('the one cursor codec', () => {
  it('gives back the key it encoded', () => {
    const key: [string, string] = ['2026-12-07T04:31:45.123Z', '01JEXAMPLE_id-1']
    expect(decodeCursor(encodeCursor(key), 1)).toEqual(key)
    expect(decodeCursor(encodeCursor(['2026-12-07T04:31:45Z', 'case', 'abc']), 2)).toEqual(['2026-12-07T04:31:45Z', 'case', 'abc'])
  })

  it('reads no cursor as the first page', () => {
    expect(decodeCursor(undefined, 1)).toBeNull()
    expect(decodeCursor('', 1)).toBeNull()
  })

  it.each([
    ['garbage', 'not base64 json at all'],
    ['another shape', encodeCursor(['2026-12-07T04:31:45Z', 'a', 'b'])],
    ['not an instant', Buffer.from(JSON.stringify(['yesterday', 'a'])).toString('base64url')],
    ['an object', Buffer.from(JSON.stringify({ u: '2026-12-07T04:31:45Z', i: 'a' })).toString('base64url')],
    ['SQL in a part', Buffer.from(JSON.stringify(['2026-12-07T04:31:45Z', "a' or 1=1 --"])).toString('base64url')],
    ['a long part', Buffer.from(JSON.stringify(['2026-12-07T04:31:45Z', 'x'.repeat(65)])).toString('base64url')]
  ])('refuses %s as an invalid cursor', (_what, cursor) => {
    expect(refused(() => decodeCursor(cursor, 1))).toBe('INVALID_VALUE:cursor')
  })
})
