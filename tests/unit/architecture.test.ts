/**
 * The shape of the house, checked on the source: each rule of docs/architecture (and issue #13) that a grep can
 * decide. A failure names the file and the line that breaks the rule.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

const ROOT = path.resolve(__dirname, '../..')

function filesUnder(dir: string, ext = /\.tsx?$/): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, d), { withFileTypes: true })) {
      const rel = path.join(d, entry.name)
      if (entry.isDirectory()) walk(rel)
      else if (ext.test(entry.name)) out.push(rel)
    }
  }
  walk(dir)
  return out
}

const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8')

/** Lines of `files` matching `pattern`, as "file:line: text", comments aside. */
function matches(files: string[], pattern: RegExp): string[] {
  const found: string[] = []
  for (const file of files) {
    read(file)
      .split('\n')
      .forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '').trim()
        if (code.startsWith('*') || code.startsWith('/*')) return
        if (pattern.test(code)) found.push(`${file}:${i + 1}: ${code}`)
      })
  }
  return found
}

const functionOf = (rel: string) => rel.split(path.sep)[2].replace(/\.ts$/, '')
const definesActions = (rel: string) => /\baction\(/.test(read(rel))

describe('the backend house', () => {
  const handlers = filesUnder('cloud/handlers')
  const application = filesUnder('cloud/application')

  it('no handler imports another handler: what several share lives in cloud/application or the domain', () => {
    const found: string[] = []
    for (const file of handlers) {
      if (file === path.join('cloud', 'handlers', 'index.ts')) continue
      for (const m of read(file).matchAll(/from '(\.[^']*)'/g)) {
        const target = path.normalize(path.join(path.dirname(file), m[1]))
        const resolved = [`${target}.ts`, path.join(target, 'index.ts')].find((c) => fs.existsSync(path.join(ROOT, c)))
        if (!resolved || !resolved.startsWith(path.join('cloud', 'handlers') + path.sep)) continue
        // A function's own helpers (views, shared look-ups) and its index gathering its parts are the function itself.
        const own = functionOf(file) === functionOf(resolved) && (!definesActions(resolved) || path.basename(file) === 'index.ts')
        if (!own) found.push(`${file} imports ${resolved}`)
      }
    }
    expect(found).toEqual([])
  })

  it('signed-in actions get their actor from the dispatcher: no non-null assertions on a user id', () => {
    expect(matches(filesUnder('cloud'), /userId!/)).toEqual([])
  })

  it('handlers and the application layer never see the database dialect: repositories decide', () => {
    expect(matches([...handlers, ...application], /dbKind|'postgres'|postgres: boolean/)).toEqual([])
  })

  it('handlers, the application layer, jobs and transports hold no SQL: repositories do', () => {
    const outside = [...handlers, ...application, ...filesUnder('cloud/jobs'), ...filesUnder('cloud/transports')]
    expect(matches(outside, /\b(selectFrom|updateTable|insertInto|deleteFrom|selectNoFrom)\(|sql`|\bfixed\(|\binsertRows\(/)).toEqual([])
  })
})
