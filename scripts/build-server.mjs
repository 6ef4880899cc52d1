// Bundles the HTTP server (cloud/transports/http/main.ts) into build/server.cjs with esbuild.
import { build } from 'esbuild'
import fs from 'node:fs'

export async function buildServer() {
  await build({
    entryPoints: ['cloud/transports/http/main.ts'],
    outfile: 'build/server.cjs',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    // Native modules load from node_modules: better-sqlite3, and sharp (libvips, its platform binary an npm package).
    external: ['better-sqlite3', 'pg', 'pg-native', 'sharp'],
    logLevel: 'warning'
  })
  fs.mkdirSync('build/data', { recursive: true })
  fs.copyFileSync('cloud/seed/data/regions-gd.tsv', 'build/data/regions-gd.tsv')
}

if (import.meta.url === `file://${process.argv[1]}`) await buildServer()
