/**
 * The statements every filing and booking runs, as fixed SQL: building and compiling a query through Kysely's builder
 * costs more than running the prepared statement it becomes, and these run on every request. Inserts get their SQL
 * built once per table and column list; look-ups are written out with `?` placeholders (numbered on PostgreSQL).
 * Values go to the driver exactly as Kysely would pass them. Everything else goes through the builder.
 */
import { CompiledQuery, PostgresAdapter, type Kysely } from 'kysely'
import type { Database } from '../schema'

const texts = new Map<string, string>()

export async function insertRows<T extends object>(db: Kysely<Database>, table: keyof Database & string, rows: T[]): Promise<void> {
  if (!rows.length) return
  const first = rows[0] as Record<string, unknown>
  // As Kysely does, a column whose value is undefined is left out; rows of different shapes go through Kysely itself.
  const columns = Object.keys(first).filter((c) => first[c] !== undefined)
  const values = rows as Record<string, unknown>[]
  if (values.some((r) => Object.keys(r).filter((c) => r[c] !== undefined).length !== columns.length || columns.some((c) => r[c] === undefined))) {
    await db.insertInto(table).values(rows as never).execute()
    return
  }
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  const key = `${postgres ? 'pg' : 'sqlite'} ${table} ${rows.length} ${columns.join(',')}`
  let text = texts.get(key)
  if (!text) {
    let n = 0
    const tuple = () => `(${columns.map(() => (postgres ? `$${++n}` : '?')).join(', ')})`
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${rows.map(tuple).join(', ')}`
    texts.set(key, text)
  }
  await db.executeQuery(CompiledQuery.raw(text, values.flatMap((r) => columns.map((c) => r[c]))))
}

const numbered = new Map<string, string>()

/** Runs a fixed statement written with `?` placeholders, on either database; answers its rows. */
export async function fixed<R>(db: Kysely<Database>, text: string, params: unknown[]): Promise<R[]> {
  let sql = text
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    sql = numbered.get(text) ?? ''
    if (!sql) {
      let n = 0
      sql = text.replace(/\?/g, () => `$${++n}`)
      numbered.set(text, sql)
    }
  }
  return (await db.executeQuery<R>(CompiledQuery.raw(sql, params))).rows
}
