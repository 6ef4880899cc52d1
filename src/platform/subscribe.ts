/**
 * Asking the person, on weapp, to let a booking or consultation send them one subscription message (a reminder the
 * day before, an answer from the advisor). WeChat counts each acceptance as one message and the cloud functions send
 * with the same template ids (MINAN_SUBSCRIBE_TEMPLATE_BOOKING, MINAN_SUBSCRIBE_TEMPLATE_LEGAL). It must run inside
 * the tap that books or asks; a refusal or an old base library changes nothing: the in-app messages still arrive.
 */
import Taro from '@tarojs/taro'

declare const MINAN_SUBSCRIBE_TEMPLATE_BOOKING: string | undefined
declare const MINAN_SUBSCRIBE_TEMPLATE_LEGAL: string | undefined

const TEMPLATES = {
  booking: typeof MINAN_SUBSCRIBE_TEMPLATE_BOOKING === 'string' ? MINAN_SUBSCRIBE_TEMPLATE_BOOKING : '',
  legal: typeof MINAN_SUBSCRIBE_TEMPLATE_LEGAL === 'string' ? MINAN_SUBSCRIBE_TEMPLATE_LEGAL : ''
}

export function askToSubscribe(which: keyof typeof TEMPLATES): void {
  const id = TEMPLATES[which]
  if (process.env.TARO_ENV !== 'weapp' || !id || typeof Taro.requestSubscribeMessage !== 'function') return
  void Taro.requestSubscribeMessage({ tmplIds: [id], entityIds: [] } as unknown as Parameters<typeof Taro.requestSubscribeMessage>[0]).catch(() => undefined)
}
