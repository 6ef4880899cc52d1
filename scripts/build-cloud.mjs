// `npm run build:cloud`: bundles one WeChat cloud function per API function into cloudfunctions/<fn>/
// (index.js, package.json, config.json), each with its own handlers only. The list of functions comes from
// types/api.ts inputSchemas, plus the timer functions, the `migrate` function and the HTTP-accessed `open311` below. Only `migrate` migrates and
// seeds, so only it carries the region data (data/regions-gd.tsv). Each config.json declares the WeChat server APIs
// the bundle can call (permissions.openapi, found from the modules it holds) and the function's trigger, if any.
import { analyzeMetafile, build } from 'esbuild'
import fs from 'node:fs'
import path from 'node:path'
import Module from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

// Libraries a module requires only when it first needs them (the agreement PDF: pdf-lib, and fontkit with brotli, 1.3 MB
// bundled): left outside the bundle, and installed in the cloud from the package.json of a function holding the module.
const LAZY_BY_MODULE = { 'cloud/ports/pdf.ts': ['pdf-lib', 'fontkit'] }

// Installed in the cloud from each function's package.json, never bundled: wx-server-sdk must be the
// platform's own copy, pg is loaded lazily, the SQLite driver is native and unused in the cloud, and sharp is native
// (libvips; npm installs its linux-x64 binary package in the cloud) and loaded at the first photo.
const EXTERNAL = ['wx-server-sdk', 'pg', 'pg-native', 'better-sqlite3', 'sharp', ...Object.keys(LAZY_BY_MODULE).flatMap((m) => LAZY_BY_MODULE[m])]
// CloudBase offers Node.js 16.13 to 24; syntax for 16.13 runs on every one of them. (Plain 'node16' means 16.0, which
// lacks class static blocks: esbuild then lowers them, and Kysely's private fields with them into WeakMaps.)
const TARGET = 'node16.13'

/** The function names, read from the contract itself so a new function needs no change here. */
export async function functionNames(root = ROOT) {
  const result = await build({
    entryPoints: [path.join(root, 'types/api.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    logLevel: 'silent'
  })
  const file = path.join(root, 'types/api.ts')
  const mod = new Module(file)
  mod.filename = file
  mod.paths = Module._nodeModulePaths(path.dirname(file))
  mod._compile(result.outputFiles[0].text, file)
  const names = Object.keys(mod.exports.inputSchemas ?? {})
  if (names.length === 0) throw new Error('types/api.ts exports no inputSchemas')
  for (const name of names) {
    // The name becomes a folder and a WeChat function name.
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) throw new Error(`function name ${JSON.stringify(name)} cannot be a cloud function`)
  }
  return names
}

/**
 * Functions the platform calls on a timer rather than the mini-program: the folder name, the module and factory of
 * its main, and its config.json. WeChat's timer trigger (one per function) takes a seven-field cron expression —
 * second minute hour day month weekday year — in UTC+8. The booking jobs run every ten minutes, as the HTTP server
 * runs them: reminders go out a day ahead, and a lapsed waitlist offer passes on within minutes.
 */
export const TIMER_FUNCTIONS = [
  {
    name: 'reminders',
    module: 'cloud/transports/wechat/timer.ts',
    factory: 'createJobsMain',
    config: { triggers: [{ name: 'bookingJobs', type: 'timer', config: '0 */10 * * * * *' }] }
  }
]

/**
 * Functions an operator runs, never the mini-program: `migrate` brings the database to this build's schema and seeds
 * it, once per deployment (README: deploy checklist).
 */
export const ADMIN_FUNCTIONS = [{ name: 'migrate', module: 'cloud/transports/wechat/migrate.ts', factory: 'createMigrateMain', config: {} }]

/**
 * Functions the public reaches over WeChat's HTTP access service (云开发 → HTTP 访问服务, a trigger path bound to the
 * function in the console; README: deploy checklist): `open311`, the Open311 GeoReport v2 feed.
 */
export const HTTP_FUNCTIONS = [{ name: 'open311', module: 'cloud/transports/wechat/open311.ts', factory: 'createOpen311Main', config: {} }]

/**
 * Functions WeChat's message push calls (云开发控制台 → 设置 → 消息推送, README): `wxpush` takes the image check's
 * verdicts (event wxa_media_check) for the photos security.mediaCheckAsync was asked about.
 */
export const PUSH_FUNCTIONS = [{ name: 'wxpush', module: 'cloud/transports/wechat/push.ts', factory: 'createPushMain', config: {} }]

/**
 * The WeChat server APIs (cloud.openapi) a module calls: a bundle holding the module declares them in its config.json's
 * permissions.openapi, or WeChat refuses the calls. Photos go through the image check (security.mediaCheckAsync) where
 * they are taken in.
 */
export const OPENAPI_BY_MODULE = {
  'cloud/application/outbox.ts': ['subscribeMessage.send'],
  'cloud/application/content.ts': ['security.msgSecCheck'],
  'cloud/application/files.ts': ['security.mediaCheckAsync'],
  // The timer asks again for image checks that could not be asked at upload.
  'cloud/jobs/media-checks.ts': ['security.mediaCheckAsync'],
  // The other party's invitation as a mini-program code (issue #17).
  'cloud/application/cases/mediation.ts': ['wxacode.getUnlimited']
}

/**
 * The parts of Kysely only a migration uses (issue #15: Kysely was 180 KB of every bundle, and esbuild cannot drop a
 * class's unused methods): the schema builders (db.schema), the Migrator, introspection, withSchema and the plugins
 * built on the node transformer, MERGE, and the MySQL and MSSQL dialects. A function other than `migrate` gets, for
 * each such module, one that exports the same names as functions throwing a clear error if ever called; Kysely reaches
 * them only from inside the methods that build those queries (db.schema, db.introspection, withSchema, mergeInto,
 * createIntrospector), which tests/unit/cloud-bundle-kysely.test.ts checks the request path never calls.
 */
export const KYSELY_MIGRATION_ONLY =
  /^(schema\/|migration\/|dialect\/(mssql|mysql)\/|dialect\/\w+\/\w+-introspector\.js$|plugin\/(with-schema|immediate-value|camel-case|deduplicate-joins|handle-empty-in-lists)\/|operation-node\/operation-node-transformer\.js$|query-builder\/merge-)/

/**
 * The methods of Kysely's query compiler (query-compiler/default-query-compiler.js, ~40% of its 21 KB) that compile
 * only the nodes the stubbed modules above build: DDL (created only by db.schema's builders), MERGE, and MySQL's and
 * MSSQL's own clauses. A function other than `migrate` gets each one's body replaced by a throw; the methods stay, as the
 * visitor binds every one of them at construction.
 */
export const KYSELY_COMPILER_MIGRATION_ONLY = [
  'visitAddColumn', 'visitAddConstraint', 'visitAddIndex', 'visitAlterColumn', 'visitAlterTable', 'visitCheckConstraint',
  'visitColumnDefinition', 'visitCreateIndex', 'visitCreateSchema', 'visitCreateTable', 'visitCreateType', 'visitCreateView',
  'visitDefaultValue', 'visitDropColumn', 'visitDropConstraint', 'visitDropIndex', 'visitDropSchema', 'visitDropTable',
  'visitDropType', 'visitDropView', 'visitForeignKeyConstraint', 'visitGenerated', 'visitModifyColumn',
  'visitPrimaryKeyConstraint', 'visitReferences', 'visitRefreshMaterializedView', 'visitRenameColumn',
  'visitRenameConstraint', 'visitUniqueConstraint', 'buildDeferrable', 'compileColumnAlterations', 'visitMergeQuery',
  'visitMatched', 'visitOnDuplicateKey', 'visitTop', 'visitOutput'
]
const KYSELY_COMPILER = 'query-compiler/default-query-compiler.js'

/** The compiler's source with KYSELY_COMPILER_MIGRATION_ONLY's bodies replaced by a throw (methods at 4 spaces, as tsc emits them). */
function stubCompilerMethods(text) {
  for (const name of KYSELY_COMPILER_MIGRATION_ONLY) {
    const method = new RegExp(`^    ${name}\\(([^)\\n]*)\\) \\{\\n[\\s\\S]*?^    \\}\\n`, 'm')
    if (!method.test(text)) throw new Error(`Kysely's ${KYSELY_COMPILER} has no method ${name} (scripts/build-cloud.mjs KYSELY_COMPILER_MIGRATION_ONLY)`)
    text = text.replace(method, (_, params) => `    ${name}(${params}) {\n        leftOut(${JSON.stringify(`${name} (${KYSELY_COMPILER})`)});\n    }\n`)
  }
  return `import { leftOut } from ${JSON.stringify(LEFT_OUT)};\n${text}`
}

/** One module for the stand-ins' error, rather than its sentence in each of them (~40 a bundle). */
const LEFT_OUT = 'minan:kysely-left-out'
const LEFT_OUT_SOURCE = `export function leftOut(what) { throw new Error("Kysely's " + what + ' is left out of this cloud function: only "migrate" carries it (scripts/build-cloud.mjs)') }`

/**
 * The esbuild plugin putting KYSELY_MIGRATION_ONLY's stand-ins in place of those modules. A build where it replaced
 * nothing fails: Kysely's files have moved, and the bundles would silently grow back.
 */
function kyselyRequestPath() {
  let replaced = 0
  return {
    name: 'kysely-request-path',
    setup(b) {
      b.onStart(() => {
        replaced = 0
      })
      b.onEnd((result) => {
        if (result.errors.length === 0 && replaced === 0) {
          result.errors.push({ text: 'KYSELY_MIGRATION_ONLY matched no module of kysely/dist/esm: has Kysely moved its files?' })
        }
      })
      b.onResolve({ filter: /^minan:kysely-left-out$/ }, (args) => ({ path: args.path, namespace: 'minan' }))
      b.onLoad({ filter: /.*/, namespace: 'minan' }, () => ({ contents: LEFT_OUT_SOURCE, loader: 'js' }))
      b.onLoad({ filter: /[\\/]kysely[\\/]dist[\\/]esm[\\/].*\.js$/ }, (args) => {
        const module = args.path.replace(/^.*[\\/]kysely[\\/]dist[\\/]esm[\\/]/, '').split(path.sep).join('/')
        if (module === KYSELY_COMPILER) return { contents: stubCompilerMethods(fs.readFileSync(args.path, 'utf8')), loader: 'js' }
        if (!KYSELY_MIGRATION_ONLY.test(module)) return undefined
        replaced++
        const names = [...fs.readFileSync(args.path, 'utf8').matchAll(/^export (?:class|function|const|let|var) (\w+)/gm)].map((m) => m[1])
        const stub = (n) => `export function ${n}() { leftOut(${JSON.stringify(`${n} (${module})`)}) }`
        return { contents: names.length ? [`import { leftOut } from ${JSON.stringify(LEFT_OUT)}`, ...names.map(stub)].join('\n') : 'export {}', loader: 'js' }
      })
    }
  }
}

/**
 * The error and field-name catalogues (types/errors.ts, types/field-names.ts) hold every language, and are read only to
 * answer an error (dispatch, open311). Their texts (~37 KB of every bundle: zh-CN 13, zh-HK 11, en 13) go into
 * LOCALE_DIR/<locale>.json beside index.js, the caller's language required at a container's first error in it (then
 * cached by require; ~1 ms for 13 KB on a loaded machine) rather than parsed at every cold start. The sources keep their layout (one file per
 * catalogue, every language side by side, as the client reads them); the plugin takes the languages' object literals
 * out of the bundled text and puts getters in their place. A build where a catalogue no longer has the shape the plugin
 * expects fails.
 */
export const LOCALE_DIR = 'locales'
const LAZY_CATALOGUES = {
  'types/errors.ts': { key: 'errors', type: 'Catalogue', table: 'ERROR_MESSAGES' },
  'types/field-names.ts': { key: 'fields', type: 'FieldCatalogue', table: 'FIELD_NAMES' }
}
const LAZY_LOCALES = { 'zh-CN': 'zhCN', 'zh-HK': 'zhHK', en: 'en' }

/** A TypeScript module of the sources, bundled in memory and evaluated: its exports. */
async function evaluate(root, relative) {
  const file = path.join(root, relative)
  const result = await build({ entryPoints: [file], bundle: true, write: false, platform: 'node', format: 'cjs', logLevel: 'silent' })
  const mod = new Module(file)
  mod.filename = file
  mod.paths = Module._nodeModulePaths(path.dirname(file))
  mod._compile(result.outputFiles[0].text, file)
  return mod.exports
}

/** The files of LOCALE_DIR by locale, each { errors: {...}, fields: {...} } for its language, from the sources. */
async function lazyLocales(root) {
  const files = Object.fromEntries(Object.keys(LAZY_LOCALES).map((l) => [l, {}]))
  for (const [module, spec] of Object.entries(LAZY_CATALOGUES)) {
    const table = (await evaluate(root, module))[spec.table]
    for (const l of Object.keys(LAZY_LOCALES)) files[l][spec.key] = table[l]
  }
  return Object.fromEntries(Object.entries(files).map(([l, file]) => [l, `${JSON.stringify(file)}\n`]))
}

function lazyCatalogues(root) {
  return {
    name: 'lazy-catalogues',
    setup(b) {
      b.onLoad({ filter: /[\\/]types[\\/](errors|field-names)\.ts$/ }, (args) => {
        const module = path.relative(root, args.path).split(path.sep).join('/')
        const spec = LAZY_CATALOGUES[module]
        if (!spec) return undefined
        let text = fs.readFileSync(args.path, 'utf8')
        for (const name of Object.values(LAZY_LOCALES)) {
          const literal = new RegExp(`^const ${name}: ${spec.type} = \\{\\n[\\s\\S]*?^\\}\\n`, 'm')
          if (!literal.test(text)) throw new Error(`${module}: no "const ${name}: ${spec.type} = {" catalogue (scripts/build-cloud.mjs lazyCatalogues)`)
          text = text.replace(literal, '')
        }
        const table = `{ 'zh-CN': zhCN, 'zh-HK': zhHK, en }`
        if (!text.includes(`${spec.table}: Record<Locale, ${spec.type}> = ${table}`)) throw new Error(`${module}: ${spec.table} is not ${table} (scripts/build-cloud.mjs lazyCatalogues)`)
        const load = (l) => `require(require('node:path').join(__dirname, ${JSON.stringify(LOCALE_DIR)}, ${JSON.stringify(`${l}.json`)}))[${JSON.stringify(spec.key)}]`
        const getters = Object.keys(LAZY_LOCALES).map((l) => `get ${JSON.stringify(l)}() { return ${load(l)} }`)
        text = text.replace(table, `{ ${getters.join(', ')} }`)
        return { contents: text, loader: 'ts' }
      })
    }
  }
}

/** The region tree is read from this file by the seed, so only a bundle holding the seed needs the data next to it. */
const REGION_SEED = 'cloud/seed/regions.ts'

/** The newest migration named in cloud/db/migrations/index.ts: a function refuses a database without it. */
export function latestMigration(root = ROOT) {
  const text = fs.readFileSync(path.join(root, 'cloud/db/migrations/index.ts'), 'utf8')
  const names = [...text.matchAll(/^\s*'(\d{4}_[A-Za-z0-9_]+)':/gm)].map((m) => m[1]).sort()
  if (names.length === 0) throw new Error('cloud/db/migrations/index.ts names no migrations')
  return names[names.length - 1]
}

/** A handler module's file for an API function: cloud/handlers/<fn>.ts or cloud/handlers/<fn>/index.ts. */
function handlerModule(root, name) {
  const file = path.join(root, 'cloud/handlers', `${name}.ts`)
  return fs.existsSync(file) ? file : path.join(root, 'cloud/handlers', name, 'index.ts')
}

function dependencyVersion(pkg, name) {
  const version = pkg.dependencies?.[name] ?? pkg.devDependencies?.[name]
  if (!version) throw new Error(`package.json does not list ${name}`)
  return version
}

/**
 * Builds every function (or those named in `only`); returns [{ name, dir, bytes, openapi, data }] with bytes the size
 * of index.js, openapi the server APIs it declares and data whether it carries the region data.
 */
export async function buildCloud({ root = ROOT, outDir = path.join(root, 'cloudfunctions'), quiet = false, only = null } = {}) {
  const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
  const dependencies = { 'wx-server-sdk': dependencyVersion(rootPkg, 'wx-server-sdk'), pg: dependencyVersion(rootPkg, 'pg'), sharp: dependencyVersion(rootPkg, 'sharp') }
  const apiNames = await functionNames(root)
  const latest = latestMigration(root)
  const entry = path.join(root, 'cloud/transports/wechat/entry.ts')
  const locales = await lazyLocales(root)
  const platformMain = (t) => ({ name: t.name, source: `import { ${t.factory} } from ${JSON.stringify(path.join(root, t.module))}\nexport const main = ${t.factory}()\n`, config: t.config })
  const mains = [
    ...apiNames.map((name) => ({
      name,
      // The function's own handlers, under its own name: nothing of the other functions is in its bundle.
      source: `import { createMain } from ${JSON.stringify(entry)}\nimport * as handlers from ${JSON.stringify(handlerModule(root, name))}\nexport const main = createMain(${JSON.stringify(name)}, { ${JSON.stringify(name)}: handlers[${JSON.stringify(name)}] })\n`,
      config: {}
    })),
    ...[...TIMER_FUNCTIONS, ...ADMIN_FUNCTIONS, ...HTTP_FUNCTIONS, ...PUSH_FUNCTIONS].map((t) => {
      if (apiNames.includes(t.name)) throw new Error(`function ${t.name} has the name of an API function`)
      return platformMain(t)
    })
  ].filter((m) => !only || only.includes(m.name))
  const built = []
  for (const { name, source, config } of mains) {
    const dir = path.join(outDir, name)
    fs.mkdirSync(dir, { recursive: true })
    const outfile = path.join(dir, 'index.js')
    const result = await build({
      stdin: {
        contents: source,
        resolveDir: root,
        sourcefile: `cloudfunctions/${name}/entry.js`,
        loader: 'js'
      },
      outfile,
      bundle: true,
      platform: 'node',
      target: TARGET,
      format: 'cjs',
      minify: true,
      // No keepNames: its name-setting calls on every class and function cost 22 KB a bundle (most of it Kysely's); a
      // stack trace keeps its method names and the error's own name and message.
      legalComments: 'none',
      // The messages' Chinese as UTF-8, not \uXXXX escapes (twice the bytes): Node reads a module as UTF-8.
      charset: 'utf8',
      external: EXTERNAL,
      define: { MINAN_LATEST_MIGRATION: JSON.stringify(latest) },
      absWorkingDir: root,
      metafile: true,
      plugins: [lazyCatalogues(root), ...(name === 'migrate' ? [] : [kyselyRequestPath()])],
      logLevel: 'warning'
    })
    const inputs = Object.keys(result.metafile.inputs).map((p) => path.relative(root, path.resolve(root, p)).split(path.sep).join('/'))
    const openapi = [...new Set(Object.entries(OPENAPI_BY_MODULE).flatMap(([module, apis]) => (inputs.includes(module) ? apis : [])))].sort()
    const data = inputs.includes(REGION_SEED)
    const lazy = Object.entries(LAZY_BY_MODULE).flatMap(([module, names]) => (inputs.includes(module) ? names : []))
    const pkg = {
      name: `minan-${name}`,
      version: rootPkg.version,
      private: true,
      description: `民安 cloud function "${name}" (generated by scripts/build-cloud.mjs; do not edit)`,
      main: 'index.js',
      license: rootPkg.license,
      dependencies: { ...dependencies, ...Object.fromEntries(lazy.map((name) => [name, dependencyVersion(rootPkg, name)])) }
    }
    fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`)
    // config.json: the server APIs it may call, and its trigger (timer functions).
    const fullConfig = { ...(openapi.length ? { permissions: { openapi } } : {}), ...config }
    fs.writeFileSync(path.join(dir, 'config.json'), `${JSON.stringify(fullConfig, null, 2)}\n`)
    // cloud/seed/regions.ts looks for data/regions-gd.tsv next to the bundle; the attribution travels with the data.
    fs.rmSync(path.join(dir, 'data'), { recursive: true, force: true })
    if (data) {
      fs.mkdirSync(path.join(dir, 'data'), { recursive: true })
      for (const file of ['regions-gd.tsv', 'REGIONS-ATTRIBUTION.md']) {
        fs.copyFileSync(path.join(root, 'cloud/seed/data', file), path.join(dir, 'data', file))
      }
    }
    fs.rmSync(path.join(dir, LOCALE_DIR), { recursive: true, force: true })
    fs.mkdirSync(path.join(dir, LOCALE_DIR))
    for (const [l, text] of Object.entries(locales)) fs.writeFileSync(path.join(dir, LOCALE_DIR, `${l}.json`), text)
    const bytes = fs.statSync(outfile).size
    built.push({ name, dir, bytes, openapi, data, metafile: result.metafile })
    if (!quiet) console.log(`${path.relative(root, outfile)}  ${(bytes / 1024).toFixed(1)} KiB`)
  }
  return built
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  // `--out <dir>` builds elsewhere, `--only a,b` builds just those functions (tests use both); `--analyze` prints which
  // modules weigh what in each bundle (esbuild's metafile analysis).
  const arg = (name) => {
    const i = process.argv.indexOf(name)
    return i > 0 ? process.argv[i + 1] : undefined
  }
  const out = arg('--out')
  const only = arg('--only')
  const built = await buildCloud({ ...(out ? { outDir: path.resolve(out) } : {}), ...(only ? { only: only.split(',') } : {}) })
  if (process.argv.includes('--analyze')) {
    for (const b of built) console.log(`\n${b.name}:${await analyzeMetafile(b.metafile)}`)
  }
}
