/** Roster rows as offices write them: opening days in words, phones with separators, lists with 、 — read or named. */
import fs from 'node:fs'
import path from 'node:path'
import { readOpening, readWeekdays } from '../../cloud/domain/rosters/hours'
import { checkAdvisors, checkCounsellors, checkStations, splitList, type RosterRecord } from '../../cloud/domain/rosters/rows'

const regions = new Map([
  ['441303', '惠阳区'],
  ['441303001', '淡水街道'],
  ['441303001001', '上塘社区居民委员会'],
  ['441302', '惠城区'],
  ['441302001', '桥东街道'],
  ['441302099', '淡水街道'] // a second township of the name, to make the name ambiguous without its county
])
const rows = (header: string[], ...data: string[][]): RosterRecord[] => data.map((cells, i) => ({ line: i + 2, cells: Object.fromEntries(header.map((h, j) => [h, cells[j] ?? ''])) }))

describe('opening days', () => {
  test.each([
    ['周一至周五', [1, 2, 3, 4, 5]],
    ['星期二到星期六', [2, 3, 4, 5, 6]],
    ['每周二、周四', [2, 4]],
    ['周二、四', [2, 4]],
    ['工作日', [1, 2, 3, 4, 5]],
    ['周末', [6, 7]],
    ['每天', [1, 2, 3, 4, 5, 6, 7]],
    ['周六至周一', [1, 6, 7]],
    ['每周三（节假日休息）', [3]],
    ['随时', []]
  ])('%s', (text, days) => expect(readWeekdays(text)).toEqual(days))

  test('days and times in one cell or two; the generated stations’ own texts read back', () => {
    expect(readOpening('周一至周五 9:00–12:00，14:30–17:30')).toEqual([1, 2, 3, 4, 5].flatMap((weekday) => [{ weekday, start: '09:00', end: '12:00' }, { weekday, start: '14:30', end: '17:30' }]))
    expect(readOpening('每周二、周四', '14:30-17:30')).toEqual([{ weekday: 2, start: '14:30', end: '17:30' }, { weekday: 4, start: '14:30', end: '17:30' }])
    expect(readOpening('每周三 9:00–12:00（节假日休息）')).toEqual([{ weekday: 3, start: '09:00', end: '12:00' }])
    expect(readOpening('周一至周五')).toBeNull()
    expect(readOpening('周一', '17:00-09:00')).toBeNull()
  })
})

test('a file without rows has nothing wrong and nothing to load', () => expect(checkAdvisors([], { regions })).toEqual({ entries: [], issues: [] }))

test('lists split on the marks people use', () => expect(splitList('441303001001、441303001002; 441303001005 /441303001006，x')).toEqual(['441303001001', '441303001002', '441303001005', '441303001006', 'x']))

test('a station named by its township needs the county where the name repeats', () => {
  const header = ['站点名称', '所在区县', '所在镇街', '地址', '经度', '纬度', '开放日', '联系电话']
  const { entries, issues } = checkStations(rows(header, ['甲站', '惠阳区', '淡水街道', '某地', '114.45', '22.79', '周一至周五 9:00-17:00', '(0752) 3361234'], ['乙站', '', '淡水街道', '某地', '114.45', '22.79', '周一至周五 9:00-17:00', '0752-3361234']), { regions })
  expect(entries.map((e) => [e.id, e.kind, e.phone])).toEqual([['st441303001', 'station', '0752-3361234']])
  expect(issues).toEqual([expect.objectContaining({ line: 3, column: '所在镇街', problem: 'ambiguous_region', severity: 'error' })])
})

test('an advisor’s phone in any usual form is one number; villages are checked against the region table', () => {
  const header = ['律师姓名', '律所', '手机号', '服务村居', '村居代码']
  const { entries, issues } = checkAdvisors(rows(header, ['张三', '某律所', '+86 135-0000-0011', '下塘村', '441303001001'], ['李四', '某律所', '8613500000011', '', '441302001']), { regions })
  expect(entries).toEqual([expect.objectContaining({ phone: '+8613500000011', villages: ['441303001001'] })])
  // 下塘村 for 上塘社区居民委员会: a different name, reported but loaded (上塘村 would pass: 村改居 renames are common).
  expect(issues.map((i) => [i.line, i.problem, i.severity])).toEqual([
    [2, 'name_mismatch', 'warning'],
    [3, 'unknown_village', 'error'],
    [3, 'duplicate', 'error']
  ])
})

test('a counsellor’s hours are kept within the station’s opening, and what falls outside is named', () => {
  const stations = [{ id: 'st441303001', name: '淡水街道社会心理服务站', hours: '周一至周五 9:00-12:00' }]
  const header = ['姓名', '所属站点', '手机号', '接待时间']
  const { entries, issues } = checkCounsellors(rows(header, ['甲', '淡水街道社会心理服务站', '13800000001', '周五至周六 10:00-17:00'], ['乙', '淡水街道社会心理服务站', '13800000002', '']), { regions, stations })
  expect(entries.map((e) => e.hours)).toEqual([[{ weekday: 5, start: '10:00', end: '12:00' }], [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' }))])
  expect(issues).toEqual([expect.objectContaining({ line: 2, column: '接待时间', problem: 'bad_hours', severity: 'warning', detail: 'partly outside the station’s opening hours: cut to them' })])
})

test('the file parsers stay with the admin command: nothing the mini-program or a cloud function loads imports them', () => {
  const root = path.join(__dirname, '../..')
  const walk = (dir: string): string[] => fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [path.join(dir, d.name)] : []))
  const importers = [...walk('src'), ...walk('cloud'), ...walk('types')].filter((f) => /from '(exceljs|csv-parse[^']*)'|import\('exceljs'\)/.test(fs.readFileSync(path.join(root, f), 'utf8')))
  expect(importers).toEqual(['cloud/application/roster-files.ts'])
  const readers = [...walk('src'), ...walk('cloud'), ...walk('types')].filter((f) => /roster-files'/.test(fs.readFileSync(path.join(root, f), 'utf8')))
  expect(readers).toEqual(['cloud/admin.ts'])
})
