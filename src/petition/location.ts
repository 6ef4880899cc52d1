/**
 * The optional map point of a filing. On weapp the person marks the place on WeChat's map (chooseLocation); in a
 * browser, the place is where the phone is (geolocation). Points are kept in GCJ-02, the system of the maps people in
 * China use (WeChat's map, Amap), so that "view on a map" lands where the person pointed.
 */
import Taro from '@tarojs/taro'
import { inGuangdong } from '@minan/types/functions/petition'
import type { MapPoint } from './stores/draft'
import { privacyAgreed } from '../platform/privacy'

export type PointResult = { point: MapPoint } | { outside: MapPoint } | { failed: true } | { cancelled: true }

/** weapp marks a place on a map; the browser can only say where the phone is. */
export const marksOnMap = (): boolean => process.env.TARO_ENV === 'weapp'


/** Rounded to about a metre: more digits say nothing more and make the draft longer. */
const round = (n: number) => Math.round(n * 1e5) / 1e5

/** Asks the phone for the point: a place on WeChat's map, or the browser's position. */
export async function choosePoint(): Promise<PointResult> {
  let point: MapPoint
  try {
    if (!(await privacyAgreed())) return { cancelled: true }
    if (marksOnMap()) {
      const chosen = await Taro.chooseLocation({})
      point = { lat: round(chosen.latitude), lng: round(chosen.longitude), ...(chosen.name ? { name: chosen.name } : {}), ...(chosen.address ? { address: chosen.address } : {}) }
    } else {
      // On H5 the expiry time is the browser's own timeout: without it a position that never comes keeps the button waiting.
      const here = await Taro.getLocation({ type: 'wgs84', highAccuracyExpireTime: 15000 })
      point = wgs84ToGcj02(here.latitude, here.longitude)
    }
  } catch (e) {
    // Closing the map is not a failure to report.
    const message = e && typeof e === 'object' && 'errMsg' in e ? String((e as { errMsg: unknown }).errMsg) : ''
    return /cancel/i.test(message) ? { cancelled: true } : { failed: true }
  }
  return inGuangdong(point) ? { point } : { outside: point }
}

const A = 6378245.0
const EE = 0.006693421622965943

const shiftLat = (x: number, y: number) =>
  -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x)) +
  ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3 +
  ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3 +
  ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3

const shiftLng = (x: number, y: number) =>
  300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x)) +
  ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3 +
  ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3 +
  ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3

/** A browser's WGS-84 position in GCJ-02 (the published conversion; a shift of a few hundred metres in Guangdong). */
export function wgs84ToGcj02(lat: number, lng: number): MapPoint {
  const radLat = (lat / 180) * Math.PI
  const magic = 1 - EE * Math.sin(radLat) ** 2
  const sqrtMagic = Math.sqrt(magic)
  const dLat = (shiftLat(lng - 105, lat - 35) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI)
  const dLng = (shiftLng(lng - 105, lat - 35) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI)
  return { lat: round(lat + dLat), lng: round(lng + dLng) }
}
