/** Rate limits from the environment and settings overrides: read strictly, merged one limit at a time. */
import { DEFAULT_SETTINGS, rateLimitsFrom, settingsWith } from '../../cloud/settings'

test('MINAN_RATE_LIMITS: name=attempts/minutes, comma-separated; anything else is refused', () => {
  expect(rateLimitsFrom(undefined)).toEqual({})
  expect(rateLimitsFrom(' file=50/60 , signIn=20/10 ')).toEqual({ file: { attempts: 50, minutes: 60 }, signIn: { attempts: 20, minutes: 10 } })
  for (const bad of ['fle=1/1', 'file=0/60', 'file=5/0', 'file=5', 'file=a/b', '__proto__=1/1', 'toString=1/1']) expect(() => rateLimitsFrom(bad)).toThrow(/MINAN_RATE_LIMITS/)
})

test('overrides replace single rate limits and whole other groups; the defaults stay as they are', () => {
  const s = settingsWith({ rateLimits: { file: { attempts: 3, minutes: 60 } } })
  expect(s.rateLimits).toEqual({ ...DEFAULT_SETTINGS.rateLimits, file: { attempts: 3, minutes: 60 } })
  expect(s.deadlines).toBe(DEFAULT_SETTINGS.deadlines)
  expect(DEFAULT_SETTINGS.rateLimits.file).toEqual({ attempts: 20, minutes: 60 })
  expect(DEFAULT_SETTINGS.rateLimits.signIn).toEqual({ attempts: 30, minutes: 10 })
})
