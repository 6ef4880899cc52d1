import type { Me } from '@minan/types/api'

/** The township whose 粤心安 station a person staffs: township centre staff run its station (null for everyone else). */
export function stationTownship(me: Me | null): string | null {
  return me?.roles.find((r) => r.role === 'centre_staff' && r.regionCode?.length === 9)?.regionCode ?? null
}
