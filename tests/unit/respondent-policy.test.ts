/** The other party of a dispute in the case policy: a party of that case only, never audited as a staff read. */
import { canView, isRespondent, readBasis, sideIn, type Actor, type CaseAccessFacts } from '../../cloud/domain/petition/policy'
import { allowedMoves, type CaseState } from '../../cloud/domain/petition/machine'

const theCase: CaseAccessFacts = { ownerId: 'u-app', filedById: 'u-app', regionCode: '441302001200', handlingRegion: '441302001', assigneeId: 'u-med', respondentId: 'u-resp' }
const actor = (userId: string, ...grants: Actor['grants']): Actor => ({ userId, grants })
const resident = (userId: string) => actor(userId, { role: 'resident', regionCode: null })

test('the respondent may view the case they joined, and no other', () => {
  expect(canView(resident('u-resp'), theCase)).toBe(true)
  expect(isRespondent(resident('u-resp'), theCase)).toBe(true)
  expect(canView(resident('u-resp'), { ...theCase, respondentId: 'u-other' })).toBe(false)
  expect(canView(resident('u-resp'), { ...theCase, respondentId: null })).toBe(false)
  // A case from before 0021 has no respondent at all.
  const { respondentId: _r, ...older } = theCase
  expect(canView(resident('u-resp'), older)).toBe(false)
})

test('sides: the owner is the applicant, the joined person the respondent, anyone else none', () => {
  expect(sideIn(resident('u-app'), theCase)).toBe('applicant')
  expect(sideIn(resident('u-resp'), theCase)).toBe('respondent')
  expect(sideIn(actor('u-med', { role: 'mediator', regionCode: '441302001' }), theCase)).toBeNull()
  expect(sideIn(resident('u-x'), theCase)).toBeNull()
})

test("a respondent's read is a party's read: no audit basis", () => {
  expect(readBasis(resident('u-resp'), theCase)).toBeNull()
})

test('the respondent makes none of the case moves of the applicant or of staff', () => {
  const state: CaseState = { ...theCase, status: 'assigned', stage: 'original', filedAt: new Date(), routedAt: new Date(), acceptedAt: new Date(), closedAt: null, extendedDays: 0, outcome: null, rating: null, riskLevel: 0, hasReviewChild: false }
  expect(allowedMoves(state, resident('u-resp'))).toEqual([])
  expect(allowedMoves({ ...state, status: 'submitted' }, resident('u-resp'))).toEqual([])
  expect(allowedMoves({ ...state, status: 'closed' }, resident('u-resp'))).toEqual([])
})
