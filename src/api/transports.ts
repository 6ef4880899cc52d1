/** Transports: HTTP (H5, or a self-hosted backend for the weapp) and WeChat cloud functions. */
import Taro from '@tarojs/taro'
import type { CallBody, Envelope } from '@minan/types/api'
import type { Transport } from './client'

const networkError = (message: string): Envelope<never> => ({ ok: false, error: { code: 'NETWORK', message } })

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

/** weapp uses cloud functions unless a self-hosted HTTPS base URL is configured; H5 talks to its own origin. */
export function platformTransport(): Transport {
  if (process.env.TARO_ENV === 'weapp' && !MINAN_API_BASE) return cloudTransport()
  return httpTransport(MINAN_API_BASE)
}
