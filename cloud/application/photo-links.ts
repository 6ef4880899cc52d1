/**
 * Links to stored photos: the server's own signed links (an <image> cannot send a token), and the link WeChat fetches
 * a photo from for its image check. Apart from application/files.ts so that the timed jobs, which ask again for
 * checks that could not be asked, load this without the upload path.
 */
import crypto from 'node:crypto'
import type { Services } from '../core/context'
import { FileRepository } from '../db/repositories/files'

/** How long the link WeChat fetches a photo from for its image check stays valid. */
const CHECK_LINK_SECONDS = 6 * 3600

/** The link WeChat fetches a stored photo from for its image check (also when the check is asked again); null: none. */
export async function checkLink(services: Services, id: string, storageRef: string | null, now: Date): Promise<string | null> {
  try {
    if (storageRef) return (await services.files.uploaded?.links([storageRef]))?.get(storageRef) ?? null
    if (services.config.publicUrl) return `${services.config.publicUrl}${signedPhotoUrl(services, id, now, CHECK_LINK_SECONDS)}`
  } catch {
    // No link: the check cannot be asked this time.
  }
  return null
}

/** A link to a photo that works for an hour, for whoever was shown it; an <image> cannot send a token. */
export function signedPhotoUrl(services: Services, id: string, now: Date, seconds = 3600): string {
  const exp = Math.floor(now.getTime() / 1000) + seconds
  return `/api/files/${id}?exp=${exp}&sig=${photoSignature(services, id, exp)}`
}

const photoSignature = (services: Services, id: string, exp: number) =>
  crypto.createHmac('sha256', services.config.sessionSecret).update(`photo:${id}:${exp}`).digest('base64url')

export async function readSignedPhoto(services: Services, id: string, exp: number, sig: string, now: Date): Promise<{ mime: string; bytes: Buffer } | null> {
  if (!Number.isFinite(exp) || exp * 1000 < now.getTime()) return null
  const expected = Buffer.from(photoSignature(services, id, exp))
  const given = Buffer.from(sig)
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null
  const mime = await new FileRepository(services.db).mimeOf(id)
  const bytes = mime !== null ? await services.files.get(id) : null
  return mime !== null && bytes ? { mime, bytes } : null
}
