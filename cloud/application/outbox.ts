/**
 * The outbox: the one way a change tells people about itself. Message rows are written in the change's own
 * transaction (the in-app list reads them, so a message exists exactly when its change does) and collected in `sent`;
 * once the transaction has committed, pushAfterCommit hands them to the notifier. A failed push is never the
 * caller's failure: the row is there, and the reminder job retries what was not pushed.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Services } from '../core/context'
import type { Database } from '../db/schema'
import { MessageRepository } from '../db/repositories/messages'
import { sealRow } from '../db/sealed'
import type { Notification } from '../ports/notifier'
import { ERASED_USER_ID } from '../domain/account/erasure'

type Db = Kysely<Database> | Transaction<Database>

/** What a change needs to write messages: the services, the time, and who acts (never told of their own move). */
export interface Scope {
  services: Services
  now: Date
  userId: string | null
}

export interface Message {
  kind: string
  /** The case the message is about, if any (the list links to it). */
  caseId: string | null
  /** What the message's text is made from; sealed at rest like the case or booking it quotes. */
  params: Record<string, string>
  /** What the push carries (a title and a status, never a person's details). */
  push: Notification['params']
}

/** Writes one message to each recipient but the actor (and the erased person of a deleted account), in `trx`. */
export async function writeMessages(trx: Db, scope: Scope, sent: Notification[], userIds: (string | null)[], message: Message): Promise<void> {
  const recipients = [...new Set(userIds.filter((u): u is string => u !== null && u !== scope.userId && u !== ERASED_USER_ID))]
  if (!recipients.length) return
  const rows = recipients.map((userId) => ({
    id: scope.services.newId(),
    user_id: userId,
    case_id: message.caseId,
    kind: message.kind,
    params: JSON.stringify(message.params),
    created_at: scope.now.toISOString(),
    read_at: null,
    pushed_at: null
  }))
  // The params quote a title: sealed, each bound to its message.
  await new MessageRepository(trx).insert(rows.map((r) => sealRow(scope.services.cipher, 'messages', r)))
  sent.push(...rows.map((r) => ({ messageId: r.id, userId: r.user_id, caseId: message.caseId, kind: message.kind, params: message.push })))
}

/** After commit: push what the transaction wrote; a failed push is never the caller's failure. */
export function pushAfterCommit(services: Services, sent: Notification[]): void {
  if (sent.length) void services.notifier.push(sent).catch(() => undefined)
}
