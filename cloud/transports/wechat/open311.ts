/**
 * The `open311` cloud function: the Open311 GeoReport v2 feed on the cloud deployment, reached over WeChat's HTTP
 * access service (云开发 → HTTP 访问服务: the trigger path /open311 on this function; README, deploy). The service hands
 * the function an integration request — { path, httpMethod, headers, queryStringParameters, body, isBase64Encoded } —
 * and sends back the integration response it returns: { statusCode, headers, body, isBase64Encoded }.
 *
 * It answers exactly as the HTTP server does (cloud/handlers/open311.ts), on the container's one backend, and limits
 * each client like every public read (settings.rateLimits.public): the client is the address the access service saw
 * (X-Real-IP, else the last X-Forwarded-For address it appended, else the event's requestContext.sourceIp).
 */
import { ClientLimiter } from '../../core/rate-limit'
import { answer311 } from '../../handlers/open311'
import { originOf } from '../../domain/open311'
import { closeStarted, ensureStarted } from './entry'
import { ConfigurationError } from './config'
import { errorMessage, type ErrorCode } from '../../../types/errors'
import { resolveLocale, type Locale } from '../../../types/locale'

const log = (event: string, detail: Record<string, unknown>) => console.error(JSON.stringify({ at: new Date().toISOString(), event, ...detail }))

/** What WeChat's HTTP access service passes a function (its "集成请求"). */
export interface HttpAccessEvent {
  path?: unknown
  httpMethod?: unknown
  headers?: unknown
  queryStringParameters?: unknown
  requestContext?: unknown
  body?: unknown
  isBase64Encoded?: unknown
}

/** What the function returns for the access service to send (its "集成响应"). */
export interface HttpAccessResponse {
  statusCode: number
  headers: Record<string, string>
  body: string
  isBase64Encoded: false
}

export type Open311Main = ((event: unknown, context?: unknown) => Promise<HttpAccessResponse>) & { close(): Promise<void> }

const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {})

/** A header or parameter's first value as text; headers are matched without regard to case. */
function first(values: Record<string, unknown>, name: string, anyCase = false): string | null {
  const key = anyCase ? Object.keys(values).find((k) => k.toLowerCase() === name) : Object.hasOwn(values, name) ? name : undefined
  if (key === undefined) return null
  const value = values[key]
  const one = Array.isArray(value) ? value[0] : value
  return typeof one === 'string' ? one : typeof one === 'number' ? String(one) : null
}

/** A query parameter: a value given more than once (an array) is one comma-separated list, as on the HTTP server. */
function parameter(query: Record<string, unknown>, name: string): string | null {
  if (!Object.hasOwn(query, name)) return null
  const value = query[name]
  const values = (Array.isArray(value) ? value : [value]).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
  return values.length ? values.map(String).join(',') : null
}

function clientOf(headers: Record<string, unknown>, context: Record<string, unknown>): string | null {
  const real = first(headers, 'x-real-ip', true)?.trim()
  const forwarded = (first(headers, 'x-forwarded-for', true) ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean)
    .pop()
  const source = typeof context.sourceIp === 'string' ? context.sourceIp : undefined
  // The platform's own record of the caller first: a header may come from the caller, who could change it on every
  // request to slip past the limit.
  const address = source || real || forwarded
  return address ? `ip:${address}` : null
}

/** An Open311 error in JSON, for a call the feed itself never saw. */
const plain = (statusCode: number, code: ErrorCode, locale: Locale, params: Record<string, string> = {}): HttpAccessResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*', 'cache-control': 'no-store' },
  body: JSON.stringify([{ code: statusCode, description: errorMessage(code, locale, params) }]),
  isBase64Encoded: false
})

export function createOpen311Main(): Open311Main {
  let limiter: { services: object; limiter: ClientLimiter } | null = null
  const main = async (event: unknown): Promise<HttpAccessResponse> => {
    const e = record(event) as HttpAccessEvent
    const headers = record(e.headers)
    const query = record(e.queryStringParameters)
    const path = typeof e.path === 'string' ? e.path : ''
    const method = typeof e.httpMethod === 'string' ? e.httpMethod.toUpperCase() : ''
    const locale = resolveLocale(first(headers, 'accept-language', true))
    // Not an HTTP access call (e.g. wx.cloud.callFunction from the mini-program): nothing to answer.
    if (!path || !method) return plain(400, 'BAD_REQUEST', locale)
    try {
      const { backend } = await ensureStarted()
      const services = backend.services
      if (!limiter || limiter.services !== services) limiter = { services, limiter: new ClientLimiter(() => services.settings.rateLimits.public) }
      const bucket = limiter.limiter
      const forwardedProto = first(headers, 'x-forwarded-proto', true)?.split(',')[0].trim()
      const answer = await answer311(
        services,
        {
          method,
          path,
          param: (name) => parameter(query, name),
          acceptLanguage: first(headers, 'accept-language', true),
          client: clientOf(headers, record(e.requestContext)),
          // The access service serves HTTPS; a proxy in front may say otherwise.
          origin: originOf(forwardedProto || 'https', first(headers, 'host', true) ?? undefined)
        },
        (client) => bucket.admit(client, services.clock.now().getTime()),
        log
      )
      if (!answer) return plain(404, 'NOT_FOUND', locale)
      return { statusCode: answer.status, headers: answer.headers, body: method === 'HEAD' ? '' : answer.body, isBase64Encoded: false }
    } catch (error) {
      log('open311_failed', { error: error instanceof Error ? error.stack : String(error) })
      if (error instanceof ConfigurationError) return plain(503, 'NOT_CONFIGURED', locale, { detail: error.message })
      return plain(500, 'INTERNAL', locale)
    }
  }
  return Object.assign(main, { close: closeStarted })
}
