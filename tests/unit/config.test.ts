/** Configuration: demo sign-in only by its own switch, and secrets that are strong, not only long. */
import crypto from 'node:crypto'
import { loadConfig, secretWeakness } from '../../cloud/config'

const env = (values: Record<string, string>) => values as NodeJS.ProcessEnv
const strong = () => crypto.randomBytes(32).toString('base64')
const production = () => ({ NODE_ENV: 'production', MINAN_SESSION_SECRET: strong(), MINAN_DATA_KEYS: `k1:${strong()}`, MINAN_HASH_KEY: strong() })

describe('demo sign-in', () => {
  test('is off unless MINAN_DEMO=1, whatever NODE_ENV says', () => {
    for (const nodeEnv of [undefined, '', 'prod', 'Production', 'staging', 'development', 'test']) {
      expect(loadConfig(env(nodeEnv === undefined ? {} : { NODE_ENV: nodeEnv })).demo).toBe(false)
    }
    expect(loadConfig(env({ MINAN_DEMO: 'true' })).demo).toBe(false)
    expect(loadConfig(env({ MINAN_DEMO: '1' }))).toMatchObject({ demo: true, demoCases: true })
    expect(loadConfig(env({ MINAN_DEMO: '1', MINAN_DEMO_CASES: '0' }))).toMatchObject({ demo: true, demoCases: false })
  })

  test('cannot be switched on in production', () => {
    expect(loadConfig(env(production())).demo).toBe(false)
    expect(() => loadConfig(env({ ...production(), MINAN_DEMO: '1' }))).toThrow(/MINAN_DEMO=1.*production/)
  })
})

describe('secrets', () => {
  test.each([
    ['x'.repeat(40), /fewer than 8 different/],
    ['abcdefghijklmnopqrstuvwxyz0123456789', /runs/],
    ['0123456789abcdef0123456789abcdef', /repeated/],
    ['please-change-me-to-a-long-random-value', /placeholder/],
    ['my-super-secret-session-key-2026-prod', /placeholder/],
    ['abcabcabcabcabcabcabcabcabcabcabcabc', /different|repeated/],
    ['short', /shorter than 32/]
  ])('a session secret like %s is refused (%s)', (secret, why) => {
    expect(secretWeakness(env({ MINAN_SESSION_SECRET: secret }))).toMatch(why)
    expect(() => loadConfig(env({ MINAN_SESSION_SECRET: secret }))).toThrow(/MINAN_SESSION_SECRET is too weak/)
  })

  test('keys of one repeated byte or a short repeated pattern are refused', () => {
    const zeros = Buffer.alloc(32).toString('base64')
    const pattern = Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')
    expect(secretWeakness(env({ MINAN_HASH_KEY: zeros }))).toMatch(/MINAN_HASH_KEY/)
    expect(secretWeakness(env({ MINAN_DATA_KEYS: `k2:${strong()},k1:${pattern}` }))).toMatch(/MINAN_DATA_KEYS/)
    expect(() => loadConfig(env({ ...production(), MINAN_HASH_KEY: zeros }))).toThrow(/weak key/)
  })

  test('random values in the usual encodings pass', () => {
    for (let i = 0; i < 200; i++) {
      expect(secretWeakness(env({ MINAN_SESSION_SECRET: crypto.randomBytes(16).toString('hex'), MINAN_DATA_KEYS: `k1:${strong()}`, MINAN_HASH_KEY: strong() }))).toBeNull()
      expect(secretWeakness(env({ MINAN_SESSION_SECRET: crypto.randomBytes(32).toString('base64url') }))).toBeNull()
    }
    expect(() => loadConfig(env(production()))).not.toThrow()
  })
})
