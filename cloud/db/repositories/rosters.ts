/**
 * What a roster import reads and writes (application/rosters decides): the natural keys of imported records
 * (roster_entries, 0028), stations, providers, advisors' profiles and the villages they serve. Used inside the
 * import's one transaction.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database, RosterEntriesTable } from '../schema'
import type { StationRow } from './stations'
import type { ProviderRow } from './bookings'
import type { LegalAdvisorRow, LegalVillageRow } from './legal'

type Db = Kysely<Database> | Transaction<Database>

const CHUNK = 500
function chunks<T>(items: T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}
async function chunked<T, R>(items: T[], read: (part: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = []
  for (const part of chunks(items)) out.push(...(await read(part)))
  return out
}
/** Codes are digits: "within a region" is a range on the index, '441303' ≤ code < '441303~'. */
const within = (code: string): [string, string] => [code, `${code}~`]

export class RosterRepository {
  constructor(private readonly db: Db) {}

  async regionNames(): Promise<Map<string, string>> {
    return new Map((await this.db.selectFrom('regions').select(['code', 'name']).execute()).map((r) => [r.code, r.name]))
  }

  async stationChoices(): Promise<{ id: string; name: string; hours: string }[]> {
    return this.db.selectFrom('stations').select(['id', 'name', 'hours']).execute()
  }

  /** Record ids (of those given) that came from a roster. */
  async importedIds(kind: string, ids: string[]): Promise<Set<string>> {
    const rows = await chunked(ids, (part) => this.db.selectFrom('roster_entries').select('record_id').where('kind', '=', kind).where('record_id', 'in', part).execute())
    return new Set(rows.map((r) => r.record_id))
  }

  /** Natural key → record id, for the keys given that are known. */
  async recordsByKey(kind: string, keys: string[]): Promise<Map<string, string>> {
    const rows = await chunked(keys, (part) => this.db.selectFrom('roster_entries').select(['record_id', 'natural_key']).where('kind', '=', kind).where('natural_key', 'in', part).execute())
    return new Map(rows.map((r) => [r.natural_key, r.record_id]))
  }

  /** Rows already sealed by the caller. */
  async addEntries(rows: RosterEntriesTable[]): Promise<void> {
    for (const part of chunks(rows)) await this.db.insertInto('roster_entries').values(part).execute()
  }

  async stations(ids: string[]): Promise<Map<string, StationRow>> {
    return new Map((await chunked(ids, (part) => this.db.selectFrom('stations').selectAll().where('id', 'in', part).execute())).map((s) => [s.id, s]))
  }

  async insertStation(row: StationRow): Promise<void> {
    await this.db.insertInto('stations').values(row).execute()
  }

  async updateStation(id: string, patch: Omit<StationRow, 'id'>): Promise<void> {
    await this.db.updateTable('stations').set(patch).where('id', '=', id).execute()
  }

  /** Village rooms of a county that no roster loaded and no counsellor or booking refers to. */
  async spareGeneratedRooms(county: string): Promise<{ id: string; name: string; region_code: string }[]> {
    const [from, to] = within(county)
    return this.db
      .selectFrom('stations as s')
      .select(['s.id', 's.name', 's.region_code'])
      .where('s.kind', '=', 'room')
      .where('s.region_code', '>=', from)
      .where('s.region_code', '<', to)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('roster_entries as re').select('re.record_id').where('re.kind', '=', 'station').whereRef('re.record_id', '=', 's.id'))))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('providers as p').select('p.id').whereRef('p.station_id', '=', 's.id'))))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('bookings as b').select('b.id').whereRef('b.station_id', '=', 's.id'))))
      .orderBy('s.id')
      .execute()
  }

  async deleteStations(ids: string[]): Promise<void> {
    for (const part of chunks(ids)) await this.db.deleteFrom('stations').where('id', 'in', part).execute()
  }

  /** Township stations of a county that no roster has loaded. */
  async generatedTownshipStations(county: string): Promise<number> {
    const [from, to] = within(county)
    const row = await this.db
      .selectFrom('stations as s')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('s.kind', '=', 'station')
      .where('s.region_code', '>=', from)
      .where('s.region_code', '<', to)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('roster_entries as re').select('re.record_id').where('re.kind', '=', 'station').whereRef('re.record_id', '=', 's.id'))))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /** Township stations by township code. */
  async townshipStations(townships: string[]): Promise<Map<string, StationRow>> {
    const rows = await chunked(townships, (part) => this.db.selectFrom('stations').selectAll().where('kind', '=', 'station').where('region_code', 'in', part).execute())
    return new Map(rows.map((s) => [s.region_code, s]))
  }

  async provider(id: string): Promise<ProviderRow | undefined> {
    return this.db.selectFrom('providers').selectAll().where('id', '=', id).executeTakeFirst()
  }

  async providers(ids: string[]): Promise<Map<string, ProviderRow>> {
    return new Map((await chunked(ids, (part) => this.db.selectFrom('providers').selectAll().where('id', 'in', part).execute())).map((p) => [p.id, p]))
  }

  async insertProviders(rows: ProviderRow[]): Promise<void> {
    for (const part of chunks(rows)) await this.db.insertInto('providers').values(part).execute()
  }

  async insertProvider(row: ProviderRow): Promise<void> {
    await this.db.insertInto('providers').values(row).execute()
  }

  async updateProvider(id: string, patch: Partial<Omit<ProviderRow, 'id'>>): Promise<void> {
    await this.db.updateTable('providers').set(patch).where('id', '=', id).execute()
  }

  /** Active providers of a service at these stations that are not a signed-in person's. */
  async unlinkedProvidersAt(service: string, stationIds: string[]): Promise<{ id: string; display_name: string; station_id: string }[]> {
    return chunked(stationIds, (part) =>
      this.db.selectFrom('providers').select(['id', 'display_name', 'station_id']).where('service', '=', service).where('station_id', 'in', part).where('active', '=', 1).where('user_id', 'is', null).orderBy('id').execute()
    )
  }

  async deactivate(ids: string[], now: string): Promise<void> {
    for (const part of chunks(ids)) await this.db.updateTable('providers').set({ active: 0, updated_at: now }).where('id', 'in', part).execute()
  }

  /** Of these providers, the active ones no signed-in person holds that serve no village any more. */
  async idleAdvisors(ids: string[]): Promise<{ id: string; display_name: string }[]> {
    return chunked(ids, (part) =>
      this.db
        .selectFrom('providers as p')
        .select(['p.id', 'p.display_name'])
        .where('p.id', 'in', part)
        .where('p.active', '=', 1)
        .where('p.user_id', 'is', null)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('legal_villages as lv').select('lv.village_code').whereRef('lv.provider_id', '=', 'p.id'))))
        .orderBy('p.id')
        .execute()
    )
  }

  async advisorProfiles(ids: string[]): Promise<Map<string, LegalAdvisorRow>> {
    return new Map((await chunked(ids, (part) => this.db.selectFrom('legal_advisors').selectAll().where('provider_id', 'in', part).execute())).map((p) => [p.provider_id, p]))
  }

  async insertAdvisorProfiles(rows: LegalAdvisorRow[]): Promise<void> {
    for (const part of chunks(rows)) await this.db.insertInto('legal_advisors').values(part).execute()
  }

  async updateAdvisorProfile(providerId: string, patch: Partial<Omit<LegalAdvisorRow, 'provider_id'>>): Promise<void> {
    await this.db.updateTable('legal_advisors').set(patch).where('provider_id', '=', providerId).execute()
  }

  /** Village code → the provider serving it, for the codes given that have one. */
  async villageOwners(codes: string[]): Promise<Map<string, string>> {
    const rows = await chunked(codes, (part) => this.db.selectFrom('legal_villages').select(['village_code', 'provider_id']).where('village_code', 'in', part).execute())
    return new Map(rows.map((r) => [r.village_code, r.provider_id]))
  }

  async insertVillages(rows: LegalVillageRow[]): Promise<void> {
    for (const part of chunks(rows)) await this.db.insertInto('legal_villages').values(part).execute()
  }

  async reassignVillage(code: string, providerId: string): Promise<void> {
    await this.db.updateTable('legal_villages').set({ provider_id: providerId }).where('village_code', '=', code).execute()
  }

  async villagesServedIn(county: string): Promise<{ village_code: string; provider_id: string }[]> {
    const [from, to] = within(county)
    return this.db.selectFrom('legal_villages').select(['village_code', 'provider_id']).where('village_code', '>=', from).where('village_code', '<', to).execute()
  }

  async releaseVillages(codes: string[]): Promise<void> {
    for (const part of chunks(codes)) await this.db.deleteFrom('legal_villages').where('village_code', 'in', part).execute()
  }

  /** A county's villages in code order, each with whether an active advisor serves it. */
  async countyVillages(county: string): Promise<{ code: string; name: string; served: boolean }[]> {
    const [from, to] = within(county)
    const rows = await this.db
      .selectFrom('regions as r')
      .leftJoin('legal_villages as lv', 'lv.village_code', 'r.code')
      .leftJoin('providers as p', (j) => j.onRef('p.id', '=', 'lv.provider_id').on('p.active', '=', 1))
      .select(['r.code', 'r.name', 'p.id as provider'])
      .where('r.level', '=', 'village')
      .where('r.code', '>=', from)
      .where('r.code', '<', to)
      .orderBy('r.code')
      .execute()
    return rows.map((r) => ({ code: r.code, name: r.name, served: r.provider !== null }))
  }
}
