import { TokenService } from '../../cloud/core/tokens'

describe('session tokens', () => {
  const tokens = new TokenService('k'.repeat(32), 3600_000)
  const now = new Date('2026-11-27T00:00:00Z')

  test('a token names its user until it expires', () => {
    const { token, expiresAt } = tokens.issue('user-1', now)
    expect(expiresAt).toBe('2026-11-27T01:00:00.000Z')
    expect(tokens.verify(token, now)).toEqual({ ok: true, userId: 'user-1' })
    expect(tokens.verify(token, new Date('2026-11-27T01:00:00Z'))).toEqual({ ok: false, reason: 'expired' })
  })

  test('a changed payload, signature or key is invalid', () => {
    const { token } = tokens.issue('user-1', now)
    const [body, sig] = token.split('.')
    const forgedBody = Buffer.from(JSON.stringify({ sub: 'admin', exp: now.getTime() + 1e9 })).toString('base64url')
    expect(tokens.verify(`${forgedBody}.${sig}`, now)).toEqual({ ok: false, reason: 'invalid' })
    expect(tokens.verify(`${body}.${sig.slice(1)}x`, now)).toEqual({ ok: false, reason: 'invalid' })
    expect(new TokenService('j'.repeat(32), 3600_000).verify(token, now)).toEqual({ ok: false, reason: 'invalid' })
    expect(tokens.verify('garbage', now)).toEqual({ ok: false, reason: 'invalid' })
    expect(tokens.verify(`${token}.extra`, now)).toEqual({ ok: false, reason: 'invalid' })
  })
})
