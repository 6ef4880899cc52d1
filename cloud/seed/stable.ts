/** Deterministic choices for demo data: the same data on every machine, without a random seed to carry around. */

/** FNV-1a: a stable number in [0, 1) for a string. */
export function unit(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0) / 4294967296
}

/** One item of a list, chosen by a key. */
export const pick = <T>(list: readonly T[], key: string): T => list[Math.floor(unit(key) * list.length)]

/** A point within `spread` degrees of a centre, evenly over the disc, kept inside Guangdong's bounding box. */
export function jitter(centre: { lat: number; lng: number }, spread: number, key: string): { lat: number; lng: number } {
  const r = spread * Math.sqrt(unit(`${key}:r`))
  const a = 2 * Math.PI * unit(`${key}:a`)
  const lat = Math.min(25.4, Math.max(20.3, centre.lat + r * Math.cos(a)))
  const lng = Math.min(117.2, Math.max(109.8, centre.lng + (r * Math.sin(a)) / Math.cos((centre.lat * Math.PI) / 180)))
  return { lat: Math.round(lat * 1e5) / 1e5, lng: Math.round(lng * 1e5) / 1e5 }
}
