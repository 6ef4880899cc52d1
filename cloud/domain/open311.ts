/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), read-only, as pure rules: which resource a path names,
 * what a requests query means (id lists, comma-separated status and service_code filters, W3C datetime windows,
 * paging), the service list, and both formats the spec defines (JSON, and XML, which it requires). No database and no
 * transport here: cloud/handlers/open311.ts reads the cases and answers, the HTTP server and the `open311` cloud
 * function carry it.
 *
 * Nothing personal is published: no descriptions (residents' free text may name people), names, phones, exact places or
 * coordinates. A case is named by an opaque id of the feed's own (`public_id`), never its tracking number or its id,
 * and its place is given to the township.
 */
import { AppError } from '../core/errors'
import { DISPUTE_TYPES, PETITION_KINDS } from '../../types/functions/petition'

export type Format = 'json' | 'xml'

export const FORMATS: Record<Format, string> = { json: 'application/json', xml: 'text/xml' }

export const OPEN311_LIMITS = {
  /** Without start_date and end_date: requests filed in the past 90 days (the spec's default). */
  defaultWindowDays: 90,
  /** start_date to end_date may not span more than 90 days (the spec); one of them alone means 90 days from it. */
  maxWindowDays: 90,
  defaultPageSize: 100,
  /** A larger page_size is served as this many: one request stays cheap, and paging reaches the rest. */
  maxPageSize: 500,
  /** Pages beyond this are refused: with at most 90 days in a window, nothing real is that deep. */
  maxPage: 10_000,
  /** At most this many ids in one service_request_id list. */
  maxIds: 100
} as const

/** The dates without a time (2026-01-31) and the times are read in the jurisdiction's zone: China Standard Time. */
export const JURISDICTION_OFFSET = '+08:00'

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2'

/** When this feed last changed in what it serves (the discovery document's changeset). */
export const CHANGESET = '2026-12-07T00:00:00Z'

const KIND_NAMES: Record<string, string> = { complaint: '投诉', request: '求决', suggestion: '建议', enquiry: '咨询', dispute: '矛盾纠纷调解' }
const DISPUTE_NAMES: Record<string, string> = {
  neighbours: '邻里纠纷',
  family: '婚姻家庭纠纷',
  tenancy: '房屋租赁纠纷',
  labour: '劳动争议与欠薪',
  property: '物业管理纠纷',
  consumer: '消费纠纷',
  land: '土地与房屋纠纷',
  other: '其他纠纷'
}
const STATUS_NOTES: Record<string, string> = { submitted: '待受理', accepted: '已受理', assigned: '办理中', closed: '已办结', declined: '不予受理', withdrawn: '已撤回' }

export interface Service311 {
  service_code: string
  service_name: string
  description: string
  metadata: boolean
  type: 'realtime' | 'batch' | 'blackbox'
  keywords: string
  group: string
}

export function services311(): Service311[] {
  return [
    ...PETITION_KINDS.filter((k) => k !== 'dispute').map((k) => ({ service_code: k, service_name: KIND_NAMES[k], description: `信访诉求：${KIND_NAMES[k]}`, metadata: false, type: 'realtime' as const, keywords: '信访', group: '信访诉求' })),
    ...DISPUTE_TYPES.map((d) => ({ service_code: `dispute.${d}`, service_name: DISPUTE_NAMES[d], description: `矛盾纠纷调解：${DISPUTE_NAMES[d]}`, metadata: false, type: 'realtime' as const, keywords: '调解', group: '矛盾纠纷' }))
  ]
}

/** A service's definition: none of 民安's services asks for extra attributes (metadata is false for all). */
export function serviceDefinition311(code: string): { service_code: string; attributes: [] } | null {
  return services311().some((s) => s.service_code === code) ? { service_code: code, attributes: [] } : null
}

/** A service code as the case columns it stands for. */
export interface ServiceFilter {
  kind: string
  disputeType: string | null
}

const serviceFilter = (code: string): ServiceFilter => (code.startsWith('dispute.') ? { kind: 'dispute', disputeType: code.slice('dispute.'.length) } : { kind: code, disputeType: null })

const serviceCodeOf = (kind: string, disputeType: string | null) => (kind === 'dispute' ? `dispute.${disputeType ?? 'other'}` : kind)

// ---------------------------------------------------------------------------------------------------------------------
// Paths

export type Route311 =
  | { resource: 'discovery'; format: Format }
  | { resource: 'services'; format: Format }
  | { resource: 'service'; code: string; format: Format }
  | { resource: 'requests'; format: Format }
  | { resource: 'request'; id: string; format: Format }
  | { resource: 'unknown'; format: Format }

/** The feed's paths all start with this. */
export const OPEN311_PREFIX = '/open311'

/**
 * The resource a path names: /open311/discovery.{json|xml} (also under /open311/v2/), /open311/v2/services.{fmt},
 * /open311/v2/services/{code}.{fmt}, /open311/v2/requests.{fmt}, /open311/v2/requests/{id}.{fmt}. null: the path is
 * not the feed's. Any other path under /open311 is `unknown` (answered 404 in its format, JSON when it names none).
 */
export function route311(path: string): Route311 | null {
  if (path !== OPEN311_PREFIX && !path.startsWith(`${OPEN311_PREFIX}/`)) return null
  const m = /^\/open311(?:\/v2)?\/(?:(discovery)|(services)(?:\/([A-Za-z0-9_.-]{1,40}?))?|(requests)(?:\/([A-Za-z0-9_-]{1,40}))?)\.(json|xml)$/.exec(path)
  const format: Format = /\.xml$/i.test(path) ? 'xml' : 'json'
  if (!m) return { resource: 'unknown', format }
  const [, discovery, services, code, requests, id, ext] = m
  const fmt = ext as Format
  // Discovery sits at the root (/open311/discovery.json) or beside the endpoint; the rest only under /v2.
  const underV2 = path.startsWith(`${OPEN311_PREFIX}/v2/`)
  if (discovery) return { resource: 'discovery', format: fmt }
  if (!underV2) return { resource: 'unknown', format: fmt }
  if (services) return code ? { resource: 'service', code, format: fmt } : { resource: 'services', format: fmt }
  if (requests) return id ? { resource: 'request', id, format: fmt } : { resource: 'requests', format: fmt }
  return { resource: 'unknown', format: fmt }
}

/** scheme://host for links (discovery, next page) from what the caller sent; a host that is not one is "localhost". */
export function originOf(scheme: string, host: string | undefined): string {
  const named = host ?? ''
  const valid = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/.test(named)
  return `${scheme === 'https' ? 'https' : 'http'}://${valid ? named : 'localhost'}`
}

// ---------------------------------------------------------------------------------------------------------------------
// The requests query

export interface RequestsFilter {
  /** service_request_id: when given, every other parameter is ignored (the spec). */
  ids: string[] | null
  /** open / closed; null: both. */
  open: boolean | null
  services: ServiceFilter[] | null
  /** Filed at or after `from` and before `until` (ISO instants; `until` exclusive). */
  from: string | null
  until: string | null
  page: number
  pageSize: number
}

const DAY = 86_400_000

/** Comma-separated values, trimmed, empty ones dropped (a trailing comma is harmless). */
const list = (value: string): string[] =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)

const W3C = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/

/**
 * A W3C datetime (https://www.w3.org/TR/NOTE-datetime): YYYY, YYYY-MM, YYYY-MM-DD, or a time with its zone
 * (YYYY-MM-DDThh:mm[:ss[.s]]TZD). Returns the instant it starts at and the instant its precision ends at (exclusive):
 * 2026-01-31 is that whole day in China Standard Time, 2026-01-31T10:00:00Z that one second. null: not such a datetime.
 * A `+` left unencoded in a query arrives as a space: "…T10:00:00 08:00" is read as "+08:00".
 */
export function w3cDatetime(text: string): { start: number; end: number } | null {
  const m = W3C.exec(text.trim().replace(/ (\d{2}:\d{2})$/, '+$1'))
  if (!m) return null
  const [, y, mo, d, h, mi, s, frac, zone] = m
  const year = Number(y)
  const month = mo ? Number(mo) : 1
  const day = d ? Number(d) : 1
  const hour = h ? Number(h) : 0
  const minute = mi ? Number(mi) : 0
  const second = s ? Number(s) : 0
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null
  const offset = zone ?? JURISDICTION_OFFSET
  const offsetMs = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000
  if (Math.abs(offsetMs) > 14 * 3_600_000 || Number(offset.slice(4, 6) || 0) > 59) return null
  const local = Date.UTC(year, month - 1, day, hour, minute, second)
  // 2026-02-30 rolls over in Date.UTC: not a date.
  const check = new Date(local)
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null
  const start = local - offsetMs + (frac ? Math.floor(Number(`0${frac}`) * 1000) : 0)
  const next = !mo ? Date.UTC(year + 1, 0, 1) : !d ? Date.UTC(year, month, 1) : !h ? Date.UTC(year, month - 1, day + 1) : s ? null : local + 60_000
  const end = next === null ? start + (frac ? 1 : 1000) : next - offsetMs
  return { start, end }
}

const invalid = (field: string) => new AppError('INVALID_VALUE', field)

const positiveInt = (text: string): number | null => (/^\d{1,9}$/.test(text.trim()) && Number(text) >= 1 ? Number(text) : null)

/**
 * Reads a requests query (its parameters by name). Throws INVALID_VALUE naming the parameter (open311_<name>) for a
 * value the spec does not allow: an unknown status or service code, a datetime that is not W3C's, a window that ends
 * before it starts or spans more than 90 days, a page or page size that is not a positive whole number.
 */
export function readRequestsQuery(param: (name: string) => string | null, now: Date): RequestsFilter {
  const idsText = param('service_request_id')
  if (idsText !== null && idsText.trim() !== '') {
    const ids = [...new Set(list(idsText))]
    if (ids.length === 0 || ids.length > OPEN311_LIMITS.maxIds || ids.some((id) => !/^[A-Za-z0-9_-]{1,40}$/.test(id))) throw invalid('open311_service_request_id')
    return { ids, open: null, services: null, from: null, until: null, page: 1, pageSize: ids.length }
  }

  let open: boolean | null = null
  const statusText = param('status')
  if (statusText !== null && statusText.trim() !== '') {
    const statuses = new Set(list(statusText.toLowerCase()))
    if ([...statuses].some((s) => s !== 'open' && s !== 'closed')) throw invalid('open311_status')
    open = statuses.size === 1 ? statuses.has('open') : null
  }

  let services: ServiceFilter[] | null = null
  const codeText = param('service_code')
  if (codeText !== null && codeText.trim() !== '') {
    const known = new Set(services311().map((s) => s.service_code))
    const codes = [...new Set(list(codeText))]
    if (codes.some((c) => !known.has(c))) throw invalid('open311_service_code')
    services = codes.map(serviceFilter)
  }

  const startText = param('start_date')
  const endText = param('end_date')
  const start = startText ? w3cDatetime(startText) : null
  const end = endText ? w3cDatetime(endText) : null
  if (startText && !start) throw invalid('open311_start_date')
  if (endText && !end) throw invalid('open311_end_date')
  const windowMs = OPEN311_LIMITS.maxWindowDays * DAY
  let from: number
  let until: number
  if (start && end) {
    from = start.start
    until = end.end
    if (until <= from || until - from > windowMs) throw invalid('open311_end_date')
  } else if (start) {
    from = start.start
    until = from + windowMs
  } else if (end) {
    until = end.end
    from = until - windowMs
  } else {
    until = now.getTime() + 1
    from = until - OPEN311_LIMITS.defaultWindowDays * DAY
  }

  const pageText = param('page')
  const page = pageText === null || pageText === '' ? 1 : positiveInt(pageText)
  if (page === null || page > OPEN311_LIMITS.maxPage) throw invalid('open311_page')
  const sizeText = param('page_size')
  const size = sizeText === null || sizeText === '' ? OPEN311_LIMITS.defaultPageSize : positiveInt(sizeText)
  if (size === null) throw invalid('open311_page_size')

  return { ids: null, open, services, from: new Date(from).toISOString(), until: new Date(until).toISOString(), page, pageSize: Math.min(size, OPEN311_LIMITS.maxPageSize) }
}

// ---------------------------------------------------------------------------------------------------------------------
// Service requests

/** The columns of a case the feed may read: none of them personal. */
export interface FeedCase {
  public_id: string
  kind: string
  dispute_type: string | null
  status: string
  is_open: number | boolean
  filed_at: string
  updated_at: string
  due_at: string | null
}

/** GeoReport v2's fields of a service request, in the spec's order; those 民安 does not publish are null. */
export interface ServiceRequest311 {
  service_request_id: string
  status: 'open' | 'closed'
  status_notes: string
  service_name: string
  service_code: string
  /** Left out on purpose: residents' free text may name people. */
  description: null
  agency_responsible: string
  service_notice: null
  requested_datetime: string
  updated_datetime: string
  expected_datetime: string | null
  /** The township, never the place itself. */
  address: string | null
  address_id: null
  zipcode: null
  lat: null
  long: null
  media_url: null
}

/**
 * A stored instant as a W3C datetime to the day, in China time ("2026-12-08T00:00:00+08:00"). A public feed gives the
 * day, not the second: with the township and the kind of dispute, the exact time a neighbour saw someone go to the
 * centre would tell whose case it is. A value that is no instant is left as it is.
 */
const w3cOut = (iso: string | null): string | null => {
  if (!iso) return null
  const t = Date.parse(iso)
  return Number.isNaN(t) ? iso : `${new Date(t + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00${JURISDICTION_OFFSET}`
}

/** A case as a service request, with the names of its handling centre's region and its township. */
export function serviceRequest311(c: FeedCase, agencyRegion: string | null, township: string | null): ServiceRequest311 {
  const isOpen = Boolean(c.is_open)
  return {
    service_request_id: c.public_id,
    status: isOpen ? 'open' : 'closed',
    status_notes: STATUS_NOTES[c.status] ?? c.status,
    service_name: c.kind === 'dispute' ? DISPUTE_NAMES[c.dispute_type ?? 'other'] : KIND_NAMES[c.kind],
    service_code: serviceCodeOf(c.kind, c.dispute_type),
    description: null,
    agency_responsible: `${agencyRegion ?? ''}综治中心`,
    service_notice: null,
    requested_datetime: w3cOut(c.filed_at)!,
    updated_datetime: w3cOut(c.updated_at)!,
    expected_datetime: isOpen ? w3cOut(c.due_at) : null,
    address: township,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Discovery

export interface Discovery311 {
  changeset: string
  contact: string
  key_service: string
  endpoints: { specification: string; url: string; changeset: string; type: 'production' | 'test'; formats: string[] }[]
}

/** The feed is read-only: nobody needs a key. */
export const KEY_SERVICE = '无需密钥：本接口只读，按客户端限流。No API key is needed: the feed is read-only and rate limited per client.'

export function discovery311(baseUrl: string, production: boolean, contact: string): Discovery311 {
  return {
    changeset: CHANGESET,
    contact,
    key_service: KEY_SERVICE,
    endpoints: [{ specification: SPECIFICATION, url: `${baseUrl}${OPEN311_PREFIX}/v2`, changeset: CHANGESET, type: production ? 'production' : 'test', formats: [FORMATS.xml, FORMATS.json] }]
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// XML

/** Characters XML 1.0 cannot carry at all are dropped; the five special ones escaped. */
export function xmlText(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!)
  )
}

type XmlValue = string | number | boolean | null | XmlValue[] | { [key: string]: XmlValue }

/**
 * One element: objects become child elements in their key order, arrays repeat `itemName` (an array of arrays is
 * not used), null an empty element.
 */
function element(name: string, value: XmlValue, itemName: (parent: string) => string): string {
  if (value === null) return `<${name}/>`
  if (Array.isArray(value)) return `<${name}>${value.map((v) => element(itemName(name), v, itemName)).join('')}</${name}>`
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v, itemName)).join('')}</${name}>`
  return `<${name}>${xmlText(String(value))}</${name}>`
}

/** The element each list's items take, as the spec's examples name them. */
const ITEMS: Record<string, string> = { services: 'service', service_requests: 'request', errors: 'error', endpoints: 'endpoint', formats: 'format', attributes: 'attribute', values: 'value' }

/** A document in the spec's XML: the root element and its content. */
export function xmlDocument(root: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, (parent) => ITEMS[parent] ?? 'item')}`
}

export type Resource311 = 'services' | 'service_definition' | 'service_requests' | 'discovery' | 'errors'

/** A payload in the asked format: the JSON the spec shows, or its XML under the spec's root element. */
export function render311(format: Format, root: Resource311, payload: unknown): string {
  return format === 'json' ? JSON.stringify(payload) : xmlDocument(root, payload as XmlValue)
}
