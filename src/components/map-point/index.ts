/** A case's map point, for the petition and staff pages alike: in words, and opened on a map (no map SDK). */
import Taro from '@tarojs/taro'

export interface LatLng {
  lat: number
  lng: number
}

/** The point in words, to four decimals (about ten metres). */
export const pointParams = (point: LatLng) => ({ lat: point.lat.toFixed(4), lng: point.lng.toFixed(4) })

/** Amap's marker page; points are GCJ-02, as Amap's are. */
export const amapLink = (point: LatLng, name: string): string =>
  `https://uri.amap.com/marker?position=${point.lng},${point.lat}&name=${encodeURIComponent(name)}&src=minan&coordinate=gaode&callnative=0`

/** Opens the point: WeChat's own map view on weapp, Amap's web page in a browser. */
export function openPoint(point: LatLng, name: string): void {
  if (process.env.TARO_ENV === 'weapp') {
    void Taro.openLocation({ latitude: point.lat, longitude: point.lng, name, scale: 17 }).catch(() => undefined)
    return
  }
  window.open(amapLink(point, name), '_blank', 'noopener')
}
