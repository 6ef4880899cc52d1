/**
 * The Open311 GeoReport v2 feed as one transport-free call: a GET on a path with its query, answered with a status,
 * headers and a body in the asked format (cloud/domain/open311.ts holds the rules). The HTTP server
 * (cloud/transports/http/server.ts) and the `open311` cloud function behind WeChat's HTTP access service
 * (cloud/transports/wechat/open311.ts) both carry it, each rate limited per client like every public read.
 *
 * Errors take Open311's form, `[{ "code": 404, "description": "…" }]` or `<errors><error><code>…`, with the same HTTP
 * status; the description is in the caller's language (Accept-Language), Simplified Chinese by default.
 */
import type { Services } from '../core/context'
import type { ErrorCode } from '../../types/errors'
import { errorMessage } from '../../types/errors'
import { resolveLocale } from '../../types/locale'
import { AppError } from '../core/errors'
import { RegionRepository } from '../db/repositories/regions'
import { CaseRepository } from '../db/repositories/cases'
import {
  discovery311,
  FORMATS,
  readRequestsQuery,
  render311,
  route311,
  serviceDefinition311,
  serviceRequest311,
  services311,
  type Format,
  type Resource311,
  type RequestsFilter
} from '../domain/open311'

export interface Open311Request {
  method: string
  /** The path without the query, e.g. /open311/v2/requests.xml. */
  path: string
  /** A query parameter by name (several values joined by commas), or null. */
  param(name: string): string | null
  acceptLanguage?: string | null
  /** Who is calling (an address), for the rate limit; null: the transport cannot name them. */
  client: string | null
  /** scheme://host the caller reached, for the discovery document's endpoint. */
  origin: string
}

export interface Open311Response {
  status: number
  headers: Record<string, string>
  body: string
}

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { INVALID_VALUE: 400, NOT_FOUND: 404, METHOD_NOT_ALLOWED: 405, RATE_LIMITED: 429, NOT_CONFIGURED: 503, INTERNAL: 500 }

/** Cases filed first are listed last; paging is stable on (filed_at, public_id). */
export async function readRequests(services: Services, filter: RequestsFilter) {
  const offset = (filter.page - 1) * filter.pageSize
  // One more than a page tells whether a next page exists.
  const rows = await new CaseRepository(services.db, services.cipher).publicFeed({
    publicIds: filter.ids ?? undefined,
    open: filter.open ?? undefined,
    services: filter.services ?? undefined,
    filedFrom: filter.from ?? undefined,
    filedBefore: filter.until ?? undefined,
    limit: filter.pageSize + 1,
    offset
  })
  const page = rows.slice(0, filter.pageSize)
  const names = await new RegionRepository(services.db).byCodes(page.flatMap((r) => [r.handling_region, r.region_code.slice(0, 9)]))
  return { requests: page.map((r) => serviceRequest311(r, names.get(r.handling_region)?.name ?? null, names.get(r.region_code.slice(0, 9))?.name ?? null)), more: rows.length > filter.pageSize }
}

/**
 * Answers one request to the feed; null when the path is not the feed's. `admit` takes the client's turn of the public
 * rate limit (false: 429).
 */
export async function answer311(
  services: Services,
  request: Open311Request,
  admit: (client: string | null) => boolean,
  log: (event: string, detail: Record<string, unknown>) => void = () => undefined
): Promise<Open311Response | null> {
  const route = route311(request.path)
  if (!route) return null
  const locale = resolveLocale(request.acceptLanguage ?? undefined)
  const format: Format = route.format
  const headers = (extra: Record<string, string> = {}) => ({
    'content-type': `${FORMATS[format]}; charset=utf-8`,
    'access-control-allow-origin': '*',
    vary: 'accept-language',
    ...extra
  })
  const ok = (root: Resource311, payload: unknown, extra: Record<string, string> = {}): Open311Response => ({
    status: 200,
    headers: headers({ 'cache-control': 'public, max-age=60', ...extra }),
    body: render311(format, root, payload)
  })
  const fail = (code: ErrorCode, params: Record<string, string> = {}, extra: Record<string, string> = {}): Open311Response => {
    const status = HTTP_STATUS[code] ?? 400
    return { status, headers: headers({ 'cache-control': 'no-store', ...extra }), body: render311(format, 'errors', [{ code: status, description: errorMessage(code, locale, params) }]) }
  }

  if (request.method !== 'GET' && request.method !== 'HEAD') return fail('METHOD_NOT_ALLOWED', {}, { allow: 'GET, HEAD' })
  if (!admit(request.client)) {
    const minutes = String(services.settings.rateLimits.public.minutes)
    return fail('RATE_LIMITED', { minutes }, { 'retry-after': String(Number(minutes) * 60) })
  }
  try {
    switch (route.resource) {
      case 'discovery':
        return ok('discovery', discovery311(request.origin, services.config.production, services.config.open311Contact ?? ''))
      case 'services':
        return ok('services', services311())
      case 'service': {
        const definition = serviceDefinition311(route.code)
        return definition ? ok('service_definition', definition) : fail('NOT_FOUND')
      }
      case 'request': {
        const { requests } = await readRequests(services, { ids: [route.id], open: null, services: null, from: null, until: null, page: 1, pageSize: 1 })
        return requests.length ? ok('service_requests', requests) : fail('NOT_FOUND')
      }
      case 'requests': {
        const filter = readRequestsQuery(request.param, services.clock.now())
        const { requests, more } = await readRequests(services, filter)
        return ok('service_requests', requests, more ? { link: `<${nextPage(request, route.format, filter.page + 1)}>; rel="next"` } : {})
      }
      default:
        return fail('NOT_FOUND')
    }
  } catch (e) {
    if (e instanceof AppError) return fail(e.code, { ...e.params, ...(e.field ? { field: e.field } : {}) })
    log('internal_error', { fn: 'open311', error: e instanceof Error ? e.stack : String(e) })
    return fail('INTERNAL')
  }
}

/** The same query on another page, for the Link header. */
function nextPage(request: Open311Request, format: Format, page: number): string {
  const names = ['service_code', 'status', 'start_date', 'end_date', 'page_size', 'jurisdiction_id']
  const query = new URLSearchParams()
  for (const name of names) {
    const value = request.param(name)
    if (value !== null) query.set(name, value)
  }
  query.set('page', String(page))
  return `${request.origin}/open311/v2/requests.${format}?${query.toString()}`
}
