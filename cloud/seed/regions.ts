/** Loads Guangdong's region tree (cloud/seed/data/regions-gd.tsv) into an empty database. */
import fs from 'node:fs'
import path from 'node:path'
import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../db/dialect'
import type { Database } from '../db/schema'
import { RegionRepository } from '../db/repositories/regions'
import { levelOf, parentOf } from '../domain/regions'
import { searchKeys } from '../domain/region-pinyin'

export function readRegionFile(file = defaultRegionFile()): Database['regions'][] {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)
  const codes = new Set(lines.map((l) => l.slice(0, l.indexOf('\t'))))
  return lines.map((line) => {
    const [code, name] = line.split('\t')
    const level = levelOf(code)
    if (!level) throw new Error(`bad region code ${code}`)
    return { code, name, level, parent_code: parentOf(code, (c) => codes.has(c)) }
  })
}

export function defaultRegionFile(): string {
  // Works from the source tree and from bundles that copy the data file next to them.
  const candidates = [path.join(__dirname, 'data', 'regions-gd.tsv'), path.join(process.cwd(), 'cloud', 'seed', 'data', 'regions-gd.tsv')]
  const found = candidates.find((c) => fs.existsSync(c))
  if (!found) throw new Error(`regions-gd.tsv not found in ${candidates.join(', ')}`)
  return found
}

/** Inserts the tree in one transaction, once; a second start finds it there and does nothing. */
export async function seedRegions(db: Kysely<Database>): Promise<number> {
  const existing = await new RegionRepository(db).count()
  if (existing > 0) {
    // Regions written without their pinyin keys (an import, or rows added by hand) get them here.
    await new RegionRepository(db).fillSearchKeys(searchKeys)
    return 0
  }
  const rows = readRegionFile()
  await db.transaction().execute(async (trx) => new RegionRepository(trx).insertMany(rows, searchKeys))
  // PostgreSQL plans the search (cloud/db/repositories/regions) from statistics: a table filled in bulk is analysed
  // now rather than whenever autovacuum comes round, or its first searches are planned as if it were empty.
  if (isPostgres(db)) await sql`analyze regions, region_keys`.execute(db)
  return rows.length
}
