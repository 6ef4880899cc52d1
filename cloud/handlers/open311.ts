/**
 * Open311 GeoReport v2, read-only and without personal data, so other platforms can read 民安's public case data.
 * Fields follow the spec; descriptions, names, phones, exact places and coordinates are left out on purpose,
 * because residents' free text may name people. The place is given to the township. Cases are named by an opaque id
 * of the feed's own (`public_id`), never their tracking number (which, with a phone, opens the case) or their id.
 */
import type { Services } from '../core/context'
import { DISPUTE_TYPES, PETITION_KINDS } from '../../types/functions/petition'
import { RegionRepository } from '../db/repositories/regions'
import { CaseRepository } from '../db/repositories/cases'

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

const serviceCode = (kind: string, disputeType: string | null) => (kind === 'dispute' ? `dispute.${disputeType ?? 'other'}` : kind)

export function services311() {
  return [
    ...PETITION_KINDS.filter((k) => k !== 'dispute').map((k) => ({ service_code: k, service_name: KIND_NAMES[k], description: `信访诉求：${KIND_NAMES[k]}`, metadata: false, type: 'realtime', keywords: '信访', group: '信访诉求' })),
    ...DISPUTE_TYPES.map((d) => ({ service_code: `dispute.${d}`, service_name: DISPUTE_NAMES[d], description: `矛盾纠纷调解：${DISPUTE_NAMES[d]}`, metadata: false, type: 'realtime', keywords: '调解', group: '矛盾纠纷' }))
  ]
}

export interface RequestsQuery {
  id?: string
  status?: string | null
  serviceCode?: string | null
  startDate?: string | null
  endDate?: string | null
}

const instant = (date: string | null | undefined) => (date && !Number.isNaN(Date.parse(date)) ? new Date(date).toISOString() : undefined)

export async function requests311(services: Services, query: RequestsQuery) {
  const [kind, disputeType] = query.serviceCode ? query.serviceCode.split('.') : []
  const rows = await new CaseRepository(services.db, services.cipher).publicFeed({
    publicId: query.id || undefined,
    open: query.status === 'open' || query.status === 'closed' ? query.status === 'open' : undefined,
    kind: query.serviceCode ? kind : undefined,
    disputeType: disputeType || undefined,
    filedFrom: instant(query.startDate),
    filedTo: instant(query.endDate),
    // The spec's default window: the latest 1,000 at most; 50 keeps a public endpoint cheap.
    limit: 50
  })
  const names = await new RegionRepository(services.db).byCodes(rows.flatMap((r) => [r.handling_region, r.region_code.slice(0, 9)]))
  return rows.map((r) => ({
    service_request_id: r.public_id,
    status: r.is_open ? 'open' : 'closed',
    status_notes: STATUS_NOTES[r.status] ?? r.status,
    service_code: serviceCode(r.kind, r.dispute_type),
    service_name: r.kind === 'dispute' ? DISPUTE_NAMES[r.dispute_type ?? 'other'] : KIND_NAMES[r.kind],
    agency_responsible: `${names.get(r.handling_region)?.name ?? ''}综治中心`,
    requested_datetime: r.filed_at,
    updated_datetime: r.updated_at,
    expected_datetime: r.is_open ? r.due_at : null,
    address: names.get(r.region_code.slice(0, 9))?.name ?? null
  }))
}
