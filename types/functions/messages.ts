/** messages: the in-app message list — every status change of a person's matters, newest first. */
import * as v from 'valibot'

export const messagesInput = {
  list: v.strictObject({
    cursor: v.optional(v.pipe(v.string(), v.maxLength(100))),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)))
  }),
  unread: v.strictObject({}),
  markRead: v.strictObject({ ids: v.optional(v.pipe(v.array(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{10,40}$/))), v.maxLength(100))) }),
  /** The templates the person just accepted on the device (wx.requestSubscribeMessage): each allows one message. */
  subscribed: v.strictObject({ templates: v.pipe(v.array(v.picklist(['progress', 'booking', 'legal'])), v.minLength(1), v.maxLength(3)) }),
  subscriptions: v.strictObject({})
}

/** What a subscription message is for: case progress, bookings, legal consultations (one WeChat template each). */
export type SubscriptionTemplate = 'progress' | 'booking' | 'legal'

export interface Message {
  id: string
  /** case.<move>: case.accept, case.closeMediation, …; case.new and case.risk for staff. */
  kind: string
  caseId: string | null
  trackingNo: string | null
  title: string | null
  createdAt: string
  read: boolean
}

export interface MessagesOutput {
  list: { items: Message[]; nextCursor: string | null; unread: number }
  unread: { unread: number }
  markRead: { unread: number }
  /** Acceptances not yet spent, per template: the client asks again at the next step the person cares about when 0. */
  subscribed: Record<SubscriptionTemplate, number>
  subscriptions: Record<SubscriptionTemplate, number>
}
