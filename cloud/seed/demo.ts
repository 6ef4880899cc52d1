/** Demo accounts for every role, in 桥东街道 (惠州市惠城区) and at county, city and province level. */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { Role } from '../../types/roles'
import { UserRepository } from '../db/repositories/users'

interface DemoUser {
  account: string
  displayName: string
  role: Role
  regionCode: string | null
  homeRegion?: string
}

/** 桥东街道 and its 东平村; 五山街道 (广州天河) gives a second jurisdiction for "not mine" cases. */
export const DEMO_TOWNSHIP = '441302001'
export const DEMO_VILLAGE = '441302001200'
export const DEMO_OTHER_TOWNSHIP = '440106001'

export const DEMO_USERS: DemoUser[] = [
  { account: 'resident-chen', displayName: '陈秀英', role: 'resident', regionCode: null, homeRegion: DEMO_VILLAGE },
  { account: 'resident-li', displayName: '李建国', role: 'resident', regionCode: null },
  { account: 'grid-tang', displayName: '唐志强', role: 'grid_worker', regionCode: DEMO_VILLAGE },
  { account: 'centre-huang', displayName: '黄丽华', role: 'centre_staff', regionCode: DEMO_TOWNSHIP },
  { account: 'mediator-zhou', displayName: '周德明', role: 'mediator', regionCode: DEMO_TOWNSHIP },
  { account: 'counsellor-lin', displayName: '林静', role: 'counsellor', regionCode: DEMO_TOWNSHIP },
  { account: 'advisor-he', displayName: '何文律师', role: 'legal_advisor', regionCode: DEMO_TOWNSHIP },
  { account: 'county-wu', displayName: '吴海涛', role: 'centre_staff', regionCode: '441302' },
  { account: 'city-zheng', displayName: '郑晓燕', role: 'centre_staff', regionCode: '4413' },
  { account: 'city-mediator-xu', displayName: '许国平', role: 'mediator', regionCode: '4413' },
  { account: 'city-counsellor-guo', displayName: '郭敏', role: 'counsellor', regionCode: '4413' },
  { account: 'city-advisor-feng', displayName: '冯志远律师', role: 'legal_advisor', regionCode: '4413' },
  { account: 'other-centre-liang', displayName: '梁伟（五山街道）', role: 'centre_staff', regionCode: DEMO_OTHER_TOWNSHIP },
  { account: 'admin', displayName: '系统管理员', role: 'admin', regionCode: '44' }
]

/** Inserts the demo accounts once; a second start leaves them as they are. */
export async function seedDemoUsers(db: Kysely<Database>, newId: () => string, now: Date): Promise<number> {
  const users = new UserRepository(db)
  let created = 0
  for (const u of DEMO_USERS) {
    if (await users.idByDemoAccount(u.account)) continue
    await db.transaction().execute(async (trx) => {
      const repo = new UserRepository(trx)
      // A concurrent first start may have created the same account: then this one only adds nothing.
      await trx
        .insertInto('users')
        .values({ id: newId(), display_name: u.displayName, demo_account: u.account, home_region: u.homeRegion ?? null, openid: null, created_at: now.toISOString() })
        .onConflict((oc) => oc.column('demo_account').doNothing())
        .execute()
      await repo.grant((await repo.idByDemoAccount(u.account))!, u.role, u.regionCode, now.toISOString())
    })
    created++
  }
  return created
}
