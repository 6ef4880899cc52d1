/**
 * The nearest places to a point from a spatial index: read the places inside a box around the point, measure the exact
 * distance of those candidates only, and widen the box until the size-th nearest lies inside the circle the box
 * contains (so nothing outside the box can be nearer). Each read is an index range (R*Tree / GiST), never a scan.
 */
import { boxAround, haversineMetres, type LatLng } from '../domain/counselling/geo'

export type Box = ReturnType<typeof boxAround>

/** Half-widths of the boxes tried, in metres; the last covers all of Guangdong from any point in it. */
export const WIDENING = [3_000, 10_000, 30_000, 100_000, 300_000, 1_200_000]

/**
 * The same for stations, one a township (about 1,800, a few per 10 km square in a city, fewer in the hills): a first
 * box of 3 km held fewer than a page of 20 almost everywhere, so nearly every request read two boxes; 10 km holds a
 * page in towns and a few dozen candidates in the densest districts.
 */
export const STATION_WIDENING = [10_000, 30_000, 100_000, 300_000, 1_200_000]

export async function nearestIndexed<T extends LatLng>(
  here: LatLng,
  size: number,
  within: (box: Box) => Promise<T[]>,
  steps: number[] = WIDENING
): Promise<(T & { distance: number })[]> {
  let ranked: (T & { distance: number })[] = []
  for (const metres of steps) {
    ranked = (await within(boxAround(here, metres)))
      .map((p) => ({ ...p, distance: Math.round(haversineMetres(here, p)) }))
      .sort((a, b) => a.distance - b.distance)
    if (ranked.length >= size && ranked[size - 1].distance <= metres) break
  }
  return ranked.slice(0, size)
}
