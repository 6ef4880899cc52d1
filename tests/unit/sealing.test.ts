/** FieldCipher v2: each value bound to its table, column and row; v1 values still open; rows sealed and opened whole. */
import crypto from 'node:crypto'
import { FieldCipher, parseKeyRing } from '../../cloud/core/crypto'
import { openRow, pointOf, pointText, sealPatch, sealRow, siteOf } from '../../cloud/db/sealed'

const key = () => crypto.randomBytes(32).toString('base64')
const hashKey = key()
const k1 = `k1:${key()}`
const cipher = new FieldCipher(parseKeyRing(k1, hashKey))
const site = { table: 'cases', column: 'title', id: 'case-1' }

/** A value as the app sealed it before v2: no additional data. */
function sealV1(plain: string, ring = k1): string {
  const [id, b64] = ring.split(':')
  const iv = crypto.randomBytes(12)
  const c = crypto.createCipheriv('aes-256-gcm', Buffer.from(b64, 'base64'), iv)
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
  return ['v1', id, iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
}

describe('FieldCipher', () => {
  test('a v2 value opens at its own site only: another row, column or table throws', () => {
    const sealed = cipher.seal('邻居侵占宅基地', site)
    expect(sealed.startsWith('v2.k1.')).toBe(true)
    expect(sealed).not.toContain('邻居')
    expect(cipher.open(sealed, site)).toBe('邻居侵占宅基地')
    expect(() => cipher.open(sealed, { ...site, id: 'case-2' })).toThrow(/another place/)
    expect(() => cipher.open(sealed, { ...site, column: 'description' })).toThrow(/another place/)
    expect(() => cipher.open(sealed, { ...site, table: 'messages' })).toThrow(/another place/)
    // Ids that would run together if the parts were simply concatenated stay apart.
    expect(() => cipher.open(cipher.seal('x', { table: 'cases', column: 'title', id: 'ab' }), { table: 'cases', column: 'titlea', id: 'b' })).toThrow()
  })

  test('a tampered, truncated or unknown value throws, never answers other text', () => {
    const sealed = cipher.seal('text', site)
    const [v, id, iv, tag, body] = sealed.split('.')
    expect(() => cipher.open([v, id, iv, tag.slice(0, 8), body].join('.'), site)).toThrow()
    expect(() => cipher.open([v, id, iv, tag, Buffer.from('other').toString('base64url')].join('.'), site)).toThrow()
    expect(() => cipher.open('plain text', site)).toThrow(/not a sealed value/)
    expect(() => cipher.open(sealed.replace('v2.k1.', 'v2.k7.'), site)).toThrow(/k7/)
  })

  test('v1 values (before binding) still open anywhere; they are not current, so a reseal rewrites them', () => {
    const old = sealV1('陈秀英')
    expect(cipher.open(old, site)).toBe('陈秀英')
    expect(cipher.isCurrent(old)).toBe(false)
    expect(cipher.isCurrent(cipher.seal('陈秀英', site))).toBe(true)
  })

  test('rotation: a new key first seals; the old key still opens; values under it are not current', () => {
    const rotated = new FieldCipher(parseKeyRing(`k2:${key()},${k1}`, hashKey))
    const old = cipher.seal('旧钥匙', site)
    expect(rotated.open(old, site)).toBe('旧钥匙')
    expect(rotated.isCurrent(old)).toBe(false)
    const fresh = rotated.seal('新钥匙', site)
    expect(fresh.startsWith('v2.k2.')).toBe(true)
    expect(() => cipher.open(fresh, site)).toThrow(/k2/)
  })
})

describe('sealed rows', () => {
  test('sealRow seals only the personal columns, bound to the row; openRow gives the row back', () => {
    const row = { id: 'c1', title: '标题', description: '描述', address: null, point: pointText({ lat: 23.1, lng: 114.4 }), status: 'submitted', region_code: '441302001200' }
    const sealed = sealRow(cipher, 'cases', row)
    expect(sealed).toMatchObject({ id: 'c1', address: null, status: 'submitted', region_code: '441302001200' })
    for (const column of ['title', 'description', 'point'] as const) expect(sealed[column]!.startsWith('v2.')).toBe(true)
    expect(openRow(cipher, 'cases', sealed)).toEqual(row)
    expect(pointOf(openRow(cipher, 'cases', sealed).point)).toEqual({ lat: 23.1, lng: 114.4 })
    // Copied to another id, the values no longer open.
    expect(() => openRow(cipher, 'cases', { ...sealed, id: 'c2' })).toThrow()
  })

  test('a composite key binds to every part of it: an event moved to another seq does not open', () => {
    const event = sealRow(cipher, 'case_events', { case_id: 'c1', seq: 2, public_data: '{"text":"补充"}', staff_data: '{}' })
    expect(siteOf('case_events', 'public_data', event)).toEqual({ table: 'case_events', column: 'public_data', id: 'c1/2' })
    expect(openRow(cipher, 'case_events', event).public_data).toBe('{"text":"补充"}')
    expect(() => openRow(cipher, 'case_events', { ...event, seq: 3 })).toThrow()
  })

  test('sealPatch seals a patch for the row it is applied to, without adding the key', () => {
    const patch = sealPatch(cipher, 'cases', 'c9', { rating_comment: '很满意', status: 'closed' })
    expect(Object.keys(patch).sort()).toEqual(['rating_comment', 'status'])
    expect(cipher.open(patch.rating_comment, { table: 'cases', column: 'rating_comment', id: 'c9' })).toBe('很满意')
  })
})
