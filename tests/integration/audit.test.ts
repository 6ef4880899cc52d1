/**
 * The audit log of reads of personal data, through the real HTTP server on every configured database: a staff read
 * makes exactly one row (who, which action, whose record, when, under which role); a person reading their own record
 * makes none; only an admin reads the log (filtered, paged); the database refuses to change or delete a row.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'
import { Kysely, PostgresDialect, sql } from 'kysely'
import { Client, Pool } from 'pg'
import { migrate } from '../../cloud/db/migrations'
import type { Database } from '../../cloud/db/schema'
import { admin } from '../../cloud/admin'
import { verifyAudit } from '../../cloud/application/audit'
import { atLocal } from '../../cloud/domain/booking/slots'
import { fixedClock } from '../../cloud/ports/clock'
import type { Envelope } from '../../types/api'
import type { AuditEntry } from '../../types/functions/admin'
import type { Booking, FreeSlot } from '../../types/functions/counselling'
import type { Consultation, VillageAdvisor } from '../../types/functions/legal'
import type { CaseDetail } from '../../types/functions/petition'
import { createPgDatabase, DATABASES, PG_URL, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'

/** Monday 30 November 2026, 08:00 in Shanghai. */
const T0 = atLocal('2026-11-30', '08:00')

const ok = <T>(r: Envelope<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
  return r.data
}

describe.each(DATABASES)('audit log on %s', (kind) => {
  const clock = fixedClock(T0)
  let server: TestServer
  let chen: string, huang: string, lin: string, he: string, adminToken: string
  const ids = new Map<string, string>()

  beforeAll(async () => {
    server = await startTestServer(kind, { clock })
    ;[chen, huang, lin, he, adminToken] = await Promise.all(['resident-chen', 'centre-huang', 'counsellor-lin', 'advisor-he', 'admin'].map((a) => server.signIn(a)))
    for (const u of await server.backend.services.db.selectFrom('users').select(['id', 'demo_account']).where('demo_account', 'is not', null).execute()) ids.set(u.demo_account!, u.id)
  })
  afterAll(async () => server.close())

  const rows = () => server.backend.services.db.selectFrom('audit_log').selectAll().orderBy('at').orderBy('id').execute()
  const audit = (input: Record<string, unknown>, token = adminToken) => server.call<{ items: AuditEntry[]; nextCursor: string | null }>('admin', 'audit', input, token)

  test('a staff read makes exactly one row; the person reading their own case makes none', async () => {
    const filed = ok(await server.call<CaseDetail>('petition', 'file', filing(), chen))
    ok(await server.call('petition', 'get', { id: filed.id }, chen))
    expect(await rows()).toEqual([])

    clock.advance(60_000)
    const seen = ok(await server.call<CaseDetail>('petition', 'get', { id: filed.id }, huang))
    expect(seen.contactPhone).toBe('13812345678')
    expect(await rows()).toEqual([
      {
        id: expect.any(String),
        at: clock.now().toISOString(),
        actor_id: ids.get('centre-huang'),
        actor_role: 'centre_staff',
        actor_region: '441302001',
        action: 'petition.get',
        subject_kind: 'case',
        subject_id: filed.id,
        person_id: ids.get('resident-chen'),
        seq: 1,
        prev_hash: '',
        hash: expect.stringMatching(/^[\w-]{43}$/)
      }
    ])
    // A move answers with the case in full: that read is logged as the move.
    clock.advance(60_000)
    ok(await server.call('petition', 'accept', { id: filed.id }, huang))
    expect((await rows()).map((r) => r.action)).toEqual(['petition.get', 'petition.accept'])
    // A refused read writes nothing.
    expect(await server.call('petition', 'get', { id: filed.id }, lin)).toMatchObject({ ok: false, error: { code: 'CASE_NOT_FOUND' } })
    expect(await rows()).toHaveLength(2)
  })

  test('a counsellor reading sessions, station staff reading bookings, an advisor reading a question: one row each', async () => {
    const before = (await rows()).length
    const slots = ok(await server.call<FreeSlot[]>('counselling', 'slots', { stationId: 'st441302001' }))
    const booked = ok(await server.call<Booking>('counselling', 'book', { counsellorId: slots[0].counsellorId, start: slots[0].start, mode: 'in_person' }, chen))
    ok(await server.call('counselling', 'myBookings', {}, chen))
    expect(await rows()).toHaveLength(before)

    clock.advance(60_000)
    const day = slots[0].start.slice(0, 10)
    ok(await server.call('counselling', 'schedule', { from: day, days: 1 }, lin))
    clock.advance(1000)
    ok(await server.call('counselling', 'stationBookings', { stationId: 'st441302001', from: day, days: 1 }, huang))
    clock.advance(1000)
    const advisor = ok(await server.call<VillageAdvisor>('legal', 'forVillage', { code: '441302001200' })).advisor!
    const asked = ok(await server.call<Consultation>('legal', 'ask', { advisorId: advisor.id, villageCode: '441302001200', category: 'other', text: '邻居家漏水怎么办？' }, chen))
    ok(await server.call('legal', 'consultation', { id: asked.id }, chen))
    ok(await server.call('legal', 'consultation', { id: asked.id }, he))
    const added = (await rows()).slice(before).map((r) => [r.actor_id, r.actor_role, r.actor_region, r.action, r.subject_kind, r.subject_id, r.person_id])
    const chenId = ids.get('resident-chen')
    expect(added).toEqual([
      [ids.get('counsellor-lin'), 'counsellor', '441302001', 'counselling.schedule', 'booking', booked.id, chenId],
      [ids.get('centre-huang'), 'centre_staff', '441302001', 'counselling.stationBookings', 'booking', booked.id, chenId],
      [ids.get('advisor-he'), 'legal_advisor', '441302001', 'legal.consultation', 'consultation', asked.id, chenId]
    ])
  })

  test('only an admin reads the log: by reader, record, person and time, newest first, in pages', async () => {
    const all = await rows()
    expect(all.length).toBe(5)
    expect(await audit({}, huang)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await audit({}, chen)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await server.call('admin', 'audit', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })

    const everything = ok(await audit({}))
    expect(everything.items.map((e) => e.id)).toEqual([...all].reverse().map((r) => r.id))
    expect(everything.nextCursor).toBeNull()

    const byHuang = ok(await audit({ actorId: ids.get('centre-huang') }))
    expect(byHuang.items.map((e) => e.action)).toEqual(['counselling.stationBookings', 'petition.accept', 'petition.get'])
    expect(byHuang.items[2]).toMatchObject({ role: 'centre_staff', roleRegion: '441302001', subjectKind: 'case', personId: ids.get('resident-chen') })
    const caseId = byHuang.items[2].subjectId
    expect(ok(await audit({ subjectId: caseId })).items.map((e) => e.action)).toEqual(['petition.accept', 'petition.get'])
    expect(ok(await audit({ personId: ids.get('resident-chen') })).items).toHaveLength(5)
    expect(ok(await audit({ personId: ids.get('resident-li') })).items).toHaveLength(0)
    expect(ok(await audit({ action: 'legal.consultation' })).items).toHaveLength(1)
    // [from, to): the first minute's read only.
    const first = all[0].at
    expect(ok(await audit({ from: first, to: new Date(new Date(first).getTime() + 1000).toISOString() })).items.map((e) => e.action)).toEqual(['petition.get'])
    expect(await audit({ from: first, to: first })).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE', field: 'to' } })

    const pages: string[] = []
    let cursor: string | null | undefined
    do {
      const page = ok(await audit({ limit: 2, ...(cursor ? { cursor } : {}) }))
      expect(page.items.length).toBeLessThanOrEqual(2)
      pages.push(...page.items.map((e) => e.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(pages).toEqual(everything.items.map((e) => e.id))
    expect(await audit({ cursor: 'not-a-cursor' })).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE', field: 'cursor' } })
    // Reading the log is not itself a read of anyone's personal data.
    expect(await rows()).toHaveLength(5)
  })

  test('append-only: the database refuses to change or delete a row', async () => {
    const { db } = server.backend.services
    const before = await rows()
    expect(before.length).toBeGreaterThan(0)
    if (kind === 'sqlite') expect((await sql<{ name: string }>`select name from sqlite_master where type = 'trigger' and tbl_name = 'audit_log' order by name`.execute(db)).rows.map((r) => r.name)).toEqual(['audit_log_chained', 'audit_log_no_delete', 'audit_log_no_replace', 'audit_log_no_update'])
    // Matched on the message, not with toThrow(): better-sqlite3's SqliteError comes from whichever jest sandbox loaded
    // the native module first, so in a shared worker it is not an Error of this one.
    const appendOnly = { message: expect.stringMatching(/append-only/) }
    await expect(db.updateTable('audit_log').set({ actor_id: 'someone-else' }).execute()).rejects.toMatchObject(appendOnly)
    await expect(db.deleteFrom('audit_log').execute()).rejects.toMatchObject(appendOnly)
    if (kind === 'postgres') await expect(sql`truncate audit_log`.execute(db)).rejects.toMatchObject(appendOnly)
    // Nor can a row be put in the place of another (on SQLite INSERT OR REPLACE deletes without the delete trigger).
    const [first] = before
    const cols = sql.raw('id, at, actor_id, actor_role, action, subject_kind, subject_id, seq, prev_hash, hash')
    const values = sql`${first.id}, ${first.at}, 'someone-else', 'admin', 'x.y', 'case', 'c1', ${first.seq}, ${first.prev_hash}, ${first.hash}`
    if (kind === 'sqlite') {
      await expect(sql`insert or replace into audit_log (${cols}) values (${values})`.execute(db)).rejects.toMatchObject(appendOnly)
      await expect(sql`replace into audit_log (${cols}) values (${values})`.execute(db)).rejects.toMatchObject(appendOnly)
      await expect(sql`insert or ignore into audit_log (${cols}) values (${values})`.execute(db)).rejects.toMatchObject(appendOnly)
    } else {
      await expect(sql`insert into audit_log (${cols}) values (${values}) on conflict (id) do update set actor_id = excluded.actor_id`.execute(db)).rejects.toMatchObject(appendOnly)
    }
    // Putting an id that no deletion recorded as a pseudonym in a row is an update like any other.
    await expect(db.updateTable('audit_log').set({ person_id: 'erased-made-up' }).where('id', '=', first.id).execute()).rejects.toMatchObject(appendOnly)
    expect(await rows()).toEqual(before)
  })

  test('the log is a hash chain: intact after concurrent writers, and a deleted account is replaced by a pseudonym', async () => {
    const { db, cipher } = server.backend.services
    const filed = ok(await server.call<CaseDetail>('petition', 'file', filing(), chen))
    const before = (await rows()).length
    // Many audited reads at once: on PostgreSQL each waits for the chain's head, so the links stay in one line.
    await Promise.all(Array.from({ length: 40 }, () => server.call('petition', 'get', { id: filed.id }, huang).then(ok)))
    expect((await rows()).length).toBe(before + 40)
    expect(await verifyAudit(db, cipher)).toEqual({ chained: before + 40, unchained: 0, broken: null })

    // 陈秀英 deletes her account: the rows about her keep what was read, when and by whom, but not her id.
    const chenId = ids.get('resident-chen')!
    const about = (await rows()).filter((r) => r.person_id === chenId).map((r) => r.id)
    expect(about.length).toBeGreaterThan(40)
    ok(await server.call('account', 'deleteAccount', { confirm: true }, chen))
    const after = await rows()
    expect(after.filter((r) => r.person_id === chenId)).toEqual([])
    const pseudonyms = new Set(after.filter((r) => about.includes(r.id)).map((r) => r.person_id))
    expect(pseudonyms.size).toBe(1)
    expect([...pseudonyms][0]).toMatch(/^erased-/)
    // The chain still verifies: it covers a keyed tag of the id, recorded with the pseudonym.
    expect((await verifyAudit(db, cipher)).broken).toBeNull()
    expect(await db.selectFrom('audit_erasures').select('pseudonym').execute()).toEqual([{ pseudonym: [...pseudonyms][0] }])
    chen = await server.signIn('resident-chen')
    ids.set('resident-chen', (await db.selectFrom('users').select('id').where('demo_account', '=', 'resident-chen').executeTakeFirstOrThrow()).id)
  })
})

describe.each(DATABASES)('tampering with the audit log on %s', (kind) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer(kind)
    const [chen, huang] = await Promise.all([server.signIn('resident-chen'), server.signIn('centre-huang')])
    const filed = ok(await server.call<CaseDetail>('petition', 'file', filing(), chen))
    for (let i = 0; i < 5; i++) ok(await server.call('petition', 'get', { id: filed.id }, huang))
  })
  afterAll(async () => server.close())

  /** Someone with the database's own rights: the guards dropped, then a row changed behind the app's back. */
  async function dropGuards(): Promise<void> {
    const { db } = server.backend.services
    if (kind === 'sqlite') for (const t of ['audit_log_no_update', 'audit_log_no_delete', 'audit_log_no_replace']) await sql.raw(`drop trigger if exists ${t}`).execute(db)
    else for (const t of ['audit_log_no_update', 'audit_log_no_delete']) await sql.raw(`drop trigger if exists ${t} on audit_log`).execute(db)
  }
  const verify = () => verifyAudit(server.backend.services.db, server.backend.services.cipher)
  const bySeq = (seq: number) => server.backend.services.db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow()

  test('a changed row, a removed row and a cut-off end are each found at the first broken link', async () => {
    const { db } = server.backend.services
    expect(await verify()).toEqual({ chained: 5, unchained: 0, broken: null })
    await dropGuards()
    // Who read it, rewritten.
    const third = await bySeq(3)
    await db.updateTable('audit_log').set({ actor_id: 'someone-else' }).where('id', '=', third.id).execute()
    expect((await verify()).broken).toEqual({ seq: 3, id: third.id, reason: 'content' })
    await db.updateTable('audit_log').set({ actor_id: third.actor_id }).where('id', '=', third.id).execute()
    expect((await verify()).broken).toBeNull()
    // A row taken out of the middle.
    const second = await bySeq(2)
    await db.deleteFrom('audit_log').where('id', '=', second.id).execute()
    expect((await verify()).broken).toEqual({ seq: 2, id: null, reason: 'missing' })
    await db.insertInto('audit_log').values(second).execute()
    // The last row taken away: the head says the chain is longer.
    const fifth = await bySeq(5)
    await db.deleteFrom('audit_log').where('id', '=', fifth.id).execute()
    expect((await verify()).broken).toEqual({ seq: 5, id: null, reason: 'head' })
  })
})

test('npm run admin -- audit verify: exit 0 on an intact chain, 1 with the first broken link named', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-verify-'))
  const server = await startTestServer('sqlite', { dataDir })
  const previous = process.env.MINAN_DATA_DIR
  try {
    const [chen, huang] = await Promise.all([server.signIn('resident-chen'), server.signIn('centre-huang')])
    const filed = ok(await server.call<CaseDetail>('petition', 'file', filing(), chen))
    for (let i = 0; i < 3; i++) ok(await server.call('petition', 'get', { id: filed.id }, huang))
    const { db } = server.backend.services
    const second = await db.selectFrom('audit_log').select('id').where('seq', '=', 2).executeTakeFirstOrThrow()
    await server.close()
    process.env.MINAN_DATA_DIR = dataDir
    const lines: string[] = []
    expect(await admin(['audit', 'verify'], (l) => lines.push(l))).toBe(0)
    expect(lines).toEqual(['audit log intact: 3 rows chained'])
    // Changed behind the app's back, with the guard dropped.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Database = require('better-sqlite3') as typeof import('better-sqlite3')
    const raw = new Database(path.join(dataDir, 'minan.sqlite'))
    raw.exec('drop trigger audit_log_no_update')
    raw.prepare("update audit_log set subject_id = 'another-case' where seq = 2").run()
    raw.close()
    lines.length = 0
    expect(await admin(['audit', 'verify'], (l) => lines.push(l))).toBe(1)
    expect(lines).toEqual([`audit log BROKEN at seq 2 (row ${second.id}): the row was changed; 1 rows verified before it`])
  } finally {
    if (previous === undefined) delete process.env.MINAN_DATA_DIR
    else process.env.MINAN_DATA_DIR = previous
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
})

test('npm run admin -- audit prints the log, filtered; a bad flag prints the usage', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-audit-'))
  const server = await startTestServer('sqlite', { dataDir })
  const previous = process.env.MINAN_DATA_DIR
  try {
    const [chen, huang] = await Promise.all([server.signIn('resident-chen'), server.signIn('centre-huang')])
    const filed = ok(await server.call<CaseDetail>('petition', 'file', filing(), chen))
    ok(await server.call('petition', 'get', { id: filed.id }, huang))
    const huangId = (await server.backend.services.db.selectFrom('users').select('id').where('demo_account', '=', 'centre-huang').executeTakeFirstOrThrow()).id
    await server.close()
    process.env.MINAN_DATA_DIR = dataDir
    const lines: string[] = []
    const run = (...argv: string[]) => admin(argv, (l) => lines.push(l))
    expect(await run('audit', '--actor', huangId)).toBe(0)
    expect(lines).toHaveLength(1)
    expect(lines[0].split('\t').slice(1)).toEqual([huangId, 'centre_staff@441302001', 'petition.get', `case:${filed.id}`, expect.any(String)])
    lines.length = 0
    expect(await run('audit', '--actor', 'nobody-at-all-00')).toBe(0)
    expect(lines).toEqual([])
    expect(await run('audit', '--who', huangId)).toBe(2)
    expect(await run('audit', '--from', 'yesterday')).toBe(2)
  } finally {
    if (previous === undefined) delete process.env.MINAN_DATA_DIR
    else process.env.MINAN_DATA_DIR = previous
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
})

const pgOnly = PG_URL ? test : test.skip

pgOnly('on PostgreSQL the role that owns the log has no UPDATE, DELETE or TRUNCATE on it (only the pseudonym columns)', async () => {
  const role = `minan_owner_${crypto.randomBytes(4).toString('hex')}`
  const admin = new Client({ connectionString: PG_URL })
  await admin.connect()
  const database = await createPgDatabase('minan_grants')
  try {
    await admin.query(`create role ${role} login`)
    const asAdmin = new Client({ connectionString: database.url })
    await asAdmin.connect()
    await asAdmin.query(`grant all on schema public to ${role}`)
    await asAdmin.end()
    const url = new URL(database.url)
    url.username = role
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: url.toString(), max: 1 }) }) })
    try {
      // The role runs the migrations, so it owns the table, as a deployment that migrates with the app's role would.
      await migrate(db)
      const row = { id: 'a1', at: T0.toISOString(), actor_id: 'u1', actor_role: 'admin', actor_region: null, action: 'x.y', subject_kind: 'case', subject_id: 'c1', person_id: 'p1' }
      // A row outside the chain is refused; the app's rows are links.
      await expect(db.insertInto('audit_log').values({ ...row, seq: null, prev_hash: null, hash: null }).execute()).rejects.toMatchObject({ message: expect.stringMatching(/audit_log_chained/) })
      await db.insertInto('audit_log').values({ ...row, seq: 1, prev_hash: '', hash: 'h1' }).execute()
      const denied = { message: expect.stringMatching(/permission denied/) }
      await expect(sql`update audit_log set action = 'z.z'`.execute(db)).rejects.toMatchObject(denied)
      await expect(sql`delete from audit_log`.execute(db)).rejects.toMatchObject(denied)
      await expect(sql`truncate audit_log`.execute(db)).rejects.toMatchObject(denied)
      await expect(sql`truncate audit_erasures`.execute(db)).rejects.toMatchObject(denied)
      // The columns a deletion's pseudonym replaces may be updated, and then only to a recorded pseudonym.
      await expect(sql`update audit_log set person_id = 'erased-nobody'`.execute(db)).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) })
      expect((await db.selectFrom('audit_log').select(['action', 'person_id']).execute())).toEqual([{ action: 'x.y', person_id: 'p1' }])
    } finally {
      await db.destroy()
    }
  } finally {
    await database.drop()
    await admin.query(`drop role if exists ${role}`)
    await admin.end()
  }
})
