/**
 * Timed reminders of mediation agreements, run with the other timed jobs: both parties are told before the window for
 * judicial confirmation closes (7 days and 1 day before its last day, Art. 33), and the mediator when a performance
 * deadline has come and its follow-up (回访, Art. 31) is due. Each reminder is recorded as sent in the transaction
 * that writes it, so two instances or a second run never send it twice.
 */
import type { Services } from '../core/context'
import { AgreementRepository } from '../db/repositories/agreements'
import { CaseRepository } from '../db/repositories/cases'
import { confirmationWindow, REMINDER_DAYS_BEFORE } from '../domain/mediation/agreement'
import { pushAfterCommit, writeMessages } from '../application/outbox'
import type { Notification } from '../ports/notifier'
import { addDays, shanghaiDate } from '../../types/shanghai'

export async function sendAgreementReminders(services: Services, now: Date = services.clock.now()): Promise<number> {
  const today = shanghaiDate(now)
  const scope = { services, now, userId: null }
  const sent: Notification[] = []
  const count = await services.db.transaction().execute(async (trx) => {
    const repo = new AgreementRepository(trx, services.cipher)
    const cases = new CaseRepository(trx, services.cipher)
    let n = 0
    // Effective within the last 31 days and not yet confirmed: their window may still be open.
    for (const a of await repo.inWindow(new Date(now.getTime() - 32 * 86_400_000).toISOString())) {
      const w = confirmationWindow(new Date(a.effective_at!))
      if (today > w.lastDay) continue
      // Of the reminders now due, each is marked sent; one message says how long is left.
      let due = false
      for (const days of REMINDER_DAYS_BEFORE) if (today >= addDays(w.lastDay, -days) && (await repo.markReminder(a.id, `window-${days}`, now.toISOString()))) due = true
      if (!due) continue
      const row = await cases.byId(a.case_id)
      if (!row) continue
      const params = { trackingNo: row.tracking_no, title: row.title, status: row.status }
      await writeMessages(trx, scope, sent, [row.owner_id, row.respondent_id ?? null], { kind: 'agreement.window', caseId: row.id, params: { ...params, lastDay: w.lastDay }, push: params })
      n++
    }
    for (const f of await repo.dueFollowUps(today)) {
      if (!(await repo.markReminder(f.agreement_id, `followup-${f.item}`, now.toISOString()))) continue
      const row = await cases.byId(f.case_id)
      if (!row) continue
      const params = { trackingNo: row.tracking_no, title: row.title, status: row.status }
      await writeMessages(trx, scope, sent, [row.assignee_id ?? f.mediator_id], { kind: 'agreement.followup_due', caseId: row.id, params: { ...params, dueDate: f.due_date }, push: params })
      n++
    }
    return n
  })
  pushAfterCommit(services, sent)
  return count
}
