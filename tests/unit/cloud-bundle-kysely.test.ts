/**
 * scripts/build-cloud.mjs leaves the parts of Kysely only a migration uses out of every cloud function but `migrate`
 * (KYSELY_MIGRATION_ONLY: schema builders, Migrator, introspection, withSchema and the transformer plugins, MERGE, the
 * MySQL and MSSQL dialects), putting in their place functions that throw, and empties the query compiler's methods for
 * the nodes only those parts build (KYSELY_COMPILER_MIGRATION_ONLY: DDL, MERGE) and MySQL's and MSSQL's own clauses
 * (top, output, on duplicate key). That is safe only while nothing on a request path calls them: outside the migrations,
 * no module of cloud/ or types/ may.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

const ROOT = path.resolve(__dirname, '../..')

function filesUnder(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, d), { withFileTypes: true })) {
      const rel = path.join(d, entry.name)
      if (entry.isDirectory()) walk(rel)
      else if (/\.tsx?$/.test(entry.name)) out.push(rel)
    }
  }
  walk(dir)
  return out
}

/** What reaches a left-out module: the methods and classes that build schema, introspection, MERGE or plugin queries. */
const MIGRATION_ONLY_USE = [
  /\.schema\s*\.\s*\w/,
  /\.withSchema\s*\(/,
  /\.mergeInto\s*\(/,
  /\.introspection\b/,
  /\bcreateIntrospector\b/,
  /\.(top|output|onDuplicateKeyUpdate)\s*\(/,
  /\b(Migrator|FileMigrationProvider|SchemaModule|WithSchemaPlugin|CamelCasePlugin|DeduplicateJoinsPlugin|HandleEmptyInListsPlugin|OperationNodeTransformer|MysqlDialect|MssqlDialect)\b/
]

const MIGRATIONS = path.join('cloud', 'db', 'migrations') + path.sep

test('no module outside the migrations uses the parts of Kysely the request-path bundles leave out', () => {
  const found: string[] = []
  for (const file of [...filesUnder('cloud'), ...filesUnder('types')]) {
    if (file.startsWith(MIGRATIONS)) continue
    fs.readFileSync(path.join(ROOT, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '').trim()
        if (code.startsWith('*') || code.startsWith('/*')) return
        if (MIGRATION_ONLY_USE.some((p) => p.test(code))) found.push(`${file}:${i + 1}: ${code}`)
      })
  }
  expect(found).toEqual([])
})

test('the migrations do use them, so the check above looks for the right names', () => {
  const text = filesUnder('cloud/db/migrations').map((f) => fs.readFileSync(path.join(ROOT, f), 'utf8'))
  expect(text.some((t) => MIGRATION_ONLY_USE[0].test(t))).toBe(true)
  expect(text.some((t) => /\bMigrator\b/.test(t))).toBe(true)
})
