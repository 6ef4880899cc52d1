/** Signed, expiring session tokens for the HTTP transport (HMAC-SHA256 over a small JSON payload). */
import crypto from 'node:crypto'

interface Payload {
  sub: string
  exp: number
}

export type TokenCheck = { ok: true; userId: string } | { ok: false; reason: 'invalid' | 'expired' }

export class TokenService {
  constructor(
    private readonly secret: string,
    private readonly ttlMs: number
  ) {}

  issue(userId: string, now: Date): { token: string; expiresAt: string } {
    const exp = now.getTime() + this.ttlMs
    const body = Buffer.from(JSON.stringify({ sub: userId, exp } satisfies Payload)).toString('base64url')
    return { token: `${body}.${this.sign(body)}`, expiresAt: new Date(exp).toISOString() }
  }

  verify(token: string, now: Date): TokenCheck {
    const [body, signature, extra] = token.split('.')
    if (!body || !signature || extra !== undefined) return { ok: false, reason: 'invalid' }
    const expected = Buffer.from(this.sign(body))
    const given = Buffer.from(signature)
    if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' }
    let payload: Payload
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload
    } catch {
      return { ok: false, reason: 'invalid' }
    }
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return { ok: false, reason: 'invalid' }
    if (payload.exp <= now.getTime()) return { ok: false, reason: 'expired' }
    return { ok: true, userId: payload.sub }
  }

  private sign(body: string): string {
    return crypto.createHmac('sha256', this.secret).update(body).digest('base64url')
  }
}
