/**
 * Photo uploads and reads. Only the uploader, and staff who can see a case that holds the photo, may read one.
 * Every upload is bounded (domain/uploads/bounds.ts): tries per hour and bytes per day per person, a picture's declared
 * size read from its header before any decoding, and what is stored re-encoded without its metadata (ports/images.ts).
 * An upload never attached to a case or question is removed after a day (jobs/uploads.ts).
 */
import crypto from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Services } from '../core/context'
import { AppError, fail } from '../core/errors'
import { spendAttempt } from '../core/rate-limit'
import type { Database } from '../db/schema'
import { FileRepository } from '../db/repositories/files'
import { MAX_PHOTO_BYTES, sniffImage } from '../ports/files'
import { readHeader, reencodePhoto } from '../ports/images'
import { fitsDailyQuota, pixelBoundsParams, QUOTA_WINDOW_MS, quotaParams, withinPixelBounds } from '../domain/uploads/bounds'
import { uploadedPhotoOwner } from '../../types/functions/petition'
import { requestMediaCheck } from './media-checks'
import { checkLink, signedPhotoUrl } from './photo-links'

// The signed links live in photo-links.ts, which the timed jobs load without the upload path.
export { checkLink, readSignedPhoto, signedPhotoUrl } from './photo-links'

export interface StoredFile {
  id: string
  mime: string
  bytes: number
}

/** Spends one of the person's upload tries for this hour (RATE_LIMITED when none is left); a refused upload counts too. */
export async function spendUploadTry(services: Services, ownerId: string, now: Date): Promise<void> {
  await spendAttempt(services.db, [`upload:user:${ownerId}`], { attempts: services.settings.uploads.perHour, minutes: 60 }, now)
}

/** Refuses with UPLOAD_QUOTA when `incoming` more bytes would pass what the person may send in 24 hours. */
export async function checkUploadQuota(services: Services, ownerId: string, incoming: number, now: Date, field: string): Promise<void> {
  const received = await new FileRepository(services.db).receivedSince(ownerId, new Date(now.getTime() - QUOTA_WINDOW_MS).toISOString())
  const s = services.settings.uploads
  if (!fitsDailyQuota(received, incoming, s)) fail('UPLOAD_QUOTA', field, quotaParams(s))
}

/** Both, before anything is read: what a transport calls as soon as it knows who uploads and how much they announce. */
export async function admitUpload(services: Services, ownerId: string, announced: number, now: Date, field = 'file'): Promise<void> {
  await spendUploadTry(services, ownerId, now)
  await checkUploadQuota(services, ownerId, announced, now, field)
}

/**
 * The photo as it will be stored, or a refusal: at most 10 MB, a JPEG, PNG or WebP by its first bytes, a declared size
 * within bounds (checked on the header, before decoding), then decoded once and re-encoded (upright JPEG, no metadata).
 */
async function preparePhoto(services: Services, bytes: Buffer, field: string): Promise<{ mime: 'image/jpeg'; bytes: Buffer }> {
  const s = services.settings.uploads
  if (bytes.length > MAX_PHOTO_BYTES) fail('FILE_TOO_LARGE', field)
  if (!sniffImage(bytes)) fail('FILE_TYPE', field)
  const header = await readHeader(bytes)
  if (!header) return fail('FILE_TYPE', field)
  if (!withinPixelBounds(header.width, header.height, s)) fail('IMAGE_TOO_LARGE', field, pixelBoundsParams(s))
  const stored = await reencodePhoto(bytes, { maxSide: s.storedSide, maxPixels: s.maxPixels })
  return stored ? { mime: 'image/jpeg', bytes: stored } : fail('FILE_TYPE', field)
}

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex')

/**
 * Stores a photo the server received (POST /api/upload), once the transport has admitted the upload (admitUpload):
 * checked against the day's quota by its real size, re-encoded, and recorded as the person's, not yet attached.
 */
export async function savePhoto(services: Services, ownerId: string, bytes: Buffer, now: Date): Promise<StoredFile> {
  await checkUploadQuota(services, ownerId, bytes.length, now, 'file')
  const photo = await preparePhoto(services, bytes, 'file')
  const id = services.newId()
  const since = services.mark()
  // The bytes are durable before the row that names them commits.
  await services.files.put(id, photo.bytes)
  await new FileRepository(services.db).insert({ id, owner_id: ownerId, mime: photo.mime, bytes: photo.bytes.length, sha256: sha256(photo.bytes), created_at: now.toISOString(), storage_ref: null, attached_at: null, received_bytes: bytes.length, source_ref: null })
  await services.durable(since)
  await checkPhoto(services, id, ownerId, null, now)
  return { id, mime: photo.mime, bytes: photo.bytes.length }
}

/**
 * A photo the device stored on the platform itself (WeChat cloud storage, under petition/<its user id>/): read back,
 * bounded and re-encoded as an upload is, stored again by the server (a file the device cannot overwrite), and
 * recorded as the caller's file; the device's original, with its metadata, is deleted. The same reference registered
 * again gives the same file (and costs no try); someone else's reference, or one the platform does not have, is
 * FILE_NOT_FOUND. A refused file is deleted from the storage.
 */
export async function registerUploadedPhoto(services: Services, ownerId: string, ref: string, now: Date): Promise<StoredFile> {
  const uploaded = services.files.uploaded
  if (!uploaded || uploadedPhotoOwner(ref) !== ownerId) throw new AppError('FILE_NOT_FOUND', 'fileId')
  const repo = new FileRepository(services.db)
  const existing = await repo.bySource(ref)
  if (existing) {
    if (existing.owner_id !== ownerId) throw new AppError('FILE_NOT_FOUND', 'fileId')
    return { id: existing.id, mime: existing.mime, bytes: existing.bytes }
  }
  await spendUploadTry(services, ownerId, now)
  const bytes = await uploaded.read(ref)
  if (!bytes) throw new AppError('FILE_NOT_FOUND', 'fileId')
  let photo: { mime: string; bytes: Buffer }
  try {
    await checkUploadQuota(services, ownerId, bytes.length, now, 'fileId')
    photo = await preparePhoto(services, bytes, 'fileId')
  } catch (e) {
    await uploaded.discard([ref]).catch(() => undefined)
    throw e
  }
  const id = services.newId()
  const since = services.mark()
  const storedRef = await uploaded.store(`photos/${id}.jpg`, photo.bytes)
  // Two registrations of one reference at once: the unique index lets one row in; the other drops its copy and reads it.
  const inserted = await repo.insertFromSource({ id, owner_id: ownerId, mime: photo.mime, bytes: photo.bytes.length, sha256: sha256(photo.bytes), created_at: now.toISOString(), storage_ref: storedRef, attached_at: null, received_bytes: bytes.length, source_ref: ref })
  if (!inserted) {
    await uploaded.discard([storedRef]).catch(() => undefined)
    return registerUploadedPhoto(services, ownerId, ref, now)
  }
  await services.durable(since)
  await uploaded.discard([ref]).catch(() => undefined)
  await checkPhoto(services, id, ownerId, storedRef, now)
  return { id, mime: photo.mime, bytes: photo.bytes.length }
}

/**
 * Sends a stored photo to the image check (security.mediaCheckAsync on WeChat) with a link WeChat can fetch it from:
 * the platform storage's temporary link, or the server's own signed link under MINAN_PUBLIC_URL. No link: the check
 * cannot be asked, and the photo stays hidden from others (application/media-checks.ts).
 */
async function checkPhoto(services: Services, id: string, ownerId: string, storageRef: string | null, now: Date): Promise<void> {
  await requestMediaCheck(services, id, ownerId, await checkLink(services, id, storageRef, now), now)
}

/**
 * Attaches photos to what a write is creating (a case, its added information, a consultation or a reply), inside that
 * write's transaction: each must be the owner's (else FILE_NOT_FOUND on `field`), and from now on it is kept. One
 * statement checks and marks, so a photo the cleanup removes at the same moment is either attached or refused, never
 * referenced while gone.
 */
export async function attachPhotos(trx: Kysely<Database> | Transaction<Database>, ids: string[], ownerId: string, now: Date, field = 'photos'): Promise<void> {
  const unique = [...new Set(ids)]
  if (!unique.length) return
  if ((await new FileRepository(trx).markAttached(unique, ownerId, now.toISOString())) !== unique.length) fail('FILE_NOT_FOUND', field)
}

/**
 * Links for a case's photos, by id: a signed server link for photos the server holds; for photos in the platform's
 * storage, the platform's own temporary link (the server serves none of those bytes).
 */
export async function photoLinks(services: Services, ids: string[], now: Date): Promise<Map<string, string>> {
  const links = new Map(ids.map((id) => [id, signedPhotoUrl(services, id, now)]))
  const uploaded = services.files.uploaded
  if (!uploaded || !ids.length) return links
  const rows = await new FileRepository(services.db).platformRefs(ids)
  if (!rows.length) return links
  const byRef = await uploaded.links(rows.map((r) => r.storageRef))
  for (const row of rows) {
    const link = byRef.get(row.storageRef)
    if (link) links.set(row.id, link)
  }
  return links
}
