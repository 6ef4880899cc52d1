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

export class FieldCipher {
  constructor(private readonly ring: KeyRing) {}

  seal(plain: string): string {
    const iv = crypto.randomBytes(12)
    const cipher = crypto.createCipheriv('aes-256-gcm', this.ring.keys.get(this.ring.current)!, iv)
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return ['v1', this.ring.current, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
  }

  open(sealed: string): string {
    const [version, keyId, iv, tag, body] = sealed.split('.')
    const key = this.ring.keys.get(keyId)
    if (version !== 'v1' || !key) throw new Error(`cannot open a field sealed with key "${keyId}"`)
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
  }

  /** Keyed hash (HMAC-SHA256) for equality look-ups, e.g. a phone number with a tracking number. */
  hash(value: string): string {
    return crypto.createHmac('sha256', this.ring.hashKey).update(value).digest('base64url')
  }

  keyIdOf(sealed: string): string {
    return sealed.split('.')[1]
  }
}
