/** The rules that bound uploads (domain/uploads/bounds.ts) and their settings from the environment (MINAN_UPLOADS). */
import { DEFAULT_UPLOADS, fitsDailyQuota, pixelBoundsParams, quotaParams, unattachedBefore, withinPixelBounds } from '../../cloud/domain/uploads/bounds'
import { DEFAULT_SETTINGS, uploadsFrom } from '../../cloud/settings'

const s = DEFAULT_UPLOADS

test('a picture is accepted up to 40 megapixels and 10000 px a side, by what its header declares', () => {
  expect(withinPixelBounds(4000, 3000, s)).toBe(true)
  expect(withinPixelBounds(10000, 4000, s)).toBe(true)
  expect(withinPixelBounds(10001, 10, s)).toBe(false)
  expect(withinPixelBounds(8000, 5001, s)).toBe(false)
  expect(withinPixelBounds(30000, 30000, s)).toBe(false)
  for (const [w, h] of [[0, 10], [10, -1], [1.5, 10], [NaN, 10]]) expect(withinPixelBounds(w, h, s)).toBe(false)
  expect(pixelBoundsParams(s)).toEqual({ megapixels: '40', side: '10000' })
})

test('the day’s quota counts what was received in 24 hours plus what comes now', () => {
  expect(fitsDailyQuota(0, s.bytesPerDay, s)).toBe(true)
  expect(fitsDailyQuota(s.bytesPerDay - 10, 11, s)).toBe(false)
  expect(quotaParams(s)).toEqual({ mb: '150' })
})

test('an upload may wait a day to be attached', () => {
  expect(unattachedBefore(new Date('2026-12-02T00:00:00Z'), s).toISOString()).toBe('2026-12-01T00:00:00.000Z')
  expect(DEFAULT_SETTINGS.uploads).toBe(DEFAULT_UPLOADS)
})

test('MINAN_UPLOADS: name=number, comma-separated, bytesPerDay also in MB; anything else is refused', () => {
  expect(uploadsFrom(undefined)).toEqual(DEFAULT_UPLOADS)
  expect(uploadsFrom(' perHour=60 , bytesPerDay=300MB ')).toEqual({ ...DEFAULT_UPLOADS, perHour: 60, bytesPerDay: 300 * 1024 * 1024 })
  expect(uploadsFrom('maxSide=8000,unattachedHours=48')).toEqual({ ...DEFAULT_UPLOADS, maxSide: 8000, unattachedHours: 48 })
  for (const bad of ['perhour=5', 'perHour=0', 'perHour=5MB', 'perHour=-1', 'perHour', 'bytesPerDay=1GB', '__proto__=1', 'toString=1']) expect(() => uploadsFrom(bad)).toThrow(/MINAN_UPLOADS/)
})
