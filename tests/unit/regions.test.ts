import { ancestorCodes, isWithin, levelOf, parentOf } from '../../cloud/domain/regions'

describe('region codes', () => {
  test('the level follows the code length', () => {
    expect(['44', '4413', '441302', '441302001', '441302001200'].map(levelOf)).toEqual(['province', 'city', 'county', 'township', 'village'])
    expect(levelOf('44130')).toBeNull()
    expect(levelOf('44a3')).toBeNull()
  })

  test('ancestors are the prefixes at each level, nearest first', () => {
    expect(ancestorCodes('441302001200')).toEqual(['441302001', '441302', '4413', '44'])
    expect(ancestorCodes('44')).toEqual([])
  })

  test('the parent is the nearest ancestor that exists (东莞 townships hang under 441900)', () => {
    const existing = new Set(['44', '4419', '441900'])
    expect(parentOf('441900003', (c) => existing.has(c))).toBe('441900')
    expect(parentOf('4419', (c) => existing.has(c))).toBe('44')
    expect(parentOf('44', (c) => existing.has(c))).toBeNull()
  })

  test('a jurisdiction covers itself and everything below it, nothing beside it', () => {
    expect(isWithin('441302001200', '441302001')).toBe(true)
    expect(isWithin('441302001', '441302001')).toBe(true)
    expect(isWithin('441302002001', '441302001')).toBe(false)
    expect(isWithin('4413', '441302')).toBe(false)
    expect(isWithin('441302', '')).toBe(false)
  })
})
