/** The grant under which a read of someone else's case is audited: the access policy's own order. */
import { canView, readBasis, type Actor, type CaseAccessFacts } from '../../cloud/domain/petition/policy'
import { caseReadBasis } from '../../cloud/application/audit'

const theCase: CaseAccessFacts = { ownerId: 'u-res', filedById: 'u-grid', regionCode: '441302001200', handlingRegion: '441302001', assigneeId: 'u-med' }
const actor = (userId: string, ...grants: Actor['grants']): Actor => ({ userId, grants })

describe('readBasis', () => {
  test('its owner reads it without a basis (own reads are not audited)', () => {
    expect(readBasis(actor('u-res', { role: 'centre_staff', regionCode: '441302001' }), theCase)).toBeNull()
  })

  test('the handling unit comes before a jurisdiction above it, whatever the order of the grants', () => {
    const staff = actor('u-s', { role: 'centre_staff', regionCode: '4413' }, { role: 'centre_staff', regionCode: '441302001' })
    expect(readBasis(staff, theCase)).toEqual({ role: 'centre_staff', regionCode: '441302001' })
  })

  test('a jurisdiction over the handling unit, then one over the village (a case transferred out of it)', () => {
    expect(readBasis(actor('u-c', { role: 'centre_staff', regionCode: '441302' }), theCase)).toEqual({ role: 'centre_staff', regionCode: '441302' })
    const transferred = { ...theCase, handlingRegion: '441303002' }
    expect(readBasis(actor('u-c', { role: 'centre_staff', regionCode: '441302' }), transferred)).toEqual({ role: 'centre_staff', regionCode: '441302' })
  })

  test('its assigned mediator, an admin, the grid worker who filed it', () => {
    expect(readBasis(actor('u-med', { role: 'mediator', regionCode: '441302001' }), theCase)).toEqual({ role: 'mediator', regionCode: '441302001' })
    expect(readBasis(actor('u-med2', { role: 'mediator', regionCode: '441302001' }), theCase)).toBeNull()
    expect(readBasis(actor('u-adm', { role: 'admin', regionCode: null }), theCase)).toEqual({ role: 'admin', regionCode: null })
    expect(readBasis(actor('u-grid', { role: 'grid_worker', regionCode: '441302001200' }), theCase)).toEqual({ role: 'grid_worker', regionCode: '441302001200' })
    expect(readBasis(actor('u-grid2', { role: 'grid_worker', regionCode: '441302001200' }), theCase)).toBeNull()
  })

  test('staff of another unit and strangers have none, and may not view it either', () => {
    for (const a of [actor('u-x', { role: 'centre_staff', regionCode: '440106001' }), actor('u-y', { role: 'resident', regionCode: null })]) {
      expect(readBasis(a, theCase)).toBeNull()
      expect(canView(a, theCase)).toBe(false)
    }
  })

  test('whoever has a basis may view the case', () => {
    const readers = [actor('u-c', { role: 'centre_staff', regionCode: '441302' }), actor('u-med', { role: 'mediator', regionCode: '441302001' }), actor('u-adm', { role: 'admin', regionCode: null }), actor('u-grid', { role: 'grid_worker', regionCode: '441302001200' })]
    for (const a of readers) expect(canView(a, theCase)).toBe(true)
  })

  test('the audit log records it as role and region', () => {
    expect(caseReadBasis(actor('u-c', { role: 'centre_staff', regionCode: '441302' }), theCase)).toEqual({ role: 'centre_staff', region: '441302' })
    expect(caseReadBasis(actor('u-res'), theCase)).toBeNull()
  })
})
