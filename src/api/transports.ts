/** Transports: HTTP (H5, or a self-hosted backend for the weapp) and WeChat cloud functions. */
import Taro from '@tarojs/taro'
import type { CallBody, Envelope } from '@minan/types/api'
import { newRequestId, type Transport, type UploadedFile, type UploadOptions } from './client'

const UPLOAD_TIMEOUT_MS = 60000

const networkError = (message: string): Envelope<never> => ({ ok: false, error: { code: 'NETWORK', message } })

/** uploadFile hands back the body as text; anything that is not an envelope means the server was not reached. */
function parseEnvelope<T>(data: unknown, statusCode: number): Envelope<T> {
  try {
    const parsed: unknown = typeof data === 'string' ? JSON.parse(data) : data
    if (parsed && typeof parsed === 'object' && 'ok' in parsed) return parsed as Envelope<T>
  } catch {
    // fall through: not JSON
  }
  return networkError(`HTTP ${statusCode}`)
}

export function httpTransport(baseUrl: string): Transport {
  return {
    async send(fn, body, token) {
      try {
        const response = await Taro.request<Envelope<unknown>>({
          url: `${baseUrl}/api/${fn}`,
          method: 'POST',
          data: body,
          header: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          timeout: 15000
        })
        const data = response.data
        if (data && typeof data === 'object' && 'ok' in data) return data
        return networkError(`HTTP ${response.statusCode}`)
      } catch (e) {
        return networkError(e instanceof Error ? e.message : String(e))
      }
    },

    upload(filePath, { token, locale, onProgress }) {
      return new Promise<Envelope<UploadedFile>>((resolve) => {
        let settled = false
        const finish = (envelope: Envelope<UploadedFile>) => {
          if (settled) return
          settled = true
          clearTimeout(watchdog)
          resolve(envelope)
        }
        const task = Taro.uploadFile({
          url: `${baseUrl}/api/upload`,
          filePath,
          name: 'file',
          // The server answers errors in this language, as it does for calls.
          header: { 'accept-language': locale, ...(token ? { authorization: `Bearer ${token}` } : {}) },
          timeout: UPLOAD_TIMEOUT_MS,
          success: (res) => finish(parseEnvelope<UploadedFile>(res.data, res.statusCode)),
          fail: (err) => finish(networkError(err.errMsg))
        })
        // Taro's H5 uploadFile first reads the blob: URL and never reports it when that read fails (e.g. blocked by
        // a Content-Security-Policy without blob: in connect-src): without this the photo would stay "uploading".
        const watchdog = setTimeout(() => {
          task?.abort?.()
          finish(networkError('uploadFile: no answer'))
        }, UPLOAD_TIMEOUT_MS + 5000)
        task?.onProgressUpdate?.((p) => onProgress(p.progress))
      })
    }
  }
}

/** The file name's type as cloud storage keeps it; the server checks the bytes, not the name. */
const photoExtension = (filePath: string) => {
  const ext = /\.(jpe?g|png|webp)$/i.exec(filePath)?.[1]?.toLowerCase()
  return ext === 'jpeg' ? 'jpg' : ext ?? 'jpg'
}

export function cloudTransport(): Transport {
  const send: Transport['send'] = async (fn, body: CallBody) => {
    try {
      const response = await Taro.cloud.callFunction({ name: fn, data: body as unknown as Record<string, unknown> })
      return response.result as Envelope<unknown>
    } catch (e) {
      return networkError(e instanceof Error ? e.message : String(e))
    }
  }

  /**
   * The photo goes straight to WeChat cloud storage (petition/<user id>/<random>.<ext>) with its progress, then the
   * server reads it back, checks it and records it (petition.registerPhoto), answering as POST /api/upload does.
   */
  const upload = async (filePath: string, { locale, userId, onProgress }: UploadOptions): Promise<Envelope<UploadedFile>> => {
    if (!userId) return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'sign in first' } }
    const cloudPath = `petition/${userId}/${newRequestId()}.${photoExtension(filePath)}`
    const stored = await new Promise<{ fileID: string } | { error: string }>((resolve) => {
      let settled = false
      const finish = (result: { fileID: string } | { error: string }) => {
        if (settled) return
        settled = true
        clearTimeout(watchdog)
        resolve(result)
      }
      const task = Taro.cloud.uploadFile({
        cloudPath,
        filePath,
        // With callbacks WeChat hands back the UploadTask, whose progress the bar shows.
        success: (res) => finish({ fileID: res.fileID }),
        fail: (err) => finish({ error: err.errMsg })
      }) as unknown as Taro.UploadTask | undefined
      const watchdog = setTimeout(() => {
        task?.abort?.()
        finish({ error: 'cloud.uploadFile: no answer' })
      }, UPLOAD_TIMEOUT_MS)
      // The last percent is the server's check: the bar reaches 100 when the photo is recorded.
      task?.onProgressUpdate?.((p) => onProgress(Math.min(p.progress, 99)))
    })
    if ('error' in stored) return networkError(stored.error)
    return (await send('petition', { action: 'registerPhoto', input: { fileId: stored.fileID }, locale }, null)) as Envelope<UploadedFile>
  }

  return { send, upload }
}

/**
 * Where a photo link can be loaded from: a link that is already absolute (a temporary cloud storage link) as it is,
 * a server path (a signed photo link) against the API's base URL; null on cloud functions, which serve no paths.
 */
export function apiUrl(path: string): string | null {
  if (/^https?:\/\//.test(path)) return path
  if (process.env.TARO_ENV === 'weapp' && !MINAN_API_BASE) return null
  return `${MINAN_API_BASE}${path}`
}

/** weapp uses cloud functions unless a self-hosted HTTPS base URL is configured; H5 talks to its own origin. */
export function platformTransport(): Transport {
  if (process.env.TARO_ENV === 'weapp' && !MINAN_API_BASE) return cloudTransport()
  return httpTransport(MINAN_API_BASE)
}
