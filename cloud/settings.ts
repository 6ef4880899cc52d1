/** Rules that law or practice may change, as settings with their defaults (see ../shared/reference/domain.md). */
import { DEFAULT_DEADLINES, type DeadlineSettings } from './domain/petition/deadlines'
import { COUNSELLING_RULES, LEGAL_ONSITE_RULES, type SlotRules } from './domain/booking/slots'
import type { Limit } from './core/rate-limit'
import { DEFAULT_LEGAL_SETTINGS, type LegalSettings } from './domain/legal/thread'

export interface Settings {
  deadlines: DeadlineSettings
  /** 粤心安 bookings: 50-minute slots, cancel up to 24 h before, 3 no-shows in 90 days pause booking for 30 days. */
  counselling: SlotRules
  /** 村（居）法律顾问 on-site hours: 30-minute slots two months ahead, the same cancellation and no-show rules. */
  legalOnsite: SlotRules
  /** Consultations: the advisor's response target (3 days). */
  legal: LegalSettings
  /**
   * Rate limits (cloud/core/rate-limit.ts): at most `attempts` tries per `minutes` for each scope.
   * claim: claiming a case with its tracking number and phone, per person and per number.
   */
  rateLimits: { claim: Limit }
}

export const DEFAULT_SETTINGS: Settings = {
  deadlines: DEFAULT_DEADLINES,
  counselling: COUNSELLING_RULES,
  legalOnsite: LEGAL_ONSITE_RULES,
  legal: DEFAULT_LEGAL_SETTINGS,
  rateLimits: { claim: { attempts: 5, minutes: 10 } }
}
