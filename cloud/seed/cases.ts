/**
 * Demo cases: a few hundred realistic matters across Guangdong's cities in every state, moved through the same
 * state machine as real ones, so that queues, timelines and statistics have something true to show.
 * Deterministic (a seeded generator), dated over the past year from the first start.
 */
import crypto from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { CaseRepository, type CaseRow } from '../db/repositories/cases'
import { UserRepository } from '../db/repositories/users'
import { decide, type MoveInput } from '../domain/petition/machine'
import type { Actor } from '../domain/petition/policy'
import { localDate, type DeadlineSettings } from '../domain/petition/deadlines'
import { trackingNo } from '../domain/petition/tracking'
import { toE164 } from '../../types/phone'
import { derived, freshHandling, patchRow, toState } from '../application/cases/state'
import type { FieldCipher } from '../core/crypto'
import { PRIVACY_NOTICE_VERSION, type DisputeType, type PetitionKind } from '../../types/functions/petition'
import { DEMO_TOWNSHIP } from './demo'

const DAY = 24 * 3600_000

/** Mulberry32: small, fast, good enough for demo data, and the same on every machine. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a |= 0
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const COMPLAINTS: [PetitionKind, string, string][] = [
  ['complaint', '村口路灯长期不亮', '村口到小学门口一段路的路灯坏了两个多月，晚上孩子放学很不安全，希望尽快修复。'],
  ['complaint', '餐馆油烟扰民', '楼下餐馆油烟直排，住户无法开窗，反映多次没有改善。'],
  ['complaint', '工地夜间施工噪音', '附近工地每晚十一点后仍在施工，严重影响休息。'],
  ['request', '申请修缮村道', '村里主干道坑洼严重，雨天积水，请求纳入修缮计划。'],
  ['request', '请求解决饮水问题', '自来水经常停水且水质浑浊，请求有关部门检查管网。'],
  ['request', '低保申请进度', '三个月前提交了低保申请，至今没有结果，请求告知进度。'],
  ['suggestion', '建议增设公交站点', '建议在村委会附近增设公交站，方便老人到镇上就医。'],
  ['suggestion', '建议开设长者饭堂', '村里独居老人多，建议开设长者饭堂。'],
  ['enquiry', '咨询医保报销政策', '想了解异地就医报销需要准备哪些材料。'],
  ['enquiry', '咨询宅基地审批流程', '准备翻建旧房，想了解宅基地审批需要哪些手续。']
]

const DISPUTES: [DisputeType, string, string][] = [
  ['neighbours', '邻居加建围墙占用通道', '邻居加建围墙占用了两家共用的通道，协商未果。'],
  ['family', '赡养老人费用分担', '兄弟姐妹对父母赡养费用分担有争议，希望调解。'],
  ['tenancy', '押金不予退还', '租约到期退房，房东以墙面污损为由拒退押金。'],
  ['labour', '工地拖欠工资', '在某工地做工三个月，包工头拖欠工资一万二千元。'],
  ['property', '物业费争议', '小区电梯长期故障，物业仍要求全额缴纳物业费。'],
  ['consumer', '装修质量纠纷', '新房装修完一个月墙面开裂，装修公司拒绝返工。'],
  ['land', '承包地边界纠纷', '与邻村村民对承包地边界有争议，双方多次发生口角。'],
  ['other', '宠物犬伤人纠纷', '被邻居饲养的犬只咬伤，就医费用赔偿协商不成。']
]

const SURNAMES = '陈李黄张梁林刘吴罗何郑杨谢邓许曾冯蔡彭钟'
const GIVEN = ['秀英', '建国', '丽华', '志强', '伟', '芳', '家豪', '嘉欣', '国平', '美玲', '俊杰', '淑贞', '文辉', '少华']

export interface DemoCaseOptions {
  db: Kysely<Database>
  cipher: FieldCipher
  settings: DeadlineSettings
  newId: () => string
  now: Date
  count?: number
}

/** Seeds the demo cases once, in one transaction; returns how many it made. */
export async function seedDemoCases({ db, cipher, settings, newId, now, count = 360 }: DemoCaseOptions): Promise<number> {
  const existing = await db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  if (Number(existing.n) > 0) return 0
  const rnd = random(20261127)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]

  const villages = await db.selectFrom('regions').select('code').where('level', '=', 'village').where('name', 'not like', '%虚拟%').orderBy('code').execute()
  const home = villages.filter((v) => v.code.startsWith(DEMO_TOWNSHIP))
  const demoIds = new Map(
    (await db.selectFrom('users').select(['id', 'demo_account']).where('demo_account', 'is not', null).execute()).map((u) => [u.demo_account!, u.id])
  )

  return db.transaction().execute(async (trx) => {
    const users = new UserRepository(trx)
    const cases = new CaseRepository(trx, cipher)
    // Residents and one mediator per city for the demo cases; the demo mediator handles 桥东街道.
    const residents: string[] = []
    for (let i = 0; i < 40; i++) {
      const id = newId()
      await users.create({ id, displayName: `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}`, createdAt: now.toISOString() })
      await users.grant(id, 'resident', null, now.toISOString())
      residents.push(id)
    }
    const mediators = new Map<string, string>()
    const mediatorFor = async (regionCode: string): Promise<string> => {
      if (regionCode.startsWith(DEMO_TOWNSHIP) && demoIds.has('mediator-zhou')) return demoIds.get('mediator-zhou')!
      const city = regionCode.slice(0, 4)
      if (!mediators.has(city)) {
        const id = newId()
        await users.create({ id, displayName: `${pick(SURNAMES.split(''))}调解员`, createdAt: now.toISOString() })
        await users.grant(id, 'mediator', city, now.toISOString())
        mediators.set(city, id)
      }
      return mediators.get(city)!
    }
    const chen = demoIds.get('resident-chen')

    for (let n = 0; n < count; n++) {
      const inTown = n % 6 === 0
      const village = (inTown && home.length ? pick(home) : pick(villages)).code
      const dispute = rnd() < 0.45
      const [disputeType, disputeTitle, disputeText] = pick(DISPUTES)
      const [plainKind, plainTitle, plainText] = pick(COMPLAINTS)
      const kind: PetitionKind = dispute ? 'dispute' : plainKind
      const title = dispute ? disputeTitle : plainTitle
      const description = dispute ? disputeText : plainText
      const filedAt = new Date(now.getTime() - Math.floor(rnd() * 330 + 1) * DAY - Math.floor(rnd() * 12) * 3600_000)
      const owner = chen && inTown && n % 24 === 0 ? chen : pick(residents)
      const city = village.slice(0, 4)
      const phone = toE164(`13${Math.floor(rnd() * 9e9 + 1e9)}`)
      let row: CaseRow = {
        id: newId(),
        // Not from the seeded random: tracking numbers must not be predictable, demo or not.
        tracking_no: await cases.unusedTrackingNo(() => trackingNo(city, localDate(filedAt), crypto.randomInt)),
        kind,
        dispute_type: dispute ? disputeType : null,
        stage: 'original',
        parent_id: null,
        title,
        description,
        region_code: village,
        address: null,
        point: null,
        photos: '[]',
        owner_id: owner,
        filed_by: owner,
        filed_by_role: 'resident',
        contact_name: `${pick(SURNAMES.split(''))}${pick(GIVEN)}`,
        contact_phone: phone,
        phone_hash: cipher.hash(phone),
        other_party_name: dispute ? `${pick(SURNAMES.split(''))}某` : null,
        other_party_contact: null,
        consent_version: PRIVACY_NOTICE_VERSION,
        subscribed: 0,
        risk_level: 0,
        claim_code_hash: null,
        public_id: newId(),
        ...freshHandling(village.slice(0, 9), filedAt.toISOString())
      }
      Object.assign(row, derived(row, settings))
      await cases.insert(row)
      await cases.appendEvent({ case_id: row.id, type: 'file', actor_id: owner, actor_role: 'resident', at: row.filed_at, public_data: JSON.stringify({ kind }), staff_data: '{}' })

      // Walk the case forward through a plausible path; older cases got further.
      const age = (now.getTime() - filedAt.getTime()) / DAY
      const mediator = await mediatorFor(village)
      const residentActor: Actor = { userId: owner, grants: [{ role: 'resident', regionCode: null }] }
      const mediatorActor: Actor = { userId: mediator, grants: [{ role: 'mediator', regionCode: village.slice(0, 4) }] }
      // The township centre handling the case moves it (only the handling unit acts on a case).
      const staff: Actor = { userId: demoIds.get('admin') ?? 'seed', grants: [{ role: 'centre_staff', regionCode: village.slice(0, 9) }] }
      const plan: [Actor, MoveInput, number][] = []
      const roll = rnd()
      if (age > 2 && roll < 0.06) plan.push([residentActor, { move: 'withdraw', reason: '问题已自行解决' }, 1])
      else if (age > 2 && roll < 0.12) plan.push([staff, { move: 'decline', reason: '属于诉讼程序处理的事项', otherRoutes: '可依法向人民法院提起诉讼' }, 3])
      else if (age > 3) {
        plan.push([staff, { move: 'accept' }, 2 + Math.floor(rnd() * 5)])
        if (age > 10) {
          if (dispute) {
            plan.push([staff, { move: 'assign', mediatorId: mediator }, 2])
            plan.push([mediatorActor, { move: 'recordSession', date: localDate(new Date(filedAt.getTime() + 8 * DAY)), participants: '双方当事人', notes: '听取双方意见' }, 4])
            if (rnd() < 0.08) plan.push([mediatorActor, { move: 'flagRisk', note: '一方情绪激动，有动手倾向' }, 1])
          } else plan.push([staff, { move: 'assign', department: pick(['住建局', '城管执法局', '自然资源局', '交通运输局', '镇农业办']) }, 2])
        }
        if (age > 40 && rnd() < 0.85) {
          if (dispute) {
            const success = rnd() < 0.86
            plan.push([mediatorActor, success ? { move: 'closeMediation', success: true, agreement: '经调解，双方自愿达成协议，各自履行。', partiesConfirmed: true } : { move: 'closeMediation', success: false, otherRoutes: '可申请劳动仲裁或向人民法院起诉' }, 10 + Math.floor(rnd() * 20)])
          } else plan.push([staff, { move: 'close', opinion: '经核查，已责成相关部门处理完毕并回复当事人。' }, 10 + Math.floor(rnd() * 25)])
          if (rnd() < 0.7) plan.push([residentActor, { move: 'rate', rating: rnd() < 0.78 ? 'satisfied' : rnd() < 0.7 ? 'basically_satisfied' : 'unsatisfied' }, 2])
        } else if (age > 50 && rnd() < 0.5) plan.push([staff, { move: 'extend', days: 30, reason: '需要现场勘查和多部门会商' }, 20])
      }

      let at = filedAt
      for (const [actor, input, afterDays] of plan) {
        at = new Date(Math.min(at.getTime() + afterDays * DAY, now.getTime() - 3600_000))
        const decision = decide(toState(row), actor, input, at, settings)
        if (!decision.ok) break
        const changes = patchRow(row, decision.patch, at, settings)
        await cases.update(row.id, row.version, changes)
        row = { ...row, ...changes, version: row.version + 1 }
        const role = actor === residentActor ? 'resident' : actor === mediatorActor ? 'mediator' : 'centre_staff'
        await cases.appendEvent({ case_id: row.id, type: decision.event.type, actor_id: actor.userId, actor_role: role, at: at.toISOString(), public_data: JSON.stringify(decision.event.publicData), staff_data: JSON.stringify(decision.event.staffData) })
      }
    }
    return count
  })
}
