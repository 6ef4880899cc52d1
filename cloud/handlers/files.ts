/** Photo uploads and reads. Only the uploader, and staff who can see a case that holds the photo, may read one. */
import crypto from 'node:crypto'
import type { Services } from '../core/context'
import { AppError } from '../core/errors'
import { MAX_PHOTO_BYTES, sniffImage } from '../ports/files'
import { uploadedPhotoOwner } from '../../types/functions/petition'

export interface StoredFile {
  id: string
  mime: string
  bytes: number
}

export async function savePhoto(services: Services, ownerId: string, bytes: Buffer, now: Date): Promise<StoredFile> {
  if (bytes.length > MAX_PHOTO_BYTES) throw new AppError('FILE_TOO_LARGE', 'file')
  const mime = sniffImage(bytes) ?? (() => { throw new AppError('FILE_TYPE', 'file') })()
  const id = services.newId()
  const since = services.mark()
  // The bytes are durable before the row that names them commits.
  await services.files.put(id, bytes)
  await services.db
    .insertInto('files')
    .values({ id, owner_id: ownerId, mime, bytes: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), created_at: now.toISOString(), storage_ref: null })
    .execute()
  await services.durable(since)
  return { id, mime, bytes: bytes.length }
}

/**
 * A photo the device stored on the platform itself (WeChat cloud storage, under petition/<its user id>/): read back,
 * checked as an upload is (≤ 10 MB, an image by its first bytes), and recorded as the caller's file. The same
 * reference registered again gives the same file; someone else's reference, or one the platform does not have, is
 * FILE_NOT_FOUND. A refused file is deleted from the storage.
 */
export async function registerUploadedPhoto(services: Services, ownerId: string, ref: string, now: Date): Promise<StoredFile> {
  const uploaded = services.files.uploaded
  if (!uploaded || uploadedPhotoOwner(ref) !== ownerId) throw new AppError('FILE_NOT_FOUND', 'fileId')
  const existing = await services.db.selectFrom('files').select(['id', 'owner_id', 'mime', 'bytes']).where('storage_ref', '=', ref).executeTakeFirst()
  if (existing) {
    if (existing.owner_id !== ownerId) throw new AppError('FILE_NOT_FOUND', 'fileId')
    return { id: existing.id, mime: existing.mime, bytes: existing.bytes }
  }
  const bytes = await uploaded.read(ref)
  if (!bytes) throw new AppError('FILE_NOT_FOUND', 'fileId')
  const refuse = async (code: 'FILE_TOO_LARGE' | 'FILE_TYPE'): Promise<never> => {
    await uploaded.discard([ref]).catch(() => undefined)
    throw new AppError(code, 'fileId')
  }
  if (bytes.length > MAX_PHOTO_BYTES) await refuse('FILE_TOO_LARGE')
  const mime = sniffImage(bytes) ?? (await refuse('FILE_TYPE'))
  const id = services.newId()
  const since = services.mark()
  // Two registrations of one reference at once: the unique index lets one row in; the other reads it.
  const inserted = await services.db
    .insertInto('files')
    .values({ id, owner_id: ownerId, mime, bytes: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), created_at: now.toISOString(), storage_ref: ref })
    .onConflict((oc) => oc.column('storage_ref').doNothing())
    .executeTakeFirst()
  if (!Number(inserted.numInsertedOrUpdatedRows ?? 0)) return registerUploadedPhoto(services, ownerId, ref, now)
  await services.durable(since)
  return { id, mime, bytes: bytes.length }
}

/**
 * Links for a case's photos, by id: a signed server link for photos the server holds; for photos in the platform's
 * storage, the platform's own temporary link (the server serves none of those bytes).
 */
export async function photoLinks(services: Services, ids: string[], now: Date): Promise<Map<string, string>> {
  const links = new Map(ids.map((id) => [id, signedPhotoUrl(services, id, now)]))
  const uploaded = services.files.uploaded
  if (!uploaded || !ids.length) return links
  const rows = await services.db.selectFrom('files').select(['id', 'storage_ref']).where('id', 'in', ids).where('storage_ref', 'is not', null).execute()
  if (!rows.length) return links
  const byRef = await uploaded.links(rows.map((r) => r.storage_ref!))
  for (const row of rows) {
    const link = byRef.get(row.storage_ref!)
    if (link) links.set(row.id, link)
  }
  return links
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
