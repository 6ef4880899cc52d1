/**
 * Subscription-message acceptances per person and template (migration 0027): each acceptance on the device adds one,
 * each message sent spends one. Spending is one conditional statement, so two messages at once never spend the same
 * acceptance.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../schema'

/** What a message is for; each is one WeChat template, whose id the deployment sets. */
export type SubscriptionTemplate = 'progress' | 'booking' | 'legal'

/** WeChat keeps no more than this many acceptances worth counting; more taps add nothing. */
export const MAX_ACCEPTANCES = 50

export class SubscriptionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** One more acceptance of each template (up to MAX_ACCEPTANCES). */
  async accept(userId: string, templates: SubscriptionTemplate[], at: string): Promise<void> {
    for (const template of [...new Set(templates)]) {
      await this.db
        .insertInto('subscriptions')
        .values({ user_id: userId, template, remaining: 1, updated_at: at })
        .onConflict((oc) => oc.columns(['user_id', 'template']).doUpdateSet({ remaining: sql`CASE WHEN subscriptions.remaining < ${MAX_ACCEPTANCES} THEN subscriptions.remaining + 1 ELSE subscriptions.remaining END`, updated_at: at }))
        .execute()
    }
  }

  /** Spends one acceptance; false when none is left (then no message may be sent). */
  async spend(userId: string, template: SubscriptionTemplate, at: string): Promise<boolean> {
    const r = await this.db.updateTable('subscriptions').set({ remaining: sql`remaining - 1`, updated_at: at }).where('user_id', '=', userId).where('template', '=', template).where('remaining', '>', 0).executeTakeFirst()
    return Number(r.numUpdatedRows) > 0
  }

  /** Gives back an acceptance spent on a message that did not leave (WeChat could not be reached). */
  async refund(userId: string, template: SubscriptionTemplate, at: string): Promise<void> {
    await this.accept(userId, [template], at)
  }

  /** WeChat says none is left (43101): whatever was counted here is gone. */
  async exhaust(userId: string, template: SubscriptionTemplate, at: string): Promise<void> {
    await this.db.updateTable('subscriptions').set({ remaining: 0, updated_at: at }).where('user_id', '=', userId).where('template', '=', template).execute()
  }

  async remaining(userId: string): Promise<Record<SubscriptionTemplate, number>> {
    const rows = await this.db.selectFrom('subscriptions').select(['template', 'remaining']).where('user_id', '=', userId).execute()
    const counts: Record<SubscriptionTemplate, number> = { progress: 0, booking: 0, legal: 0 }
    for (const r of rows) if (r.template in counts) counts[r.template as SubscriptionTemplate] = Number(r.remaining)
    return counts
  }

  /** Account erasure: the person's counts go. */
  async eraseOwner(userId: string): Promise<void> {
    await this.db.deleteFrom('subscriptions').where('user_id', '=', userId).execute()
  }
}
