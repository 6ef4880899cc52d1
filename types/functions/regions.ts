/** regions: Guangdong's administrative tree, read-only and public. */
import * as v from 'valibot'
import type { RegionLevel } from '../roles'

export const RegionCode = v.pipe(v.string(), v.regex(/^44(\d{2}|\d{4}|\d{7}|\d{10})?$/))

export const regionsInput = {
  get: v.strictObject({ code: RegionCode }),
  children: v.strictObject({ code: v.optional(RegionCode) }),
  search: v.strictObject({
    q: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(30)),
    level: v.optional(v.picklist(['city', 'county', 'township', 'village'])),
    within: v.optional(RegionCode),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)))
  })
}

export interface Region {
  code: string
  name: string
  level: RegionLevel
  parentCode: string | null
}

/** A region with the names of its ancestors, for showing where a village is. */
export interface RegionWithPath extends Region {
  path: Region[]
}

export interface RegionsOutput {
  get: RegionWithPath
  children: Region[]
  search: RegionWithPath[]
}
