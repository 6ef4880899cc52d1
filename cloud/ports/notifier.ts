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

/** Which version of the mini-program a subscription message opens: 'developer', 'trial' or 'formal' (the released one). */
export type MiniprogramState = 'developer' | 'trial' | 'formal'
export const MINIPROGRAM_STATES: readonly MiniprogramState[] = ['developer', 'trial', 'formal']

/** The template ids a deployment sets: case progress, bookings, legal consultations (MINAN_SUBSCRIBE_TEMPLATE*). */
export interface SubscribeTemplates {
  progress?: string
  booking?: string
  legal?: string
}

/** What a deployment sets for subscription messages (read from the environment by config.ts). */
export interface SubscribeSettings {
  templates: SubscribeTemplates
  miniprogramState: MiniprogramState
}

/**
 * One subscription message, in cloud.openapi's spelling (the HTTPS API's is snake_case: ports/wechat.ts turns it).
 * `data` maps each template field to its value.
 */
export interface SubscribeMessage {
  touser: string
  templateId: string
  page: string
  data: Record<string, { value: string }>
  miniprogramState?: MiniprogramState
}

/**
 * Sends one subscription message through WeChat; throws when it did not leave. An error carrying errcode (or errCode)
 * 43101 means the person has no acceptance of the template left: expected, never a fault.
 */
export type SubscribeSender = (message: SubscribeMessage) => Promise<void>
