/**
 * 粤心安 stations and, with demo on, their counsellors. Stations are reference data, like regions: one 社会心理服务站
 * for every township and a 心理服务室 in a share of villages, generated deterministically from the region table
 * (names, addresses, phones and locations are plausible, not real). Demo counsellors (1–3 per township station) and
 * the demo account counsellor-lin's weekday hours at 桥东街道 are seeded only with demo on; a few sample sessions only
 * with demo cases on too. Everything in one transaction, once: a second start finds it there and does nothing.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { FieldCipher } from '../core/crypto'
import { sealRow } from '../db/sealed'
import { BookingRepository, type BookingRow, type ProviderRow } from '../db/repositories/bookings'
import { StationRepository, type StationRow } from '../db/repositories/stations'
import { COUNSELLING_RULES, generateSlots, type WeeklyHours } from '../domain/booking/slots'
import { withinOpening } from '../domain/booking/calendar'
import { placeNames } from '../../types/address'
import { DEMO_TOWNSHIP, DEMO_VILLAGE } from './demo'
import { jitter, pick, unit } from './stable'


interface City {
  lat: number
  lng: number
  /** Rough half-width of the city's populated area, in degrees. */
  spread: number
  areaCode: string
  digits: 7 | 8
  /** Local languages besides Mandarin. */
  local: string[]
}

/** The 21 prefecture cities: centre, telephone area code, and the languages spoken there besides Mandarin. */
export const CITIES: Record<string, City> = {
  '4401': { lat: 23.129, lng: 113.264, spread: 0.3, areaCode: '020', digits: 8, local: ['cantonese'] },
  '4402': { lat: 24.81, lng: 113.597, spread: 0.45, areaCode: '0751', digits: 7, local: ['cantonese', 'hakka'] },
  '4403': { lat: 22.543, lng: 114.058, spread: 0.18, areaCode: '0755', digits: 8, local: ['cantonese', 'hakka'] },
  '4404': { lat: 22.271, lng: 113.577, spread: 0.15, areaCode: '0756', digits: 7, local: ['cantonese'] },
  '4405': { lat: 23.354, lng: 116.682, spread: 0.15, areaCode: '0754', digits: 8, local: ['teochew'] },
  '4406': { lat: 23.022, lng: 113.122, spread: 0.22, areaCode: '0757', digits: 8, local: ['cantonese'] },
  '4407': { lat: 22.579, lng: 113.082, spread: 0.35, areaCode: '0750', digits: 7, local: ['cantonese'] },
  '4408': { lat: 21.271, lng: 110.359, spread: 0.4, areaCode: '0759', digits: 7, local: ['cantonese'] },
  '4409': { lat: 21.663, lng: 110.925, spread: 0.35, areaCode: '0668', digits: 7, local: ['cantonese'] },
  '4412': { lat: 23.047, lng: 112.465, spread: 0.4, areaCode: '0758', digits: 7, local: ['cantonese'] },
  '4413': { lat: 23.112, lng: 114.416, spread: 0.35, areaCode: '0752', digits: 7, local: ['cantonese', 'hakka'] },
  '4414': { lat: 24.288, lng: 116.122, spread: 0.4, areaCode: '0753', digits: 7, local: ['hakka'] },
  '4415': { lat: 22.786, lng: 115.375, spread: 0.25, areaCode: '0660', digits: 7, local: ['teochew', 'hakka'] },
  '4416': { lat: 23.743, lng: 114.7, spread: 0.4, areaCode: '0762', digits: 7, local: ['hakka'] },
  '4417': { lat: 21.858, lng: 111.982, spread: 0.3, areaCode: '0662', digits: 7, local: ['cantonese'] },
  '4418': { lat: 23.682, lng: 113.056, spread: 0.45, areaCode: '0763', digits: 7, local: ['cantonese', 'hakka'] },
  '4419': { lat: 23.021, lng: 113.752, spread: 0.15, areaCode: '0769', digits: 8, local: ['cantonese'] },
  '4420': { lat: 22.517, lng: 113.393, spread: 0.13, areaCode: '0760', digits: 8, local: ['cantonese'] },
  '4451': { lat: 23.657, lng: 116.622, spread: 0.2, areaCode: '0768', digits: 7, local: ['teochew'] },
  '4452': { lat: 23.55, lng: 116.373, spread: 0.25, areaCode: '0663', digits: 7, local: ['teochew', 'hakka'] },
  '4453': { lat: 22.915, lng: 112.044, spread: 0.3, areaCode: '0766', digits: 7, local: ['cantonese'] }
}

/** The demo township sits where it really is, so that "nearest to me" in 惠城区 finds it first. */
const PINNED: Record<string, { lat: number; lng: number }> = { [DEMO_TOWNSHIP]: { lat: 23.0874, lng: 114.4205 } }

/** Share of villages with a room in the demo data (the province reports 98.8 %; a share keeps the list readable). */
const ROOM_SHARE = 0.12

/** 东平村民委员会 → 东平村, 翠洲社区居民委员会 → 翠洲社区, 鹤洞社区居委会 → 鹤洞社区. */
export function villageShortName(name: string): string {
  return name
    .replace(/社区居民委员会$|社区居委会$/, '社区')
    .replace(/村民委员会$|村委会$/, '村')
    .replace(/居民委员会$|居委会$/, '社区')
}

function phone(city: City, key: string): string {
  const n = Math.floor(unit(`${key}:tel`) * 10 ** (city.digits - 1) * 7) + 2 * 10 ** (city.digits - 1)
  return `${city.areaCode}-${n}`
}

const days = (weekdays: number[], spans: [string, string][]): WeeklyHours[] => weekdays.flatMap((weekday) => spans.map(([start, end]) => ({ weekday, start, end })))

/**
 * A township station's opening hours: the words shown to residents and the same hours as data, so that its
 * counsellors' hours are kept within them (a station open 周二至周六 offers no Monday).
 */
export const STATION_SCHEDULES: { text: string; hours: WeeklyHours[] }[] = [
  { text: '周一至周五 9:00–12:00，14:30–17:30', hours: days([1, 2, 3, 4, 5], [['09:00', '12:00'], ['14:30', '17:30']]) },
  { text: '周一至周六 9:00–12:00，14:00–17:00', hours: days([1, 2, 3, 4, 5, 6], [['09:00', '12:00'], ['14:00', '17:00']]) },
  { text: '周二至周六 9:00–12:00，14:30–17:30', hours: days([2, 3, 4, 5, 6], [['09:00', '12:00'], ['14:30', '17:30']]) }
]

/** The demo township's station is open when counsellor-lin works (every weekday, 9–12 and 14–17). */
export const stationSchedule = (townshipCode: string) => (townshipCode === DEMO_TOWNSHIP ? STATION_SCHEDULES[1] : pick(STATION_SCHEDULES, `${townshipCode}:h`))

/** The stations for a region table: every township, and a village room where the village's hash falls in the share. */
export function buildStations(regions: { code: string; name: string; level: string }[]): StationRow[] {
  const names = new Map(regions.map((r) => [r.code, r.name]))
  const places = new Map<string, { lat: number; lng: number }>()
  const rows: StationRow[] = []
  const placeOf = (code: string): { lat: number; lng: number } => {
    const city = CITIES[code.slice(0, 4)]
    if (code.length === 6) return jitter(city, city.spread * 0.6, code)
    if (PINNED[code]) return PINNED[code]
    if (!places.has(code)) places.set(code, code.length === 9 ? jitter(placeOf(code.slice(0, 6)), city.spread * 0.35, code) : jitter(placeOf(code.slice(0, 9)), 0.03, code))
    return places.get(code)!
  }
  // 东莞市 and 中山市 are their own county: each place name once.
  const prefix = (code: string) => placeNames([code.slice(0, 4), code.slice(0, 6), code.slice(0, 9)].map((c) => names.get(c) ?? '')).join('')
  for (const r of regions) {
    const city = CITIES[r.code.slice(0, 4)]
    if (!city) continue
    const languages = JSON.stringify(['mandarin', ...city.local])
    if (r.level === 'township') {
      rows.push({
        id: `st${r.code}`,
        kind: 'station',
        name: `${r.name}社会心理服务站`,
        region_code: r.code,
        township_code: r.code,
        city_code: r.code.slice(0, 4),
        address: `${prefix(r.code)}${pick(['综治中心二楼', '党群服务中心三楼', '综治中心一楼东侧', '社区卫生服务中心三楼'], r.code)}`,
        hours: stationSchedule(r.code).text,
        phone: phone(city, r.code),
        services: JSON.stringify(['individual', 'family', 'crisis']),
        languages,
        ...placeOf(r.code)
      })
    } else if (r.level === 'village' && !r.name.includes('虚拟') && (r.code === DEMO_VILLAGE || unit(`${r.code}:room`) < ROOM_SHARE)) {
      const short = villageShortName(r.name)
      rows.push({
        id: `st${r.code}`,
        kind: 'room',
        name: `${short}心理服务室`,
        region_code: r.code,
        township_code: r.code.slice(0, 9),
        city_code: r.code.slice(0, 4),
        address: `${prefix(r.code)}${short}党群服务中心`,
        hours: pick(['每周二、周四 14:30–17:30', '每周六 9:00–12:00', '每周三 9:00–12:00（节假日休息）'], `${r.code}:h`),
        phone: phone(city, r.code),
        services: JSON.stringify(unit(`${r.code}:f`) < 0.5 ? ['individual', 'family'] : ['individual']),
        languages,
        ...placeOf(r.code)
      })
    }
  }
  return rows
}

const SURNAMES = '陈李黄张梁林刘吴罗何郑杨谢邓许曾冯蔡彭钟叶苏卢蒋余'
const GIVEN = ['慧敏', '志明', '晓岚', '嘉怡', '永健', '丽珍', '文静', '国栋', '思颖', '少芬', '家乐', '雅琪', '振华', '玉梅']
const QUALIFICATIONS = ['国家二级心理咨询师', '国家三级心理咨询师', '心理治疗师（中级）', '中级社会工作师（心理方向）', '中国心理学会注册心理师', '精神科主管护师']
const WEEKLY: WeeklyHours[][] = [
  [1, 3, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })),
  [2, 4].map((weekday) => ({ weekday, start: '14:30', end: '17:30' })),
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '14:00', end: '17:00' })),
  [
    { weekday: 3, start: '19:00', end: '21:00' },
    { weekday: 6, start: '09:00', end: '12:00' }
  ],
  [2, 4, 6].map((weekday) => ({ weekday, start: '09:00', end: '12:00' }))
]
/** counsellor-lin: every weekday morning and afternoon, so the demo always has slots to book (her station is open then). */
export const LIN_HOURS: WeeklyHours[] = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, start: '09:00', end: '12:00' },
  { weekday, start: '14:00', end: '17:00' }
])

/** A demo counsellor's hours, within the station's: one of the usual patterns that still makes slots there, else the station's own. */
export function counsellorHours(townshipCode: string, key: string): WeeklyHours[] {
  const open = stationSchedule(townshipCode).hours
  const fitting = WEEKLY.map((w) => withinOpening(w, open)).filter((w) => makesSlots(w))
  return fitting.length ? pick(fitting, `${key}:h`) : open
}

const makesSlots = (hours: WeeklyHours[]) => hours.some((h) => minutesOf(h.end) - minutesOf(h.start) >= COUNSELLING_RULES.slotMinutes)
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

export function buildDemoCounsellors(stations: StationRow[], now: string): ProviderRow[] {
  const rows: ProviderRow[] = []
  for (const s of stations) {
    if (s.kind !== 'station') continue
    // 桥东街道 has 林静 (the demo account) and one more.
    const count = s.region_code === DEMO_TOWNSHIP ? 1 : 1 + Math.floor(unit(`${s.id}:n`) * 3)
    const local = (JSON.parse(s.languages) as string[]).slice(1)
    for (let i = 1; i <= count; i++) {
      const key = `${s.id}:${i}`
      const surname = pick([...SURNAMES], `${key}:s`)
      const modes = ['in_person', ...(unit(`${key}:p`) < 0.7 ? ['phone'] : []), ...(unit(`${key}:v`) < 0.35 ? ['video'] : [])]
      rows.push({
        id: `pv${s.region_code}${i}`,
        service: 'counselling',
        user_id: null,
        station_id: s.id,
        // Some counsellors go by a chosen name, as many do.
        display_name: unit(`${key}:d`) < 0.3 ? `${surname}老师` : `${surname}${pick(GIVEN, `${key}:g`)}`,
        qualification: pick(QUALIFICATIONS, `${key}:q`),
        languages: JSON.stringify(['mandarin', ...local.filter((_, j) => unit(`${key}:l${j}`) < 0.8)]),
        modes: JSON.stringify(modes),
        hours: JSON.stringify(counsellorHours(s.region_code, key)),
        active: 1,
        created_at: now,
        updated_at: now
      })
    }
  }
  return rows
}

export interface CounsellingSeedOptions {
  db: Kysely<Database>
  /** Demo counsellors and counsellor-lin's hours. */
  demo: boolean
  /** A few sample sessions for counsellor-lin (with demo cases on). */
  demoSessions: boolean
  cipher: FieldCipher
  newId: () => string
  now: Date
}

export async function seedCounselling({ db, demo, demoSessions, cipher, newId, now }: CounsellingSeedOptions): Promise<{ stations: number; counsellors: number; sessions: number }> {
  const made = { stations: 0, counsellors: 0, sessions: 0 }
  const needStations = (await new StationRepository(db).count()) === 0
  const needDemo = demo && !(await db.selectFrom('providers').select('id').where('user_id', 'is', null).limit(1).executeTakeFirst())
  const lin = demo ? await db.selectFrom('users').select(['id', 'display_name']).where('demo_account', '=', 'counsellor-lin').executeTakeFirst() : undefined
  const needLin = lin !== undefined && !(await db.selectFrom('providers').select('id').where('user_id', '=', lin.id).executeTakeFirst())
  if (!needStations && !needDemo && !needLin) return made

  const at = now.toISOString()
  await db.transaction().execute(async (trx) => {
    const stations = new StationRepository(trx)
    const bookings = new BookingRepository(trx)
    let rows: StationRow[] | null = null
    if (needStations) {
      rows = buildStations(await trx.selectFrom('regions').select(['code', 'name', 'level']).orderBy('code').execute())
      await stations.insertMany(rows)
      made.stations = rows.length
    }
    if (needDemo) {
      rows ??= await trx.selectFrom('stations').selectAll().where('kind', '=', 'station').orderBy('id').execute()
      made.counsellors = await bookings.insertProviders(buildDemoCounsellors(rows, at))
    }
    if (needLin && lin) {
      const provider: ProviderRow = {
        id: newId(),
        service: 'counselling',
        user_id: lin.id,
        station_id: `st${DEMO_TOWNSHIP}`,
        display_name: lin.display_name,
        qualification: '国家二级心理咨询师',
        languages: JSON.stringify(['mandarin', 'cantonese', 'hakka']),
        modes: JSON.stringify(['in_person', 'phone', 'video']),
        hours: JSON.stringify(LIN_HOURS),
        active: 1,
        // The first counsellor listed at 桥东街道.
        created_at: new Date(now.getTime() - 1000).toISOString(),
        updated_at: at
      }
      // A container starting at the same moment may have made it: then there is nothing more to do here.
      if ((await bookings.insertProviders([provider])) === 1) {
        made.counsellors++
        if (demoSessions) made.sessions = await seedSessions(trx, provider, cipher, newId, now)
      }
    }
  })
  return made
}

/** A week of counsellor-lin's work: two sessions held with notes, one missed, four to come (one of them 陈秀英's). */
async function seedSessions(trx: Kysely<Database>, lin: ProviderRow, cipher: FieldCipher, newId: () => string, now: Date): Promise<number> {
  const at = now.toISOString()
  const chen = await trx.selectFrom('users').select('id').where('demo_account', '=', 'resident-chen').executeTakeFirst()
  const visitors: string[] = []
  for (const name of ['张美玲', '黄志伟', '刘芳', '何家豪']) {
    const id = newId()
    await trx.insertInto('users').values({ id, display_name: name, openid: null, demo_account: null, home_region: null, created_at: at }).execute()
    await trx.insertInto('role_grants').values({ user_id: id, role: 'resident', region_code: '', created_at: at }).execute()
    visitors.push(id)
  }
  const past = generateSlots(LIN_HOURS, new Date(now.getTime() - 7 * 86_400_000), COUNSELLING_RULES).filter((s) => s.end.getTime() < now.getTime())
  const coming = generateSlots(LIN_HOURS, now, COUNSELLING_RULES)
  const plan: { slot: { start: Date; end: Date } | undefined; person: string | undefined; pseudonym: string | null; status: string; note?: string }[] = [
    { slot: past[past.length - 9], person: visitors[0], pseudonym: '小梅', status: 'attended', note: '初次会谈。近两个月入睡困难，与工作压力有关；已介绍睡眠卫生知识，约定下周继续。' },
    { slot: past[past.length - 5], person: visitors[1], pseudonym: '阿伟', status: 'no_show' },
    { slot: past[past.length - 2], person: visitors[2], pseudonym: null, status: 'attended', note: '家庭关系困扰，情绪尚稳定。建议下次邀请家人一同参加家庭会谈。' },
    { slot: coming[1], person: visitors[3], pseudonym: '豪仔', status: 'booked' },
    { slot: coming[3], person: chen?.id, pseudonym: '阿英', status: 'booked' },
    { slot: coming[7], person: visitors[0], pseudonym: '小梅', status: 'booked' },
    { slot: coming[12], person: visitors[2], pseudonym: null, status: 'booked' }
  ]
  let count = 0
  for (const p of plan) {
    if (!p.slot || !p.person) continue
    const row: BookingRow = {
      id: newId(),
      service: 'counselling',
      provider_id: lin.id,
      station_id: lin.station_id,
      person_id: p.person,
      pseudonym: p.pseudonym,
      starts_at: p.slot.start.toISOString(),
      ends_at: p.slot.end.toISOString(),
      mode: 'in_person',
      priority: 0,
      status: p.status,
      hold_expires_at: null,
      waitlist_id: null,
      cancelled_at: null,
      cancelled_by: null,
      cancel_reason: null,
      attendance_at: p.status === 'booked' ? null : p.slot.end.toISOString(),
      reminded_at: null,
      shared_screening_id: null,
      created_at: at,
      updated_at: at
    }
    await trx.insertInto('bookings').values(sealRow(cipher, 'bookings', row)).execute()
    if (p.note) await trx.insertInto('session_notes').values(sealRow(cipher, 'session_notes', { booking_id: row.id, provider_id: lin.id, notes: p.note, risk: 0, referral: null, updated_at: at })).execute()
    count++
  }
  return count
}
