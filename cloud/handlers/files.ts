/** Photo uploads and reads. Only the uploader, and staff who can see a case that holds the photo, may read one. */
import crypto from 'node:crypto'
import type { Services } from '../core/context'
import { AppError } from '../core/errors'
import { MAX_PHOTO_BYTES, sniffImage } from '../ports/files'

export interface StoredFile {
  id: string
  mime: string
  bytes: number
}

export async function savePhoto(services: Services, ownerId: string, bytes: Buffer, now: Date): Promise<StoredFile> {
  if (bytes.length > MAX_PHOTO_BYTES) throw new AppError('FILE_TOO_LARGE', 'file')
  const mime = sniffImage(bytes) ?? (() => { throw new AppError('FILE_TYPE', 'file') })()
  const id = services.newId()
  // The bytes are durable before the row that names them commits.
  await services.files.put(id, bytes)
  await services.db
    .insertInto('files')
    .values({ id, owner_id: ownerId, mime, bytes: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), created_at: now.toISOString() })
    .execute()
  await services.durable()
  return { id, mime, bytes: bytes.length }
}

/** A link to a photo that works for an hour, for whoever was shown it; an <image> cannot send a token. */
export function signedPhotoUrl(services: Services, id: string, now: Date): string {
  const exp = Math.floor(now.getTime() / 1000) + 3600
  return `/api/files/${id}?exp=${exp}&sig=${photoSignature(services, id, exp)}`
}

const photoSignature = (services: Services, id: string, exp: number) =>
  crypto.createHmac('sha256', services.config.sessionSecret).update(`photo:${id}:${exp}`).digest('base64url')

export async function readSignedPhoto(services: Services, id: string, exp: number, sig: string, now: Date): Promise<{ mime: string; bytes: Buffer } | null> {
  if (!Number.isFinite(exp) || exp * 1000 < now.getTime()) return null
  const expected = Buffer.from(photoSignature(services, id, exp))
  const given = Buffer.from(sig)
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null
  const row = await services.db.selectFrom('files').select('mime').where('id', '=', id).executeTakeFirst()
  const bytes = row ? await services.files.get(id) : null
  return row && bytes ? { mime: row.mime, bytes } : null
}
