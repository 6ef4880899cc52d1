/**
 * The success page's subscribe prompt (issue #14): on weapp, from the person's tap (WeChat shows its dialog only
 * then), WeChat's requestSubscribeMessage for the progress template; when they accept, the case is marked so its
 * progress also goes out as a subscription message. Elsewhere (H5, or a build without the template) the page says
 * how news will reach them instead.
 */
import Taro from '@tarojs/taro'
import type { Api } from '../api/client'
import { SUBSCRIBE_TEMPLATE } from './network'

/** Whether this build can ask WeChat for progress reminders at all. */
export const canAskForReminders = (): boolean => process.env.TARO_ENV === 'weapp' && SUBSCRIBE_TEMPLATE !== '' && typeof Taro.requestSubscribeMessage === 'function'

/** Asks, and records an acceptance on the case. True when the reminders are on. */
export async function askForReminders(api: Api, caseId: string): Promise<boolean> {
  try {
    const answer = await Taro.requestSubscribeMessage({ tmplIds: [SUBSCRIBE_TEMPLATE], entityIds: [] } as unknown as Parameters<typeof Taro.requestSubscribeMessage>[0])
    if ((answer as unknown as Record<string, string>)[SUBSCRIBE_TEMPLATE] !== 'accept') return false
    await api.call('petition', 'subscribe', { id: caseId })
    return true
  } catch {
    return false
  }
}
