/**
 * Who may see what of counselling (精神卫生法 Art. 23: identity and records are confidential). A person sees their
 * own bookings and screenings; a counsellor sees only their own sessions, notes included; station staff see who comes
 * when to the stations of their own township, never notes or screening results; nobody else sees anything.
 */
import type { Role } from '../../../types/roles'

export interface Grant {
  role: Role
  regionCode: string | null
}

/** Centre staff of exactly the station's township (not the county or city above it: they need no names). */
export const canSeeStationBookings = (grants: Grant[], stationTownship: string): boolean =>
  grants.some((g) => g.role === 'centre_staff' && g.regionCode === stationTownship)

export const isCounsellor = (grants: Grant[]): boolean => grants.some((g) => g.role === 'counsellor')

/** Where a counsellor may keep hours: a station within one of their counsellor grants. */
export const mayServeAt = (grants: Grant[], stationRegion: string): boolean =>
  grants.some((g) => g.role === 'counsellor' && g.regionCode !== null && stationRegion.startsWith(g.regionCode))
