/**
 * The oldest WeChat base library (基础库) the mini-program supports. requirePrivacyAuthorize, which must come before
 * location and photo APIs, arrived in 2.32.3; project.config.json's libVersion names the same version, and the
 * console's 最低基础库版本 should be set to it. On an older client the app still opens, and says once per launch that
 * WeChat needs updating, in the person's language.
 */
import Taro from '@tarojs/taro'

export const MIN_BASE_LIBRARY = '2.32.3'

/** Compares two dotted version strings numerically: negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => parseInt(n, 10) || 0)
  const pb = b.split('.').map((n) => parseInt(n, 10) || 0)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

/** True when the running base library is known and older than the minimum. Unknown (H5, a failing call) is not "too old". */
export function baseLibraryTooOld(sdkVersion: string | undefined, minimum = MIN_BASE_LIBRARY): boolean {
  return typeof sdkVersion === 'string' && /^\d+(\.\d+)*$/.test(sdkVersion) && compareVersions(sdkVersion, minimum) < 0
}

function sdkVersion(): string | undefined {
  try {
    const info = (typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync()) as { SDKVersion?: string }
    return info.SDKVersion
  } catch {
    return undefined
  }
}

/** On weapp with a base library older than the minimum, asks the person to update WeChat (wx.updateWeChatApp where it exists). */
export function promptUpdateIfTooOld(text: { title: string; body: string }): boolean {
  if (process.env.TARO_ENV !== 'weapp' || !baseLibraryTooOld(sdkVersion())) return false
  const update = (Taro as unknown as { updateWeChatApp?: (o: object) => void }).updateWeChatApp
  void Taro.showModal({ title: text.title, content: text.body, showCancel: false })
    .then(() => (typeof update === 'function' ? update({}) : undefined))
    .catch(() => undefined)
  return true
}
