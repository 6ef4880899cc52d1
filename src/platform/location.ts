/**
 * Where the person is, for "nearest first" (counselling stations, village legal advisors): asked only when they tap
 * it, after WeChat's privacy agreement on weapp; the point is used for one search and never stored.
 *
 * On weapp a rough place is enough to sort by distance, so the app asks for the fuzzy location (wx.getFuzzyLocation,
 * a point within a few kilometres) and never the precise one: app.config.ts declares getFuzzyLocation, not
 * getLocation (WeChat allows only one of the two). Where the fuzzy location cannot be had for a reason other than the
 * person saying no, the person marks a place on WeChat's map instead (chooseLocation). H5 asks the browser.
 */
import Taro from '@tarojs/taro'
import type { LatLng } from './geo'
import { privacyAgreed } from './privacy'

interface Point {
  latitude: number
  longitude: number
}

/** The few wx APIs the weapp path uses, passed in so that the choice between them can be tested on its own. */
export interface WeappLocationApi {
  getFuzzyLocation?: (options: { type: 'wgs84' | 'gcj02' }) => Promise<Point>
  chooseLocation: (options: object) => Promise<Point>
}

const errMsg = (e: unknown): string => (e && typeof e === 'object' && 'errMsg' in e ? String((e as { errMsg: unknown }).errMsg) : '')
/** The person (or their settings) said no, or closed the map: not a reason to ask again another way. */
const refused = (e: unknown): boolean => /deny|denied|cancel/i.test(errMsg(e))

/** The weapp path: the fuzzy location, else a place marked on the map; null when the person declines. */
export async function locateOnWeapp(api: WeappLocationApi): Promise<LatLng | null> {
  if (typeof api.getFuzzyLocation === 'function') {
    try {
      const rough = await api.getFuzzyLocation({ type: 'wgs84' })
      return { lat: rough.latitude, lng: rough.longitude }
    } catch (e) {
      if (refused(e)) return null
    }
  }
  try {
    const chosen = await api.chooseLocation({})
    return { lat: chosen.latitude, lng: chosen.longitude }
  } catch {
    return null
  }
}

/**
 * Where the person is, once they allow it; null when they decline or it fails. On weapp, WeChat's privacy
 * agreement must be accepted first (requirePrivacyAuthorize, where the base library has it); H5 has no such step.
 */
export async function locate(): Promise<LatLng | null> {
  try {
    if (!(await privacyAgreed())) return null
    if (process.env.TARO_ENV === 'weapp') return await locateOnWeapp(Taro as unknown as WeappLocationApi)
    // WGS84 is the one system both WeChat and browsers give; the difference from GCJ-02 is a few hundred metres.
    const position = await Taro.getLocation({ type: 'wgs84' })
    return { lat: position.latitude, lng: position.longitude }
  } catch {
    return null
  }
}
