/**
 * The authorization matrix (tests/support/authorization-matrix.ts), walked against the real HTTP server with the demo
 * accounts on every configured database: every action × every role × every record it can be pointed at (own and
 * another person's, here and in another jurisdiction). An allowed call succeeds or fails only with a business code;
 * a refused one answers FORBIDDEN, UNAUTHENTICATED or the record's NOT_FOUND and changes nothing (no row written,
 * none updated, not even an audit entry); and a refusal about someone else's record is word for word the answer for a
 * record that does not exist, unless the caller may see that record anyway.
 */
import { sql } from 'kysely'
import { inputSchemas } from '../../types/api'
import type { UserContext } from '../../cloud/core/context'
import { fileCase as insertCase } from '../../cloud/application/cases/filing'
import { atLocal } from '../../cloud/domain/booking/slots'
import { newBookingRow } from '../../cloud/db/repositories/bookings'
import { fixedClock } from '../../cloud/ports/clock'
import { SCREENING_CONSENT_VERSION } from '../../types/functions/counselling'
import { PRIVACY_NOTICE_VERSION } from '../../types/functions/petition'
import { DATABASES, RELAXED_LIMITS, startTestServer, type TestServer } from '../support/backend'
import { ACCOUNTS, EVERYONE, KNOWS, LAST, MATRIX, NOT_FOUND, ROLES, TARGETS, type Kind, type Rec, type Target } from '../support/authorization-matrix'

/** Monday 30 November 2026, 08:00 in Shanghai. */
const T0 = atLocal('2026-11-30', '08:00')
const HERE_VILLAGE = '441302001200'
const AWAY_TOWNSHIP = '440106001'
const PHONES = { li: '13900001111', proxy: '13700002222', wrong: '13600003333' }
const GHOST_ID = 'ghostGhostGhost0000000'
const GHOST_NO = '4413-20261130-9999'

test('the matrix has a row for every action of the API, with only known records and roles', () => {
  const actions = Object.entries(inputSchemas).flatMap(([fn, actions]) => Object.keys(actions).map((a) => `${fn}.${a}`))
  expect(Object.keys(MATRIX).sort()).toEqual(actions.sort())
  for (const [name, row] of Object.entries(MATRIX)) {
    for (const [target, roles] of Object.entries(row.allow)) {
      expect([name, (TARGETS[row.on] as readonly string[]).includes(target)]).toEqual([name, true])
      for (const role of roles ?? []) expect([name, (ROLES as readonly string[]).includes(role)]).toEqual([name, true])
    }
  }
})

/** Tables a refused call must leave alone: their row counts and latest change (the clock moves before each batch). */
const WATCHED: [string, string | null][] = [
  ['users', null],
  ['role_grants', null],
  ['idempotency', null],
  ['cases', 'updated_at'],
  ['case_events', null],
  ['messages', 'read_at'],
  ['files', null],
  ['providers', 'updated_at'],
  ['provider_leave', null],
  ['bookings', 'updated_at'],
  ['session_notes', 'updated_at'],
  ['waitlist', 'updated_at'],
  ['screenings', null],
  ['consultations', 'updated_at'],
  ['consultation_posts', null],
  ['audit_log', null],
  ['case_parties', 'updated_at'],
  ['case_invitations', null],
  ['case_sessions', 'updated_at']
]
const FINGERPRINT = `select ${WATCHED.map(([t, c], i) => `(select count(*) from ${t}) as n${i}${c ? `, (select max(${c}) from ${t}) as m${i}` : ''}`).join(', ')}`

describe.each(DATABASES)('authorization matrix on %s', (kind) => {
  const clock = fixedClock(T0)
  let server: TestServer
  const tokens = new Map<string, string>()
  const users = new Map<string, string>()
  let liId: string, tangId: string, zhouId: string
  let awayVillage: string
  let lin: { id: string; station: string }, awayCounsellor: { id: string; station: string }
  let he: { id: string; station: string }, awayAdvisor: { id: string; station: string }
  let slot = 0

  beforeAll(async () => {
    const limit = { attempts: 1_000_000, minutes: 10 }
    server = await startTestServer(kind, { clock, settings: { rateLimits: { ...RELAXED_LIMITS.rateLimits, claim: limit, lookup: limit, join: limit } } })
    const { db } = server.backend.services
    for (const u of await db.selectFrom('users').select(['id', 'demo_account']).where('demo_account', 'is not', null).execute()) users.set(u.demo_account!, u.id)
    for (const account of new Set(Object.values(ACCOUNTS))) tokens.set(account, await server.signIn(account))
    ;[liId, tangId, zhouId] = ['resident-li', 'grid-tang', 'mediator-zhou'].map((a) => users.get(a)!)
    awayVillage = (await db.selectFrom('regions').select('code').where('parent_code', '=', AWAY_TOWNSHIP).where('level', '=', 'village').orderBy('code').executeTakeFirstOrThrow()).code
    const linRow = await db.selectFrom('providers').select(['id', 'station_id']).where('user_id', '=', users.get('counsellor-lin')!).where('service', '=', 'counselling').executeTakeFirstOrThrow()
    lin = { id: linRow.id, station: linRow.station_id }
    const awayRow = await db.selectFrom('providers').select(['id', 'station_id']).where('station_id', '=', `st${AWAY_TOWNSHIP}`).where('service', '=', 'counselling').orderBy('id').executeTakeFirstOrThrow()
    awayCounsellor = { id: awayRow.id, station: awayRow.station_id }
    const advisorOf = async (village: string) => {
      const p = await db.selectFrom('legal_villages').innerJoin('providers', 'providers.id', 'legal_villages.provider_id').select(['providers.id', 'providers.station_id']).where('legal_villages.village_code', '=', village).executeTakeFirstOrThrow()
      return { id: p.id, station: p.station_id }
    }
    ;[he, awayAdvisor] = await Promise.all([advisorOf(HERE_VILLAGE), advisorOf(awayVillage)])
  }, 120_000)
  afterAll(async () => server.close())

  // ---- records, written straight into the database (the walk itself goes through HTTP) ----

  async function fileCase(owner: string | null, filedBy: string, region: string, phone: string) {
    const { services } = server.backend
    const ctx = { services, userId: filedBy, actor: { userId: filedBy, grants: [] }, locale: 'zh-CN', requestId: null, now: clock.now() } as UserContext
    const { row, claimCode } = await insertCase(services.db, ctx, [], {
      kind: 'complaint',
      title: '矩阵记录',
      description: '授权矩阵测试的记录。',
      regionCode: region,
      photos: [],
      photoOwner: filedBy,
      contactName: '某人',
      contactPhone: phone,
      subscribe: false,
      ownerId: owner,
      filedBy,
      filedByRole: owner === null ? 'grid_worker' : 'resident'
    })
    return { ...row, claimCode: claimCode ?? '' }
  }

  async function booking(service: string, provider: { id: string; station: string }, person: string, place: string | null): Promise<string> {
    const { db, newId } = server.backend.services
    const start = new Date(T0.getTime() + 3 * 86_400_000 + slot++ * 7 * 60_000)
    const id = newId()
    const now = clock.now().toISOString()
    await db
      .insertInto('bookings')
      .values(
        newBookingRow({
          id,
          service,
          provider_id: provider.id,
          station_id: provider.station,
          person_id: person,
          starts_at: start.toISOString(),
          ends_at: new Date(start.getTime() + 30 * 60_000).toISOString(),
          mode: 'in_person',
          status: 'booked',
          place_code: place,
          created_at: now
        })
      )
      .execute()
    return id
  }

  async function consultation(person: string, advisor: { id: string }, village: string): Promise<string> {
    const { db, newId, cipher } = server.backend.services
    const id = newId()
    const now = clock.now().toISOString()
    await db
      .insertInto('consultations')
      .values({
        id,
        person_id: person,
        provider_id: advisor.id,
        village_code: village,
        township_code: village.slice(0, 9),
        category: 'other',
        question: cipher.seal('邻居家漏水到我家，怎么办？', { table: 'consultations', column: 'question', id }),
        photos: '[]',
        anonymous: 0,
        contact_phone: cipher.seal(PHONES.li, { table: 'consultations', column: 'contact_phone', id }),
        consent_version: PRIVACY_NOTICE_VERSION,
        status: 'waiting',
        due_at: new Date(clock.now().getTime() + 3 * 86_400_000).toISOString(),
        posts: 0,
        asked_at: now,
        answered_at: null,
        closed_at: null,
        rating: null,
        rating_comment: null,
        case_id: null,
        updated_at: now,
        version: 0
      })
      .execute()
    return id
  }

  async function offer(person: string, status: 'offered' | 'expired'): Promise<string> {
    const { db, newId } = server.backend.services
    const id = newId()
    const now = clock.now()
    await db
      .insertInto('waitlist')
      .values({
        id,
        service: 'counselling',
        provider_id: lin.id,
        person_id: person,
        // One entry per person, counsellor and day: each its own day.
        date: new Date(T0.getTime() + (10 + slot++) * 86_400_000).toISOString().slice(0, 10),
        pseudonym: null,
        mode: 'in_person',
        status,
        booking_id: newId(),
        offered_start: '2026-12-07T02:00:00.000Z',
        offer_expires_at: new Date(now.getTime() + (status === 'offered' ? 3600_000 : -60_000)).toISOString(),
        created_at: now.toISOString(),
        updated_at: now.toISOString()
      })
      .execute()
    return id
  }

  async function screening(person: string): Promise<string> {
    const { db, newId, cipher } = server.backend.services
    const id = newId()
    const data = { answers: [0, 1, 0, 1, 0, 1, 0], total: 3, band: 'minimal', crisis: false, suggestCounselling: false }
    await db.insertInto('screenings').values({ id, person_id: person, instrument: 'gad7', data: cipher.seal(JSON.stringify(data), { table: 'screenings', column: 'data', id }), consent_version: SCREENING_CONSENT_VERSION, created_at: clock.now().toISOString() }).execute()
    return id
  }

  /** Fresh records of a kind for one caller: each action and role starts from the same state. */
  async function records(on: Kind, me: string): Promise<Partial<Record<Target, Rec>>> {
    const base: Rec = { id: '', trackingNo: GHOST_NO, phone: PHONES.li, code: '', claimCode: '', screeningId: '', counsellorId: lin.id, advisorId: he.id }
    const rec = (over: Partial<Rec>): Rec => ({ ...base, ...over })
    const ofCase = (row: { id: string; tracking_no: string; claimCode: string }, phone: string) => rec({ id: row.id, trackingNo: row.tracking_no, phone, claimCode: row.claimCode })
    switch (on) {
      case 'none':
        return { none: base }
      case 'case': {
        const [mine, mineAway, otherHere, otherAway, proxy, assigned, party] = await Promise.all([
          fileCase(me, me, HERE_VILLAGE, PHONES.li),
          fileCase(me, me, awayVillage, PHONES.li),
          fileCase(liId, liId, HERE_VILLAGE, PHONES.li),
          fileCase(liId, liId, awayVillage, PHONES.li),
          fileCase(null, tangId, HERE_VILLAGE, PHONES.proxy),
          fileCase(liId, liId, HERE_VILLAGE, PHONES.li),
          fileCase(liId, liId, awayVillage, PHONES.li)
        ])
        const { db } = server.backend.services
        await db
          .updateTable('cases')
          .set({ status: 'assigned', accepted_at: clock.now().toISOString(), assignee_id: zhouId, version: assigned.version + 1 })
          .where('id', '=', assigned.id)
          .execute()
        // The caller joined this dispute as the other party (李建国 is its applicant); it waits for their consent.
        const at = clock.now().toISOString()
        await db
          .updateTable('cases')
          .set({ kind: 'dispute', dispute_type: 'neighbours', status: 'accepted', accepted_at: at, respondent_id: me, version: party.version + 1 })
          .where('id', '=', party.id)
          .execute()
        await db
          .insertInto('case_parties')
          .values({ case_id: party.id, side: 'respondent', user_id: me, joined_at: at, consent: 'pending', consent_at: null, another_mediator_at: null, another_mediator_reason: null, end_requested_at: null, account: null, account_at: null, photos: '[]', updated_at: at })
          .execute()
        return {
          mine: ofCase(mine, PHONES.li),
          mineAway: ofCase(mineAway, PHONES.li),
          otherHere: ofCase(otherHere, PHONES.li),
          otherAway: ofCase(otherAway, PHONES.li),
          proxy: ofCase(proxy, PHONES.proxy),
          assigned: ofCase(assigned, PHONES.li),
          party: ofCase(party, PHONES.li)
        }
      }
      case 'tracking': {
        const [proxy, other] = await Promise.all([fileCase(null, tangId, HERE_VILLAGE, PHONES.proxy), fileCase(liId, liId, HERE_VILLAGE, PHONES.li)])
        return { proxy: ofCase(proxy, PHONES.proxy), otherHere: ofCase(other, PHONES.li), guess: ofCase(other, PHONES.wrong) }
      }
      case 'booking': {
        const screeningId = await screening(me)
        return {
          mine: rec({ id: await booking('counselling', lin, me, null), screeningId }),
          otherHere: rec({ id: await booking('counselling', lin, liId, null), screeningId }),
          otherAway: rec({ id: await booking('counselling', awayCounsellor, liId, null), screeningId })
        }
      }
      case 'onsite':
        return {
          mine: rec({ id: await booking('legal', he, me, HERE_VILLAGE) }),
          otherHere: rec({ id: await booking('legal', he, liId, HERE_VILLAGE) }),
          otherAway: rec({ id: await booking('legal', awayAdvisor, liId, awayVillage) })
        }
      case 'consultation':
        return {
          mine: rec({ id: await consultation(me, he, HERE_VILLAGE) }),
          otherHere: rec({ id: await consultation(liId, he, HERE_VILLAGE) }),
          otherAway: rec({ id: await consultation(liId, awayAdvisor, awayVillage) })
        }
      case 'offer':
        return { mine: rec({ id: await offer(me, 'expired') }), otherHere: rec({ id: await offer(liId, 'offered') }) }
      case 'station':
        return { here: rec({ code: 'st441302001' }), away: rec({ code: `st${AWAY_TOWNSHIP}` }) }
      case 'region':
        return { here: rec({ code: '441302001' }), away: rec({ code: AWAY_TOWNSHIP }) }
    }
  }

  const fingerprint = async () => JSON.stringify((await sql.raw(FINGERPRINT).execute(server.backend.services.db)).rows)

  test(
    'every action × every role × own / other person × own / other jurisdiction: allowed exactly where the policy says',
    async () => {
      const problems: string[] = []
      const names = [...Object.keys(MATRIX).filter((n) => !LAST.includes(n)), ...LAST]
      let cells = 0
      for (const name of names) {
        const row = MATRIX[name]
        const [fn, action] = name.split('.')
        const notFound = NOT_FOUND[row.on]
        const refusal = (code: string) => code === 'FORBIDDEN' || code === 'UNAUTHENTICATED' || code === notFound
        for (const role of ROLES) {
          const account = role === 'anonymous' ? null : ACCOUNTS[role]
          const token = account ? tokens.get(account) : undefined
          const me = users.get(account ?? 'resident-chen')!
          const recs = await records(row.on, me)
          const targets = TARGETS[row.on] as readonly Target[]
          const allowed = (t: Target) => (row.allow[t] ?? []).includes(role)
          const post = (input: unknown) => server.post(fn, { action, input, locale: 'zh-CN' }, token)

          // Refused first, between two fingerprints, with the clock moved on so that any write would show.
          clock.advance(1000)
          const before = await fingerprint()
          for (const t of targets.filter((x) => !allowed(x))) {
            cells++
            const rec = recs[t]!
            const reply = await post(row.input(rec))
            if (reply.body.ok || !refusal(reply.body.error.code)) {
              problems.push(`${name} as ${role} on ${t}: should be refused, got ${reply.body.ok ? 'ok' : reply.body.error.code}`)
              continue
            }
            if (!notFound || t === 'none') continue
            // Someone else's record: the refusal must be the answer for a record that does not exist.
            const ghost = await post(row.input({ ...rec, id: GHOST_ID, trackingNo: GHOST_NO }))
            const knows = (KNOWS[row.on]?.[t] ?? []).includes(role)
            if (!knows && JSON.stringify([reply.status, reply.body]) !== JSON.stringify([ghost.status, ghost.body])) {
              problems.push(`${name} as ${role} on ${t}: refusal ${JSON.stringify(reply.body)} differs from a nonexistent record's ${JSON.stringify(ghost.body)}`)
            }
          }
          const after = await fingerprint()
          if (after !== before) problems.push(`${name} as ${role}: a refused call changed the database (${before} → ${after})`)

          for (const t of targets.filter(allowed)) {
            cells++
            const reply = await post(row.input(recs[t]!))
            if (!reply.body.ok && (refusal(reply.body.error.code) || reply.status >= 500)) {
              problems.push(`${name} as ${role} on ${t}: should be allowed, got ${reply.body.error.code} (${reply.body.error.message})`)
            }
          }
        }
      }
      expect(problems).toEqual([])
      // 11 roles on every record each action can be pointed at.
      expect(cells).toBe(Object.values(MATRIX).reduce((n, row) => n + TARGETS[row.on].length * EVERYONE.length, 0))
    },
    600_000
  )
})
