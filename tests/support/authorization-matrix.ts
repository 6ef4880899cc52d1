/**
 * The authorization matrix: for every action of the API, which role may act on which record. One row per action;
 * `allow` names, for each record the action can be pointed at, the roles the policy lets through — every other role
 * is refused (FORBIDDEN, UNAUTHENTICATED, or the record's NOT_FOUND, the same answer as for an id that does not
 * exist). tests/integration/authorization.test.ts walks it against the real HTTP server with the demo accounts, and
 * fails when an action of types/api.ts has no row here.
 *
 * Roles are the demo accounts (cloud/seed/demo.ts). "Here" is 东平村 / 桥东街道 (441302001), inside every Huizhou
 * grant; "away" is 五山街道 in Guangzhou (440106001), inside none of them but the admin's (44).
 *
 * Records (targets), made fresh for each action and role:
 * - mine / mineAway: the caller's own case (filed by them as a resident) here / away
 * - otherHere / otherAway: another resident's (李建国) record here / away
 * - proxy: a case the grid worker filed on behalf of a resident (代办), not yet claimed
 * - assigned: another resident's case here, accepted and assigned to the mediator
 * - party: another resident's dispute (away, accepted for mediation) that the caller joined as the other party
 * - guess: another resident's tracking number with a wrong phone
 * - here / away: a station or region code here / away
 */
import { PRIVACY_NOTICE_VERSION } from '../../types/functions/petition'
import { SCREENING_CONSENT_VERSION } from '../../types/functions/counselling'

export const ROLES = ['resident', 'grid', 'centre', 'mediator', 'county', 'city', 'counsellor', 'station', 'advisor', 'admin', 'anonymous'] as const
export type RoleKey = (typeof ROLES)[number]

/** The demo account each role signs in as. Station staff are the centre staff of the station's own township. */
export const ACCOUNTS: Record<Exclude<RoleKey, 'anonymous'>, string> = {
  resident: 'resident-chen',
  grid: 'grid-tang',
  centre: 'centre-huang',
  mediator: 'mediator-zhou',
  county: 'county-wu',
  city: 'city-zheng',
  counsellor: 'counsellor-lin',
  station: 'centre-huang',
  advisor: 'advisor-he',
  admin: 'admin'
}

export type Target = 'none' | 'mine' | 'mineAway' | 'otherHere' | 'otherAway' | 'proxy' | 'assigned' | 'party' | 'guess' | 'here' | 'away'

/** What an action is pointed at, and the records of that kind the walk tries. */
export const TARGETS = {
  none: ['none'],
  case: ['mine', 'mineAway', 'otherHere', 'otherAway', 'proxy', 'assigned', 'party'],
  tracking: ['proxy', 'otherHere', 'guess'],
  booking: ['mine', 'otherHere', 'otherAway'],
  onsite: ['mine', 'otherHere', 'otherAway'],
  consultation: ['mine', 'otherHere', 'otherAway'],
  offer: ['mine', 'otherHere'],
  station: ['here', 'away'],
  region: ['here', 'away']
} as const satisfies Record<string, readonly Target[]>
export type Kind = keyof typeof TARGETS

/** The answer that refuses a record of each kind without saying whether it exists. */
export const NOT_FOUND: Record<Kind, string | null> = {
  none: null,
  case: 'CASE_NOT_FOUND',
  tracking: 'CASE_NOT_FOUND',
  booking: 'BOOKING_NOT_FOUND',
  onsite: 'BOOKING_NOT_FOUND',
  consultation: 'CONSULTATION_NOT_FOUND',
  offer: 'OFFER_NOT_FOUND',
  station: null,
  region: null
}

/** A record as an action's input needs it. */
export interface Rec {
  id: string
  trackingNo: string
  phone: string
  code: string
  /** The one-time claim code of a case filed on someone's behalf (the proxy record; '' for others). */
  claimCode: string
  /** The caller's own kept screening (for counselling.shareScreening). */
  screeningId: string
  /** 林静's counsellor profile and 何文's advisor profile at 桥东街道 (for booking, asking, the directory). */
  counsellorId: string
  advisorId: string
}

export const SIGNED_IN = ['resident', 'grid', 'centre', 'mediator', 'county', 'city', 'counsellor', 'station', 'advisor', 'admin'] as const satisfies readonly RoleKey[]
export const EVERYONE = [...SIGNED_IN, 'anonymous'] as const
const STAFF = SIGNED_IN.filter((r) => r !== 'resident')
/** Centre staff whose jurisdiction covers 桥东街道: its own centre (also its station's staff), the county, the city. */
const CENTRE_HERE = ['centre', 'station', 'county', 'city'] as const

interface Row {
  on: Kind
  allow: Partial<Record<Target, readonly RoleKey[]>>
  input(r: Rec): unknown
}

const open = (roles: readonly RoleKey[]): Row => ({ on: 'none', allow: { none: roles }, input: () => ({}) })
const none = (roles: readonly RoleKey[], input: (r: Rec) => unknown): Row => ({ on: 'none', allow: { none: roles }, input })

/**
 * Who may read a case: its owner, the grid worker who filed it, centre staff over it, its mediator, an admin, and the
 * other party of a dispute who joined it (without the applicant's contact details: tests/integration/parties.test.ts).
 */
const CASE_READERS = {
  mine: SIGNED_IN,
  mineAway: SIGNED_IN,
  otherHere: [...CENTRE_HERE, 'admin'],
  otherAway: ['admin'],
  proxy: ['grid', ...CENTRE_HERE, 'admin'],
  assigned: ['mediator', ...CENTRE_HERE, 'admin'],
  party: SIGNED_IN
} as const satisfies Row['allow']
/**
 * The handling unit's moves: the staff of the very unit that handles the case (桥东街道's centre for cases here). The
 * county and the city read these cases but act on them only once they are theirs: escalated, transferred or taken over.
 */
const HANDLING_UNIT = ['centre', 'station'] as const
const HANDLERS = { mine: HANDLING_UNIT, otherHere: HANDLING_UNIT, proxy: HANDLING_UNIT, assigned: HANDLING_UNIT } as const satisfies Row['allow']
/** 提级办理: the levels above the handling unit whose jurisdiction covers it (the county and the city for cases here). */
const ABOVE = ['county', 'city'] as const
const TAKERS = { mine: ABOVE, otherHere: ABOVE, proxy: ABOVE, assigned: ABOVE } as const satisfies Row['allow']
const OWNER = { mine: SIGNED_IN, mineAway: SIGNED_IN } as const satisfies Row['allow']
/** Either party of a dispute: its applicant (owner) and the other party who joined it. */
const PARTIES = { ...OWNER, party: SIGNED_IN } as const satisfies Row['allow']
const SESSION = 'ghostGhostGhost0000001'
const caseRow = (allow: Row['allow'], input: (r: Rec) => Record<string, unknown> = () => ({})): Row => ({ on: 'case', allow, input: (r) => ({ id: r.id, ...input(r) }) })

const VILLAGE = '441302001200'
const filing = {
  kind: 'complaint',
  title: '矩阵测试',
  description: '授权矩阵测试提交的诉求。',
  regionCode: VILLAGE,
  contactName: '测试',
  contactPhone: '13812345678',
  consentVersion: PRIVACY_NOTICE_VERSION
}
/** Monday 7 December 2026 10:00 in Shanghai: inside the booking horizon of the walk's clock. */
const LATER = '2026-12-07T02:00:00.000Z'

export const MATRIX: Record<string, Row> = {
  'regions.get': none(EVERYONE, () => ({ code: VILLAGE })),
  'regions.children': none(EVERYONE, () => ({ code: '441302001' })),
  'regions.search': none(EVERYONE, () => ({ q: '东平' })),

  'auth.me': open(SIGNED_IN),
  'auth.demoAccounts': open(EVERYONE),
  'auth.demoSignIn': none(EVERYONE, () => ({ account: 'resident-li' })),
  'auth.setHomeRegion': none(SIGNED_IN, () => ({ code: VILLAGE })),
  'auth.methods': open(EVERYONE),
  'auth.wechatSignIn': none(EVERYONE, () => ({ loginCode: 'matrix-code' })),
  'auth.requestSmsCode': none(EVERYONE, () => ({ phone: '13800009999' })),
  'auth.smsSignIn': none(EVERYONE, () => ({ phone: '13800009999', smsCode: '000000' })),

  'petition.file': none(SIGNED_IN, () => filing),
  'petition.get': caseRow(CASE_READERS),
  'petition.mine': open(SIGNED_IN),
  'petition.mediators': caseRow(CASE_READERS),
  'petition.addInfo': caseRow({ ...OWNER, proxy: ['grid'] }, () => ({ text: '补充材料' })),
  'petition.withdraw': caseRow(OWNER),
  'petition.subscribe': caseRow(OWNER),
  'petition.rate': caseRow(OWNER, () => ({ rating: 'satisfied' })),
  'petition.requestReview': caseRow(OWNER, () => ({ reason: '不服处理意见' })),
  'petition.accept': caseRow(HANDLERS),
  'petition.decline': caseRow(HANDLERS, () => ({ reason: '不属于受理范围', otherRoutes: '请向法院起诉' })),
  'petition.assign': caseRow(HANDLERS, () => ({ department: '司法所' })),
  'petition.transfer': caseRow(HANDLERS, () => ({ townshipCode: '441302002', reason: '属地调整' })),
  'petition.escalate': caseRow(HANDLERS, () => ({ level: 'county', reason: '复杂疑难' })),
  'petition.extend': caseRow(HANDLERS, () => ({ days: 30, reason: '情况复杂' })),
  'petition.close': caseRow(HANDLERS, () => ({ opinion: '已处理完毕' })),
  'petition.recordSession': caseRow({ assigned: ['mediator'] }, () => ({ date: '2026-11-30', participants: '双方当事人', notes: '第一次调解' })),
  'petition.closeMediation': caseRow({ assigned: ['mediator'] }, () => ({ success: false, otherRoutes: '可向法院起诉' })),
  'petition.flagRisk': caseRow({ ...HANDLERS, assigned: [...HANDLING_UNIT, 'mediator'] }, () => ({ note: '情绪激动' })),
  'petition.queue': { on: 'region', allow: { here: [...CENTRE_HERE, 'admin', 'mediator'], away: ['admin', 'mediator'] }, input: (r) => ({ regionCode: r.code }) },
  // Over HTTP no device stores photos in cloud storage: a signed-in caller is told FILE_NOT_FOUND (a business answer).
  'petition.registerPhoto': none(SIGNED_IN, () => ({ fileId: 'cloud://minan-test.6d69/petition/ghostGhostGhost0000000/a1b2c3d4e5f6.png' })),
  'petition.claim': { on: 'tracking', allow: { proxy: SIGNED_IN }, input: (r) => ({ trackingNo: r.trackingNo, contactPhone: r.phone, claimCode: r.claimCode || 'ABCD-EFGH' }) },
  'petition.lookup': { on: 'tracking', allow: { proxy: EVERYONE, otherHere: EVERYONE }, input: (r) => ({ trackingNo: r.trackingNo, contactPhone: r.phone }) },
  // Centre staff handling the case undo a wrong claim (ILLEGAL_MOVE on a case nobody claimed on someone's behalf).
  'petition.undoClaim': caseRow(HANDLERS, () => ({ reason: '认领人不是本人' })),
  // The grid worker who filed it (also their own filings, refused as ILLEGAL_MOVE) or the centre handling it.
  'petition.reissueClaimCode': caseRow({ ...HANDLERS, mine: [...HANDLING_UNIT, 'grid'], mineAway: ['grid'], proxy: ['grid', ...HANDLING_UNIT] }),
  'petition.takeOver': caseRow(TAKERS, () => ({ reason: '重大复杂，提级办理' })),

  // Both parties of a dispute (issue #17). The walk's cases are complaints, so steps of mediation answer ILLEGAL_MOVE
  // (a business answer) to those who may take them; the party case is a dispute in mediation.
  'parties.view': caseRow(CASE_READERS),
  'parties.invite': caseRow({ ...HANDLERS, assigned: [...HANDLING_UNIT, 'mediator'] }),
  'parties.join': none(SIGNED_IN, () => ({ invitationCode: 'ABCDE-FGHJK' })),
  'parties.consent': caseRow(PARTIES, () => ({ answer: 'accept' })),
  'parties.anotherMediator': caseRow(PARTIES, () => ({ reason: '希望更换调解员' })),
  'parties.endMediation': caseRow(PARTIES),
  'parties.account': caseRow({ party: SIGNED_IN }, () => ({ text: '我这边的情况说明' })),
  'parties.privatePhotos': caseRow(OWNER, () => ({ photos: [] })),
  'parties.schedule': caseRow({ assigned: ['mediator'] }, () => ({ mode: 'in_person', startsAt: LATER, place: '调解室' })),
  'parties.reschedule': caseRow({ assigned: ['mediator'] }, () => ({ sessionId: SESSION, mode: 'in_person', startsAt: LATER, place: '调解室' })),
  'parties.cancelSession': caseRow({ assigned: ['mediator'] }, () => ({ sessionId: SESSION })),
  'parties.answer': caseRow(PARTIES, () => ({ sessionId: SESSION, answer: 'confirm' })),
  'parties.attendance': caseRow({ assigned: ['mediator'] }, () => ({ sessionId: SESSION, applicant: true, respondent: true })),

  'stats.public': open(EVERYONE),
  'stats.workbench': open(STAFF),
  'stats.dashboard': { on: 'region', allow: { here: CENTRE_HERE }, input: (r) => ({ regionCode: r.code }) },

  'messages.list': open(SIGNED_IN),
  'messages.unread': open(SIGNED_IN),
  'messages.markRead': open(SIGNED_IN),
  'messages.subscribed': none(SIGNED_IN, () => ({ templates: ['progress'] })),
  'messages.subscriptions': open(SIGNED_IN),

  'matters.mine': open(SIGNED_IN),

  'account.summary': open(SIGNED_IN),
  'account.export': open(SIGNED_IN),
  'account.withdrawConsent': none(SIGNED_IN, () => ({ kind: 'screening' })),
  // Walked last: the resident's account is gone afterwards.
  'account.deleteAccount': none(SIGNED_IN, () => ({ confirm: true })),

  'counselling.stations': none(EVERYONE, () => ({ regionCode: '441302001' })),
  'counselling.station': none(EVERYONE, () => ({ id: 'st441302001' })),
  'counselling.slots': none(EVERYONE, () => ({ stationId: 'st441302001' })),
  'counselling.book': none(SIGNED_IN, (r) => ({ counsellorId: r.counsellorId, start: LATER, mode: 'in_person' })),
  'counselling.cancel': { on: 'booking', allow: { mine: SIGNED_IN }, input: (r) => ({ id: r.id }) },
  'counselling.reschedule': { on: 'booking', allow: { mine: SIGNED_IN }, input: (r) => ({ id: r.id, start: LATER }) },
  'counselling.myBookings': open(SIGNED_IN),
  'counselling.joinWaitlist': none(SIGNED_IN, (r) => ({ counsellorId: r.counsellorId, date: '2026-12-07' })),
  'counselling.takeOffer': { on: 'offer', allow: { mine: SIGNED_IN }, input: (r) => ({ id: r.id }) },
  'counselling.saveScreening': none(SIGNED_IN, () => ({ instrument: 'gad7', answers: [0, 1, 0, 1, 0, 1, 0], consentVersion: SCREENING_CONSENT_VERSION })),
  'counselling.myScreenings': open(SIGNED_IN),
  'counselling.withdrawScreeningConsent': open(SIGNED_IN),
  'counselling.shareScreening': { on: 'booking', allow: { mine: SIGNED_IN }, input: (r) => ({ screeningId: r.screeningId, bookingId: r.id }) },
  'counselling.schedule': open(['counsellor']),
  'counselling.markAttendance': { on: 'booking', allow: { mine: ['counsellor'], otherHere: ['counsellor'] }, input: (r) => ({ id: r.id, attended: true }) },
  'counselling.writeNote': { on: 'booking', allow: { mine: ['counsellor'], otherHere: ['counsellor'] }, input: (r) => ({ id: r.id, notes: '来访者情绪平稳' }) },
  'counselling.setHours': none(['counsellor'], () => ({ hours: [{ weekday: 1, start: '09:00', end: '12:00' }] })),
  'counselling.addLeave': none(['counsellor'], () => ({ from: '2027-01-25', to: '2027-01-26' })),
  'counselling.stationBookings': { on: 'station', allow: { here: ['centre', 'station'] }, input: (r) => ({ stationId: r.code }) },

  'legal.forVillage': none(EVERYONE, () => ({ code: VILLAGE })),
  'legal.search': none(EVERYONE, () => ({ q: '东平' })),
  'legal.near': none(EVERYONE, () => ({ lat: 23.08, lng: 114.41 })),
  'legal.advisor': none(EVERYONE, (r) => ({ id: r.advisorId })),
  'legal.slots': none(EVERYONE, (r) => ({ advisorId: r.advisorId })),
  'legal.myAdvisor': open(SIGNED_IN),
  'legal.book': none(SIGNED_IN, (r) => ({ advisorId: r.advisorId, start: LATER })),
  'legal.cancel': { on: 'onsite', allow: { mine: SIGNED_IN }, input: (r) => ({ id: r.id }) },
  'legal.myBookings': open(SIGNED_IN),
  'legal.ask': none(SIGNED_IN, (r) => ({ advisorId: r.advisorId, villageCode: VILLAGE, category: 'other', text: '矩阵测试的问题' })),
  'legal.consultation': { on: 'consultation', allow: { mine: SIGNED_IN, otherHere: ['advisor', 'admin'], otherAway: ['admin'] }, input: (r) => ({ id: r.id }) },
  'legal.myConsultations': open(SIGNED_IN),
  'legal.reply': { on: 'consultation', allow: { mine: SIGNED_IN, otherHere: ['advisor'] }, input: (r) => ({ id: r.id, text: '补充一下情况' }) },
  'legal.close': { on: 'consultation', allow: { mine: SIGNED_IN }, input: (r) => ({ id: r.id }) },
  'legal.rate': { on: 'consultation', allow: { mine: SIGNED_IN }, input: (r) => ({ id: r.id, rating: 'satisfied' }) },
  'legal.caseDraft': { on: 'consultation', allow: { mine: SIGNED_IN, otherHere: ['advisor'] }, input: (r) => ({ id: r.id }) },
  'legal.toCase': { on: 'consultation', allow: { mine: SIGNED_IN, otherHere: ['advisor'] }, input: (r) => ({ id: r.id, otherPartyName: '王某' }) },
  'legal.workbench': open(['advisor']),
  'legal.schedule': open(['advisor']),
  'legal.markAttendance': { on: 'onsite', allow: { mine: ['advisor'], otherHere: ['advisor'] }, input: (r) => ({ id: r.id, attended: true }) },
  'legal.overdue': open([...CENTRE_HERE, 'admin']),
  'legal.overdueList': { on: 'region', allow: { here: [...CENTRE_HERE, 'admin'], away: ['admin'] }, input: (r) => ({ regionCode: r.code }) },

  'admin.audit': open(['admin']),

  // The mediation agreement belongs to a dispute with both parties in it; the walk's records are complaints, so every
  // role is refused on each of them as on a case that does not exist (tests/integration/agreement.test.ts walks the
  // parties, the mediator and the centre on a real dispute). Checking a printed agreement is for staff.
  ...agreementRows(),
  'agreement.verify': none(['centre', 'station', 'mediator', 'county', 'city', 'admin'], () => ({ docNo: '4413-20261127-7KQ4XK-1', code: 'ABCD-EFGH-JKMN-PQRS' })),
  'agreement.stats': open(EVERYONE)
}

function agreementRows(): Record<string, Row> {
  const content = { applicant: { name: '甲', details: '' }, respondent: { name: '乙', details: '' }, facts: '', disputedMatters: '', responsibilities: '', terms: '协议', performance: [] }
  const image = 'data:image/png;base64,iVBORw0KGgo='
  const inputs: Record<string, Record<string, unknown>> = {
    get: {},
    template: {},
    save: { content },
    issue: { version: 1 },
    recordOral: { content, agreedAt: LATER },
    requestCode: { version: 1 },
    sign: { version: 1, image },
    seal: { version: 1 },
    pdf: {},
    recordFollowUp: { item: 0, result: 'performed', note: '已履行' },
    reportNonPerformance: { note: '未履行' },
    recordConfirmation: { date: '2026-12-07' }
  }
  // The one dispute of the walk (`party`: the caller joined it as the other party) has no agreement yet: a party may
  // read it, ask for a signing code, sign, fetch the document and report non-performance — answered with the business
  // outcome (no agreement, a bad signature), never a refusal; the mediator's and the centre's steps stay refused to them.
  const byParty = new Set(['get', 'requestCode', 'sign', 'pdf', 'reportNonPerformance'])
  return Object.fromEntries(
    Object.entries(inputs).map(([action, extra]) => [`agreement.${action}`, { on: 'case', allow: byParty.has(action) ? { party: SIGNED_IN } : {}, input: (r: Rec) => ({ caseId: r.id, ...extra }) } satisfies Row])
  )
}

/**
 * Who learns that a record exists, and may therefore be told FORBIDDEN (rather than NOT_FOUND) when refused an
 * action on it: a case's readers; a booking's person, its counsellor and its station's staff; an on-site booking's
 * person and advisor; a consultation's readers; a waitlist offer's person. Anyone else gets exactly the answer for an
 * id that does not exist.
 */
export const KNOWS: Partial<Record<Kind, Row['allow']>> = {
  case: CASE_READERS,
  booking: { mine: SIGNED_IN, otherHere: ['counsellor', 'centre', 'station'] },
  onsite: { mine: SIGNED_IN, otherHere: ['advisor'] },
  consultation: MATRIX['legal.consultation'].allow,
  offer: { mine: SIGNED_IN }
}

/** Actions walked after all others, in this order (they end the caller's session or account). */
export const LAST = ['account.deleteAccount']
