/**
 * 一村（居）一法律顾问 demo directory: every one of Guangdong's villages and communities gets an advisor, generated
 * deterministically from the region table. Each advisor serves 1–3 villages of one township and keeps one on-site day
 * a month in each (驻村日: the nth weekday of the month, at the village committee's office). Names, firms and phones
 * are plausible, not real, so the directory is seeded only with demo on: a production directory comes from the
 * justice bureau's roster, never from invented lawyers. The demo account advisor-he (何文律师) is the advisor of
 * 东平村民委员会 and two more villages of 桥东街道. Bulk inserts in one transaction, once: a second start does nothing.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { FieldCipher } from '../core/crypto'
import { sealRow } from '../db/sealed'
import { BookingRepository, type ProviderRow } from '../db/repositories/bookings'
import { LEGAL_SERVICE, LegalDirectoryRepository, type LegalAdvisorRow, type LegalVillageRow } from '../db/repositories/legal'
import type { WeeklyHours } from '../domain/booking/slots'
import { dueAfter, DEFAULT_LEGAL_SETTINGS } from '../domain/legal/thread'
import { LEGAL_CATEGORIES } from '../../types/functions/legal'
import { CITIES } from './counselling'
import { DEMO_TOWNSHIP, DEMO_VILLAGE } from './demo'
import { jitter, pick, unit } from './stable'


/** One character of each city's name as firms there use it: 广东惠正律师事务所. */
const CITY_MARK: Record<string, string> = {
  '4401': '穗', '4402': '韶', '4403': '鹏', '4404': '珠', '4405': '汕', '4406': '禅', '4407': '邑', '4408': '湛', '4409': '茂', '4412': '端',
  '4413': '惠', '4414': '梅', '4415': '海', '4416': '源', '4417': '阳', '4418': '清', '4419': '莞', '4420': '香', '4451': '潮', '4452': '揭', '4453': '云'
}
const FIRM_MARKS = ['正', '信', '和', '诚', '明', '德', '衡', '平', '泰', '恒', '立', '睿']
const SURNAMES = '陈李黄张梁林刘吴罗何郑杨谢邓许曾冯蔡彭钟叶苏卢蒋余温邱赖廖'
const GIVEN = ['志强', '晓东', '丽君', '伟文', '嘉欣', '建华', '海燕', '俊杰', '淑贞', '卓明', '颖', '斌', '婷', '国良', '少华', '文峰', '慧玲', '振宇']
const WINDOWS: [string, string][] = [
  ['09:00', '12:00'],
  ['14:30', '17:30'],
  ['09:30', '11:30'],
  ['14:00', '17:00']
]
const MOBILE = ['135', '136', '137', '138', '139', '150', '158', '159', '180', '186', '188']

/** 何文律师's villages and on-site days: 东平村 on the 2nd Tuesday, 文头岭村 on the 4th Thursday, 东湖社区 on the 1st Wednesday. */
export const HE_VILLAGES = [DEMO_VILLAGE, '441302001202', '441302001001']
export const HE_HOURS: WeeklyHours[] = [
  { nth: 2, weekday: 2, start: '09:00', end: '12:00', place: DEMO_VILLAGE },
  { nth: 4, weekday: 4, start: '14:30', end: '17:30', place: '441302001202' },
  { nth: 1, weekday: 3, start: '09:00', end: '12:00', place: '441302001001' }
]
export const HE_PROVIDER_ID = `lg${DEMO_TOWNSHIP}001`

export interface LegalDirectory {
  providers: ProviderRow[]
  advisors: LegalAdvisorRow[]
  villages: LegalVillageRow[]
}

/**
 * The directory for a region table and the townships' locations: each township's villages in code order (桥东街道's
 * with 何文律师's three first), cut into groups of 1–3, one advisor per group, on-site days in distinct weeks.
 */
export function buildLegalDirectory(regions: { code: string; level: string }[], townships: Map<string, { lat: number | null; lng: number | null }>, now: string): LegalDirectory {
  const byTownship = new Map<string, string[]>()
  for (const r of regions) {
    if (r.level !== 'village') continue
    const township = r.code.slice(0, 9)
    if (!byTownship.has(township)) byTownship.set(township, [])
    byTownship.get(township)!.push(r.code)
  }
  const out: LegalDirectory = { providers: [], advisors: [], villages: [] }
  for (const [township, codes] of [...byTownship].sort(([a], [b]) => a.localeCompare(b))) {
    const cityCode = township.slice(0, 4)
    const city = CITIES[cityCode]
    const villages = township === DEMO_TOWNSHIP ? [...HE_VILLAGES, ...codes.filter((c) => !HE_VILLAGES.includes(c))] : [...codes].sort()
    const centre = townships.get(township)
    for (let i = 0, n = 1; i < villages.length; n++) {
      const id = `lg${township}${String(n).padStart(3, '0')}`
      const size = id === HE_PROVIDER_ID ? HE_VILLAGES.length : Math.min(villages.length - i, 1 + Math.floor(unit(`${id}:size`) * 3))
      const group = villages.slice(i, i + size)
      i += size
      const firstWeek = Math.floor(unit(`${id}:nth`) * 4)
      const weekday = 1 + Math.floor(unit(`${id}:wd`) * 5)
      const hours: WeeklyHours[] =
        id === HE_PROVIDER_ID
          ? HE_HOURS
          : group.map((place, j) => {
              const [start, end] = pick(WINDOWS, `${place}:win`)
              // Each village in a different week of the month, so an advisor is never due in two places on one day.
              return { nth: ((firstWeek + j) % 4) + 1, weekday, start, end, place }
            })
      const local = city?.local ?? []
      const areas = LEGAL_CATEGORIES.filter((c, k) => c === 'land_contract' || c === 'other' || unit(`${id}:area${k}`) < 0.45)
      out.providers.push({
        id,
        service: LEGAL_SERVICE,
        user_id: null,
        // Advisors are anchored at their township's station (where the centre is); they keep hours in their villages.
        station_id: `st${township}`,
        display_name: `${pick([...SURNAMES], `${id}:s`)}${pick(GIVEN, `${id}:g`)}`,
        qualification: unit(`${id}:q`) < 0.8 ? '专职律师' : '律师事务所合伙人',
        languages: JSON.stringify(['mandarin', ...local.filter((_, k) => unit(`${id}:l${k}`) < 0.75)]),
        modes: JSON.stringify(['in_person']),
        hours: JSON.stringify(hours),
        active: 1,
        created_at: now,
        updated_at: now
      })
      out.advisors.push({
        provider_id: id,
        firm: `广东${CITY_MARK[cityCode] ?? '粤'}${pick(FIRM_MARKS, `${id}:firm`)}律师事务所`,
        practice_areas: JSON.stringify(areas),
        phone: `${pick(MOBILE, `${id}:m`)}${String(Math.floor(unit(`${id}:tel`) * 1e8)).padStart(8, '0')}`,
        township_code: township,
        created_at: now
      })
      for (const code of group) {
        const place = centre && centre.lat !== null && centre.lng !== null ? jitter({ lat: centre.lat, lng: centre.lng }, 0.03, code) : { lat: null, lng: null }
        out.villages.push({ village_code: code, provider_id: id, township_code: township, ...place })
      }
    }
  }
  return out
}

export interface LegalSeedOptions {
  db: Kysely<Database>
  /** The demo directory and advisor-he's profile. */
  demo: boolean
  /** A few sample consultations for advisor-he (with demo cases on). */
  demoConsultations: boolean
  cipher: FieldCipher
  newId: () => string
  now: Date
}

export async function seedLegal({ db, demo, demoConsultations, cipher, newId, now }: LegalSeedOptions): Promise<{ advisors: number; villages: number; consultations: number }> {
  const made = { advisors: 0, villages: 0, consultations: 0 }
  if (!demo) return made
  const needDirectory = (await new LegalDirectoryRepository(db).villageCount()) === 0
  const he = await db.selectFrom('users').select(['id', 'display_name']).where('demo_account', '=', 'advisor-he').executeTakeFirst()
  const needHe = he !== undefined && !(await db.selectFrom('providers').select('id').where('user_id', '=', he.id).where('service', '=', LEGAL_SERVICE).executeTakeFirst())
  if (!needDirectory && !needHe) return made

  const at = now.toISOString()
  await db.transaction().execute(async (trx) => {
    const directory = new LegalDirectoryRepository(trx)
    if (needDirectory) {
      const [regions, stations] = await Promise.all([
        trx.selectFrom('regions').select(['code', 'level']).where('level', '=', 'village').orderBy('code').execute(),
        trx.selectFrom('stations').select(['region_code', 'lat', 'lng']).where('kind', '=', 'station').execute()
      ])
      const built = buildLegalDirectory(regions, new Map(stations.map((s) => [s.region_code, s])), at)
      made.advisors = await new BookingRepository(trx).insertProviders(built.providers)
      await directory.insertAdvisors(built.advisors)
      made.villages = await directory.insertVillages(built.villages)
    }
    if (needHe && he) {
      // A concurrent first start may have linked the profile already: then this updates nothing.
      const linked = await trx
        .updateTable('providers')
        .set({ user_id: he.id, display_name: he.display_name.replace(/律师$/, ''), languages: JSON.stringify(['mandarin', 'cantonese', 'hakka']), updated_at: at })
        .where('id', '=', HE_PROVIDER_ID)
        .where('user_id', 'is', null)
        .executeTakeFirst()
      if (Number(linked.numUpdatedRows) === 1) {
        await trx.updateTable('legal_advisors').set({ firm: '广东惠正律师事务所', practice_areas: JSON.stringify(LEGAL_CATEGORIES), phone: '13809881234' }).where('provider_id', '=', HE_PROVIDER_ID).execute()
        if (demoConsultations) made.consultations = await seedConsultations(trx, cipher, newId, now)
      }
    }
  })
  return made
}

/** 何文律师's workbench on the first day of the demo: one question overdue, one answered, one just asked anonymously. */
async function seedConsultations(trx: Kysely<Database>, cipher: FieldCipher, newId: () => string, now: Date): Promise<number> {
  const chen = await trx.selectFrom('users').select('id').where('demo_account', '=', 'resident-chen').executeTakeFirst()
  const li = await trx.selectFrom('users').select('id').where('demo_account', '=', 'resident-li').executeTakeFirst()
  const he = await trx.selectFrom('providers').select('user_id').where('id', '=', HE_PROVIDER_ID).executeTakeFirst()
  if (!chen || !li || !he?.user_id) return 0
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000)
  const plan = [
    { person: chen.id, category: 'land_contract', asked: hoursAgo(100), anonymous: 0, question: '我家承包的两亩水田，村里说要收回重新分给新增人口，合同还有八年才到期，村里可以这样做吗？', answer: null },
    { person: li.id, category: 'labour', asked: hoursAgo(50), anonymous: 0, question: '在镇上工厂做了四个月，老板一直拖欠两个月工资，没有签劳动合同，我该怎么办？', answer: '没有签书面劳动合同的，您可以要求支付二倍工资。建议先保留考勤记录、工资转账记录和工友证言，向镇劳动保障所投诉，或申请劳动仲裁（不收费）。' },
    { person: li.id, category: 'marriage_family', asked: hoursAgo(20), anonymous: 1, question: '离婚后孩子跟我，对方一直不给抚养费，可以去法院强制执行吗？', answer: null }
  ]
  for (const p of plan) {
    const id = newId()
    const askedAt = p.asked.toISOString()
    const answeredAt = p.answer ? new Date(p.asked.getTime() + 20 * 3600_000).toISOString() : null
    await trx
      .insertInto('consultations')
      .values(sealRow(cipher, 'consultations', {
        id,
        person_id: p.person,
        provider_id: HE_PROVIDER_ID,
        village_code: DEMO_VILLAGE,
        township_code: DEMO_TOWNSHIP,
        category: p.category,
        question: p.question,
        photos: '[]',
        anonymous: p.anonymous,
        contact_phone: null,
        consent_version: null,
        status: p.answer ? 'answered' : 'waiting',
        due_at: p.answer ? null : dueAfter(p.asked, DEFAULT_LEGAL_SETTINGS).toISOString(),
        posts: p.answer ? 1 : 0,
        asked_at: askedAt,
        answered_at: answeredAt,
        closed_at: null,
        rating: null,
        rating_comment: null,
        case_id: null,
        updated_at: answeredAt ?? askedAt,
        version: 0
      }))
      .execute()
    if (p.answer) await trx.insertInto('consultation_posts').values({ consultation_id: id, seq: 1, author: 'advisor', author_id: he.user_id, text: cipher.seal(p.answer, { table: 'consultation_posts', column: 'text', id: `${id}/1` }), photos: '[]', at: answeredAt! }).execute()
  }
  return plan.length
}
