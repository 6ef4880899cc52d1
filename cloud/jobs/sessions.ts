/**
 * Timed work of mediation sessions (issue #17), on the same timer as the booking jobs (jobs/reminders.ts): a party who
 * has not answered a session is reminded before the answer time ends; once it has passed, the mediator is told (the
 * case waits for that party: the mediator moves the session or follows up); both parties are reminded of a confirmed
 * session the day before. Each reminder is claimed by a conditional update before it is written, so several instances
 * never send one twice.
 */
import type { Services } from '../core/context'
import { CaseRepository } from '../db/repositories/cases'
import { SessionRepository, type SessionRow } from '../db/repositories/parties'
import { pendingSides } from '../domain/petition/parties'
import { pushAfterCommit, writeMessages } from '../application/outbox'
import type { Notification } from '../ports/notifier'
import type { SessionAnswer } from '../../types/functions/parties'

const BATCH = 200
const HOUR = 3_600_000

export interface SessionJobsResult {
  answerReminders: number
  unanswered: number
  sessionReminders: number
}

export async function runSessionJobs(services: Services, now: Date = services.clock.now()): Promise<SessionJobsResult> {
  const { parties } = services.settings
  const result: SessionJobsResult = { answerReminders: 0, unanswered: 0, sessionReminders: 0 }
  const at = now.toISOString()
  const sent: Notification[] = []
  await services.db.transaction().execute(async (trx) => {
    const sessions = new SessionRepository(trx, services.cipher)
    const cases = new CaseRepository(trx, services.cipher)
    const tell = async (s: SessionRow, kind: string, userIds: (string | null)[]) => {
      const row = await cases.byId(s.case_id)
      if (!row) return
      const params = { trackingNo: row.tracking_no, title: row.title, status: row.status, start: s.starts_at }
      await writeMessages(trx, { services, now, userId: null }, sent, userIds, { kind, caseId: row.id, params, push: params })
      return row
    }
    const sidesOf = async (s: SessionRow) => {
      const row = await cases.byId(s.case_id)
      return { applicant: row?.owner_id ?? null, respondent: row?.respondent_id ?? null, mediator: row?.assignee_id ?? null }
    }
    // answer_reminded_at: when the last answer reminder went — before the answer time ends to the parties who have not
    // answered, after it (a value at or past answer_due_at) to the mediator.
    for (const s of await sessions.awaitingAnswers(new Date(now.getTime() + parties.answerReminderHours * HOUR).toISOString(), BATCH)) {
      const pending = pendingSides({ applicant: s.applicant_answer as SessionAnswer, respondent: s.respondent_answer as SessionAnswer })
      if (!pending.length) continue
      const due = s.answer_due_at <= at
      const told = s.answer_reminded_at !== null && (!due || s.answer_reminded_at >= s.answer_due_at)
      if (told) continue
      if (!(await sessions.markAnswerReminded(s.id, s.answer_reminded_at, at))) continue
      const who = await sidesOf(s)
      if (due) {
        await tell(s, 'mediation.staff.unanswered', [who.mediator])
        result.unanswered++
      } else {
        await tell(s, 'mediation.answer_reminder', pending.map((side) => who[side]))
        result.answerReminders++
      }
    }
    for (const s of await sessions.upcoming(new Date(now.getTime() + parties.sessionReminderHours * HOUR).toISOString(), BATCH)) {
      if (s.starts_at <= at) continue
      if (!(await sessions.markReminded(s.id, at))) continue
      const who = await sidesOf(s)
      await tell(s, 'mediation.session_reminder', [who.applicant, who.respondent])
      result.sessionReminders++
    }
  })
  pushAfterCommit(services, sent)
  return result
}
