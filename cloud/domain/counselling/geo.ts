/** Distances for "nearest station first": great-circle distance on a spherical Earth, good to a few metres here. */
export interface LatLng {
  lat: number
  lng: number
}

const EARTH_RADIUS_M = 6_371_008.8
const rad = (deg: number) => (deg * Math.PI) / 180

export function haversineMetres(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** A latitude/longitude box around a point at least `metres` wide each way, to narrow candidates before measuring. */
export function boxAround(p: LatLng, metres: number): { minLat: number; maxLat: number; minLng: number; maxLng: number } {
  const dLat = metres / 111_320
  const dLng = metres / (111_320 * Math.max(0.1, Math.cos(rad(p.lat))))
  return { minLat: p.lat - dLat, maxLat: p.lat + dLat, minLng: p.lng - dLng, maxLng: p.lng + dLng }
}

/** Items sorted nearest first with their distance in whole metres; items without a location go last. */
export function nearestFirst<T extends { location: LatLng | null }>(items: T[], from: LatLng): (T & { distance: number | null })[] {
  return items
    .map((item) => ({ ...item, distance: item.location ? Math.round(haversineMetres(from, item.location)) : null }))
    .sort((a, b) => (a.distance ?? Infinity) - (b.distance ?? Infinity))
}
