/** The rules of mediation with both parties (人民调解法 Arts. 17, 23, 26): consent, refusal, ending, sessions, invitations. */
import { answerDue, answerSession, checkAttendance, checkSchedule, decideParty, DEFAULT_PARTY_SETTINGS, joinable, statusFromAnswers, type PartiesCase } from '../../cloud/domain/petition/parties'
import type { Actor } from '../../cloud/domain/petition/policy'

const NOW = new Date('2026-12-01T02:00:00Z')
const H = 3_600_000
const base: PartiesCase = { ownerId: 'u-app', filedById: 'u-app', regionCode: '441302001200', handlingRegion: '441302001', assigneeId: 'u-med', respondentId: 'u-resp', status: 'assigned', kind: 'dispute' }
const resident = (userId: string): Actor => ({ userId, grants: [{ role: 'resident', regionCode: null }] })
const mediator: Actor = { userId: 'u-med', grants: [{ role: 'mediator', regionCode: '441302001' }] }
const pending = { side: 'respondent' as const, consent: 'pending' as const, anotherMediatorAt: null, endRequestedAt: null }

describe('consent (Art. 17)', () => {
  test('the other party accepts or declines, once; the applicant consented by filing', () => {
    expect(decideParty(base, resident('u-resp'), pending, { move: 'accept' }, NOW)).toMatchObject({ ok: true, endsMediation: false, party: { consent: 'accepted' } })
    expect(decideParty(base, resident('u-resp'), { ...pending, consent: 'accepted' }, { move: 'accept' }, NOW)).toEqual({ ok: false, code: 'ILLEGAL_MOVE' })
    expect(decideParty(base, resident('u-app'), null, { move: 'accept' }, NOW)).toEqual({ ok: false, code: 'ILLEGAL_MOVE' })
  })

  test('a refusal ends the mediation (Art. 26 ending); nobody else answers for the party', () => {
    expect(decideParty(base, resident('u-resp'), pending, { move: 'decline', reason: '不愿意' }, NOW)).toMatchObject({ ok: true, endsMediation: true, party: { consent: 'declined' } })
    expect(decideParty(base, resident('u-x'), null, { move: 'decline' }, NOW)).toEqual({ ok: false, code: 'FORBIDDEN' })
    expect(decideParty(base, mediator, null, { move: 'accept' }, NOW)).toEqual({ ok: false, code: 'FORBIDDEN' })
  })

  test('only while the dispute is in mediation (accepted or assigned)', () => {
    for (const status of ['submitted', 'closed', 'declined', 'withdrawn'] as const) {
      expect(decideParty({ ...base, status }, resident('u-resp'), pending, { move: 'accept' }, NOW)).toEqual({ ok: false, code: 'ILLEGAL_MOVE' })
    }
    expect(decideParty({ ...base, kind: 'complaint' }, resident('u-resp'), pending, { move: 'accept' }, NOW)).toEqual({ ok: false, code: 'ILLEGAL_MOVE' })
  })
})

describe('Art. 23: another mediator, ending at any time', () => {
  test('either party may ask to end it, and it ends', () => {
    expect(decideParty(base, resident('u-app'), null, { move: 'endMediation' }, NOW)).toMatchObject({ ok: true, endsMediation: true })
    expect(decideParty(base, resident('u-resp'), { ...pending, consent: 'accepted' }, { move: 'endMediation' }, NOW)).toMatchObject({ ok: true, endsMediation: true })
  })

  test('either party may ask for another mediator; the mediation goes on', () => {
    expect(decideParty(base, resident('u-app'), null, { move: 'anotherMediator', reason: '回避' }, NOW)).toMatchObject({ ok: true, endsMediation: false })
    expect(decideParty(base, resident('u-resp'), pending, { move: 'anotherMediator', reason: '回避' }, NOW)).toMatchObject({ ok: true, endsMediation: false })
  })
})

describe('sessions', () => {
  test('confirmed when both confirmed; another time asked by either puts it back to the mediator', () => {
    expect(statusFromAnswers('pending', 'pending')).toBe('proposed')
    expect(statusFromAnswers('confirmed', 'pending')).toBe('proposed')
    expect(statusFromAnswers('confirmed', 'confirmed')).toBe('confirmed')
    expect(statusFromAnswers('confirmed', 'another_time')).toBe('rescheduling')
    expect(statusFromAnswers('another_time', 'confirmed')).toBe('rescheduling')
  })

  test('answers before it starts, while it is open', () => {
    const sess = { status: 'proposed' as const, startsAt: new Date(NOW.getTime() + 24 * H), applicant: 'confirmed' as const, respondent: 'pending' as const }
    expect(answerSession(sess, 'respondent', 'confirmed', NOW)).toEqual({ ok: true, status: 'confirmed', applicant: 'confirmed', respondent: 'confirmed' })
    expect(answerSession(sess, 'respondent', 'confirmed', new Date(NOW.getTime() + 24 * H))).toEqual({ ok: false, code: 'SESSION_STARTED' })
    expect(answerSession({ ...sess, status: 'cancelled' }, 'respondent', 'confirmed', NOW)).toEqual({ ok: false, code: 'ILLEGAL_MOVE' })
  })

  test('the mediator schedules in the future, with the other party consenting; attendance once started', () => {
    const later = new Date(NOW.getTime() + H)
    expect(checkSchedule(base, mediator, 'accepted', later, NOW)).toBeNull()
    expect(checkSchedule(base, mediator, 'pending', later, NOW)).toBe('PARTY_CONSENT_PENDING')
    expect(checkSchedule(base, mediator, 'accepted', NOW, NOW)).toBe('SESSION_IN_PAST')
    expect(checkSchedule(base, resident('u-app'), 'accepted', later, NOW)).toBe('FORBIDDEN')
    expect(checkSchedule({ ...base, status: 'accepted' }, mediator, 'accepted', later, NOW)).toBe('ILLEGAL_MOVE')
    const sess = { status: 'confirmed' as const, startsAt: later, applicant: 'confirmed' as const, respondent: 'confirmed' as const }
    expect(checkAttendance(sess, NOW)).toBe('SESSION_NOT_STARTED')
    expect(checkAttendance(sess, later)).toBeNull()
    expect(checkAttendance({ ...sess, status: 'held' }, later)).toBe('ILLEGAL_MOVE')
  })

  test('the answer time is the setting’s hours, never after the session starts', () => {
    expect(answerDue(new Date(NOW.getTime() + 100 * H), NOW, DEFAULT_PARTY_SETTINGS)).toEqual(new Date(NOW.getTime() + 48 * H))
    expect(answerDue(new Date(NOW.getTime() + 10 * H), NOW, DEFAULT_PARTY_SETTINGS)).toEqual(new Date(NOW.getTime() + 10 * H))
  })
})

describe('invitations', () => {
  const open = { expiresAt: new Date(NOW.getTime() + H), usedAt: null, usedBy: null, revokedAt: null }
  const fresh = { ...base, respondentId: null, status: 'accepted' as const }
  test('usable once, before it expires, not replaced, not by the applicant, for a case still in mediation', () => {
    expect(joinable(open, fresh, resident('u-resp'), NOW)).toBe('join')
    expect(joinable({ ...open, expiresAt: NOW }, fresh, resident('u-resp'), NOW)).toBe('refuse')
    expect(joinable({ ...open, revokedAt: NOW }, fresh, resident('u-resp'), NOW)).toBe('refuse')
    expect(joinable(open, fresh, resident('u-app'), NOW)).toBe('refuse')
    expect(joinable(open, { ...fresh, status: 'closed' }, resident('u-resp'), NOW)).toBe('refuse')
    expect(joinable(open, { ...fresh, respondentId: 'u-other' }, resident('u-resp'), NOW)).toBe('refuse')
  })
  test('a used code: the person who used it is answered again (a retry), anyone else refused', () => {
    const used = { ...open, usedAt: NOW, usedBy: 'u-resp' }
    expect(joinable(used, base, resident('u-resp'), NOW)).toBe('already')
    expect(joinable(used, base, resident('u-x'), NOW)).toBe('refuse')
  })
})
