/** A point on the map, and whether it lies where the server's "nearest" searches look (no Taro here: stores use it). */
export interface LatLng {
  lat: number
  lng: number
}

/** Guangdong's bounding box, as the server's `near` inputs accept it. */
export const inGuangdong = (p: LatLng): boolean => p.lat >= 20 && p.lat <= 26 && p.lng >= 109 && p.lng <= 118
