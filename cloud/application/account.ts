/**
 * Account deletion as one transaction of one erasure step per repository, in an order that matters (waiting places
 * before freed slots are offered; the account last). What goes and what stays: cloud/domain/account/erasure.ts.
 */
import type { DeletionReport } from '../../types/functions/account'
import type { UserContext } from '../core/context'
import { fail } from '../core/errors'
import { pseudonymiseAudit } from './audit'
import { AccountRepository, type PersonData } from '../db/repositories/account'
import { BookingRepository } from '../db/repositories/bookings'
import { CaseRepository } from '../db/repositories/cases'
import { ConsultationRepository } from '../db/repositories/legal-consultations'
import { MessageRepository } from '../db/repositories/messages'
import { PartyRepository } from '../db/repositories/parties'
import { ScreeningRepository } from '../db/repositories/screenings'
import { FileRepository } from '../db/repositories/files'
import { UserRepository } from '../db/repositories/users'
import { cancelsOnDeletion, detachedCase, detachesConsultation, ERASED_USER_ID, splitFiles } from '../domain/account/erasure'
import type { Notification } from '../ports/notifier'
import { notify, offerFreedSlot, titleOf, type Engine } from './booking/engine'
import { pushAfterCommit } from './outbox'
import { SubscriptionRepository } from '../db/repositories/subscriptions'

const engineOf = (ctx: UserContext, service: string): Engine => ({ service, rules: service === 'legal' ? ctx.services.settings.legalOnsite : ctx.services.settings.counselling })

/**
 * Deletes the caller's account in one transaction and returns what was done; the messages to counsellors and advisors
 * are pushed after the commit, and the bytes of the deleted photos removed then (best effort).
 */
export async function deleteAccount(ctx: UserContext): Promise<DeletionReport> {
  const { db, cipher, newId } = ctx.services
  const userId = ctx.userId
  const now = ctx.now.toISOString()
  const sent: Notification[] = []
  let gone: PersonData['files'] = []
  const report = await db.transaction().execute(async (trx) => {
    const account = new AccountRepository(trx, cipher)
    await account.lockForErasure(userId)
    const data = (await account.load(userId, false)) ?? fail('UNAUTHENTICATED')
    if (data.roles.some((r) => r !== 'resident')) fail('ACCOUNT_HAS_STAFF_ROLE')
    await account.ensureErasedUser(now)

    // Waiting places go first, so that a slot freed below is never offered back to the person.
    const bookings = new BookingRepository(trx)
    const waitlist = await bookings.eraseWaitlistOf(userId)
    // Bookings still to come are cancelled, the provider told, and the slot offered to whoever waits for that day.
    let cancelled = 0
    for (const row of data.bookings.filter((b) => cancelsOnDeletion(b, ctx.now))) {
      if (!(await bookings.updateBooking(row.id, [row.status], { status: 'cancelled', cancelled_at: now, cancelled_by: 'person', updated_at: now }))) continue
      cancelled++
      const provider = (await bookings.providersByIds([row.provider_id])).get(row.provider_id)
      if (!provider) continue
      if (row.status === 'booked') await notify(trx, ctx, sent, [provider.user_id], 'booking.cancelled', { title: await titleOf(trx, row.station_id, row.starts_at, row.place_code ?? null), start: row.starts_at })
      await offerFreedSlot(trx, ctx, sent, engineOf(ctx, row.service), provider, row.starts_at)
    }
    const deletedBookings = await bookings.eraseOwner(userId, ERASED_USER_ID, now)

    const screenings = await new ScreeningRepository(trx).deleteAllOf(userId)

    const converted = data.consultations.filter(detachesConsultation).map((c) => c.id)
    const dropped = data.consultations.filter((c) => !detachesConsultation(c)).map((c) => c.id)
    await new ConsultationRepository(trx).eraseOwner(userId, ERASED_USER_ID, { detach: converted, drop: dropped }, now)

    // Case records are kept by law: detached (see detachedCase for what changes).
    await new CaseRepository(trx, cipher).eraseOwner(
      userId,
      ERASED_USER_ID,
      data.cases.map((row) => ({ id: row.id, version: row.version, patch: detachedCase(row, userId) }))
    )

    // Where the person is the other party of someone else's dispute: their side stays on that case's record, detached
    // from the account (it points to the erased user; their account of the dispute and their photos go).
    await new PartyRepository(trx, cipher).eraseUser(userId, ERASED_USER_ID, now)

    const messages = await new MessageRepository(trx).eraseOwner(userId)
    await new SubscriptionRepository(trx).eraseOwner(userId)

    // Photos a kept record shows stay with it; the rest go.
    const keptText = [
      ...data.cases.map((c) => c.photos),
      ...(await account.caseEvents(data.cases.map((c) => c.id))).map((e) => e.public_data),
      ...data.consultations.filter(detachesConsultation).map((c) => c.photos),
      ...(await account.posts(converted)).map((p) => p.photos)
    ].join('\n')
    const split = splitFiles(data.files, keptText)
    gone = split.gone
    const files = await new FileRepository(trx).eraseOwner(userId, ERASED_USER_ID, split.kept.map((f) => f.id))

    // The audit log keeps who read what, but no longer names the account: a pseudonym for this deletion takes its id.
    await pseudonymiseAudit(trx, cipher, userId, `erased-${newId()}`, now)
    // Request and rate-limit records name the person; then the account and its roles.
    await account.eraseTraces(userId)
    const users = new UserRepository(trx)
    await users.eraseAccount(userId)
    // A demo resident comes back as a new, empty account under the same demo name (as a new WeChat sign-in would).
    if (data.user.demo_account) {
      const fresh = newId()
      await users.create({ id: fresh, displayName: data.user.display_name, demoAccount: data.user.demo_account, createdAt: now })
      await users.grant(fresh, 'resident', null, now)
    }
    return {
      deleted: { bookings: deletedBookings, screenings, consultations: dropped.length, messages, files, waitlist },
      cancelledBookings: cancelled,
      detachedCases: data.cases.length,
      openCases: data.cases.filter((c) => c.is_open).length
    }
  })
  pushAfterCommit(ctx.services, sent)
  const { files } = ctx.services
  await files.remove?.(gone.filter((f) => !f.storage_ref).map((f) => f.id)).catch(() => undefined)
  const refs = gone.flatMap((f) => (f.storage_ref ? [f.storage_ref] : []))
  if (refs.length) await files.uploaded?.discard(refs).catch(() => undefined)
  return report
}
