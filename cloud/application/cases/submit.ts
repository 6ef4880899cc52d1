/**
 * petition.file's flow: a checked filing written once per request id (a retry gets the first case back), the filing
 * attempt counted, the township centre told after commit, and the case answered in full as the filer sees it.
 */
import type { CaseDetail } from '../../../types/functions/petition'
import type { UserContext } from '../../core/context'
import { once, requestKey } from '../../core/idempotency'
import { spendAttempt } from '../../core/rate-limit'
import type { Notification } from '../../ports/notifier'
import { pushAfterCommit } from '../outbox'
import { reissueOnReplay } from './claiming'
import { checkFiling, fileCase, type FiledCase, type Filing } from './filing'
import { readDetail, withClaimCode } from './reads'

/**
 * Files the case and answers it in full (CaseDetail, with its 'file' event): the answer of the request that wrote it
 * is made from what it wrote, a replay's from the database. On someone's behalf the answer carries the claim code.
 */
export async function submitFiling(ctx: UserContext, filing: Filing): Promise<CaseDetail> {
  const { db } = ctx.services
  const checked = await checkFiling(db, ctx, filing)
  const sent: Notification[] = []
  let written: FiledCase | undefined
  const { ref, replay } = await once(db, requestKey(ctx, ctx.userId, 'petition', 'file'), ctx.now, async (trx) => {
    // Inside the transaction: a replayed request never gets here, so a retry is not a new attempt.
    await spendAttempt(trx, [`file:user:${ctx.userId}`], ctx.services.settings.rateLimits.file, ctx.now)
    written = await fileCase(trx, ctx, sent, checked)
    return written.row.id
  })
  pushAfterCommit(ctx.services, sent)
  if (checked.ownerId !== null) return readDetail(ctx, ref, ctx.actor, 'petition.file', replay ? undefined : written)
  // Only the code's hash is kept, so a replay issues a new one while the case is still unclaimed.
  const code = replay ? await reissueOnReplay(ctx, ref) : written?.claimCode
  const shown = await readDetail(ctx, ref, ctx.actor, 'petition.file', replay ? undefined : written)
  return code ? withClaimCode(ctx, shown, ref, code) : shown
}
