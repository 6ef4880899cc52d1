/**
 * Asking the person, on weapp, to let the app send them one subscription message: progress of their matter, a booking
 * reminder, an answer from the advisor. WeChat counts each acceptance as one message, so the app asks again at each
 * new step the person cares about (filing, adding information, asking for a review, booking, asking a question), for
 * the template of that step, and reports what was accepted: the server counts acceptances per template and sends only
 * while one is left (messages.subscribed). It must run inside the tap; a refusal or an old base library changes
 * nothing: the in-app messages still arrive.
 */
import Taro from '@tarojs/taro'
import type { SubscriptionTemplate } from '@minan/types/functions/messages'

declare const MINAN_SUBSCRIBE_TEMPLATE: string | undefined
declare const MINAN_SUBSCRIBE_TEMPLATE_BOOKING: string | undefined
declare const MINAN_SUBSCRIBE_TEMPLATE_LEGAL: string | undefined

/** The WeChat template ids the build defines (config defineConstants), the same ones the cloud functions send with. */
export const TEMPLATES: Record<SubscriptionTemplate, string> = {
  progress: typeof MINAN_SUBSCRIBE_TEMPLATE === 'string' ? MINAN_SUBSCRIBE_TEMPLATE : '',
  booking: typeof MINAN_SUBSCRIBE_TEMPLATE_BOOKING === 'string' ? MINAN_SUBSCRIBE_TEMPLATE_BOOKING : '',
  legal: typeof MINAN_SUBSCRIBE_TEMPLATE_LEGAL === 'string' ? MINAN_SUBSCRIBE_TEMPLATE_LEGAL : ''
}

/** The templates among `which` that WeChat's answer to requestSubscribeMessage says were accepted. */
export function acceptedTemplates(which: SubscriptionTemplate[], answer: Record<string, unknown>, ids: Record<SubscriptionTemplate, string> = TEMPLATES): SubscriptionTemplate[] {
  return which.filter((w) => ids[w] && answer[ids[w]] === 'accept')
}

/**
 * Asks for the templates of this step and hands the accepted ones to `report` (the message store sends them to the
 * server). Resolves with them; nothing on H5, without a template id, or on refusal.
 */
export async function askToSubscribe(which: SubscriptionTemplate | SubscriptionTemplate[], report?: (accepted: SubscriptionTemplate[]) => void): Promise<SubscriptionTemplate[]> {
  const wanted = (Array.isArray(which) ? which : [which]).filter((w) => TEMPLATES[w])
  if (process.env.TARO_ENV !== 'weapp' || !wanted.length || typeof Taro.requestSubscribeMessage !== 'function') return []
  try {
    const answer = await Taro.requestSubscribeMessage({ tmplIds: wanted.map((w) => TEMPLATES[w]), entityIds: [] } as unknown as Parameters<typeof Taro.requestSubscribeMessage>[0])
    const accepted = acceptedTemplates(wanted, answer as unknown as Record<string, unknown>)
    if (accepted.length) report?.(accepted)
    return accepted
  } catch {
    return []
  }
}
