// The bench writes rows straight through SQL: it seals their personal columns as the server does (cloud/core/crypto.ts,
// format v2, bound to table, column and row id; the columns as in cloud/db/sealed.ts), with the server's own key:
// MINAN_DATA_KEYS when set, otherwise the key file the server made in its data folder.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/** The sealed columns of the tables the bench copies or fills (keep in step with SEALED in cloud/db/sealed.ts). */
export const SEALED_COLUMNS = {
  cases: ['title', 'description', 'address', 'point', 'contact_name', 'contact_phone', 'other_party_name', 'other_party_contact', 'rating_comment'],
  bookings: ['pseudonym', 'cancel_reason'],
  consultations: ['question', 'contact_phone', 'rating_comment']
}

const aad = (table, column, id) => Buffer.from(`minan\u0000${table}\u0000${column}\u0000${id}`, 'utf8')

export function benchSealer(env) {
  const ring = env.MINAN_DATA_KEYS ?? JSON.parse(fs.readFileSync(path.join(env.MINAN_DATA_DIR, 'keys.json'), 'utf8')).dataKeys
  const keys = new Map(ring.split(',').map((p) => p.trim().split(':')).map(([id, b64]) => [id, Buffer.from(b64, 'base64')]))
  const [current] = keys.keys()
  const seal = (plain, table, column, id) => {
    const iv = crypto.randomBytes(12)
    const cipher = crypto.createCipheriv('aes-256-gcm', keys.get(current), iv)
    cipher.setAAD(aad(table, column, id))
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return ['v2', current, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
  }
  const open = (sealed, table, column, id) => {
    const [, keyId, iv, tag, body] = sealed.split('.')
    const decipher = crypto.createDecipheriv('aes-256-gcm', keys.get(keyId), Buffer.from(iv, 'base64url'), { authTagLength: 16 })
    decipher.setAAD(aad(table, column, id))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
  }
  return {
    seal,
    /** A copy of a stored row for another id: each sealed value opened at the old row and sealed for the new one. */
    move(table, row, newId) {
      const out = { ...row, id: newId }
      for (const column of SEALED_COLUMNS[table] ?? []) if (typeof row[column] === 'string') out[column] = seal(open(row[column], table, column, row.id), table, column, newId)
      return out
    }
  }
}
