/**
 * Roster rows as a 司法局 or 民政 office keeps them (Chinese headers; docs/rosters/README.md), read and checked
 * without I/O: each kind's rows become typed entries plus a list of issues, each naming its line and column. An
 * error keeps the whole file out (the import writes all or nothing); a warning is reported and the row is loaded.
 */
import { PHONE_PATTERN, displayPhone, toE164 } from '../../../types/phone'
import { LANGUAGES, MODES, type Language, type Mode } from '../../../types/functions/counselling'
import { LEGAL_CATEGORIES, type LegalCategory } from '../../../types/functions/legal'
import type { WeeklyHours } from '../booking/slots'
import { withinOpening } from '../booking/calendar'
import { readOpening } from './hours'

export const ROSTER_KINDS = ['stations', 'counsellors', 'advisors'] as const
export type RosterKind = (typeof ROSTER_KINDS)[number]

export type Problem =
  | 'missing_column'
  | 'missing'
  | 'missing_phone'
  | 'malformed_phone'
  | 'bad_coordinates'
  | 'unknown_region'
  | 'ambiguous_region'
  | 'unknown_village'
  | 'name_mismatch'
  | 'duplicate'
  | 'bad_hours'
  | 'unknown_station'
  | 'ambiguous_station'
  | 'unknown_value'

export interface RosterIssue {
  /** The file's line (the header is line 1); 0 for the file as a whole. */
  line: number
  /** The column's header as the file should have it. */
  column: string | null
  problem: Problem
  severity: 'error' | 'warning'
  value?: string
  detail?: string
}

/** One data row: its line in the file and its cells by header, trimmed. */
export interface RosterRecord {
  line: number
  cells: Record<string, string>
}

/** Each field's header, then the other headers offices use for it. */
type Columns = Record<string, readonly [string, ...string[]]>

export const COLUMNS = {
  stations: {
    name: ['站点名称', '名称'],
    type: ['站点类型', '类型'],
    code: ['区划代码', '镇街代码', '村居代码', '行政区划代码'],
    county: ['所在区县', '区县'],
    township: ['所在镇街', '镇街', '所属镇街'],
    address: ['地址', '详细地址'],
    lng: ['经度'],
    lat: ['纬度'],
    days: ['开放日'],
    times: ['开放时间', '服务时间'],
    phone: ['联系电话', '电话'],
    languages: ['服务语言', '语言']
  },
  counsellors: {
    name: ['姓名', '咨询师姓名'],
    station: ['所属站点', '站点名称'],
    stationCode: ['站点代码', '站点区划代码'],
    phone: ['手机号', '手机号码', '联系电话'],
    qualification: ['资质', '职业资格'],
    languages: ['服务语言', '语言'],
    modes: ['服务方式'],
    hours: ['接待时间', '值班时间']
  },
  advisors: {
    name: ['律师姓名', '姓名'],
    firm: ['律所', '律师事务所', '执业机构'],
    phone: ['手机号', '手机号码', '联系电话'],
    villages: ['服务村居', '村居名称'],
    codes: ['村居代码', '服务村居代码'],
    areas: ['执业领域', '擅长领域'],
    languages: ['服务语言', '语言']
  }
} as const satisfies Record<RosterKind, Columns>

/** Columns a file of the kind must have (a township may be named instead of coded, so `code` is not one of them). */
const REQUIRED: Record<RosterKind, string[]> = {
  stations: ['name', 'address', 'lng', 'lat', 'days', 'phone'],
  counsellors: ['name', 'station', 'phone'],
  advisors: ['name', 'firm', 'phone', 'codes']
}

const LANGUAGE_WORDS: Record<string, Language> = { 普通话: 'mandarin', 国语: 'mandarin', 粤语: 'cantonese', 广州话: 'cantonese', 白话: 'cantonese', 客家话: 'hakka', 客语: 'hakka', 潮汕话: 'teochew', 潮州话: 'teochew' }
const MODE_WORDS: Record<string, Mode> = { 面谈: 'in_person', 当面: 'in_person', 到站: 'in_person', 电话: 'phone', 视频: 'video' }
const AREA_WORDS: Record<string, LegalCategory> = {
  土地承包: 'land_contract', 土地: 'land_contract', 劳动: 'labour', 劳动争议: 'labour', 婚姻家庭: 'marriage_family', 婚姻: 'marriage_family',
  继承: 'inheritance', 相邻关系: 'neighbours', 邻里: 'neighbours', 邻里纠纷: 'neighbours', 消费: 'consumer', 消费维权: 'consumer', 其他: 'other'
}

/** Mainland landlines as offices write them (0752-2345678, 020-12345678-801) and the national service lines. */
const LANDLINE = /^0\d{2,3}-?\d{7,8}(?:-\d{1,5})?$|^12\d{3}$/
/** 07523361234 → 0752-3361234: area codes 010 and 02x have three digits, the others four. */
const landline = (compact: string): string => (compact.includes('-') || !compact.startsWith('0') ? compact : compact.replace(/^(01\d|02\d|0\d{3})/, '$1-'))
/** Guangdong lies within these (the API refuses points outside 20–26 N, 109–118 E). */
const GD = { minLat: 20.1, maxLat: 25.6, minLng: 109.6, maxLng: 117.4 }

export interface StationEntry {
  line: number
  /** st + region code: the natural key, the same id the generated station of that place has. */
  id: string
  kind: 'station' | 'room'
  regionCode: string
  name: string
  address: string
  lat: number
  lng: number
  hoursText: string
  hours: WeeklyHours[]
  phone: string
  languages: Language[] | null
}

export interface CounsellorEntry {
  line: number
  name: string
  stationId: string
  /** E.164. */
  phone: string
  qualification: string
  languages: Language[] | null
  modes: Mode[]
  hours: WeeklyHours[]
}

export interface AdvisorEntry {
  line: number
  name: string
  firm: string
  /** E.164. */
  phone: string
  villages: string[]
  areas: LegalCategory[]
  languages: Language[] | null
}

/** What the rows are checked against: the region table (code → name) and, for counsellors, the stations. */
export interface RosterContext {
  regions: ReadonlyMap<string, string>
  stations?: readonly { id: string; name: string; hours: string }[]
}

export interface Checked<E> {
  entries: E[]
  issues: RosterIssue[]
}

/** The header a field is read from in this file: the first of its names present, or null. */
function headerOf(headers: ReadonlySet<string>, names: readonly string[]): string | null {
  return names.find((n) => headers.has(n)) ?? null
}

class Reader {
  readonly issues: RosterIssue[] = []
  private readonly headers: Record<string, string | null>
  constructor(
    private readonly kind: RosterKind,
    records: RosterRecord[]
  ) {
    const present = new Set(records.flatMap((r) => Object.keys(r.cells)))
    const columns: Columns = COLUMNS[kind]
    this.headers = Object.fromEntries(Object.entries(columns).map(([field, names]) => [field, headerOf(present, names)]))
    // Headers are known from the rows' cells: a file without rows has nothing to check (and changes nothing).
    if (records.length) for (const field of REQUIRED[kind]) if (!this.headers[field]) this.issue(0, field, 'missing_column', 'error')
  }
  get ok(): boolean {
    return !this.issues.some((i) => i.line === 0)
  }
  /** The header a field is reported under: the one in the file, else the usual one. */
  column(field: string): string {
    return this.headers[field] ?? (COLUMNS[this.kind] as Columns)[field][0]
  }
  has(field: string): boolean {
    return this.headers[field] !== null
  }
  cell(record: RosterRecord, field: string): string {
    const header = this.headers[field]
    return header ? (record.cells[header] ?? '').trim() : ''
  }
  required(record: RosterRecord, field: string): string | null {
    const value = this.cell(record, field)
    if (!value) this.issue(record.line, field, field === 'phone' ? 'missing_phone' : 'missing', 'error')
    return value || null
  }
  issue(line: number, field: string, problem: Problem, severity: 'error' | 'warning', value?: string, detail?: string): void {
    this.issues.push({ line, column: this.column(field), problem, severity, ...(value !== undefined ? { value } : {}), ...(detail ? { detail } : {}) })
  }
  /** A person's mobile in E.164, or null (reported). */
  mobile(record: RosterRecord): string | null {
    const raw = this.required(record, 'phone')
    if (raw === null) return null
    const e164 = toE164(raw)
    if (!PHONE_PATTERN.test(e164)) return this.issue(record.line, 'phone', 'malformed_phone', 'error', raw), null
    return e164
  }
  /** Words from a closed list (服务语言: 普通话、粤语), null when the cell is empty. */
  words<T extends string>(record: RosterRecord, field: string, known: Record<string, T>): T[] | null {
    const raw = this.cell(record, field)
    if (!raw) return null
    const out: T[] = []
    for (const word of splitList(raw)) {
      const value = known[word] ?? (Object.values(known).includes(word as T) ? (word as T) : undefined)
      if (value === undefined) this.issue(record.line, field, 'unknown_value', 'error', word, `one of ${[...new Set(Object.keys(known))].join('、')}`)
      else if (!out.includes(value)) out.push(value)
    }
    return out
  }
}

/** 粤语、客家话 · 441302001200;441302001202 · a / b: the separators lists are written with. */
export const splitList = (text: string): string[] =>
  text
    .split(/[、,，;；/|\s]+/)
    .map((w) => w.trim())
    .filter(Boolean)

const levelOf = (code: string): 'city' | 'county' | 'township' | 'village' | null => ({ 4: 'city', 6: 'county', 9: 'township', 12: 'village' })[code.length] as never ?? null

/** 东平村民委员会, 东平村委会, 东平村 are one village: the short form is compared. */
const shortName = (name: string): string => name.replace(/(村民委员会|村委会|居民委员会|居委会|委员会)$/, '').replace(/(社区|村)$/, '')

export function checkStations(records: RosterRecord[], ctx: RosterContext): Checked<StationEntry> {
  const r = new Reader('stations', records)
  const entries: StationEntry[] = []
  if (!r.ok) return { entries, issues: r.issues }
  const townshipsByName = new Map<string, string[]>()
  for (const [code, name] of ctx.regions) if (code.length === 9) townshipsByName.set(name, [...(townshipsByName.get(name) ?? []), code])
  const seen = new Map<string, number>()
  for (const record of records) {
    const line = record.line
    const errorsBefore = r.issues.filter((i) => i.severity === 'error').length
    const name = r.required(record, 'name')
    const address = r.required(record, 'address')
    // The place: its code, or the township by name (within the county, when the county is named).
    let code = r.cell(record, 'code')
    const townshipName = r.cell(record, 'township')
    if (code) {
      const level = levelOf(code)
      if (!ctx.regions.has(code) || (level !== 'township' && level !== 'village')) r.issue(line, 'code', 'unknown_region', 'error', code, 'a township (9 digits) or village (12 digits) code')
      else if (townshipName && level === 'township' && ctx.regions.get(code) !== townshipName) r.issue(line, 'township', 'name_mismatch', 'warning', townshipName, `${code} is ${ctx.regions.get(code)}`)
    } else if (townshipName) {
      const county = r.cell(record, 'county')
      const candidates = (townshipsByName.get(townshipName) ?? []).filter((c) => !county || ctx.regions.get(c.slice(0, 6)) === county || ctx.regions.get(c.slice(0, 4)) === county)
      if (candidates.length === 1) code = candidates[0]
      else r.issue(line, 'township', candidates.length ? 'ambiguous_region' : 'unknown_region', 'error', townshipName, candidates.length ? `in ${candidates.length} places: add ${r.column('county')} or ${r.column('code')}` : undefined)
    } else r.issue(line, 'code', 'missing', 'error')
    const type = r.cell(record, 'type')
    const kind: 'station' | 'room' = type ? (/室/.test(type) ? 'room' : 'station') : code.length === 12 ? 'room' : 'station'
    if (code && ((kind === 'room') !== (code.length === 12))) r.issue(line, 'type', 'name_mismatch', 'error', type, kind === 'room' ? '服务室 needs a village code' : '服务站 needs a township code')
    // Coordinates: numbers inside Guangdong; a swapped pair is named as such.
    const lat = Number(r.cell(record, 'lat'))
    const lng = Number(r.cell(record, 'lng'))
    const inside = (la: number, ln: number) => la >= GD.minLat && la <= GD.maxLat && ln >= GD.minLng && ln <= GD.maxLng
    if (!r.cell(record, 'lat') || !r.cell(record, 'lng') || !Number.isFinite(lat) || !Number.isFinite(lng) || !inside(lat, lng)) {
      const swapped = Number.isFinite(lat) && Number.isFinite(lng) && inside(lng, lat)
      r.issue(line, 'lat', 'bad_coordinates', 'error', `${r.cell(record, 'lng')},${r.cell(record, 'lat')}`, swapped ? `${r.column('lng')} and ${r.column('lat')} look swapped` : 'longitude 109.6–117.4 and latitude 20.1–25.6 (Guangdong, decimal degrees)')
    }
    const days = r.required(record, 'days')
    const times = r.cell(record, 'times')
    const hours = days ? readOpening(days, times) : null
    if (days && !hours) r.issue(line, 'days', 'bad_hours', 'error', `${days} ${times}`.trim(), 'e.g. 周一至周五 with 9:00-12:00，14:30-17:30')
    const rawPhone = r.required(record, 'phone')
    let phone = ''
    if (rawPhone) {
      const compact = rawPhone.replace(/[\s()（）]/g, '')
      if (PHONE_PATTERN.test(toE164(compact))) phone = displayPhone(toE164(compact))
      else if (LANDLINE.test(compact)) phone = landline(compact)
      else r.issue(line, 'phone', 'malformed_phone', 'error', rawPhone, 'a landline (0752-2345678) or a mobile')
    }
    const languages = r.words(record, 'languages', LANGUAGE_WORDS)
    const id = `st${code}`
    if (code) {
      if (seen.has(id)) r.issue(line, 'code', 'duplicate', 'error', code, `the same place as line ${seen.get(id)}`)
      else seen.set(id, line)
    }
    if (r.issues.filter((i) => i.severity === 'error').length > errorsBefore) continue
    entries.push({ line, id, kind, regionCode: code, name: name!, address: address!, lat, lng, hoursText: `${days} ${times}`.trim(), hours: hours!, phone, languages })
  }
  return { entries, issues: r.issues }
}

export function checkCounsellors(records: RosterRecord[], ctx: RosterContext): Checked<CounsellorEntry> {
  const r = new Reader('counsellors', records)
  const entries: CounsellorEntry[] = []
  if (!r.ok) return { entries, issues: r.issues }
  const stations = ctx.stations ?? []
  const byName = new Map<string, typeof stations[number][]>()
  for (const s of stations) byName.set(s.name, [...(byName.get(s.name) ?? []), s])
  const byId = new Map(stations.map((s) => [s.id, s]))
  const seen = new Map<string, number>()
  for (const record of records) {
    const line = record.line
    const errorsBefore = r.issues.filter((i) => i.severity === 'error').length
    const name = r.required(record, 'name')
    const phone = r.mobile(record)
    const stationName = r.required(record, 'station')
    const stationCode = r.cell(record, 'stationCode')
    let station: typeof stations[number] | undefined
    if (stationCode) {
      station = byId.get(`st${stationCode}`)
      if (!station) r.issue(line, 'stationCode', 'unknown_station', 'error', stationCode)
      else if (stationName && station.name !== stationName) r.issue(line, 'station', 'name_mismatch', 'warning', stationName, `${stationCode} is ${station.name}`)
    } else if (stationName) {
      const found = byName.get(stationName) ?? []
      if (found.length === 1) station = found[0]
      else r.issue(line, 'station', found.length ? 'ambiguous_station' : 'unknown_station', 'error', stationName, found.length ? `${found.length} stations have this name: add ${r.column('stationCode')}` : 'import the station first, or correct its name')
    }
    const languages = r.words(record, 'languages', LANGUAGE_WORDS)
    const modes = r.words(record, 'modes', MODE_WORDS) ?? ['in_person']
    const opening = station ? readOpening(station.hours) : null
    let hours: WeeklyHours[] = opening ?? []
    const hoursText = r.cell(record, 'hours')
    if (hoursText) {
      const own = readOpening(hoursText)
      if (!own) r.issue(line, 'hours', 'bad_hours', 'error', hoursText, 'e.g. 周二、周四 14:30-17:30')
      else {
        // Kept within the station's opening, as counsellors' own hours are; what falls outside is named.
        hours = opening ? withinOpening(own, opening) : own
        if (JSON.stringify(hours) !== JSON.stringify(own)) r.issue(line, 'hours', 'bad_hours', 'warning', hoursText, hours.length ? 'partly outside the station’s opening hours: cut to them' : 'outside the station’s opening hours: no bookable time')
      }
    }
    if (phone) {
      if (seen.has(phone)) r.issue(line, 'phone', 'duplicate', 'error', displayPhone(phone), `the same person as line ${seen.get(phone)}`)
      else seen.set(phone, line)
    }
    if (r.issues.filter((i) => i.severity === 'error').length > errorsBefore || !station) continue
    entries.push({ line, name: name!, stationId: station.id, phone: phone!, qualification: r.cell(record, 'qualification') || '心理咨询师', languages, modes: modes.filter((m) => (MODES as readonly string[]).includes(m)), hours })
  }
  return { entries, issues: r.issues }
}

export function checkAdvisors(records: RosterRecord[], ctx: RosterContext): Checked<AdvisorEntry> {
  const r = new Reader('advisors', records)
  const entries: AdvisorEntry[] = []
  if (!r.ok) return { entries, issues: r.issues }
  const seenPhone = new Map<string, number>()
  const seenVillage = new Map<string, number>()
  for (const record of records) {
    const line = record.line
    const errorsBefore = r.issues.filter((i) => i.severity === 'error').length
    const name = r.required(record, 'name')
    const firm = r.required(record, 'firm')
    const phone = r.mobile(record)
    const codes = splitList(r.required(record, 'codes') ?? '')
    const names = splitList(r.cell(record, 'villages'))
    const villages: string[] = []
    codes.forEach((code, i) => {
      if (!/^\d{12}$/.test(code) || !ctx.regions.has(code)) return r.issue(line, 'codes', 'unknown_village', 'error', code)
      const given = names.length === codes.length ? names[i] : undefined
      if (given && shortName(given) !== shortName(ctx.regions.get(code)!)) r.issue(line, 'villages', 'name_mismatch', 'warning', given, `${code} is ${ctx.regions.get(code)}`)
      if (seenVillage.has(code)) r.issue(line, 'codes', 'duplicate', 'error', code, `also given to line ${seenVillage.get(code)}: a village has one advisor`)
      else seenVillage.set(code, line)
      if (!villages.includes(code)) villages.push(code)
    })
    if (names.length && names.length !== codes.length) r.issue(line, 'villages', 'name_mismatch', 'warning', names.join('、'), `${names.length} names for ${codes.length} codes`)
    const areas = r.words(record, 'areas', AREA_WORDS) ?? [...LEGAL_CATEGORIES]
    const languages = r.words(record, 'languages', LANGUAGE_WORDS)
    if (phone) {
      if (seenPhone.has(phone)) r.issue(line, 'phone', 'duplicate', 'error', displayPhone(phone), `the same person as line ${seenPhone.get(phone)}`)
      else seenPhone.set(phone, line)
    }
    if (r.issues.filter((i) => i.severity === 'error').length > errorsBefore) continue
    entries.push({ line, name: name!, firm: firm!, phone: phone!, villages, areas: areas.includes('other') ? areas : [...areas, 'other'], languages })
  }
  return { entries, issues: r.issues }
}

/** Languages stored for a place: those given, else Mandarin and the city's own. */
export const languagesOr = (given: Language[] | null, fallback: readonly string[]): string[] => (given?.length ? (given.includes('mandarin') ? given : ['mandarin', ...given]) : [...fallback]).filter((l) => (LANGUAGES as readonly string[]).includes(l))
