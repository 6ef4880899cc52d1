/**
 * The success page's subscribe prompt (issue #14): on weapp, from the person's tap (WeChat shows its dialog only
 * then), WeChat's requestSubscribeMessage for the progress template (src/platform/subscribe.ts); when they accept,
 * `petition.subscribe` marks the case and counts the acceptance, so its next step also goes out as a subscription
 * message. Elsewhere (H5, or a build without the template) the page says how news will reach them instead.
 */
import Taro from '@tarojs/taro'
import type { Api } from '../api/client'
import { askToSubscribe, TEMPLATES } from '../platform/subscribe'

/** Whether this build can ask WeChat for progress reminders at all. */
export const canAskForReminders = (): boolean => process.env.TARO_ENV === 'weapp' && TEMPLATES.progress !== '' && typeof Taro.requestSubscribeMessage === 'function'

/** Asks, and records the acceptance on the case. True when the reminders are on. */
export async function askForReminders(api: Api, caseId: string): Promise<boolean> {
  const accepted = await askToSubscribe('progress')
  if (!accepted.length) return false
  try {
    await api.call('petition', 'subscribe', { id: caseId })
    return true
  } catch {
    return false
  }
}
