/**
 * `npm run admin -- import <kind> <file>`: loads an operator's roster of stations, counsellors or legal advisors.
 * The rows are checked first (domain/rosters); a file with an error writes nothing. Then, in one transaction, each
 * row is matched by its natural key (a station by its place, a person by the keyed hash of their mobile) and added,
 * updated in place or left unchanged. A dry run does the same work and rolls it back, so what it prints is exactly
 * what the import would do.
 *
 * What a roster replaces (README, "Loading the real rosters"):
 * - stations: a row takes the place of the generated station of its township (or room of its village), keeping its
 *   id, so bookings and counsellors stay linked. Generated rooms of the file's counties that the file does not list
 *   and that nothing refers to are removed; township stations are never removed (advisors are anchored there).
 * - counsellors: the file is the roster of each station it names: there, demo counsellors and counsellors of an
 *   earlier import who are not in the file are withdrawn (inactive, their past bookings kept).
 * - advisors: the file is the directory of each county its villages lie in: there, every village not in the file
 *   loses its demo (or earlier) advisor, and an advisor left without villages is withdrawn. The report lists the
 *   villages of those counties left without an advisor.
 * Accounts linked to a person (a provider with a user id) are never withdrawn by an import.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { Services } from '../core/context'
import { sealRow } from '../db/sealed'
import { LEGAL_SERVICE } from '../db/repositories/legal'
import { CITIES } from '../seed/counselling'
import { jitter } from '../seed/stable'
import { displayPhone } from '../../types/phone'
import { checkAdvisors, checkCounsellors, checkStations, languagesOr, type Checked, type RosterIssue, type RosterKind, type RosterRecord } from '../domain/rosters/rows'

type Trx = Transaction<Database>

export interface Change {
  line: number
  /** What the row is, for a person reading the report (a counsellor's phone is masked). */
  label: string
  id: string
}

export interface CountyCoverage {
  code: string
  name: string
  villages: number
  withoutAdvisor: number
  /** Up to five of them. */
  sample: { code: string; name: string }[]
}

export interface RosterReport {
  kind: RosterKind
  dryRun: boolean
  /** True when the changes were written (not a dry run, no errors). */
  applied: boolean
  rows: number
  errors: number
  warnings: number
  issues: (RosterIssue & { message: string })[]
  added: Change[]
  updated: Change[]
  unchanged: number
  /** Generated or earlier records this roster replaced: rooms removed, counsellors and advisors made inactive. */
  withdrawn: Change[]
  /** advisors: per county of the file, the villages with no advisor after the import. */
  coverage?: CountyCoverage[]
  /** stations: township stations of the file's counties that still carry generated data. */
  stillGenerated?: number
}

class DryRun extends Error {}

const CHUNK = 500
async function chunked<T, R>(items: T[], read: (part: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await read(items.slice(i, i + CHUNK))))
  return out
}

const maskPhone = (e164: string): string => displayPhone(e164).replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2')

export async function importRoster(services: Pick<Services, 'db' | 'cipher' | 'newId' | 'clock'>, kind: RosterKind, records: RosterRecord[], options: { dryRun?: boolean } = {}): Promise<RosterReport> {
  const { db } = services
  const dryRun = options.dryRun === true
  const regions = new Map((await db.selectFrom('regions').select(['code', 'name']).execute()).map((r) => [r.code, r.name]))
  const stations = kind === 'counsellors' ? await db.selectFrom('stations').select(['id', 'name', 'hours']).execute() : undefined
  const checked: Checked<unknown> = kind === 'stations' ? checkStations(records, { regions }) : kind === 'counsellors' ? checkCounsellors(records, { regions, stations }) : checkAdvisors(records, { regions })
  const report: RosterReport = { kind, dryRun, applied: false, rows: records.length, errors: 0, warnings: 0, issues: [], added: [], updated: [], unchanged: 0, withdrawn: [] }
  const finish = () => {
    report.issues = checked.issues.sort((a, b) => a.line - b.line).map((i) => ({ ...i, message: issueMessage(i) }))
    report.errors = checked.issues.filter((i) => i.severity === 'error').length
    report.warnings = checked.issues.length - report.errors
    return report
  }
  if (checked.issues.some((i) => i.severity === 'error')) return finish()
  try {
    await db.transaction().execute(async (trx) => {
      const now = services.clock.now().toISOString()
      if (kind === 'stations') await applyStations(trx, checked as Checked<ReturnType<typeof checkStations>['entries'][number]>, report, now)
      else if (kind === 'counsellors') await applyCounsellors(trx, services, checked as Checked<ReturnType<typeof checkCounsellors>['entries'][number]>, report, now)
      else await applyAdvisors(trx, services, checked as ReturnType<typeof checkAdvisors>, report, now)
      if (dryRun) throw new DryRun()
    })
    report.applied = true
  } catch (e) {
    if (!(e instanceof DryRun) && !(e instanceof RosterRejected)) throw e
    if (e instanceof RosterRejected) Object.assign(report, { added: [], updated: [], unchanged: 0, withdrawn: [] })
  }
  return finish()
}

async function entriesOf(trx: Trx, kind: string, ids: string[]): Promise<Map<string, { record_id: string; natural_key: string }>> {
  const rows = await chunked(ids, (part) => trx.selectFrom('roster_entries').select(['record_id', 'natural_key']).where('kind', '=', kind).where('record_id', 'in', part).execute())
  return new Map(rows.map((r) => [r.record_id, r]))
}

async function byKeys(trx: Trx, kind: string, keys: string[]): Promise<Map<string, string>> {
  const rows = await chunked(keys, (part) => trx.selectFrom('roster_entries').select(['record_id', 'natural_key']).where('kind', '=', kind).where('natural_key', 'in', part).execute())
  return new Map(rows.map((r) => [r.natural_key, r.record_id]))
}

async function stationsApplied(trx: Trx, ids: string[], now: string): Promise<void> {
  const known = await entriesOf(trx, 'station', ids)
  const fresh = ids.filter((id) => !known.has(id)).map((id) => ({ kind: 'station', record_id: id, natural_key: id, phone: null, imported_at: now }))
  for (let i = 0; i < fresh.length; i += CHUNK) await trx.insertInto('roster_entries').values(fresh.slice(i, i + CHUNK)).execute()
}

async function applyStations(trx: Trx, { entries }: Checked<ReturnType<typeof checkStations>['entries'][number]>, report: RosterReport, now: string): Promise<void> {
  const ids = entries.map((e) => e.id)
  const existing = new Map((await chunked(ids, (part) => trx.selectFrom('stations').selectAll().where('id', 'in', part).execute())).map((s) => [s.id, s]))
  const imported = await entriesOf(trx, 'station', ids)
  for (const e of entries) {
    const before = existing.get(e.id)
    const city = e.regionCode.slice(0, 4)
    const row = {
      id: e.id,
      kind: e.kind,
      name: e.name,
      region_code: e.regionCode,
      township_code: e.regionCode.slice(0, 9),
      city_code: city,
      address: e.address,
      hours: e.hoursText,
      phone: e.phone,
      services: before?.services ?? JSON.stringify(e.kind === 'station' ? ['individual', 'family', 'crisis'] : ['individual']),
      languages: JSON.stringify(languagesOr(e.languages, before ? (JSON.parse(before.languages) as string[]) : ['mandarin', ...(CITIES[city]?.local ?? [])])),
      lat: e.lat,
      lng: e.lng
    }
    const change = { line: e.line, label: `${e.name} (${e.regionCode})`, id: e.id }
    if (!before) {
      await trx.insertInto('stations').values(row).execute()
      report.added.push(change)
    } else if (!imported.has(e.id) || (Object.keys(row) as (keyof typeof row)[]).some((k) => row[k] !== before[k])) {
      // A generated station replaced by its real row counts as updated even where, by chance, nothing differs.
      const { id: _id, ...patch } = row
      void _id
      await trx.updateTable('stations').set(patch).where('id', '=', e.id).execute()
      report.updated.push(change)
    } else report.unchanged++
  }
  await stationsApplied(trx, ids, now)
  // Generated rooms of the file's counties that it does not list, and that nothing refers to, go.
  const counties = [...new Set(entries.map((e) => e.regionCode.slice(0, 6)))]
  const listed = new Set(ids)
  for (const county of counties) {
    const rooms = await trx
      .selectFrom('stations as s')
      .select(['s.id', 's.name', 's.region_code'])
      .where('s.kind', '=', 'room')
      .where('s.region_code', '>=', county)
      .where('s.region_code', '<', `${county}~`)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('roster_entries as re').select('re.record_id').where('re.kind', '=', 'station').whereRef('re.record_id', '=', 's.id')))
      )
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('providers as p').select('p.id').whereRef('p.station_id', '=', 's.id'))))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('bookings as b').select('b.id').whereRef('b.station_id', '=', 's.id'))))
      .execute()
    const gone = rooms.filter((r) => !listed.has(r.id))
    for (const part of chunks(gone.map((r) => r.id))) await trx.deleteFrom('stations').where('id', 'in', part).execute()
    report.withdrawn.push(...gone.map((r) => ({ line: 0, label: `${r.name} (${r.region_code}, generated)`, id: r.id })))
  }
  let still = 0
  for (const county of counties) {
    const row = await trx
      .selectFrom('stations as s')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('s.kind', '=', 'station')
      .where('s.region_code', '>=', county)
      .where('s.region_code', '<', `${county}~`)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('roster_entries as re').select('re.record_id').where('re.kind', '=', 'station').whereRef('re.record_id', '=', 's.id'))))
      .executeTakeFirstOrThrow()
    still += Number(row.n)
  }
  report.stillGenerated = still
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}

interface ProviderFields {
  station_id: string
  display_name: string
  qualification: string
  languages: string
  modes: string
  hours: string
  active: number
}

const PROVIDER_FIELDS: (keyof ProviderFields)[] = ['station_id', 'display_name', 'qualification', 'languages', 'modes', 'hours', 'active']

/** Adds or updates a provider found by its phone's hash; says which. */
async function upsertProvider(trx: Trx, services: Pick<Services, 'cipher' | 'newId'>, kind: 'counsellor' | 'advisor', service: string, key: string, existingId: string | undefined, fields: ProviderFields, phone: string | null, now: string): Promise<{ id: string; change: 'added' | 'updated' | 'unchanged' }> {
  if (existingId) {
    const before = await trx.selectFrom('providers').selectAll().where('id', '=', existingId).executeTakeFirstOrThrow()
    if (PROVIDER_FIELDS.every((k) => before[k] === fields[k])) return { id: existingId, change: 'unchanged' }
    await trx.updateTable('providers').set({ ...fields, updated_at: now }).where('id', '=', existingId).execute()
    return { id: existingId, change: 'updated' }
  }
  const id = services.newId()
  await trx.insertInto('providers').values({ id, service, user_id: null, ...fields, created_at: now, updated_at: now }).execute()
  await trx.insertInto('roster_entries').values(sealRow(services.cipher, 'roster_entries', { kind, record_id: id, natural_key: key, phone, imported_at: now })).execute()
  return { id, change: 'added' }
}

async function applyCounsellors(trx: Trx, services: Pick<Services, 'cipher' | 'newId'>, { entries }: Checked<ReturnType<typeof checkCounsellors>['entries'][number]>, report: RosterReport, now: string): Promise<void> {
  const keys = entries.map((e) => services.cipher.hash(e.phone))
  const known = await byKeys(trx, 'counsellor', keys)
  const stationIds = [...new Set(entries.map((e) => e.stationId))]
  const stations = new Map((await chunked(stationIds, (part) => trx.selectFrom('stations').select(['id', 'languages']).where('id', 'in', part).execute())).map((s) => [s.id, s]))
  const kept = new Set<string>()
  for (const [i, e] of entries.entries()) {
    const station = stations.get(e.stationId)!
    const fields: ProviderFields = {
      station_id: e.stationId,
      display_name: e.name,
      qualification: e.qualification,
      languages: JSON.stringify(languagesOr(e.languages, JSON.parse(station.languages) as string[])),
      modes: JSON.stringify(e.modes),
      hours: JSON.stringify(e.hours),
      active: 1
    }
    const { id, change } = await upsertProvider(trx, services, 'counsellor', 'counselling', keys[i], known.get(keys[i]), fields, e.phone, now)
    kept.add(id)
    if (change === 'unchanged') report.unchanged++
    else report[change].push({ line: e.line, label: `${e.name} ${maskPhone(e.phone)}`, id })
  }
  // At the stations this roster names, whoever is not in it and not a signed-in account is withdrawn.
  for (const part of chunks(stationIds)) {
    const others = await trx
      .selectFrom('providers')
      .select(['id', 'display_name', 'station_id'])
      .where('service', '=', 'counselling')
      .where('station_id', 'in', part)
      .where('active', '=', 1)
      .where('user_id', 'is', null)
      .execute()
    const gone = others.filter((p) => !kept.has(p.id))
    for (const ids of chunks(gone.map((p) => p.id))) await trx.updateTable('providers').set({ active: 0, updated_at: now }).where('id', 'in', ids).execute()
    report.withdrawn.push(...gone.map((p) => ({ line: 0, label: `${p.display_name} (${p.station_id})`, id: p.id })))
  }
}

async function applyAdvisors(trx: Trx, services: Pick<Services, 'cipher' | 'newId'>, checked: ReturnType<typeof checkAdvisors>, report: RosterReport, now: string): Promise<void> {
  const { entries } = checked
  const keys = entries.map((e) => services.cipher.hash(e.phone))
  const known = await byKeys(trx, 'advisor', keys)
  const townships = [...new Set(entries.flatMap((e) => e.villages.map((v) => v.slice(0, 9))))]
  const stations = new Map((await chunked(townships, (part) => trx.selectFrom('stations').select(['id', 'region_code', 'lat', 'lng', 'languages']).where('kind', '=', 'station').where('region_code', 'in', part).execute())).map((s) => [s.region_code, s]))
  const kept = new Set<string>()
  /** Advisors who lost a village to this roster: withdrawn at the end if they are left with none. */
  const touched = new Set<string>()
  for (const [i, e] of entries.entries()) {
    // Anchored at the township where most of their villages are (ties: the first listed).
    const counts = new Map<string, number>()
    for (const v of e.villages) counts.set(v.slice(0, 9), (counts.get(v.slice(0, 9)) ?? 0) + 1)
    const township = [...counts].reduce((best, c) => (c[1] > best[1] ? c : best))[0]
    const station = stations.get(township)
    if (!station) {
      checked.issues.push({ line: e.line, column: null, problem: 'unknown_station', severity: 'error', value: township, detail: 'no 社会心理服务站 row for this township: import it first' })
      continue
    }
    const existingId = known.get(keys[i])
    const before = existingId ? await trx.selectFrom('providers').select(['hours', 'qualification']).where('id', '=', existingId).executeTakeFirst() : undefined
    // On-site days are kept for the villages the advisor still serves (they are set in the app, not in the roster).
    const hours = before ? (JSON.parse(before.hours) as { place?: string }[]).filter((h) => !h.place || e.villages.includes(h.place)) : []
    const fields: ProviderFields = {
      station_id: station.id,
      display_name: e.name,
      qualification: before?.qualification ?? '律师',
      languages: JSON.stringify(languagesOr(e.languages, JSON.parse(station.languages) as string[])),
      modes: JSON.stringify(['in_person']),
      hours: JSON.stringify(hours),
      active: 1
    }
    const result = await upsertProvider(trx, services, 'advisor', LEGAL_SERVICE, keys[i], existingId, fields, null, now)
    let change = result.change
    kept.add(result.id)
    const profile = { firm: e.firm, practice_areas: JSON.stringify(e.areas), phone: displayPhone(e.phone), township_code: township }
    const had = await trx.selectFrom('legal_advisors').selectAll().where('provider_id', '=', result.id).executeTakeFirst()
    if (!had) await trx.insertInto('legal_advisors').values({ provider_id: result.id, ...profile, created_at: now }).execute()
    else if ((Object.keys(profile) as (keyof typeof profile)[]).some((k) => had[k] !== profile[k])) {
      await trx.updateTable('legal_advisors').set(profile).where('provider_id', '=', result.id).execute()
      if (change === 'unchanged') change = 'updated'
    }
    // Their villages: each village has one row, pointed at them.
    const rows = new Map((await trx.selectFrom('legal_villages').select(['village_code', 'provider_id']).where('village_code', 'in', e.villages).execute()).map((r) => [r.village_code, r.provider_id]))
    for (const code of e.villages) {
      if (!rows.has(code)) {
        const place = station.lat !== null && station.lng !== null ? jitter({ lat: station.lat, lng: station.lng }, 0.03, code) : { lat: null, lng: null }
        await trx.insertInto('legal_villages').values({ village_code: code, provider_id: result.id, township_code: code.slice(0, 9), ...place }).execute()
      } else if (rows.get(code) !== result.id) {
        touched.add(rows.get(code)!)
        await trx.updateTable('legal_villages').set({ provider_id: result.id }).where('village_code', '=', code).execute()
      } else continue
      if (change === 'unchanged') change = 'updated'
    }
    if (change === 'unchanged') report.unchanged++
    else report[change].push({ line: e.line, label: `${e.name} ${e.firm} ${displayPhone(e.phone)}`, id: result.id })
  }
  if (checked.issues.some((i) => i.severity === 'error')) throw new RosterRejected()
  // The file is each of its counties' directory: villages it leaves out lose the advisor they had.
  const listed = new Set(entries.flatMap((e) => e.villages))
  const counties = [...new Set([...listed].map((v) => v.slice(0, 6)))].sort()
  for (const county of counties) {
    const stale = await trx.selectFrom('legal_villages').select(['village_code', 'provider_id']).where('village_code', '>=', county).where('village_code', '<', `${county}~`).execute()
    const drop = stale.filter((r) => !listed.has(r.village_code))
    for (const r of drop) touched.add(r.provider_id)
    for (const part of chunks(drop.map((r) => r.village_code))) await trx.deleteFrom('legal_villages').where('village_code', 'in', part).execute()
  }
  // Advisors left with no village (and no signed-in account) are withdrawn.
  for (const part of chunks([...touched].filter((id) => !kept.has(id)))) {
    const idle = await trx
      .selectFrom('providers as p')
      .select(['p.id', 'p.display_name'])
      .where('p.id', 'in', part)
      .where('p.active', '=', 1)
      .where('p.user_id', 'is', null)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('legal_villages as lv').select('lv.village_code').whereRef('lv.provider_id', '=', 'p.id'))))
      .execute()
    for (const ids of chunks(idle.map((p) => p.id))) await trx.updateTable('providers').set({ active: 0, updated_at: now }).where('id', 'in', ids).execute()
    report.withdrawn.push(...idle.map((p) => ({ line: 0, label: p.display_name, id: p.id })))
  }
  report.coverage = await coverage(trx, counties)
}

/** A row that could not be placed after the checks (a township without a station row): nothing is written. */
class RosterRejected extends Error {}

/** Per county, its villages and those without an active advisor. */
async function coverage(db: Kysely<Database> | Trx, counties: string[]): Promise<CountyCoverage[]> {
  const out: CountyCoverage[] = []
  for (const county of counties) {
    const villages = await db
      .selectFrom('regions as r')
      .leftJoin('legal_villages as lv', 'lv.village_code', 'r.code')
      .leftJoin('providers as p', (j) => j.onRef('p.id', '=', 'lv.provider_id').on('p.active', '=', 1))
      .select(['r.code', 'r.name', 'p.id as provider'])
      .where('r.level', '=', 'village')
      .where('r.code', '>=', county)
      .where('r.code', '<', `${county}~`)
      .orderBy('r.code')
      .execute()
    const without = villages.filter((v) => !v.provider)
    const name = (await db.selectFrom('regions').select('name').where('code', '=', county).executeTakeFirst())?.name ?? county
    out.push({ code: county, name, villages: villages.length, withoutAdvisor: without.length, sample: without.slice(0, 5).map((v) => ({ code: v.code, name: v.name })) })
  }
  return out
}

/** One issue in words, naming the column as the file has it. */
export function issueMessage(i: RosterIssue): string {
  const col = i.column ?? ''
  const value = i.value !== undefined ? ` "${i.value}"` : ''
  const detail = i.detail ? ` (${i.detail})` : ''
  const text: Record<RosterIssue['problem'], string> = {
    missing_column: `the file has no column ${col}`,
    missing: `${col} is empty`,
    missing_phone: `${col}: no phone number`,
    malformed_phone: `${col}:${value} is not a phone number`,
    bad_coordinates: `${col}: bad coordinates${value}`,
    unknown_region: `${col}:${value} is not a township or village of Guangdong`,
    ambiguous_region: `${col}:${value} is more than one place`,
    unknown_village: `${col}: no village or community has the code${value}`,
    name_mismatch: `${col}:${value} does not match`,
    duplicate: `${col}: duplicate${value}`,
    bad_hours: `${col}: cannot read the opening days${value}`,
    unknown_station: `${col}: no station${value}`,
    ambiguous_station: `${col}:${value} names more than one station`,
    unknown_value: `${col}: unknown value${value}`
  }
  return `${text[i.problem]}${detail}`
}

/** The report for a person at a terminal. */
export function formatReport(r: RosterReport, file: string): string[] {
  const lines: string[] = []
  const verb = r.dryRun ? 'would ' : ''
  lines.push(`${r.kind} from ${file}: ${r.rows} rows, ${r.errors} errors, ${r.warnings} warnings${r.dryRun ? ' (dry run: nothing written)' : ''}`)
  for (const i of r.issues) lines.push(`  ${i.severity === 'error' ? 'ERROR  ' : 'warning'} ${i.line ? `line ${i.line}` : 'file'}: ${i.message}`)
  if (r.errors) {
    lines.push('nothing imported: correct the errors above and import the file again')
    return lines
  }
  lines.push(`${verb}add ${r.added.length}, ${verb}update ${r.updated.length}, ${r.unchanged} unchanged, ${verb}withdraw ${r.withdrawn.length}`)
  const list = (title: string, items: Change[]) => {
    if (!items.length) return
    lines.push(`${title}:`)
    for (const c of items.slice(0, 20)) lines.push(`  ${c.line ? `line ${c.line}: ` : ''}${c.label}`)
    if (items.length > 20) lines.push(`  … and ${items.length - 20} more (--json lists them all)`)
  }
  list(`${verb}add`, r.added)
  list(`${verb}update`, r.updated)
  list(`${verb}withdraw`, r.withdrawn)
  if (r.stillGenerated !== undefined) lines.push(`township stations of these counties still showing generated data: ${r.stillGenerated}`)
  if (r.coverage) {
    lines.push('villages without an advisor, in the counties of this file:')
    for (const c of r.coverage) lines.push(`  ${c.code} ${c.name}: ${c.withoutAdvisor} of ${c.villages}${c.sample.length ? ` (e.g. ${c.sample.map((s) => `${s.code} ${s.name}`).join('、')})` : ''}`)
  }
  return lines
}
