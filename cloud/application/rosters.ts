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
import type { Transaction } from 'kysely'
import type { Database, ProvidersTable, RosterEntriesTable } from '../db/schema'
import type { ProviderRow } from '../db/repositories/bookings'
import type { Services } from '../core/context'
import { sealRow } from '../db/sealed'
import { LEGAL_SERVICE, type LegalAdvisorRow, type LegalVillageRow } from '../db/repositories/legal'
import { RosterRepository } from '../db/repositories/rosters'
import { CITIES } from '../seed/counselling'
import { jitter } from '../seed/stable'
import { displayPhone } from '../../types/phone'
import { checkAdvisors, checkCounsellors, checkStations, languagesOr, type AdvisorEntry, type Checked, type CounsellorEntry, type RosterIssue, type RosterKind, type RosterRecord, type StationEntry } from '../domain/rosters/rows'

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

type ImportServices = Pick<Services, 'db' | 'cipher' | 'newId' | 'clock'>

/** Thrown to roll a dry run back once its report is made. */
class DryRun extends Error {}
/** A row that could not be placed after the checks (a township without a station row): nothing is written. */
class RosterRejected extends Error {}

const maskPhone = (e164: string): string => displayPhone(e164).replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2')

export async function importRoster(services: ImportServices, kind: RosterKind, records: RosterRecord[], options: { dryRun?: boolean } = {}): Promise<RosterReport> {
  const dryRun = options.dryRun === true
  const repo = new RosterRepository(services.db)
  const regions = await repo.regionNames()
  const checked: Checked<StationEntry | CounsellorEntry | AdvisorEntry> =
    kind === 'stations' ? checkStations(records, { regions }) : kind === 'counsellors' ? checkCounsellors(records, { regions, stations: await repo.stationChoices() }) : checkAdvisors(records, { regions })
  const report: RosterReport = { kind, dryRun, applied: false, rows: records.length, errors: 0, warnings: 0, issues: [], added: [], updated: [], unchanged: 0, withdrawn: [] }
  const hasErrors = () => checked.issues.some((i) => i.severity === 'error')
  if (!hasErrors()) {
    try {
      await services.db.transaction().execute(async (trx) => {
        const now = services.clock.now().toISOString()
        const apply = { stations: applyStations, counsellors: applyCounsellors, advisors: applyAdvisors }[kind] as (t: Transaction<Database>, s: ImportServices, c: typeof checked, r: RosterReport, now: string) => Promise<void>
        await apply(trx, services, checked, report, now)
        if (hasErrors()) throw new RosterRejected()
        if (dryRun) throw new DryRun()
      })
      report.applied = true
    } catch (e) {
      if (e instanceof RosterRejected) Object.assign(report, { added: [], updated: [], unchanged: 0, withdrawn: [] })
      else if (!(e instanceof DryRun)) throw e
    }
  }
  report.issues = checked.issues.sort((a, b) => a.line - b.line).map((i) => ({ ...i, message: issueMessage(i) }))
  report.errors = checked.issues.filter((i) => i.severity === 'error').length
  report.warnings = checked.issues.length - report.errors
  return report
}

async function applyStations(trx: Transaction<Database>, _services: ImportServices, { entries }: Checked<StationEntry>, report: RosterReport, now: string): Promise<void> {
  const repo = new RosterRepository(trx)
  const ids = entries.map((e) => e.id)
  const existing = await repo.stations(ids)
  const imported = await repo.importedIds('station', ids)
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
      await repo.insertStation(row)
      report.added.push(change)
    } else if (!imported.has(e.id) || (Object.keys(row) as (keyof typeof row)[]).some((k) => row[k] !== before[k])) {
      // A generated station replaced by its real row counts as updated even where, by chance, nothing differs.
      const { id: _id, ...patch } = row
      void _id
      await repo.updateStation(e.id, patch)
      report.updated.push(change)
    } else report.unchanged++
  }
  await repo.addEntries(ids.filter((id) => !imported.has(id)).map((id) => ({ kind: 'station', record_id: id, natural_key: id, phone: null, imported_at: now })))
  // Generated rooms of the file's counties that it does not list, and that nothing refers to, go.
  const counties = [...new Set(entries.map((e) => e.regionCode.slice(0, 6)))].sort()
  let still = 0
  for (const county of counties) {
    const gone = await repo.spareGeneratedRooms(county)
    await repo.deleteStations(gone.map((r) => r.id))
    report.withdrawn.push(...gone.map((r) => ({ line: 0, label: `${r.name} (${r.region_code}, generated)`, id: r.id })))
    still += await repo.generatedTownshipStations(county)
  }
  report.stillGenerated = still
}

/** What a counsellor's roster row sets on their provider row (the rest is the row's identity and times). */
type ProviderFields = Pick<ProvidersTable, 'station_id' | 'display_name' | 'qualification' | 'languages' | 'modes' | 'hours' | 'active'>

const PROVIDER_FIELDS: (keyof ProviderFields)[] = ['station_id', 'display_name', 'qualification', 'languages', 'modes', 'hours', 'active']

/** Adds, or updates in place, a provider found by their phone's keyed hash; says which. */
async function upsertProvider(
  repo: RosterRepository,
  services: ImportServices,
  person: { kind: 'counsellor' | 'advisor'; service: string; key: string; id: string | undefined; phone: string | null },
  fields: ProviderFields,
  now: string
): Promise<{ id: string; change: 'added' | 'updated' | 'unchanged' }> {
  const before = person.id ? await repo.provider(person.id) : undefined
  if (before) {
    if (PROVIDER_FIELDS.every((k) => before[k] === fields[k])) return { id: before.id, change: 'unchanged' }
    await repo.updateProvider(before.id, { ...fields, updated_at: now })
    return { id: before.id, change: 'updated' }
  }
  const id = services.newId()
  await repo.insertProvider({ id, service: person.service, user_id: null, ...fields, created_at: now, updated_at: now })
  await repo.addEntries([sealRow(services.cipher, 'roster_entries', { kind: person.kind, record_id: id, natural_key: person.key, phone: person.phone, imported_at: now })])
  return { id, change: 'added' }
}

async function applyCounsellors(trx: Transaction<Database>, services: ImportServices, { entries }: Checked<CounsellorEntry>, report: RosterReport, now: string): Promise<void> {
  const repo = new RosterRepository(trx)
  const keys = entries.map((e) => services.cipher.hash(e.phone))
  const known = await repo.recordsByKey('counsellor', keys)
  const stationIds = [...new Set(entries.map((e) => e.stationId))]
  const stations = await repo.stations(stationIds)
  const kept = new Set<string>()
  for (const [i, e] of entries.entries()) {
    const fields: ProviderFields = {
      station_id: e.stationId,
      display_name: e.name,
      qualification: e.qualification,
      languages: JSON.stringify(languagesOr(e.languages, JSON.parse(stations.get(e.stationId)!.languages) as string[])),
      modes: JSON.stringify(e.modes),
      hours: JSON.stringify(e.hours),
      active: 1
    }
    const { id, change } = await upsertProvider(repo, services, { kind: 'counsellor', service: 'counselling', key: keys[i], id: known.get(keys[i]), phone: e.phone }, fields, now)
    kept.add(id)
    if (change === 'unchanged') report.unchanged++
    else report[change].push({ line: e.line, label: `${e.name} ${maskPhone(e.phone)}`, id })
  }
  // At the stations this roster names, whoever is not in it and not a signed-in person is withdrawn.
  const gone = (await repo.unlinkedProvidersAt('counselling', stationIds)).filter((p) => !kept.has(p.id))
  await repo.deactivate(gone.map((p) => p.id), now)
  report.withdrawn.push(...gone.map((p) => ({ line: 0, label: `${p.display_name} (${p.station_id})`, id: p.id })))
}

async function applyAdvisors(trx: Transaction<Database>, services: ImportServices, checked: Checked<AdvisorEntry>, report: RosterReport, now: string): Promise<void> {
  const repo = new RosterRepository(trx)
  const { entries } = checked
  const keys = entries.map((e) => services.cipher.hash(e.phone))
  const known = await repo.recordsByKey('advisor', keys)
  // Read in bulk and written in bulk: a province's directory (some 9,600 advisors, 26,842 villages) in one pass.
  const providers = await repo.providers([...known.values()])
  const profiles = await repo.advisorProfiles([...known.values()])
  const owners = await repo.villageOwners(entries.flatMap((e) => e.villages))
  const stations = await repo.townshipStations([...new Set(entries.flatMap((e) => e.villages.map((v) => v.slice(0, 9))))])
  const fresh = { providers: [] as ProviderRow[], entries: [] as RosterEntriesTable[], profiles: [] as LegalAdvisorRow[], villages: [] as LegalVillageRow[] }
  const reassigned: { code: string; providerId: string }[] = []
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
    const before = providers.get(known.get(keys[i]) ?? '')
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
    // The advisor's phone is public (residents call it), so it is kept in clear in their profile, as the seed does.
    const profile = { firm: e.firm, practice_areas: JSON.stringify(e.areas), phone: displayPhone(e.phone), township_code: township }
    let change: 'added' | 'updated' | 'unchanged' = 'unchanged'
    const id = before?.id ?? services.newId()
    if (!before) {
      change = 'added'
      fresh.providers.push({ id, service: LEGAL_SERVICE, user_id: null, ...fields, created_at: now, updated_at: now })
      fresh.entries.push(sealRow(services.cipher, 'roster_entries', { kind: 'advisor', record_id: id, natural_key: keys[i], phone: null, imported_at: now }))
    } else if (PROVIDER_FIELDS.some((k) => before[k] !== fields[k])) {
      change = 'updated'
      await repo.updateProvider(id, { ...fields, updated_at: now })
    }
    kept.add(id)
    const had = profiles.get(id)
    if (!had) fresh.profiles.push({ provider_id: id, ...profile, created_at: now })
    else if ((Object.keys(profile) as (keyof typeof profile)[]).some((k) => had[k] !== profile[k])) {
      await repo.updateAdvisorProfile(id, profile)
      if (change === 'unchanged') change = 'updated'
    }
    // Their villages: each village has one row, pointed at them.
    for (const code of e.villages) {
      const owner = owners.get(code)
      if (owner === id) continue
      if (owner === undefined) {
        const place = station.lat !== null && station.lng !== null ? jitter({ lat: station.lat, lng: station.lng }, 0.03, code) : { lat: null, lng: null }
        fresh.villages.push({ village_code: code, provider_id: id, township_code: code.slice(0, 9), ...place })
      } else {
        touched.add(owner)
        reassigned.push({ code, providerId: id })
      }
      if (change === 'unchanged') change = 'updated'
    }
    if (change === 'unchanged') report.unchanged++
    else report[change].push({ line: e.line, label: `${e.name} ${e.firm} ${displayPhone(e.phone)}`, id })
  }
  if (checked.issues.some((i) => i.severity === 'error')) return
  await repo.insertProviders(fresh.providers)
  await repo.addEntries(fresh.entries)
  await repo.insertAdvisorProfiles(fresh.profiles)
  await repo.insertVillages(fresh.villages)
  for (const r of reassigned) await repo.reassignVillage(r.code, r.providerId)
  // The file is each of its counties' directory: villages it leaves out lose the advisor they had.
  const listed = new Set(entries.flatMap((e) => e.villages))
  const counties = [...new Set([...listed].map((v) => v.slice(0, 6)))].sort()
  for (const county of counties) {
    const drop = (await repo.villagesServedIn(county)).filter((r) => !listed.has(r.village_code))
    for (const r of drop) touched.add(r.provider_id)
    await repo.releaseVillages(drop.map((r) => r.village_code))
  }
  // Advisors left with no village (and no signed-in person) are withdrawn.
  const idle = await repo.idleAdvisors([...touched].filter((id) => !kept.has(id)))
  await repo.deactivate(idle.map((p) => p.id), now)
  report.withdrawn.push(...idle.map((p) => ({ line: 0, label: p.display_name, id: p.id })))
  report.coverage = []
  const names = await repo.regionNames()
  for (const county of counties) {
    const villages = await repo.countyVillages(county)
    const without = villages.filter((v) => !v.served)
    report.coverage.push({ code: county, name: names.get(county) ?? county, villages: villages.length, withoutAdvisor: without.length, sample: without.slice(0, 5).map(({ code, name }) => ({ code, name })) })
  }
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
