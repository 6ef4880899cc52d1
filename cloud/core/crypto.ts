/**
 * Sensitive fields at rest: AES-256-GCM with a key ring (the first key seals, any listed key opens, so keys rotate
 * without rewriting old rows), and a keyed hash for looking a value up without storing it in the clear.
 */
import crypto from 'node:crypto'

export interface KeyRing {
  /** id → 32-byte key; `current` seals. */
  keys: Map<string, Buffer>
  current: string
  hashKey: Buffer
}

/** Parses MINAN_DATA_KEYS="k2:<base64 32 bytes>,k1:<base64>" (newest first). */
export function parseKeyRing(dataKeys: string, hashKey: string): KeyRing {
  const keys = new Map<string, Buffer>()
  for (const part of dataKeys.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [id, b64] = part.split(':')
    const key = Buffer.from(b64 ?? '', 'base64')
    if (!/^[a-z0-9]{1,16}$/i.test(id) || key.length !== 32) throw new Error(`MINAN_DATA_KEYS: key "${id}" must be <id>:<base64 of 32 bytes>`)
    keys.set(id, key)
  }
  if (keys.size === 0) throw new Error('MINAN_DATA_KEYS has no key')
  const hash = Buffer.from(hashKey, 'base64')
  if (hash.length < 32) throw new Error('MINAN_HASH_KEY must be base64 of at least 32 bytes')
  return { keys, current: [...keys.keys()][0], hashKey: hash }
}

/**
 * Where a sealed value lives: its table, its column and its row's id (a composite key joined with '/'). A v2 value
 * carries this as GCM additional data, so a value copied to another row or column does not open.
 */
export interface SealSite {
  table: string
  column: string
  id: string
}

/** The additional data a v2 value is bound to; NUL never occurs in a table, column or id. */
const aadOf = (site: SealSite) => Buffer.from(`minan\u0000${site.table}\u0000${site.column}\u0000${site.id}`, 'utf8')

export class FieldCipher {
  constructor(private readonly ring: KeyRing) {}

  /** v2.<key id>.<iv>.<tag>.<body>: AES-256-GCM under the current key, bound to its site. */
  seal(plain: string, site: SealSite): string {
    const iv = crypto.randomBytes(12)
    const cipher = crypto.createCipheriv('aes-256-gcm', this.ring.keys.get(this.ring.current)!, iv)
    cipher.setAAD(aadOf(site))
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return ['v2', this.ring.current, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
  }

  /**
   * The plain text of a sealed value at its site. v2 opens only at the site it was sealed for; v1 (sealed before
   * values were bound to their place) opens anywhere, until `reseal` has rewritten it. Anything else throws: a value
   * moved elsewhere, tampered with, or sealed under a key no longer in the ring never opens as something else.
   */
  open(sealed: string, site: SealSite): string {
    const [version, keyId, iv, tag, body, extra] = sealed.split('.')
    const key = this.ring.keys.get(keyId)
    if ((version !== 'v1' && version !== 'v2') || extra !== undefined || body === undefined) throw new Error(`cannot open ${site.table}.${site.column}: not a sealed value`)
    if (!key) throw new Error(`cannot open a field sealed with key "${keyId}"`)
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: 16 })
    if (version === 'v2') decipher.setAAD(aadOf(site))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    try {
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
    } catch {
      throw new Error(`cannot open ${site.table}.${site.column} of ${site.id}: sealed for another place, or altered`)
    }
  }

  /** The id of the key that seals. */
  get currentKey(): string {
    return this.ring.current
  }

  /** Whether a sealed value is in the current form (v2 under the current key): what `reseal` leaves alone. */
  isCurrent(sealed: string): boolean {
    const [version, keyId] = sealed.split('.')
    return version === 'v2' && keyId === this.ring.current
  }

  /** Keyed hash (HMAC-SHA256) for equality look-ups, e.g. a phone number with a tracking number. */
  hash(value: string): string {
    return crypto.createHmac('sha256', this.ring.hashKey).update(value).digest('base64url')
  }

  keyIdOf(sealed: string): string {
    return sealed.split('.')[1]
  }
}
