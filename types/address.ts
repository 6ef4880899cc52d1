/**
 * How a place's address is written for people, on both sides of the wire: each place name once. Dongguan and
 * Zhongshan have no county, so their region path names the city twice (东莞市 东莞市 石排镇), and an address often
 * already starts with the path it sits in.
 */

/** The region path's names with a name repeated in a row (a city that is its own county) kept once. */
export const placeNames = (path: readonly string[]): string[] => path.filter((name, i) => name !== '' && name !== path[i - 1])

/**
 * The address with its region path in front, each place name once: the path's names that the address already
 * starts with (in any repetition) are not written again. "东莞市 东莞市 石排镇" + "东莞市东莞市石排镇综治中心二楼"
 * → "东莞市石排镇综治中心二楼".
 */
export function addressText(path: readonly string[], address: string): string {
  const names = placeNames(path)
  let rest = address.trim()
  for (let stripped = true; stripped; ) {
    stripped = false
    for (const name of names) {
      if (rest.startsWith(name)) {
        rest = rest.slice(name.length)
        stripped = true
      }
    }
  }
  return `${names.join('')}${rest}`
}
