/**
 * legal: 一村（居）一法律顾问. The directory (public), on-site bookings through the shared booking engine,
 * consultations with their thread and the one-stop conversion into a mediation case, the advisor's workbench and the
 * township centre's overdue count. See types/functions/legal.ts for the contract.
 */
import { consultations } from './consultations'
import { directory } from './directory'
import { onsiteBookings } from './onsite'

export const legal = { ...directory, ...onsiteBookings, ...consultations }
