/**
 * Rate limits that hold across processes: each guarded attempt is a row in `attempts` under one or more scopes
 * (e.g. `claim:user:<id>`, `claim:no:<trackingNo>`). An attempt is refused with RATE_LIMITED when any of its scopes
 * already has `attempts` rows within the last `minutes`; otherwise it is recorded before the guarded work runs, so a
 * failed attempt counts too.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import { fail } from './errors'

export interface Limit {
  attempts: number
  minutes: number
}

export async function spendAttempt(db: Kysely<Database>, scopes: string[], limit: Limit, now: Date): Promise<void> {
  const since = new Date(now.getTime() - limit.minutes * 60_000).toISOString()
  const recent = await db
    .selectFrom('attempts')
    .select(['scope', (eb) => eb.fn.countAll<number>().as('n')])
    .where('scope', 'in', scopes)
    .where('at', '>', since)
    .groupBy('scope')
    .execute()
  if (recent.some((r) => Number(r.n) >= limit.attempts)) fail('RATE_LIMITED')
  await db.transaction().execute(async (trx) => {
    // Rows older than the window no longer count: drop them so the table stays small.
    await trx.deleteFrom('attempts').where('scope', 'in', scopes).where('at', '<=', since).execute()
    await trx.insertInto('attempts').values(scopes.map((scope) => ({ scope, at: now.toISOString() }))).execute()
  })
}
