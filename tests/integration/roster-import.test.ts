/**
 * Real rosters (issue 15): stations, counsellors and legal advisors loaded from an office's CSV or XLSX file, on every
 * configured database — checked first (nothing written when a row is wrong), matched by natural key (re-importing
 * changes nothing), a dry run that writes nothing and says what would change, demo data of the roster's places
 * replaced, and the imported records found by the same actions residents use.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { importRoster, formatReport, type RosterReport } from '../../cloud/application/rosters'
import { readCsv, readRosterFile } from '../../cloud/application/roster-files'
import { siteOf } from '../../cloud/db/sealed'
import { admin } from '../../cloud/admin'
import type { RosterKind, RosterRecord } from '../../cloud/domain/rosters/rows'
import type { Envelope } from '../../types/api'
import type { Station, StationDetail } from '../../types/functions/counselling'
import type { VillageAdvisor } from '../../types/functions/legal'

const SAMPLES = path.join(__dirname, '../../docs/rosters')
const sample = (name: string) => readRosterFile(path.join(SAMPLES, name))
const csv = (lines: string[]) => readCsv(lines.join('\n'))

function ok<T>(r: Envelope<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
  return r.data
}

async function xlsx(rows: (string | number)[][]): Promise<RosterRecord[]> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'minan-roster-')), 'roster.xlsx')
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('名册')
  for (const row of rows) sheet.addRow(row)
  await book.xlsx.writeFile(file)
  try {
    return await readRosterFile(file)
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true })
  }
}

const ids = (changes: { id: string }[]) => changes.map((c) => c.id).sort()

describe.each(DATABASES)('roster import on %s', (kind) => {
  let server: TestServer
  let resident: string
  const db = () => server.backend.services.db
  const run = (k: RosterKind, records: RosterRecord[], dryRun = false) => importRoster(server.backend.services, k, records, { dryRun })
  const count = async (table: 'stations' | 'providers' | 'legal_villages' | 'legal_advisors' | 'roster_entries') => Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
  /** Everything an import may write, to compare before and after a dry run. */
  const snapshot = async () => ({
    stations: await db().selectFrom('stations').selectAll().where('region_code', 'like', '441303%').orderBy('id').execute(),
    providers: await db().selectFrom('providers').select(['id', 'active', 'station_id', 'display_name', 'hours']).orderBy('id').execute(),
    villages: await db().selectFrom('legal_villages').selectAll().where('village_code', 'like', '441303%').orderBy('village_code').execute(),
    advisors: await count('legal_advisors'),
    entries: await count('roster_entries')
  })

  beforeAll(async () => {
    server = await startTestServer(kind)
    resident = await server.signIn('resident-chen')
  })
  afterAll(async () => server.close())

  test('stations (CSV): a dry run writes nothing; the import replaces the generated rows in place; a re-import changes nothing', async () => {
    const records = await sample('stations.csv')
    const before = await snapshot()
    const generatedRooms = before.stations.filter((s) => s.kind === 'room' && s.id !== 'st441303002201').length
    expect(generatedRooms).toBeGreaterThan(0)

    const dry = await run('stations', records, true)
    expect(dry).toMatchObject({ dryRun: true, applied: false, errors: 0, rows: 3 })
    expect(await snapshot()).toEqual(before)

    const real = await run('stations', records)
    expect(real).toMatchObject({ applied: true, errors: 0 })
    // The dry run said exactly what the import then did.
    expect(ids(real.added)).toEqual(ids(dry.added))
    expect(ids(real.updated)).toEqual(ids(dry.updated))
    expect(ids(real.withdrawn)).toEqual(ids(dry.withdrawn))
    expect(ids([...real.added, ...real.updated])).toEqual(['st441303001', 'st441303002', 'st441303002201'])
    // The generated rooms of 惠阳区 that nothing refers to are gone; its other township stations are still generated.
    expect(real.withdrawn).toHaveLength(generatedRooms)
    expect(real.stillGenerated).toBe(before.stations.filter((s) => s.kind === 'station').length - 2)

    const danshui = await db().selectFrom('stations').selectAll().where('id', '=', 'st441303001').executeTakeFirstOrThrow()
    expect(danshui).toMatchObject({ kind: 'station', name: '淡水街道社会心理服务站', address: '惠州市惠阳区淡水街道开城大道中88号综治中心二楼', phone: '0752-3361234', hours: '周一至周五 9:00-12:00,14:30-17:30', lat: 22.7887, lng: 114.4563 })
    expect(JSON.parse(danshui.languages)).toEqual(['mandarin', 'cantonese', 'hakka'])
    // 秋长街道 was named, not coded: found in 惠阳区.
    expect((await db().selectFrom('stations').select('address').where('id', '=', 'st441303002').executeTakeFirstOrThrow()).address).toContain('秋长街道党群服务中心')

    const again = await run('stations', records)
    expect(again).toMatchObject({ applied: true, added: [], updated: [], withdrawn: [], unchanged: 3 })
    expect(await count('roster_entries')).toBe(3)

    // Residents find them: by region and nearest to a point.
    const inTownship = ok(await server.call<Station[]>('counselling', 'stations', { regionCode: '441303001' }))
    expect(inTownship.map((s) => s.name)).toContain('淡水街道社会心理服务站')
    const near = ok(await server.call<Station[]>('counselling', 'stations', { near: { lat: 22.8411, lng: 114.4012 }, limit: 3 }))
    expect(near[0]).toMatchObject({ id: 'st441303002201', name: '维布村心理服务室', hours: '每周二、周四 14:30-17:30' })
  })

  test('counsellors (XLSX): each named station gets exactly its roster; phones sealed; re-import idempotent', async () => {
    const records = await sample('counsellors.xlsx')
    const demoThere = await db().selectFrom('providers').select('id').where('service', '=', 'counselling').where('station_id', 'in', ['st441303001', 'st441303002']).where('active', '=', 1).execute()
    expect(demoThere.length).toBeGreaterThan(0)
    const before = await snapshot()

    const dry = await run('counsellors', records, true)
    expect(dry).toMatchObject({ applied: false, errors: 0, updated: [], unchanged: 0 })
    expect(dry.added.map((c) => c.label)).toEqual(['陈晓岚 138****0001', '李志明 139****0002', '黄嘉怡 136****0003'])
    expect(ids(dry.withdrawn)).toEqual(ids(demoThere))
    expect(await snapshot()).toEqual(before)

    const real = await run('counsellors', records)
    expect(real).toMatchObject({ applied: true, errors: 0 })
    expect(real.added).toHaveLength(3)
    expect(ids(real.withdrawn)).toEqual(ids(demoThere))

    const detail = ok(await server.call<StationDetail>('counselling', 'station', { id: 'st441303001' }))
    expect(detail.counsellors.map((c) => c.displayName).sort()).toEqual(['李志明', '陈晓岚'])
    const li = detail.counsellors.find((c) => c.displayName === '李志明')!
    // His own hours, Monday and Wednesday mornings; the station's languages, as none were given.
    expect(li).toMatchObject({ qualification: '国家三级心理咨询师', modes: ['in_person'], languages: ['mandarin', 'cantonese', 'hakka'] })
    expect(li.hours).toEqual([
      { weekday: 1, start: '09:00', end: '12:00' },
      { weekday: 3, start: '09:00', end: '12:00' }
    ])
    const chen = detail.counsellors.find((c) => c.displayName === '陈晓岚')!
    expect(chen.hours).toHaveLength(10)
    // 黄嘉怡's Tuesday–Saturday afternoons, within 秋长街道's Monday–Saturday 14:00–17:00.
    const qiuchang = ok(await server.call<StationDetail>('counselling', 'station', { id: 'st441303002' }))
    expect(qiuchang.counsellors.map((c) => [c.displayName, c.hours.length, c.modes])).toEqual([['黄嘉怡', 5, ['in_person', 'video']]])

    // The mobile number is sealed to its row, never in clear; the key is its keyed hash.
    const { cipher } = server.backend.services
    const entry = await db().selectFrom('roster_entries').selectAll().where('kind', '=', 'counsellor').where('record_id', '=', chen.id).executeTakeFirstOrThrow()
    expect(entry.phone).toMatch(/^v2\./)
    expect(entry.phone).not.toContain('13800000001')
    expect(cipher.open(entry.phone!, siteOf('roster_entries', 'phone', entry))).toBe('+8613800000001')
    expect(entry.natural_key).toBe(cipher.hash('+8613800000001'))

    const again = await run('counsellors', records)
    expect(again).toMatchObject({ added: [], updated: [], withdrawn: [], unchanged: 3 })
    // A changed row is updated in place (matched by the phone, written differently): no second 陈晓岚.
    const changed = await xlsx([
      ['姓名', '所属站点', '手机号', '资质'],
      ['陈晓岚', '秋长街道社会心理服务站', '+86 138 0000 0001', '国家二级心理咨询师']
    ])
    const moved = await run('counsellors', changed)
    expect(moved.updated.map((c) => c.id)).toEqual([chen.id])
    expect(moved.withdrawn.map((c) => c.label)).toEqual(['黄嘉怡 (st441303002)'])
    expect((await db().selectFrom('providers').select('station_id').where('id', '=', chen.id).executeTakeFirstOrThrow()).station_id).toBe('st441303002')
    expect(await db().selectFrom('roster_entries').select('record_id').where('kind', '=', 'counsellor').execute()).toHaveLength(3)
  })

  test('advisors (CSV): the county directory replaces the demo advisors; villages left without one are counted', async () => {
    const records = await sample('advisors.csv')
    const villageCount = Number((await db().selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).where('level', '=', 'village').where('code', 'like', '441303%').executeTakeFirstOrThrow()).n)
    const demoAdvisors = await db().selectFrom('legal_villages').select('provider_id as id').distinct().where('village_code', 'like', '441303%').execute()
    expect(demoAdvisors.length).toBeGreaterThan(0)
    const before = await snapshot()

    const dry = await run('advisors', records, true)
    expect(dry).toMatchObject({ applied: false, errors: 0, unchanged: 0 })
    expect(dry.added.map((c) => c.label)).toEqual(['张伟文 广东惠正律师事务所 13500000011', '刘慧玲 广东惠信律师事务所 13500000012', '邓国良 广东惠和律师事务所 13500000013'])
    expect(dry.coverage).toHaveLength(1)
    expect(dry.coverage![0]).toMatchObject({ code: '441303', name: '惠阳区', villages: villageCount, withoutAdvisor: villageCount - 5 })
    expect(dry.coverage![0].sample).toHaveLength(5)
    expect(await snapshot()).toEqual(before)

    const real = await run('advisors', records)
    expect(real).toMatchObject({ applied: true, errors: 0, coverage: dry.coverage })
    expect(ids(real.withdrawn)).toEqual(ids(demoAdvisors))

    const shangtang = ok(await server.call<VillageAdvisor>('legal', 'forVillage', { code: '441303001001' }, resident))
    expect(shangtang.advisor).toMatchObject({ name: '张伟文', firm: '广东惠正律师事务所', phone: '13500000011', townshipCode: '441303001', practiceAreas: ['land_contract', 'labour', 'marriage_family', 'other'] })
    const weibu = ok(await server.call<VillageAdvisor[]>('legal', 'search', { q: '维布', within: '441303' }, resident))
    expect(weibu.map((v) => [v.code, v.advisor?.name])).toEqual([['441303002201', '刘慧玲']])
    // A village of 惠阳区 the file leaves out has no advisor now (not a demo one).
    const left = dry.coverage![0].sample[0].code
    expect(ok(await server.call<VillageAdvisor>('legal', 'forVillage', { code: left }, resident)).advisor).toBeNull()

    const again = await run('advisors', records)
    expect(again).toMatchObject({ added: [], updated: [], withdrawn: [], unchanged: 3 })
    // 刘慧玲 changes firm and gives 高岭村 to 邓国良: two updated, nobody added or withdrawn.
    const changed = csv([
      '律师姓名,律所,手机号,村居代码,执业领域,服务语言',
      '张伟文,广东惠正律师事务所,13500000011,441303001001、441303001002,土地承包、劳动、婚姻家庭,普通话、客家话',
      '刘慧玲,广东惠明律师事务所,13500000012,441303002201,,',
      '邓国良,广东惠和律师事务所,13500000013,441303002001、441303002202,劳动、消费维权,普通话、粤语'
    ])
    const moved = await run('advisors', changed)
    expect(moved).toMatchObject({ added: [], withdrawn: [], unchanged: 1 })
    expect(moved.updated.map((c) => c.label.split(' ')[0])).toEqual(['刘慧玲', '邓国良'])
    expect(ok(await server.call<VillageAdvisor>('legal', 'forVillage', { code: '441303002202' }, resident)).advisor?.name).toBe('邓国良')
  })

  test('the validation report names each problem by line and column, and a file with an error writes nothing', async () => {
    const before = await snapshot()
    const advisors = csv([
      '律师姓名,律所,手机号,服务村居,村居代码',
      '王一,广东惠正律师事务所,13500000021,上塘社区,441303001001',
      '王二,广东惠正律师事务所,,东风社区,441303001002',
      '王三,广东惠正律师事务所,1350000002,,441303999999',
      '王四,广东惠正律师事务所,13500000021,红星社区,441303001005',
      '王五,广东惠正律师事务所,13500000025,秋长社区,441303001001'
    ])
    const report = await run('advisors', advisors)
    expect(report).toMatchObject({ applied: false, added: [], updated: [] })
    expect(report.issues.map((i) => [i.line, i.column, i.problem])).toEqual([
      [3, '手机号', 'missing_phone'],
      [4, '手机号', 'malformed_phone'],
      [4, '村居代码', 'unknown_village'],
      [5, '手机号', 'duplicate'],
      [6, '服务村居', 'name_mismatch'],
      [6, '村居代码', 'duplicate']
    ])
    expect(report.errors).toBe(5)
    expect(report.warnings).toBe(1)
    expect(formatReport(report, 'advisors.csv')).toEqual(
      expect.arrayContaining([
        'advisors from advisors.csv: 5 rows, 5 errors, 1 warnings',
        '  ERROR   line 4: 村居代码: no village or community has the code "441303999999"',
        'nothing imported: correct the errors above and import the file again'
      ])
    )

    const stations = await xlsx([
      ['站点名称', '所在镇街', '地址', '经度', '纬度', '开放日', '联系电话'],
      ['某某站', '淡水街道', '某地', 22.79, 114.45, '周一至周五 9:00-17:00', '0752-3361234'],
      ['另一站', '不存在街道', '某地', 114.45, 22.79, '随时', '12'],
      ['重复站', '淡水街道', '某地', 114.45, 22.79, '工作日 9:00-17:00', '0752-3361234']
    ])
    const s = await run('stations', stations)
    expect(s.issues.map((i) => [i.line, i.column, i.problem, i.detail ?? ''])).toEqual([
      [2, '纬度', 'bad_coordinates', '经度 and 纬度 look swapped'],
      [3, '所在镇街', 'unknown_region', ''],
      [3, '开放日', 'bad_hours', 'e.g. 周一至周五 with 9:00-12:00，14:30-17:30'],
      [3, '联系电话', 'malformed_phone', 'a landline (0752-2345678) or a mobile'],
      [4, '区划代码', 'duplicate', 'the same place as line 2']
    ])

    const counsellors = csv(['姓名,所属站点,手机号', '赵六,不存在的服务站,13800000031', '赵七,淡水街道社会心理服务站,13800000031'])
    const c = await run('counsellors', counsellors)
    expect(c.issues.map((i) => [i.line, i.column, i.problem])).toEqual([
      [2, '所属站点', 'unknown_station'],
      [3, '手机号', 'duplicate']
    ])
    const missing = await run('counsellors', csv(['姓名,手机号', '赵八,13800000041']))
    expect(missing.issues).toEqual([expect.objectContaining({ line: 0, column: '所属站点', problem: 'missing_column', message: 'the file has no column 所属站点' })])
    expect(await snapshot()).toEqual(before)
  })
})

test('npm run admin -- import: a dry run with --json, then the import; exit 1 and nothing written for a file with errors', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-roster-cli-'))
  const first = await startTestServer('sqlite', { dataDir })
  await first.close()
  const previous = { dir: process.env.MINAN_DATA_DIR, demo: process.env.MINAN_DEMO }
  process.env.MINAN_DATA_DIR = dataDir
  process.env.MINAN_DEMO = '1'
  const bad = path.join(dataDir, 'bad.csv')
  // GB18030, as Excel saves a CSV on a Chinese Windows.
  fs.writeFileSync(bad, encodeGb18030('律师姓名,律所,手机号,村居代码\n王一,广东惠正律师事务所,13500000021,441303999999\n'))
  try {
    const lines: string[] = []
    const cli = (...argv: string[]) => admin(argv, (l) => lines.push(l))
    expect(await cli('import', 'stations', path.join(SAMPLES, 'stations.csv'), '--dry-run', '--json')).toBe(0)
    const dry = JSON.parse(lines.join('\n')) as RosterReport & { file: string }
    expect(dry).toMatchObject({ kind: 'stations', dryRun: true, applied: false, errors: 0 })
    expect(dry.added.length + dry.updated.length).toBe(3)
    lines.length = 0
    expect(await cli('import', 'stations', path.join(SAMPLES, 'stations.csv'))).toBe(0)
    expect(lines[0]).toBe(`stations from ${path.join(SAMPLES, 'stations.csv')}: 3 rows, 0 errors, 0 warnings`)
    lines.length = 0
    expect(await cli('import', 'advisors', bad)).toBe(1)
    expect(lines).toContain('  ERROR   line 2: 村居代码: no village or community has the code "441303999999"')
    expect(await cli('import', 'lawyers', bad)).toBe(2)
  } finally {
    for (const [key, value] of [['MINAN_DATA_DIR', previous.dir], ['MINAN_DEMO', previous.demo]] as const) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
})

/** Node decodes GB18030 but does not encode it: the few characters this test needs, from their GB18030 bytes. */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030')
  const table = new Map<string, number[]>()
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const ch = decoder.decode(new Uint8Array([hi, lo]))
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo])
    }
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch) ?? [0x3f])))
}
