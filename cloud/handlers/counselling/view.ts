/** What each reader gets back: rows turned into the contract's shapes, decrypting only what that reader may see. */
import type { Booking, BookingStatus, Counsellor, FreeSlot, Language, Mode, OwnScreening, ScreeningBand, ScreeningRecord, Session, Station, StationBooking, StationService, WaitlistEntry, WeeklyHours } from '../../../types/functions/counselling'
import type { FieldCipher } from '../../core/crypto'
import { siteOf } from '../../db/sealed'
import type { BookingRow, NoteRow, ProviderRow, WaitlistRow } from '../../db/repositories/bookings'
import type { ScreeningRow } from '../../db/repositories/screenings'
import type { StationRow } from '../../db/repositories/stations'
import { canCancel, type SlotRules } from '../../domain/booking/slots'
import { cancelBy } from '../../domain/booking/calendar'

const list = <T>(json: string): T[] => JSON.parse(json) as T[]

export function station(row: StationRow, regionPath: string[], distance: number | null = null): Station {
  return {
    id: row.id,
    kind: row.kind as Station['kind'],
    name: row.name,
    regionCode: row.region_code,
    regionPath,
    address: row.address,
    hours: row.hours,
    phone: row.phone,
    services: list<StationService>(row.services),
    languages: list<Language>(row.languages),
    location: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null,
    distance
  }
}

export const counsellor = (p: ProviderRow): Counsellor => ({
  id: p.id,
  stationId: p.station_id,
  displayName: p.display_name,
  qualification: p.qualification,
  languages: list<Language>(p.languages),
  modes: list<Mode>(p.modes),
  hours: list<WeeklyHours>(p.hours)
})

export const freeSlot = (s: { provider: ProviderRow; start: Date; end: Date }): FreeSlot => ({
  counsellorId: s.provider.id,
  counsellorName: s.provider.display_name,
  start: s.start.toISOString(),
  end: s.end.toISOString()
})

/** The person's own booking; `row` as stored (its pseudonym sealed). */
export function booking(row: BookingRow, stationRow: StationRow | undefined, provider: ProviderRow | undefined, now: Date, rules: SlotRules, cipher: FieldCipher): Booking {
  const start = new Date(row.starts_at)
  return {
    id: row.id,
    stationId: row.station_id,
    stationName: stationRow?.name ?? '',
    stationAddress: stationRow?.address ?? '',
    counsellorId: row.provider_id,
    counsellorName: provider?.display_name ?? '',
    start: row.starts_at,
    end: row.ends_at,
    mode: row.mode as Mode,
    pseudonym: row.pseudonym ? cipher.open(row.pseudonym, siteOf('bookings', 'pseudonym', row)) : null,
    status: row.status as BookingStatus,
    canCancel: row.status === 'booked' && canCancel(start, now, rules),
    cancelBy: cancelBy(start, rules).toISOString(),
    sharedScreeningId: row.shared_screening_id
  }
}

export function waitlistEntry(row: WaitlistRow, provider: ProviderRow | undefined, now: Date): WaitlistEntry {
  // An offer whose time has passed reads as expired even before the sweep has passed it on.
  const lapsed = row.status === 'offered' && row.offer_expires_at !== null && row.offer_expires_at <= now.toISOString()
  return {
    id: row.id,
    counsellorId: row.provider_id,
    counsellorName: provider?.display_name ?? '',
    date: row.date,
    status: lapsed ? 'expired' : (row.status as WaitlistEntry['status']),
    offeredStart: row.offered_start,
    offerExpiresAt: row.offer_expires_at
  }
}

interface SealedScreening {
  answers: number[]
  total: number
  band: ScreeningBand
  crisis: boolean
  suggestCounselling: boolean
}

/** The score of a kept screening, for a counsellor it was shared with: never the answers. */
export function screeningRecord(row: ScreeningRow, cipher: FieldCipher): ScreeningRecord {
  const { total, band, crisis, suggestCounselling } = JSON.parse(cipher.open(row.data, siteOf('screenings', 'data', row))) as SealedScreening
  return { id: row.id, instrument: row.instrument as ScreeningRecord['instrument'], total, band, crisis, suggestCounselling, createdAt: row.created_at }
}

/** The person's own screening, answers included. */
export function ownScreening(row: ScreeningRow, cipher: FieldCipher): OwnScreening {
  const data = JSON.parse(cipher.open(row.data, siteOf('screenings', 'data', row))) as SealedScreening
  return { ...screeningRecord(row, cipher), answers: data.answers, consentVersion: row.consent_version }
}

/** A session as its own counsellor sees it: notes decrypted only here, for the provider who wrote them. */
export function session(row: BookingRow, client: string, note: NoteRow | undefined, shared: ScreeningRow | undefined, cipher: FieldCipher): Session {
  return {
    id: row.id,
    start: row.starts_at,
    end: row.ends_at,
    mode: row.mode as Mode,
    client,
    status: row.status as BookingStatus,
    priority: row.priority === 1,
    cancelReason: row.cancel_reason ? cipher.open(row.cancel_reason, siteOf('bookings', 'cancel_reason', row)) : null,
    notes: note ? cipher.open(note.notes, siteOf('session_notes', 'notes', note)) : null,
    risk: note?.risk === 1,
    referral: note?.referral ? cipher.open(note.referral, siteOf('session_notes', 'referral', note)) : null,
    sharedScreening: shared ? screeningRecord(shared, cipher) : null
  }
}

export const stationBooking = (row: BookingRow, provider: ProviderRow | undefined, client: string): StationBooking => ({
  id: row.id,
  start: row.starts_at,
  end: row.ends_at,
  mode: row.mode as Mode,
  counsellorName: provider?.display_name ?? '',
  client,
  status: row.status as BookingStatus
})
