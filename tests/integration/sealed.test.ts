/**
 * Personal data at rest (issue #12, item 7): after filing, adding information, accepting, booking and asking, none of
 * the personal strings is anywhere in the raw database — the SQLite file and its WAL, or every row of every table on
 * PostgreSQL. A sealed value moved to another row or column never opens; v1 values still open and are sealed again
 * as v2; a key rotation reseals everything under the new key.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import type { CaseDetail } from '../../types/functions/petition'
import type { Booking, FreeSlot } from '../../types/functions/counselling'
import type { Consultation, VillageAdvisor } from '../../types/functions/legal'
import type { MessagesOutput } from '../../types/functions/messages'
import { FieldCipher, parseKeyRing } from '../../cloud/core/crypto'
import { resealAll, sealAtRest, siteOf } from '../../cloud/db/sealed'
import type { Envelope } from '../../types/api'

const DONGPING = '441302001200'

/** Strings that name, locate or describe a person: none may be stored in clear. */
const SECRETS = {
  title: '邻居司徒某侵占宅基地',
  description: '身份证号440102199001011234，本人有高血压病史，对方多次上门威胁。',
  idNumber: '440102199001011234',
  address: '东平村幸福路88号之三',
  lat: '23.456789',
  lng: '114.987654',
  otherPartyName: '欧阳对方人',
  otherPartyContact: '13900001111',
  contactName: '司徒联系人',
  contactPhone: '13712345679',
  addInfo: '补充材料：对方的儿子上官某也参与了',
  acceptNote: '受理意见：已电话核实申请人住址',
  pseudonym: '化名小丸子',
  question: '离婚以后孩子的抚养权一般怎么判？我有抑郁症病史。'
}

function ok<T>(r: Envelope<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
  return r.data
}

describe.each(DATABASES)('sealed personal data on %s', (kind) => {
  let server: TestServer
  let resident: string
  let centre: string
  let filed: CaseDetail

  beforeAll(async () => {
    server = await startTestServer(kind)
    ;[resident, centre] = await Promise.all([server.signIn('resident-chen'), server.signIn('centre-huang')])
  })
  afterAll(async () => server?.close())

  const db = () => server.backend.services.db
  const cipher = () => server.backend.services.cipher

  /** Every byte the database keeps: the SQLite file and its WAL, or every row of every table on PostgreSQL. */
  async function rawDatabase(): Promise<Buffer> {
    if (kind === 'sqlite') {
      await sql`pragma wal_checkpoint(PASSIVE)`.execute(db())
      const file = path.join(server.config.dataDir, 'minan.sqlite')
      return Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)))
    }
    const { rows: tables } = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db())
    const parts: string[] = []
    for (const { name } of tables) {
      const { rows } = await sql<{ row: string }>`select t::text as row from ${sql.table(name)} t`.execute(db())
      // One at a time: the region search's tables hold hundreds of thousands of rows, too many to spread as arguments.
      for (const r of rows) parts.push(r.row)
    }
    return Buffer.from(parts.join('\n'), 'utf8')
  }

  test('after filing, adding information, accepting, booking and asking, no personal string is stored in clear', async () => {
    filed = ok(
      await server.call<CaseDetail>(
        'petition',
        'file',
        filing({
          kind: 'dispute',
          disputeType: 'neighbours',
          title: SECRETS.title,
          description: SECRETS.description,
          address: SECRETS.address,
          location: { lat: Number(SECRETS.lat), lng: Number(SECRETS.lng) },
          otherPartyName: SECRETS.otherPartyName,
          otherPartyContact: SECRETS.otherPartyContact,
          contactName: SECRETS.contactName,
          contactPhone: SECRETS.contactPhone
        }),
        resident
      )
    )
    ok(await server.call('petition', 'addInfo', { id: filed.id, text: SECRETS.addInfo }, resident))
    ok(await server.call('petition', 'accept', { id: filed.id, note: SECRETS.acceptNote }, centre))
    const slots = ok(await server.call<FreeSlot[]>('counselling', 'slots', { stationId: 'st441302001' }))
    ok(await server.call<Booking>('counselling', 'book', { counsellorId: slots[0].counsellorId, start: slots[0].start, mode: 'in_person', pseudonym: SECRETS.pseudonym }, resident))
    const advisor = ok(await server.call<VillageAdvisor>('legal', 'forVillage', { code: DONGPING })).advisor!
    ok(await server.call<Consultation>('legal', 'ask', { advisorId: advisor.id, villageCode: DONGPING, category: 'marriage_family', text: SECRETS.question }, resident))

    // What the app shows is unchanged: staff read it all back in clear.
    const seen = ok(await server.call<CaseDetail>('petition', 'get', { id: filed.id }, centre))
    expect(seen).toMatchObject({
      title: SECRETS.title,
      description: SECRETS.description,
      address: SECRETS.address,
      location: { lat: Number(SECRETS.lat), lng: Number(SECRETS.lng) },
      otherPartyName: SECRETS.otherPartyName,
      otherPartyContact: SECRETS.otherPartyContact,
      contactName: SECRETS.contactName,
      contactPhone: SECRETS.contactPhone
    })
    expect(seen.events.map((e) => e.data)).toEqual(expect.arrayContaining([expect.objectContaining({ text: SECRETS.addInfo }), expect.objectContaining({ note: SECRETS.acceptNote })]))
    const staffMessages = ok(await server.call<MessagesOutput['list']>('messages', 'list', {}, centre))
    expect(staffMessages.items.find((m) => m.caseId === filed.id)?.title).toBe(SECRETS.title)

    const raw = await rawDatabase()
    const found = Object.entries(SECRETS).filter(([, text]) => raw.includes(Buffer.from(text, 'utf8')))
    expect(found.map(([name]) => name)).toEqual([])
    // The scan does see what is stored in clear: the tracking number, and the demo resident's display name.
    expect(raw.includes(Buffer.from(filed.trackingNo, 'utf8'))).toBe(true)
  })

  test('the SQLite file, its WAL and the files folder are the owner’s only (0600 / 0700)', async () => {
    if (kind !== 'sqlite') return
    await server.backend.services.files.put('zz-permission-probe', Buffer.from('photo'))
    const mode = (f: string) => fs.statSync(f).mode & 0o777
    const file = path.join(server.config.dataDir, 'minan.sqlite')
    const files = path.join(server.config.dataDir, 'files')
    expect([file, `${file}-wal`].map((f) => mode(f) & 0o077)).toEqual([0, 0])
    expect([mode(files) & 0o077, mode(path.join(files, 'zz')) & 0o077, mode(path.join(files, 'zz', 'zz-permission-probe')) & 0o077]).toEqual([0, 0, 0])
  })

  test('a sealed value moved to another row or column does not open: an error, never the other data', async () => {
    const other = ok(await server.call<CaseDetail>('petition', 'file', filing({ title: '另一件事' }), resident))
    const source = await db().selectFrom('cases').select(['id', 'title', 'contact_phone']).where('id', '=', filed.id).executeTakeFirstOrThrow()
    // Another row, same column.
    await db().updateTable('cases').set({ title: source.title }).where('id', '=', other.id).execute()
    const moved = await server.call<CaseDetail>('petition', 'get', { id: other.id }, centre)
    expect(moved).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(moved)).not.toContain(SECRETS.title)
    // Same row, another column.
    await db().updateTable('cases').set({ title: cipher().seal('另一件事', siteOf('cases', 'title', other)), contact_name: source.contact_phone }).where('id', '=', other.id).execute()
    const swapped = await server.call<CaseDetail>('petition', 'get', { id: other.id }, centre)
    expect(swapped).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(swapped)).not.toContain(SECRETS.contactPhone)
    // An event's text moved to another event.
    const events = await db().selectFrom('case_events').select(['case_id', 'seq', 'public_data']).where('case_id', '=', filed.id).orderBy('seq').execute()
    await db().updateTable('case_events').set({ public_data: events[1].public_data }).where('case_id', '=', filed.id).where('seq', '=', 1).execute()
    expect(await server.call<CaseDetail>('petition', 'get', { id: filed.id }, centre)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    await db().updateTable('case_events').set({ public_data: events[0].public_data }).where('case_id', '=', filed.id).where('seq', '=', 1).execute()
    await db().updateTable('cases').set({ contact_name: cipher().seal('陈秀英', siteOf('cases', 'contact_name', other)) }).where('id', '=', other.id).execute()
    expect(ok(await server.call<CaseDetail>('petition', 'get', { id: other.id }, centre)).title).toBe('另一件事')
  })

  test('v1 values (sealed before values were bound to their row) still open, and the one-time pass seals them as v2', async () => {
    const keys = JSON.parse(fs.readFileSync(path.join(server.config.dataDir, 'keys.json'), 'utf8')) as { dataKeys: string }
    const [keyId, b64] = keys.dataKeys.split(',')[0].split(':')
    const sealV1 = (plain: string) => {
      const iv = crypto.randomBytes(12)
      const c = crypto.createCipheriv('aes-256-gcm', Buffer.from(b64, 'base64'), iv)
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
      return ['v1', keyId, iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
    }
    await db().updateTable('cases').set({ contact_name: sealV1('旧格式的姓名') }).where('id', '=', filed.id).execute()
    expect(ok(await server.call<CaseDetail>('petition', 'get', { id: filed.id }, centre)).contactName).toBe('旧格式的姓名')

    // As a database from before 0016 at its first start: a title in clear, a v1 name, no record of the pass.
    await db().updateTable('cases').set({ title: '从前明文的标题' }).where('id', '=', filed.id).execute()
    await db().deleteFrom('meta').where('key', '=', 'sealed_v2').execute()
    const count = await sealAtRest(db(), cipher(), kind)
    expect(count).toMatchObject({ sealed: 1 })
    expect(count!.resealed).toBeGreaterThanOrEqual(1)
    const row = await db().selectFrom('cases').select(['title', 'contact_name']).where('id', '=', filed.id).executeTakeFirstOrThrow()
    expect([row.title.slice(0, 3), row.contact_name.slice(0, 3)]).toEqual(['v2.', 'v2.'])
    expect(ok(await server.call<CaseDetail>('petition', 'get', { id: filed.id }, centre))).toMatchObject({ title: '从前明文的标题', contactName: '旧格式的姓名', description: SECRETS.description })
    // Done once: the next start finds it done.
    expect(await sealAtRest(db(), cipher(), kind)).toBeNull()
  })

  test('key rotation: with a new key first in the ring, reseal brings every value under it, and the old key can go', async () => {
    const keys = JSON.parse(fs.readFileSync(path.join(server.config.dataDir, 'keys.json'), 'utf8')) as { dataKeys: string; hashKey: string }
    const newKey = `k9:${crypto.randomBytes(32).toString('base64')}`
    const rotated = new FieldCipher(parseKeyRing(`${newKey},${keys.dataKeys}`, keys.hashKey))
    const { resealed } = await resealAll(db(), rotated, kind)
    expect(resealed).toBeGreaterThan(10)
    expect((await resealAll(db(), rotated, kind)).resealed).toBe(0)
    const newOnly = new FieldCipher(parseKeyRing(newKey, keys.hashKey))
    const row = await db().selectFrom('cases').selectAll().where('id', '=', filed.id).executeTakeFirstOrThrow()
    expect(row.title.startsWith('v2.k9.')).toBe(true)
    expect(newOnly.open(row.title, siteOf('cases', 'title', row))).toBe('从前明文的标题')
    // The old cipher alone no longer opens it.
    expect(() => cipher().open(row.title, siteOf('cases', 'title', row))).toThrow()
  })
})
