/**
 * Where the person is, for "nearest first" (counselling stations, village legal advisors): asked only when they tap
 * it, after WeChat's privacy agreement on weapp; the point is used for one search and never stored.
 */
import Taro from '@tarojs/taro'
import type { LatLng } from './geo'
import { privacyAgreed } from './privacy'

/**
 * Where the person is, once they allow it; null when they decline or it fails. On weapp, WeChat's privacy
 * agreement must be accepted first (requirePrivacyAuthorize, where the base library has it); H5 has no such step.
 */
export async function locate(): Promise<LatLng | null> {
  try {
    if (!(await privacyAgreed())) return null
    // WGS84 is the one system both WeChat and browsers give; the difference from GCJ-02 is a few hundred metres.
    const position = await Taro.getLocation({ type: 'wgs84' })
    return { lat: position.latitude, lng: position.longitude }
  } catch {
    return null
  }
}
