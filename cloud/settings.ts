/** Rules that law or practice may change, as settings with their defaults (see ../shared/reference/domain.md). */
import { DEFAULT_DEADLINES, type DeadlineSettings } from './domain/petition/deadlines'
import { COUNSELLING_RULES, LEGAL_ONSITE_RULES, type SlotRules } from './domain/booking/slots'
import type { Limit } from './core/rate-limit'
import { DEFAULT_LEGAL_SETTINGS, type LegalSettings } from './domain/legal/thread'
import { DEFAULT_RETENTION, type RetentionSettings } from './domain/account/erasure'
import { DEFAULT_UPLOADS, type UploadSettings } from './domain/uploads/bounds'
import { DEFAULT_PARTY_SETTINGS, type PartySettings } from './domain/petition/parties'

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
   * file: filing a case (petition.file), per person; a retry with the same request id is not a new attempt.
   * signIn: signing in, per account and per client (the caller's address, or their WeChat openid).
   * lookup: looking a case up without signing in (tracking number + phone); claim and lookup count wrong answers only,
   * per client and number, per client, and per person when signed in (never per number alone: nobody locks an owner out).
   * ask: legal questions asked (legal.ask), per person. addInfo: information added to a case (petition.addInfo), per
   * person. book: bookings made (counselling and legal on-site, each counted on its own), per person. Like `file`, these
   * count inside the request's transaction: a refused request or a retry with the same request id costs nothing.
   * public: every action anyone may call (statistics, region and advisor search, stations, lookups) and Open311, per
   * client (address, or WeChat openid), counted in memory (core/rate-limit.ts ClientLimiter): a burst of `attempts`,
   * refilled at `attempts` per `minutes`.
   * join: wrong invitation codes (parties.join), per client and per person, like claim.
   */
  rateLimits: { claim: Limit; file: Limit; signIn: Limit; lookup: Limit; ask: Limit; addInfo: Limit; book: Limit; public: Limit; join: Limit; signCode: Limit }
  /** How long case records are kept after closing, also when their person deletes the account (domain/account/erasure.ts). */
  retention: RetentionSettings
  /** Photo uploads: per person per hour and per day, the largest picture accepted, the stored size (domain/uploads/bounds.ts). */
  uploads: UploadSettings
  /** Sign-in by text-message code (H5): see SignInSettings. */
  signIn?: SignInSettings
  /** The other party's invitation and the mediation sessions: how long a code lasts, answer times, reminders. */
  parties: PartySettings
}

/**
 * Sign-in codes: valid `codeMinutes` (5), dead after `codeAttempts` (5) wrong tries, a new one for the same number
 * not before `resendSeconds` (60); at most `perNumber` codes per number and `perClient` per client in `windowMinutes`
 * (60). `requireVerifiedPhone`: filing a petition needs a phone verified this way (MINAN_REQUIRE_VERIFIED_PHONE=1).
 */
export interface SignInSettings {
  codeMinutes: number
  codeAttempts: number
  resendSeconds: number
  perNumber: number
  perClient: number
  windowMinutes: number
  requireVerifiedPhone: boolean
}

export const DEFAULT_SIGN_IN: SignInSettings = { codeMinutes: 5, codeAttempts: 5, resendSeconds: 60, perNumber: 5, perClient: 20, windowMinutes: 60, requireVerifiedPhone: false }

export const DEFAULT_SETTINGS: Settings = {
  deadlines: DEFAULT_DEADLINES,
  counselling: COUNSELLING_RULES,
  legalOnsite: LEGAL_ONSITE_RULES,
  legal: DEFAULT_LEGAL_SETTINGS,
  retention: DEFAULT_RETENTION,
  rateLimits: {
    claim: { attempts: 5, minutes: 10 },
    file: { attempts: 20, minutes: 60 },
    signIn: { attempts: 30, minutes: 10 },
    lookup: { attempts: 5, minutes: 10 },
    ask: { attempts: 10, minutes: 24 * 60 },
    addInfo: { attempts: 20, minutes: 24 * 60 },
    book: { attempts: 10, minutes: 24 * 60 },
    public: { attempts: 600, minutes: 1 },
    join: { attempts: 5, minutes: 10 },
    // Signing codes of a mediation agreement, per person and case: each may be a paid text message.
    signCode: { attempts: 5, minutes: 60 }
  },
  uploads: DEFAULT_UPLOADS,
  signIn: DEFAULT_SIGN_IN,
  parties: DEFAULT_PARTY_SETTINGS
}

/** Settings changed for one deployment or test: groups replaced whole, except rate limits, replaced one by one. */
export type SettingsOverrides = Partial<Omit<Settings, 'rateLimits'>> & { rateLimits?: Partial<Settings['rateLimits']> }

export function settingsWith(overrides: SettingsOverrides = {}, base: Settings = DEFAULT_SETTINGS): Settings {
  return { ...base, ...overrides, rateLimits: { ...base.rateLimits, ...overrides.rateLimits } }
}

/**
 * Rate limits from the environment (MINAN_RATE_LIMITS), e.g. `file=100/60,signIn=30/10`: attempts per minutes for each
 * named limit. Unknown names and malformed entries are refused, so a typo never silently leaves the default in place.
 */
export function rateLimitsFrom(text: string | null | undefined): Partial<Settings['rateLimits']> {
  const out: Partial<Settings['rateLimits']> = {}
  for (const entry of (text ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const m = /^(\w+)=(\d+)\/(\d+)$/.exec(entry)
    if (!m || !Object.prototype.hasOwnProperty.call(DEFAULT_SETTINGS.rateLimits, m[1]) || Number(m[2]) < 1 || Number(m[3]) < 1) {
      throw new Error(`MINAN_RATE_LIMITS: cannot read "${entry}" (expected name=attempts/minutes, names: ${Object.keys(DEFAULT_SETTINGS.rateLimits).join(', ')})`)
    }
    out[m[1] as keyof Settings['rateLimits']] = { attempts: Number(m[2]), minutes: Number(m[3]) }
  }
  return out
}

/**
 * Upload bounds from the environment (MINAN_UPLOADS), e.g. `perHour=60,bytesPerDay=300MB`: whole numbers for the names
 * of settings.uploads (bytesPerDay may end in MB); the rest keep their defaults. Anything else is refused.
 */
export function uploadsFrom(text: string | null | undefined, base: UploadSettings = DEFAULT_UPLOADS): UploadSettings {
  const out = { ...base }
  for (const entry of (text ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const m = /^(\w+)=(\d+)(MB)?$/.exec(entry)
    const known = m !== null && Object.prototype.hasOwnProperty.call(DEFAULT_UPLOADS, m[1])
    const value = m ? Number(m[2]) * (m[3] ? 1024 * 1024 : 1) : 0
    if (!m || !known || value < 1 || (m[3] && m[1] !== 'bytesPerDay')) {
      throw new Error(`MINAN_UPLOADS: cannot read "${entry}" (expected name=number, names: ${Object.keys(DEFAULT_UPLOADS).join(', ')}; bytesPerDay may end in MB)`)
    }
    out[m[1] as keyof UploadSettings] = value
  }
  return out
}
