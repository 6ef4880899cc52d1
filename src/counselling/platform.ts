/** What the counselling screens ask of the phone: its location (with WeChat's privacy flow), a call, a confirmation. */
import Taro from '@tarojs/taro'
import type { LatLng } from './store'

/**
 * Where the person is, once they allow it; null when they decline or it fails. On weapp, WeChat's privacy
 * agreement must be accepted first (requirePrivacyAuthorize, where the base library has it); H5 has no such step.
 */
export async function locate(): Promise<LatLng | null> {
  try {
    if (process.env.TARO_ENV === 'weapp' && typeof Taro.requirePrivacyAuthorize === 'function') {
      await new Promise<void>((resolve, reject) => Taro.requirePrivacyAuthorize({ success: () => resolve(), fail: reject }))
    }
    // WGS84 is the one system both WeChat and browsers give; the difference from GCJ-02 is a few hundred metres.
    const position = await Taro.getLocation({ type: 'wgs84' })
    return { lat: position.latitude, lng: position.longitude }
  } catch {
    return null
  }
}

export function dial(phoneNumber: string): void {
  void Taro.makePhoneCall({ phoneNumber }).catch(() => undefined)
}

/** "Are you sure?" in the platform's own modal. The button texts are WeChat's, in the phone's language. */
export async function confirm(title: string, content: string): Promise<boolean> {
  try {
    const result = await Taro.showModal({ title, content, confirmColor: '#b3261e' })
    return result.confirm
  } catch {
    return false
  }
}

export function go(url: string): void {
  void Taro.navigateTo({ url }).catch(() => undefined)
}

/** To the sign-in page, coming back here afterwards. */
export function signInThen(next: string): void {
  go(`/pages/signin/index?next=${encodeURIComponent(next)}`)
}
