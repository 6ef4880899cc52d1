// npm run admin -- <command>: bundles cloud/admin.ts and runs it against the configured database.
import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'

await build({ entryPoints: ['cloud/admin.ts'], outfile: 'build/admin.cjs', bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['better-sqlite3', 'pg', 'pg-native', 'exceljs', 'csv-parse'], logLevel: 'warning' })
const result = spawnSync(process.execPath, ['build/admin.cjs', ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, MINAN_DEMO: process.env.MINAN_DEMO ?? '0' } })
process.exit(result.status ?? 1)
