/** What a request id is bound to: one digest per (function, action, input), however the input's keys were ordered. */
import { requestDigest } from '../../cloud/core/idempotency'
import { canonicalJson } from '../../types/canonical'
import { fingerprint } from '../../src/api/submission'

describe('request digest', () => {
  test('canonical JSON sorts keys at every depth and leaves out undefined members, as JSON does', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: undefined }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"f":2}]},"b":1}')
    expect(canonicalJson([undefined, '字'])).toBe('[null,"字"]')
  })

  test('the same input in another key order is the same request; another value, action or function is not', () => {
    const base = requestDigest('petition', 'accept', { id: 'c1', note: '已联系' })
    expect(requestDigest('petition', 'accept', { note: '已联系', id: 'c1' })).toBe(base)
    expect(requestDigest('petition', 'accept', { id: 'c2', note: '已联系' })).not.toBe(base)
    expect(requestDigest('petition', 'close', { id: 'c1', note: '已联系' })).not.toBe(base)
    expect(requestDigest('legal', 'accept', { id: 'c1', note: '已联系' })).not.toBe(base)
  })

  test("the device's fingerprint tells the same submission from another in the same way", () => {
    expect(fingerprint('reply', { id: 't1', text: '好' })).toBe(fingerprint('reply', { text: '好', id: 't1' }))
    expect(fingerprint('reply', { id: 't1', text: '好' })).not.toBe(fingerprint('reply', { id: 't2', text: '好' }))
  })
})
