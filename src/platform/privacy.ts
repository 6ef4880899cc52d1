/**
 * WeChat's 用户隐私保护指引: before a privacy API (location, photos), the person must have accepted the mini-program's
 * privacy agreement. requirePrivacyAuthorize shows WeChat's agreement sheet when it is still needed and resolves at once
 * when it was accepted; older base libraries have no such step. H5 has none: the browser asks for location itself and
 * a photo is only ever a file the person picks.
 */
import Taro from '@tarojs/taro'

/** True when the person accepted (or nothing needed accepting); false when they declined. */
export async function privacyAgreed(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.requirePrivacyAuthorize !== 'function') return true
  return new Promise<boolean>((resolve) => Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) }))
}
