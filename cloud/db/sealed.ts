/**
 * Personal data at rest. Every column that can carry personal or health information is sealed (AES-256-GCM, see
 * core/crypto) and bound to its table, column and row; what lists, indexes and statistics need (ids, status, dates,
 * region codes, kinds) stays in clear. This is the one list of those columns: repositories and handlers seal and
 * open through it, and `resealAll` walks it to bring old values to the current form and key.
 */
import { sql, type Kysely, type SqlBool } from 'kysely'
import type { FieldCipher, SealSite } from '../core/crypto'
import type { Database } from './schema'
import type { DatabaseKind } from './database'

interface SealedTable {
  /** The columns that make up the row's id, joined with '/' into the site's id. */
  key: readonly string[]
  columns: readonly string[]
  /** Columns sealed since 0016 (in clear before): the one-time pass seals what it finds in them. */
  wereClear: readonly string[]
}

export const SEALED = {
  cases: {
    key: ['id'],
    columns: ['title', 'description', 'address', 'point', 'contact_name', 'contact_phone', 'other_party_name', 'other_party_contact', 'rating_comment'],
    wereClear: ['title', 'description', 'address', 'point', 'other_party_name', 'other_party_contact', 'rating_comment']
  },
  case_events: { key: ['case_id', 'seq'], columns: ['public_data', 'staff_data'], wereClear: ['public_data', 'staff_data'] },
  messages: { key: ['id'], columns: ['params'], wereClear: ['params'] },
  bookings: { key: ['id'], columns: ['pseudonym', 'cancel_reason'], wereClear: ['pseudonym'] },
  waitlist: { key: ['id'], columns: ['pseudonym'], wereClear: ['pseudonym'] },
  session_notes: { key: ['booking_id'], columns: ['notes', 'referral'], wereClear: [] },
  screenings: { key: ['id'], columns: ['data'], wereClear: [] },
  consultations: { key: ['id'], columns: ['question', 'contact_phone', 'rating_comment'], wereClear: ['rating_comment'] },
  consultation_posts: { key: ['consultation_id', 'seq'], columns: ['text'], wereClear: [] },
  case_parties: { key: ['case_id', 'side'], columns: ['account', 'another_mediator_reason'], wereClear: [] },
  case_sessions: { key: ['id'], columns: ['place', 'answer_note'], wereClear: [] },
  agreements: { key: ['id'], columns: ['content'], wereClear: [] },
  agreement_signatures: { key: ['agreement_id', 'version', 'signer'], columns: ['image'], wereClear: [] },
  agreement_followups: { key: ['agreement_id', 'item'], columns: ['note'], wereClear: [] },
  agreement_reports: { key: ['id'], columns: ['note'], wereClear: [] },
  roster_entries: { key: ['kind', 'record_id'], columns: ['phone'], wereClear: [] }
} as const satisfies Partial<Record<keyof Database, SealedTable>>

export type SealedTableName = keyof typeof SEALED
export type SealedColumn<T extends SealedTableName> = (typeof SEALED)[T]['columns'][number]

/** The site of one column of a row, from the row's key columns. */
export function siteOf<T extends SealedTableName>(table: T, column: SealedColumn<T>, row: object): SealSite {
  return { table, column, id: SEALED[table].key.map((k) => String((row as Record<string, unknown>)[k])).join('/') }
}

/** A copy of the row with its sealed columns sealed (null and absent stay as they are); the key columns must be set. */
export function sealRow<T extends SealedTableName, R extends object>(cipher: FieldCipher, table: T, row: R): R {
  const out: Record<string, unknown> = { ...(row as Record<string, unknown>) }
  for (const column of SEALED[table].columns as readonly SealedColumn<T>[]) {
    const value = out[column]
    if (typeof value === 'string') out[column] = cipher.seal(value, siteOf(table, column, out))
  }
  return out as R
}

/** A copy of the row with its sealed columns opened; a value that does not open at this row throws. */
export function openRow<T extends SealedTableName, R extends object>(cipher: FieldCipher, table: T, row: R): R {
  const out: Record<string, unknown> = { ...(row as Record<string, unknown>) }
  for (const column of SEALED[table].columns as readonly SealedColumn<T>[]) {
    const value = out[column]
    if (typeof value === 'string') out[column] = cipher.open(value, siteOf(table, column, out))
  }
  return out as R
}

/** A patch to the row with id `id` (a table with a one-column key), its sealed columns sealed. */
export function sealPatch<T extends SealedTableName, P extends object>(cipher: FieldCipher, table: T, id: string, patch: P): P {
  const [key] = SEALED[table].key
  const { [key]: _omitted, ...sealed } = sealRow(cipher, table, { ...patch, [key]: id }) as Record<string, unknown>
  void _omitted
  return sealed as P
}

/** A case's map point: sealed as "lat,lng" in `point` (0016), instead of two columns in clear. */
export const pointText = (location: { lat: number; lng: number } | null | undefined): string | null => (location ? `${location.lat},${location.lng}` : null)

export function pointOf(text: string | null): { lat: number; lng: number } | null {
  if (!text) return null
  const [lat, lng] = text.split(',').map(Number)
  return Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : null
}

/** The meta key that records the one-time pass over the columns that were in clear. */
const SEALED_META = 'sealed_v2'
const BATCH = 500

/** How many values a pass rewrote: sealed from clear, and sealed again (v1, or an older key). */
export interface ResealCount {
  sealed: number
  resealed: number
}

type Row = Record<string, unknown>

/** Walks a table in key order, a batch at a time, and writes back each row's changed columns. */
async function rewrite(db: Kysely<Database>, table: SealedTableName, change: (row: Row) => Row | null): Promise<void> {
  const spec: SealedTable = SEALED[table]
  let after: Row | null = null
  for (;;) {
    let query = db.selectFrom(table).select([...spec.key, ...spec.columns] as never[])
    if (after) {
      const last = after
      query = query.where(sql<SqlBool>`(${sql.join(spec.key.map((k) => sql.ref(k)))}) > (${sql.join(spec.key.map((k) => last[k]))})`)
    }
    const rows = (await spec.key.reduce((q, k) => q.orderBy(sql.ref(k) as never), query).limit(BATCH).execute()) as Row[]
    for (const row of rows) {
      const patch = change(row)
      if (!patch) continue
      let update = db.updateTable(table).set(patch as never)
      for (const k of spec.key) update = update.where(sql.ref(k) as never, '=', row[k] as never)
      await update.execute()
    }
    if (rows.length < BATCH) return
    after = rows[rows.length - 1]
  }
}

function opensAt(cipher: FieldCipher, value: string, site: SealSite): boolean {
  if (!value.startsWith('v2.')) return false
  try {
    cipher.open(value, site)
    return true
  } catch {
    return false
  }
}

/**
 * The one-time pass to v2, at start, in one transaction with its meta row: values in the columns that were in clear
 * before 0016 are sealed, v1 values in the others are sealed again as v2. Whoever inserts the meta row does it (a
 * second process starting at the same time waits for that insert and then finds it done); afterwards every value of
 * every sealed column is sealed, and a start costs one look-up.
 */
export async function sealAtRest(db: Kysely<Database>, cipher: FieldCipher, kind: DatabaseKind): Promise<ResealCount | null> {
  return db.transaction().execute(async (trx) => {
    const claimed = await trx.insertInto('meta').values({ key: SEALED_META, value: new Date().toISOString() }).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst()
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) return null
    // On SQLite the clear values this replaces are zeroed wherever they were, free pages and overflow chains included.
    if (kind === 'sqlite') await sql`pragma secure_delete = ON`.execute(trx)
    const count: ResealCount = { sealed: 0, resealed: 0 }
    for (const table of Object.keys(SEALED) as SealedTableName[]) {
      const spec: SealedTable = SEALED[table]
      await rewrite(trx, table, (row) => {
        const patch: Row = {}
        for (const column of spec.columns) {
          const value = row[column]
          if (typeof value !== 'string') continue
          const site = siteOf(table, column as never, row)
          if (spec.wereClear.includes(column)) {
            // Already sealed for this very place (only a v2 value under a key of the ring opens): left as it is.
            if (opensAt(cipher, value, site)) continue
            patch[column] = cipher.seal(value, site)
            count.sealed++
          } else if (!cipher.isCurrent(value)) {
            patch[column] = cipher.seal(cipher.open(value, site), site)
            count.resealed++
          }
        }
        return Object.keys(patch).length ? patch : null
      })
    }
    if (kind === 'sqlite') await sql`pragma secure_delete = FAST`.execute(trx)
    return count
  })
}

/**
 * `npm run admin -- reseal`: after a new key is put first in MINAN_DATA_KEYS, seals every value that is not v2 under
 * it again, table by table (one transaction each), so the old key can then be removed from the ring.
 */
export async function resealAll(db: Kysely<Database>, cipher: FieldCipher, kind: DatabaseKind): Promise<ResealCount> {
  await sealAtRest(db, cipher, kind)
  const count: ResealCount = { sealed: 0, resealed: 0 }
  for (const table of Object.keys(SEALED) as SealedTableName[]) {
    const spec: SealedTable = SEALED[table]
    await db.transaction().execute((trx) =>
      rewrite(trx, table, (row) => {
        const patch: Row = {}
        for (const column of spec.columns) {
          const value = row[column]
          if (typeof value !== 'string' || cipher.isCurrent(value)) continue
          const site = siteOf(table, column as never, row)
          patch[column] = cipher.seal(cipher.open(value, site), site)
          count.resealed++
        }
        return Object.keys(patch).length ? patch : null
      })
    )
  }
  return count
}
