/**
 * Notifications leave through this port after the transaction that made them commits. The in-app message rows are
 * the outbox (what the message list shows); a push channel (WeChat subscription messages) is extra, and a failed push
 * never fails the change that caused it.
 */
export interface Notification {
  messageId: string
  userId: string
  caseId: string | null
  kind: string
  params: { trackingNo?: string; title?: string; status?: string }
}

export interface Notifier {
  push(notifications: Notification[]): Promise<void>
}

/** Locally the outbox is the channel: nothing more to send. */
export const outboxOnly: Notifier = { push: async () => undefined }
