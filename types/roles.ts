/** Who a person can be in 民安, and the region levels a staff jurisdiction can cover. */
export const ROLES = ['resident', 'grid_worker', 'centre_staff', 'mediator', 'counsellor', 'legal_advisor', 'admin'] as const
export type Role = (typeof ROLES)[number]
export const STAFF_ROLES = ROLES.filter((r): r is Exclude<Role, 'resident'> => r !== 'resident')
export type StaffRole = (typeof STAFF_ROLES)[number]

export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const
export type RegionLevel = (typeof REGION_LEVELS)[number]

/** Lengths of GB/T 2260 codes by level: 44, 4413, 441302, 441302001, 441302001001. */
export const CODE_LENGTH: Record<RegionLevel, number> = { province: 2, city: 4, county: 6, township: 9, village: 12 }
