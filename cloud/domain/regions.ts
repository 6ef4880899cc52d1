/** Pure rules of GB/T 2260-style region codes: level by length, ancestors by prefix. */
import { CODE_LENGTH, type RegionLevel } from '../../types/roles'

const LEVEL_BY_LENGTH = new Map<number, RegionLevel>(
  Object.entries(CODE_LENGTH).map(([level, length]) => [length, level as RegionLevel])
)
const LENGTHS = [2, 4, 6, 9, 12]

export function levelOf(code: string): RegionLevel | null {
  return /^\d+$/.test(code) ? LEVEL_BY_LENGTH.get(code.length) ?? null : null
}

/** Codes of every possible ancestor, nearest first: 441302001001 → 441302001, 441302, 4413, 44. */
export function ancestorCodes(code: string): string[] {
  return LENGTHS.filter((n) => n < code.length)
    .reverse()
    .map((n) => code.slice(0, n))
}

/** True when `code` lies in `jurisdiction` (the region itself or anything below it). */
export function isWithin(code: string, jurisdiction: string): boolean {
  return code.startsWith(jurisdiction) && levelOf(jurisdiction) !== null
}

/** The parent of a code: the nearest ancestor that exists (东莞 and 中山 have pseudo-county codes). */
export function parentOf(code: string, exists: (candidate: string) => boolean): string | null {
  return ancestorCodes(code).find(exists) ?? null
}
