/** Rules that law or practice may change, as settings with their defaults (see ../shared/reference/domain.md). */
import { DEFAULT_DEADLINES, type DeadlineSettings } from './domain/petition/deadlines'
import { COUNSELLING_RULES, type SlotRules } from './domain/booking/slots'

export interface Settings {
  deadlines: DeadlineSettings
  /** 粤心安 bookings: 50-minute slots, cancel up to 24 h before, 3 no-shows in 90 days pause booking for 30 days. */
  counselling: SlotRules
}

export const DEFAULT_SETTINGS: Settings = {
  deadlines: DEFAULT_DEADLINES,
  counselling: COUNSELLING_RULES
}
