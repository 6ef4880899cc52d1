/**
 * The image check of a photo before others see it: security.mediaCheckAsync on WeChat (cloud functions through
 * wx-server-sdk, a self-hosted backend over HTTPS), a local checker elsewhere (H5 and tests). WeChat's check is
 * asynchronous: it answers a trace id at once, and the verdict arrives later as a `wxa_media_check` message naming it
 * (application/media-checks.ts records it). A checker that decides at once answers the verdict itself.
 */
import crypto from 'node:crypto'
import type { WechatApi } from './wechat'

/** WeChat's suggestion: 'pass', 'risky' (hidden from others), 'review' (uncertain: kept hidden like a pending one). */
export type MediaVerdict = 'pass' | 'risky' | 'review'

export type MediaSubmission = { verdict: MediaVerdict } | { traceId: string }

export interface MediaPhoto {
  fileId: string
  /** Where WeChat can fetch the stored photo (a platform temporary link, or the server's signed link). */
  url: string | null
}

export interface MediaChecker {
  /** Starts the check of a stored photo taken in from `userId`; throws MediaCheckUnavailable when it cannot be asked. */
  submit(photo: MediaPhoto, userId: string): Promise<MediaSubmission>
}

export class MediaCheckUnavailable extends Error {
  constructor(reason: string) {
    super(`media check unavailable: ${reason}`)
    this.name = 'MediaCheckUnavailable'
  }
}

/**
 * The local checker: every photo passes at once. Tests switch it to answer as WeChat does (`deferred`: a trace id,
 * the verdict to be delivered later) or to fail as an outage would (`unavailable`).
 */
export class LocalMediaChecker implements MediaChecker {
  deferred = false
  unavailable = false
  /** The photos submitted while deferred, with their trace ids, newest last. */
  readonly submitted: { fileId: string; traceId: string; userId: string }[] = []

  async submit(photo: MediaPhoto, userId: string): Promise<MediaSubmission> {
    if (this.unavailable) throw new MediaCheckUnavailable('local checker switched off')
    if (!this.deferred) return { verdict: 'pass' }
    const traceId = crypto.randomUUID()
    this.submitted.push({ fileId: photo.fileId, traceId, userId })
    return { traceId }
  }
}

/** Media type 2 is an image; scene 2 (comment) is what the text check uses for the same texts. */
const IMAGE = 2
const SCENE = 2

/** The arguments both WeChat routes take, in the HTTPS API's spelling (cloud.openapi takes the camelCase ones). */
export const mediaCheckArgs = (url: string, openid: string) => ({ media_url: url, media_type: IMAGE, version: 2, scene: SCENE, openid })

/** Any checker over a call that answers a trace id; no OPENID, no URL, an errcode or no trace id throw. */
export function traceChecker(openidOf: (userId: string) => Promise<string | null>, ask: (url: string, openid: string) => Promise<{ errcode?: number; errCode?: number; errmsg?: string; trace_id?: string; traceId?: string }>): MediaChecker {
  return {
    async submit(photo, userId) {
      if (!photo.url) throw new MediaCheckUnavailable('no link WeChat can fetch the photo from')
      const openid = await openidOf(userId)
      if (!openid) throw new MediaCheckUnavailable('no openid for the uploader')
      let r: Awaited<ReturnType<typeof ask>>
      try {
        r = await ask(photo.url, openid)
      } catch (e) {
        throw new MediaCheckUnavailable(e instanceof Error ? e.message : String(e))
      }
      const code = r.errcode ?? r.errCode ?? 0
      const traceId = r.trace_id ?? r.traceId
      if (code !== 0 || !traceId) throw new MediaCheckUnavailable(`errcode ${code} ${r.errmsg ?? ''}`.trim())
      return { traceId }
    }
  }
}

/** A self-hosted backend's checker: POST /wxa/media_check_async with the access token. */
export function wechatHttpMediaChecker(api: WechatApi, openidOf: (userId: string) => Promise<string | null>): MediaChecker {
  return traceChecker(openidOf, (url, openid) => api.post('/wxa/media_check_async', mediaCheckArgs(url, openid)))
}
