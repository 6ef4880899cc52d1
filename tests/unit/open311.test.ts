/** The Open311 rules without a database: paths, W3C datetimes, the requests query, and the XML the feed writes. */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { readRequestsQuery, render311, route311, w3cDatetime, xmlDocument } from '../../cloud/domain/open311'
import { AppError } from '../../cloud/core/errors'

const NOW = new Date('2026-12-07T10:00:00.000Z')
const query = (params: Record<string, string>) => readRequestsQuery((name) => params[name] ?? null, NOW)
const refusal = (params: Record<string, string>) => {
  try {
    query(params)
  } catch (e) {
    return e instanceof AppError ? `${e.code} ${e.field}` : String(e)
  }
  return 'accepted'
}

test('paths: the spec resources in both formats, anything else under /open311 unknown, other paths not the feed', () => {
  expect(route311('/open311/discovery.xml')).toEqual({ resource: 'discovery', format: 'xml' })
  expect(route311('/open311/v2/discovery.json')).toEqual({ resource: 'discovery', format: 'json' })
  expect(route311('/open311/v2/services.xml')).toEqual({ resource: 'services', format: 'xml' })
  expect(route311('/open311/v2/services/dispute.labour.json')).toEqual({ resource: 'service', code: 'dispute.labour', format: 'json' })
  expect(route311('/open311/v2/requests.json')).toEqual({ resource: 'requests', format: 'json' })
  expect(route311('/open311/v2/requests/Ab_9-x.xml')).toEqual({ resource: 'request', id: 'Ab_9-x', format: 'xml' })
  expect(route311('/open311/services.json')).toEqual({ resource: 'unknown', format: 'json' })
  expect(route311('/open311/v2/requests/a.b.xml')).toEqual({ resource: 'unknown', format: 'xml' })
  expect(route311('/open311/v2/requests.csv')).toEqual({ resource: 'unknown', format: 'json' })
  expect(route311('/open3110/v2/requests.json')).toBeNull()
  expect(route311('/api/petition')).toBeNull()
})

test('W3C datetimes: every precision, zones, the jurisdiction zone for dates, and what is not one', () => {
  const at = (s: string) => new Date(s).getTime()
  expect(w3cDatetime('2026-01-31')).toEqual({ start: at('2026-01-30T16:00:00Z'), end: at('2026-01-31T16:00:00Z') })
  expect(w3cDatetime('2026-02')).toEqual({ start: at('2026-01-31T16:00:00Z'), end: at('2026-02-28T16:00:00Z') })
  expect(w3cDatetime('2026')).toEqual({ start: at('2025-12-31T16:00:00Z'), end: at('2026-12-31T16:00:00Z') })
  expect(w3cDatetime('2026-01-31T10:20Z')).toEqual({ start: at('2026-01-31T10:20:00Z'), end: at('2026-01-31T10:21:00Z') })
  expect(w3cDatetime('2026-01-31T10:20:30-05:00')).toEqual({ start: at('2026-01-31T15:20:30Z'), end: at('2026-01-31T15:20:31Z') })
  expect(w3cDatetime('2026-01-31T10:20:30.25+08:00')).toEqual({ start: at('2026-01-31T02:20:30.250Z'), end: at('2026-01-31T02:20:30.251Z') })
  // An unencoded + arrives as a space.
  expect(w3cDatetime('2026-01-31T10:20:30 08:00')).toEqual(w3cDatetime('2026-01-31T10:20:30+08:00'))
  for (const bad of ['2026-02-30', '2026-13-01', '2026-01-31T24:00Z', '2026-01-31T10:20:30', '2026-01-31T10:20:61Z', '0050-01-01', '31/01/2026', 'now', '', '2026-01-31T10:20+15:00', '2026-01-31T10:20+08:99']) {
    expect([bad, w3cDatetime(bad)]).toEqual([bad, null])
  }
})

test('the requests query: default window and paging, lists, filters, and each refusal naming its parameter', () => {
  expect(query({})).toEqual({ ids: null, open: null, services: null, from: '2026-09-08T10:00:00.001Z', until: '2026-12-07T10:00:00.001Z', page: 1, pageSize: 100 })
  expect(query({ status: 'open' }).open).toBe(true)
  expect(query({ status: 'CLOSED' }).open).toBe(false)
  expect(query({ status: 'open,closed' }).open).toBeNull()
  expect(query({ service_code: 'complaint,dispute.labour' }).services).toEqual([
    { kind: 'complaint', disputeType: null },
    { kind: 'dispute', disputeType: 'labour' }
  ])
  expect(query({ page: '3', page_size: '100000' })).toMatchObject({ page: 3, pageSize: 500 })
  expect(query({ start_date: '2026-01-01' })).toMatchObject({ from: '2025-12-31T16:00:00.000Z', until: '2026-03-31T16:00:00.000Z' })
  expect(query({ end_date: '2026-01-01' })).toMatchObject({ from: '2025-10-03T16:00:00.000Z', until: '2026-01-01T16:00:00.000Z' })
  // ids: the rest is ignored, even when it is wrong.
  expect(query({ service_request_id: 'a,b,a', status: 'nonsense', page: '0' })).toEqual({ ids: ['a', 'b'], open: null, services: null, from: null, until: null, page: 1, pageSize: 2 })

  expect(refusal({ status: 'pending' })).toBe('INVALID_VALUE open311_status')
  expect(refusal({ service_code: 'dispute' })).toBe('INVALID_VALUE open311_service_code')
  expect(refusal({ start_date: 'yesterday' })).toBe('INVALID_VALUE open311_start_date')
  expect(refusal({ end_date: '2026-02-30' })).toBe('INVALID_VALUE open311_end_date')
  expect(refusal({ start_date: '2026-01-01', end_date: '2026-04-01' })).toBe('INVALID_VALUE open311_end_date')
  expect(refusal({ start_date: '2026-01-01', end_date: '2026-03-31' })).toBe('accepted')
  expect(refusal({ start_date: '2026-02-01', end_date: '2026-01-01' })).toBe('INVALID_VALUE open311_end_date')
  expect(refusal({ page: '0' })).toBe('INVALID_VALUE open311_page')
  expect(refusal({ page: '10001' })).toBe('INVALID_VALUE open311_page')
  expect(refusal({ page_size: '-5' })).toBe('INVALID_VALUE open311_page_size')
  expect(refusal({ service_request_id: 'a b' })).toBe('INVALID_VALUE open311_service_request_id')
  expect(refusal({ service_request_id: Array.from({ length: 101 }, (_, i) => `x${i}`).join(',') })).toBe('INVALID_VALUE open311_service_request_id')
})

test('XML: well-formed whatever the text holds, lists as repeated elements, null as an empty element', () => {
  const nasty = '<b>&"\'</b>\u0001\u0008 ]]> 东平'
  const xml = xmlDocument('service_requests', [{ service_request_id: 'a', address: nasty, lat: null }, { service_request_id: 'b', address: 'x', lat: null }])
  expect(XMLValidator.validate(xml)).toBe(true)
  const doc = new XMLParser({ parseTagValue: false, trimValues: false }).parse(xml)
  expect(doc.service_requests.request).toEqual([
    { service_request_id: 'a', address: '<b>&"\'</b> ]]> 东平', lat: '' },
    { service_request_id: 'b', address: 'x', lat: '' }
  ])
  expect(render311('json', 'errors', [{ code: 400, description: 'x' }])).toBe('[{"code":400,"description":"x"}]')
  expect(render311('xml', 'errors', [{ code: 400, description: 'x' }])).toBe('<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>400</code><description>x</description></error></errors>')
})
