/**
 * account: the signed-in person's own data — what is stored (summary), all of it as one document (export), each
 * separate consent withdrawn (withdrawConsent), and the account deleted (deleteAccount). Every action acts on the
 * caller only: there is no input naming a person, so nobody can read or delete another's data through it.
 * The rules of deletion and detaching: cloud/domain/account/erasure.ts; the flow: cloud/application/account.ts.
 */
import { accountInput, type DataExport, type DataSummary } from '../../../types/functions/account'
import type { Role } from '../../../types/roles'
import { action, type UserContext } from '../../core/context'
import { fail } from '../../core/errors'
import { once, requestKey } from '../../core/idempotency'
import { AccountRepository, type PersonData } from '../../db/repositories/account'
import { ConsultationRepository } from '../../db/repositories/legal-consultations'
import { MessageRepository } from '../../db/repositories/messages'
import { ScreeningRepository } from '../../db/repositories/screenings'
import { RegionRepository } from '../../db/repositories/regions'
import { deleteAccount } from '../../application/account'
import { exportOf, summaryOf, type Seen } from './view'

/** The caller's rows and what every view shows beside them (account, place names, retention). */
async function read(ctx: UserContext, withMessages: boolean): Promise<{ repo: AccountRepository; data: PersonData; seen: Seen }> {
  const repo = new AccountRepository(ctx.services.db, ctx.services.cipher)
  const data = (await repo.load(ctx.userId, withMessages)) ?? fail('UNAUTHENTICATED')
  const [home, places] = await Promise.all([data.user.home_region ? new RegionRepository(ctx.services.db).get(data.user.home_region) : null, repo.placeNames(data.bookings)])
  const account = { displayName: data.user.display_name, createdAt: data.user.created_at, homeRegion: home?.name ?? null, roles: data.roles as Role[] }
  return { repo, data, seen: { account, places, retention: ctx.services.settings.retention } }
}

export const account = {
  summary: action({
    input: accountInput.summary,
    access: 'user',
    async run(_input, ctx): Promise<DataSummary> {
      const { data, seen } = await read(ctx, false)
      return summaryOf(data, { ...seen, messages: await new MessageRepository(ctx.services.db).countOf(ctx.userId) })
    }
  }),

  export: action({
    input: accountInput.export,
    access: 'user',
    async run(_input, ctx): Promise<DataExport> {
      const { repo, data, seen } = await read(ctx, true)
      const [events, posts, reads] = await Promise.all([repo.caseEvents(data.cases.map((c) => c.id)), repo.posts(data.consultations.map((c) => c.id)), repo.accessLog(ctx.userId)])
      return exportOf(data, { ...seen, now: ctx.now, events, posts, reads })
    }
  }),

  withdrawConsent: action({
    input: accountInput.withdrawConsent,
    access: 'user',
    async run({ kind }, ctx) {
      const userId = ctx.userId
      const { ref } = await once(ctx.services.db, requestKey(ctx, userId, 'account', `withdrawConsent.${kind}`), ctx.now, async (trx) => {
        if (kind === 'screening') return String(await new ScreeningRepository(trx).deleteAllOf(userId))
        // The phone kept with open consultations goes with its consent; a converted one belongs to its case now.
        return String(await new ConsultationRepository(trx).withdrawContactConsent(userId, ctx.now.toISOString()))
      })
      return { kind, withdrawn: Number(ref) }
    }
  }),

  deleteAccount: action({
    input: accountInput.deleteAccount,
    access: 'user',
    run: (_input, ctx) => deleteAccount(ctx)
  })
}
