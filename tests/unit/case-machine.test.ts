/** The case state machine: every move, who may make it, from which states, and what it records. */
import { allowedMoves, decide, MOVES, nextDeadline, reviewTarget, type CaseState, type MoveInput } from '../../cloud/domain/petition/machine'
import { DEFAULT_DEADLINES as S } from '../../cloud/domain/petition/deadlines'
import type { Actor } from '../../cloud/domain/petition/policy'
import { CASE_STATUSES } from '../../types/functions/petition'

const now = new Date('2026-11-27T02:00:00Z')
const resident: Actor = { userId: 'u-res', grants: [{ role: 'resident', regionCode: null }] }
const stranger: Actor = { userId: 'u-other', grants: [{ role: 'resident', regionCode: null }] }
const centre: Actor = { userId: 'u-centre', grants: [{ role: 'centre_staff', regionCode: '441302001' }] }
const otherCentre: Actor = { userId: 'u-oc', grants: [{ role: 'centre_staff', regionCode: '440106001' }] }
const county: Actor = { userId: 'u-county', grants: [{ role: 'centre_staff', regionCode: '441302' }] }
const mediator: Actor = { userId: 'u-med', grants: [{ role: 'mediator', regionCode: '441302001' }] }
const otherMediator: Actor = { userId: 'u-med2', grants: [{ role: 'mediator', regionCode: '441302001' }] }
const grid: Actor = { userId: 'u-grid', grants: [{ role: 'grid_worker', regionCode: '441302001200' }] }

const base = (over: Partial<CaseState> = {}): CaseState => ({
  ownerId: 'u-res',
  filedById: 'u-res',
  regionCode: '441302001200',
  handlingRegion: '441302001',
  assigneeId: null,
  status: 'submitted',
  stage: 'original',
  filedAt: now,
  routedAt: now,
  acceptedAt: null,
  closedAt: null,
  extendedDays: 0,
  outcome: null,
  rating: null,
  riskLevel: 0,
  hasReviewChild: false,
  ...over
})

const sample: Record<MoveInput['move'], MoveInput> = {
  accept: { move: 'accept' },
  decline: { move: 'decline', reason: '不属于信访事项', otherRoutes: '可向人民法院起诉' },
  assign: { move: 'assign', mediatorId: 'u-med' },
  transfer: { move: 'transfer', townshipCode: '441302002', reason: '属桥西街道辖区' },
  escalate: { move: 'escalate', regionCode: '441302', level: 'county', reason: '涉及多个街道' },
  extend: { move: 'extend', days: 30, reason: '需要现场勘查' },
  recordSession: { move: 'recordSession', date: '2026-11-28', participants: '双方', notes: '初步沟通' },
  flagRisk: { move: 'flagRisk', note: '一方扬言动手' },
  closeMediation: { move: 'closeMediation', success: true, agreement: '双方同意……', partiesConfirmed: true },
  close: { move: 'close', opinion: '已责令整改' },
  addInfo: { move: 'addInfo', text: '补充材料', photos: [] },
  withdraw: { move: 'withdraw' },
  rate: { move: 'rate', rating: 'satisfied' },
  requestReview: { move: 'requestReview', reason: '处理结果不公' },
  takeOver: { move: 'takeOver', reason: '重大复杂，由区级直接办理' }
}

describe('who may make each move, from which states', () => {
  const actorsFor: Record<string, Actor> = {
    accept: centre, decline: centre, assign: centre, transfer: centre, escalate: centre, extend: centre, close: centre,
    recordSession: mediator, closeMediation: mediator, flagRisk: mediator, addInfo: resident, withdraw: resident, rate: resident, requestReview: resident,
    takeOver: county
  }
  const ready = (status: CaseState['status']) =>
    base({ status, assigneeId: 'u-med', acceptedAt: status === 'submitted' ? null : now, closedAt: ['closed', 'declined', 'withdrawn'].includes(status) ? now : null, outcome: status === 'closed' ? 'opinion' : null })

  for (const move of Object.keys(MOVES) as MoveInput['move'][]) {
    test.each([...CASE_STATUSES])(`${move} from %s`, (status) => {
      const result = decide(ready(status), actorsFor[move], sample[move], now, S)
      expect(result.ok).toBe(MOVES[move].from.includes(status))
      if (!result.ok) expect(result.code).toBe('ILLEGAL_MOVE')
    })
  }

  test.each([
    ['a resident cannot accept', resident, 'accept'],
    ['centre staff of another township cannot accept', otherCentre, 'accept'],
    ['a stranger cannot withdraw', stranger, 'withdraw'],
    ['a mediator cannot accept', mediator, 'accept']
  ] as const)('%s', (_name, actor, move) => {
    expect(decide(base(), actor, sample[move], now, S)).toEqual({ ok: false, code: 'FORBIDDEN' })
  })

  test('only the assigned mediator records sessions and closes the mediation', () => {
    const c = base({ status: 'assigned', assigneeId: 'u-med', acceptedAt: now })
    expect(decide(c, otherMediator, sample.recordSession, now, S)).toEqual({ ok: false, code: 'FORBIDDEN' })
    expect(decide(c, mediator, sample.recordSession, now, S).ok).toBe(true)
  })

  test('a grid worker who filed for a resident may add information but not withdraw', () => {
    const c = base({ ownerId: null, filedById: 'u-grid' })
    expect(decide(c, grid, sample.addInfo, now, S).ok).toBe(true)
    expect(decide(c, grid, sample.withdraw, now, S)).toEqual({ ok: false, code: 'FORBIDDEN' })
  })

  test('after escalation the county acts and the township no longer does', () => {
    const escalated = base({ handlingRegion: '441302' })
    expect(decide(escalated, centre, sample.accept, now, S)).toEqual({ ok: false, code: 'FORBIDDEN' })
    expect(decide(escalated, county, sample.accept, now, S).ok).toBe(true)
  })

  test('higher levels act on a township’s case only once it is theirs: escalated, transferred or taken over', () => {
    const city: Actor = { userId: 'u-city', grants: [{ role: 'centre_staff', regionCode: '4413' }] }
    const province: Actor = { userId: 'u-prov', grants: [{ role: 'centre_staff', regionCode: '44' }] }
    const township = base()
    for (const actor of [county, city, province]) {
      for (const move of ['accept', 'decline', 'transfer', 'escalate', 'flagRisk'] as const) expect(decide(township, actor, sample[move], now, S)).toEqual({ ok: false, code: 'FORBIDDEN' })
      const accepted = base({ status: 'accepted', acceptedAt: now })
      for (const move of ['assign', 'extend', 'close'] as const) expect(decide(accepted, actor, sample[move], now, S)).toEqual({ ok: false, code: 'FORBIDDEN' })
    }
    // What the county may do with the township's case is to take it over; the township cannot take its own case.
    expect(allowedMoves(township, county)).toEqual(['takeOver'])
    expect(allowedMoves(township, city)).toEqual(['takeOver'])
    expect(allowedMoves(township, province)).toEqual([])
    expect(decide(township, centre, sample.takeOver, now, S)).toEqual({ ok: false, code: 'FORBIDDEN' })
    expect(decide(township, otherCentre, sample.takeOver, now, S)).toEqual({ ok: false, code: 'FORBIDDEN' })
    expect(decide(base({ handlingRegion: '440106001', regionCode: '440106001001' }), county, sample.takeOver, now, S)).toEqual({ ok: false, code: 'FORBIDDEN' })
    // Transferred to a township of another county: that county's own township acts, not the first county.
    expect(decide(base({ handlingRegion: '441303001' }), county, sample.accept, now, S)).toEqual({ ok: false, code: 'FORBIDDEN' })
    expect(decide(base({ handlingRegion: '441303001' }), county, sample.takeOver, now, S)).toEqual({ ok: false, code: 'FORBIDDEN' })
  })

  test('a take-over makes the case the taking unit’s: it acts, the township no longer does, and the city may take it further', () => {
    const city: Actor = { userId: 'u-city', grants: [{ role: 'centre_staff', regionCode: '4413' }] }
    const assigned = base({ status: 'assigned', acceptedAt: now, assigneeId: 'u-med' })
    const r = decide(assigned, county, sample.takeOver, now, S)
    expect(r).toEqual({
      ok: true,
      createsReview: false,
      // Back to accepted for the new unit to assign; the deadlines keep running from the first routing.
      patch: { handlingRegion: '441302', status: 'accepted', assigneeId: null, department: null },
      event: { type: 'takeOver', publicData: { from: '441302001', to: '441302', takenBy: 'county', reason: sample.takeOver.move === 'takeOver' ? sample.takeOver.reason : '' }, staffData: {} }
    })
    const taken = base({ status: 'accepted', acceptedAt: now, handlingRegion: '441302' })
    expect(decide(taken, county, sample.close, now, S).ok).toBe(true)
    expect(decide(taken, centre, sample.close, now, S)).toEqual({ ok: false, code: 'FORBIDDEN' })
    expect(allowedMoves(taken, county)).not.toContain('takeOver')
    const byCity = decide(taken, city, sample.takeOver, now, S)
    expect(byCity.ok && byCity.patch.handlingRegion).toBe('4413')
    expect(byCity.ok && byCity.event.publicData.takenBy).toBe('city')
    // Someone with both grants takes it to the nearer level.
    const both: Actor = { userId: 'u-both', grants: [...city.grants, ...county.grants] }
    const near = decide(base(), both, sample.takeOver, now, S)
    expect(near.ok && near.patch.handlingRegion).toBe('441302')
    // Only open cases are taken over.
    expect(decide(base({ status: 'closed', closedAt: now, outcome: 'opinion' }), county, sample.takeOver, now, S)).toEqual({ ok: false, code: 'ILLEGAL_MOVE' })
  })

  test('a move already spent is not offered: rated, extended, reviewed, final', () => {
    const closed = base({ status: 'closed', closedAt: now, outcome: 'opinion' })
    expect(allowedMoves({ ...closed, rating: 'satisfied' }, resident)).toEqual(['requestReview'])
    expect(allowedMoves({ ...closed, hasReviewChild: true }, resident)).toEqual(['rate'])
    expect(allowedMoves({ ...closed, stage: 'rereview' }, resident)).toEqual(['rate'])
    expect(allowedMoves(base({ status: 'accepted', acceptedAt: now, extendedDays: 30 }), centre)).not.toContain('extend')
  })

  test('allowedMoves lists what the buttons may offer', () => {
    expect(allowedMoves(base(), resident).sort()).toEqual(['addInfo', 'withdraw'])
    expect(allowedMoves(base(), centre).sort()).toEqual(['accept', 'decline', 'escalate', 'flagRisk', 'transfer'])
    expect(allowedMoves(base(), stranger)).toEqual([])
  })
})

describe('what moves record', () => {
  test('accepting starts the 60-day clock', () => {
    const r = decide(base(), centre, sample.accept, now, S)
    expect(r.ok && r.patch).toEqual({ status: 'accepted', acceptedAt: now })
  })

  test('one extension only, of at most 30 days', () => {
    const c = base({ status: 'accepted', acceptedAt: now })
    expect(decide(c, centre, { move: 'extend', days: 31, reason: 'x' }, now, S)).toEqual({ ok: false, code: 'INVALID_VALUE' })
    const first = decide(c, centre, sample.extend, now, S)
    expect(first.ok && first.patch).toEqual({ extendedDays: 30 })
    expect(decide({ ...c, extendedDays: 30 }, centre, sample.extend, now, S)).toEqual({ ok: false, code: 'EXTENSION_USED' })
  })

  test('transfer only within 5 working days of receiving the case, and to another township', () => {
    const c = base()
    expect(decide(c, centre, { ...sample.transfer, townshipCode: '441302001' } as MoveInput, now, S)).toEqual({ ok: false, code: 'INVALID_VALUE' })
    expect(decide(c, centre, sample.transfer, new Date('2026-12-04T15:00:00Z'), S).ok).toBe(true)
    expect(decide(c, centre, sample.transfer, new Date('2026-12-04T16:00:00Z'), S)).toEqual({ ok: false, code: 'TRANSFER_WINDOW_CLOSED' })
  })

  test('mediation success needs the agreement and both parties’ confirmation; failure needs the other routes', () => {
    const c = base({ status: 'assigned', assigneeId: 'u-med', acceptedAt: now })
    expect(decide(c, mediator, { move: 'closeMediation', success: true, agreement: '协议', partiesConfirmed: false }, now, S)).toEqual({ ok: false, code: 'AGREEMENT_REQUIRED' })
    expect(decide(c, mediator, { move: 'closeMediation', success: false }, now, S)).toEqual({ ok: false, code: 'ROUTES_REQUIRED' })
    const failed = decide(c, mediator, { move: 'closeMediation', success: false, otherRoutes: '可申请仲裁或起诉' }, now, S)
    expect(failed.ok && failed.patch.outcome).toBe('mediation_failed')
  })

  test('session notes are for staff only; the timeline shows the date', () => {
    const r = decide(base({ status: 'assigned', assigneeId: 'u-med', acceptedAt: now }), mediator, sample.recordSession, now, S)
    expect(r.ok && r.event.publicData).toEqual({ date: '2026-11-28' })
    expect(r.ok && r.event.staffData).toEqual({ participants: '双方', notes: '初步沟通' })
  })

  test('a risk of violence raises the risk level', () => {
    const r = decide(base(), centre, sample.flagRisk, now, S)
    expect(r.ok && r.patch.riskLevel).toBe(2)
  })

  test('rate once', () => {
    const closed = base({ status: 'closed', closedAt: now, outcome: 'opinion' })
    expect(decide(closed, resident, sample.rate, now, S).ok).toBe(true)
    expect(decide({ ...closed, rating: 'satisfied' }, resident, sample.rate, now, S)).toEqual({ ok: false, code: 'ALREADY_RATED' })
  })
})

describe('复查 and 复核', () => {
  const closed = base({ status: 'closed', closedAt: now, outcome: 'opinion' })

  test('review within 30 days of the reply creates a linked case', () => {
    const r = decide(closed, resident, sample.requestReview, new Date('2026-12-27T15:00:00Z'), S)
    expect(r.ok && r.createsReview).toBe(true)
    expect(decide(closed, resident, sample.requestReview, new Date('2026-12-27T16:00:00Z'), S)).toEqual({ ok: false, code: 'REVIEW_WINDOW_CLOSED' })
  })

  test('a review goes to the county, a re-review to the city', () => {
    expect(reviewTarget(closed)).toEqual({ stage: 'review', handlingRegion: '441302' })
    expect(reviewTarget({ ...closed, stage: 'review' })).toEqual({ stage: 'rereview', handlingRegion: '4413' })
  })

  test('only once per case, and never after 复核', () => {
    expect(decide({ ...closed, hasReviewChild: true }, resident, sample.requestReview, now, S)).toEqual({ ok: false, code: 'REVIEW_ALREADY_REQUESTED' })
    expect(decide({ ...closed, stage: 'rereview' }, resident, sample.requestReview, now, S)).toEqual({ ok: false, code: 'MATTER_FINAL' })
  })
})

describe('the next deadline', () => {
  test('acceptance while submitted, handling once accepted, review request once closed', () => {
    expect(nextDeadline(base(), S)?.kind).toBe('acceptance')
    expect(nextDeadline(base({ status: 'assigned', acceptedAt: now }), S)?.kind).toBe('handling')
    expect(nextDeadline(base({ status: 'closed', closedAt: now, outcome: 'opinion' }), S)?.kind).toBe('review_request')
    expect(nextDeadline(base({ status: 'closed', closedAt: now, stage: 'rereview', outcome: 'opinion' }), S)).toBeNull()
    expect(nextDeadline(base({ status: 'withdrawn', closedAt: now }), S)).toBeNull()
  })
})
