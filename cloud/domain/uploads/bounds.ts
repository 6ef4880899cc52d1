/**
 * How much a person may upload and what picture is accepted, as pure rules. One account once sent 400 MB in ten
 * seconds, and a 30000 × 30000 PNG (3.6 GB once decoded) was stored and shown to staff: every upload is now counted
 * per person (tries per hour, bytes per day), a picture is judged by the size its header declares before any pixel is
 * decoded, and what is stored is re-encoded at a sane size, without the metadata (GPS position, device) a camera adds.
 */

export interface UploadSettings {
  /** Photos one person may send per hour; every try counts, a refused one too. */
  perHour: number
  /** Bytes one person may have stored in any 24 hours (as received, before re-encoding). */
  bytesPerDay: number
  /** The largest picture accepted, by its header: pixels in all, and on its longer side. */
  maxPixels: number
  maxSide: number
  /** A stored photo's longer side at most; a larger one is scaled down. */
  storedSide: number
  /** Hours an upload may wait to be attached to a case or question before it is removed. */
  unattachedHours: number
}

export const DEFAULT_UPLOADS: UploadSettings = {
  perHour: 30,
  bytesPerDay: 150 * 1024 * 1024,
  maxPixels: 40_000_000,
  maxSide: 10_000,
  // Sharp enough to read a document or a crack in a wall on a phone or a desk screen; a 12 MP photo is 4000 px.
  storedSide: 2560,
  unattachedHours: 24
}

export const QUOTA_WINDOW_MS = 24 * 3600_000

/** Whether a picture of these declared dimensions may be decoded at all. */
export const withinPixelBounds = (width: number, height: number, s: UploadSettings): boolean =>
  Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0 && Math.max(width, height) <= s.maxSide && width * height <= s.maxPixels

/** Whether `incoming` more bytes fit the day's quota, given what was received in the last 24 hours. */
export const fitsDailyQuota = (receivedToday: number, incoming: number, s: UploadSettings): boolean => receivedToday + incoming <= s.bytesPerDay

/** The parameters of the refusals, as their messages show them. */
export const pixelBoundsParams = (s: UploadSettings) => ({ megapixels: String(Math.floor(s.maxPixels / 1_000_000)), side: String(s.maxSide) })
export const quotaParams = (s: UploadSettings) => ({ mb: String(Math.floor(s.bytesPerDay / (1024 * 1024))) })

/** Uploads created before this instant and never attached are removed. */
export const unattachedBefore = (now: Date, s: UploadSettings): Date => new Date(now.getTime() - s.unattachedHours * 3600_000)
