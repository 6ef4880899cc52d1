/** What may be filed as a case: the rules every filing passes, in the order the form asks, and the settled matter. */
import { FINAL_MATTER, filingRefusal, isSettledMatter, type FilingFacts } from '../../cloud/domain/petition/filing'

const fine: FilingFacts = {
  kind: 'complaint',
  regionLevel: 'village',
  photos: 0,
  ownPhotos: 0,
  contentAccepted: true,
  title: '路灯不亮',
  finalTitles: []
}

describe('filingRefusal', () => {
  test('a complete filing in a village, with the person’s own photos and acceptable text, may be filed', () => {
    expect(filingRefusal(fine)).toBeNull()
    expect(filingRefusal({ ...fine, photos: 2, ownPhotos: 2 })).toBeNull()
    expect(filingRefusal({ ...fine, kind: 'dispute', disputeType: 'neighbours', otherPartyName: '王五' })).toBeNull()
  })

  test('a dispute needs its type first, then the other party', () => {
    expect(filingRefusal({ ...fine, kind: 'dispute' })).toEqual({ code: 'DISPUTE_NEEDS_PARTY', field: 'disputeType' })
    expect(filingRefusal({ ...fine, kind: 'dispute', otherPartyName: '王五' })).toEqual({ code: 'DISPUTE_NEEDS_PARTY', field: 'disputeType' })
    expect(filingRefusal({ ...fine, kind: 'dispute', disputeType: 'family' })).toEqual({ code: 'DISPUTE_NEEDS_PARTY', field: 'otherPartyName' })
    expect(filingRefusal({ ...fine, kind: 'dispute', disputeType: 'family', otherPartyName: '' })).toEqual({ code: 'DISPUTE_NEEDS_PARTY', field: 'otherPartyName' })
  })

  test('other kinds need no other party', () => {
    for (const kind of ['complaint', 'request', 'suggestion', 'enquiry'] as const) expect(filingRefusal({ ...fine, kind })).toBeNull()
  })

  test('a case is filed in a village: a township, a county or an unknown code is refused', () => {
    for (const regionLevel of ['province', 'city', 'county', 'township', null] as const) {
      expect(filingRefusal({ ...fine, regionLevel })).toEqual({ code: 'REGION_NOT_FOUND', field: 'regionCode' })
    }
  })

  test('every photo must be the person’s own upload', () => {
    expect(filingRefusal({ ...fine, photos: 2, ownPhotos: 1 })).toEqual({ code: 'FILE_NOT_FOUND', field: 'photos' })
    expect(filingRefusal({ ...fine, photos: 1, ownPhotos: 0 })).toEqual({ code: 'FILE_NOT_FOUND', field: 'photos' })
  })

  test('text the content check refuses is refused on the description', () => {
    expect(filingRefusal({ ...fine, contentAccepted: false })).toEqual({ code: 'CONTENT_REJECTED', field: 'description' })
  })

  test('text the content check refuses is refused on the field it names', () => {
    expect(filingRefusal({ ...fine, contentAccepted: false, contentField: 'address' })).toEqual({ code: 'CONTENT_REJECTED', field: 'address' })
  })

  test('a matter already settled for good (its 复核 closed) is not taken again under the same title', () => {
    expect(filingRefusal({ ...fine, finalTitles: ['宅基地纠纷', '路灯不亮'] })).toEqual({ code: 'MATTER_FINAL', field: 'title' })
    expect(filingRefusal({ ...fine, finalTitles: ['宅基地纠纷'] })).toBeNull()
  })

  test('the first broken rule is the one reported, in the order the form asks', () => {
    const everything: FilingFacts = { ...fine, kind: 'dispute', regionLevel: null, photos: 1, ownPhotos: 0, contentAccepted: false, finalTitles: [fine.title] }
    expect(filingRefusal(everything)?.code).toBe('DISPUTE_NEEDS_PARTY')
    const placed = { ...everything, kind: 'complaint' as const }
    expect(filingRefusal(placed)?.code).toBe('REGION_NOT_FOUND')
    expect(filingRefusal({ ...placed, regionLevel: 'village' })?.code).toBe('FILE_NOT_FOUND')
    expect(filingRefusal({ ...placed, regionLevel: 'village', ownPhotos: 1 })?.code).toBe('CONTENT_REJECTED')
    expect(filingRefusal({ ...placed, regionLevel: 'village', ownPhotos: 1, contentAccepted: true })?.code).toBe('MATTER_FINAL')
  })
})

describe('the settled matter', () => {
  test('is a closed 复核', () => {
    expect(FINAL_MATTER).toEqual({ stage: 'rereview', status: 'closed' })
  })

  test('is the same title exactly, as typed (NFC)', () => {
    expect(isSettledMatter('宅基地纠纷', ['宅基地纠纷'])).toBe(true)
    expect(isSettledMatter('宅基地纠纷处理', ['宅基地纠纷'])).toBe(false)
    expect(isSettledMatter('Café', ['Café'.normalize('NFC')])).toBe(true)
    expect(isSettledMatter('宅基地纠纷', [])).toBe(false)
  })
})
