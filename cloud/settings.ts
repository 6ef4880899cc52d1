/** Rules that law or practice may change, as settings with their defaults (see ../shared/reference/domain.md). */
import { DEFAULT_DEADLINES, type DeadlineSettings } from './domain/petition/deadlines'
import { COUNSELLING_RULES, LEGAL_ONSITE_RULES, type SlotRules } from './domain/booking/slots'
import { DEFAULT_LEGAL_SETTINGS, type LegalSettings } from './domain/legal/thread'

export interface Settings {
  deadlines: DeadlineSettings
  /** 粤心安 bookings: 50-minute slots, cancel up to 24 h before, 3 no-shows in 90 days pause booking for 30 days. */
  counselling: SlotRules
  /** 村（居）法律顾问 on-site hours: 30-minute slots two months ahead, the same cancellation and no-show rules. */
  legalOnsite: SlotRules
  /** Consultations: the advisor's response target (3 days). */
  legal: LegalSettings
  /** Claiming a case with its tracking number and phone: at most `attempts` tries per `minutes`, per person and per number. */
  claimLimit: { attempts: number; minutes: number }
}

export const DEFAULT_SETTINGS: Settings = {
  deadlines: DEFAULT_DEADLINES,
  counselling: COUNSELLING_RULES,
  legalOnsite: LEGAL_ONSITE_RULES,
  legal: DEFAULT_LEGAL_SETTINGS,
  claimLimit: { attempts: 5, minutes: 10 }
}
