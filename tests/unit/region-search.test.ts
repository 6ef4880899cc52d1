/** How typed queries are read and which pinyin keys a name gets (cloud/domain/region-search). */
import { countyPrefix, parseRegionQuery } from '../../cloud/domain/region-search'
import { searchKeys } from '../../cloud/domain/region-pinyin'

describe('region search keys and queries', () => {
  it('gives a name its full pinyin and initials, without tones, ü as v', () => {
    expect(searchKeys('东平村')).toEqual({ pinyin: 'dongpingcun', initials: 'dpc' })
    expect(searchKeys('绿村')).toEqual({ pinyin: 'lvcun', initials: 'lc' })
    // Digits and Latin letters are left out of the keys; the name column still matches them.
    expect(searchKeys('第3村')).toEqual({ pinyin: 'dicun', initials: 'dc' })
  })

  it('reads Latin letters as pinyin, anything else as characters', () => {
    expect(parseRegionQuery(' Dong Ping ')).toEqual({ kind: 'latin', term: 'dongping', length: 8 })
    expect(parseRegionQuery("xi'an")).toEqual({ kind: 'latin', term: 'xian', length: 4 })
    expect(parseRegionQuery('东平')).toEqual({ kind: 'text', term: '东平', length: 2 })
    // A rare character outside the BMP counts as one, as both databases count it.
    expect(parseRegionQuery('𬭎村')).toEqual({ kind: 'text', term: '𬭎村', length: 2 })
    expect(parseRegionQuery('3村').kind).toBe('text')
  })

  it("takes the county from a person's home region, when it is at county level or below", () => {
    expect(countyPrefix('441302001200')).toBe('441302')
    expect(countyPrefix('4413')).toBeNull()
    expect(countyPrefix(null)).toBeNull()
  })
})
