/** Transports: HTTP (H5, or a self-hosted backend for the weapp) and WeChat cloud functions. */
import Taro from '@tarojs/taro'
import type { CallBody, Envelope } from '@minan/types/api'
import type { Transport, UploadedFile } from './client'

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

export function cloudTransport(): Transport {
  return {
    async send(fn, body: CallBody) {
      try {
        const response = await Taro.cloud.callFunction({ name: fn, data: body as unknown as Record<string, unknown> })
        return response.result as Envelope<unknown>
      } catch (e) {
        return networkError(e instanceof Error ? e.message : String(e))
      }
    }
  }
}

/** Where a server path (a signed photo link) can be loaded from; null on cloud functions, which serve no files yet. */
export function apiUrl(path: string): string | null {
  if (process.env.TARO_ENV === 'weapp' && !MINAN_API_BASE) return null
  return `${MINAN_API_BASE}${path}`
}

/** weapp uses cloud functions unless a self-hosted HTTPS base URL is configured; H5 talks to its own origin. */
export function platformTransport(): Transport {
  if (process.env.TARO_ENV === 'weapp' && !MINAN_API_BASE) return cloudTransport()
  return httpTransport(MINAN_API_BASE)
}
