// npm start: builds the H5 app when it is missing or older than its sources, bundles the server, runs it.
import { spawnSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { buildServer } from './build-server.mjs'

function newest(dir) {
  let latest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs)
  }
  return latest
}

const built = fs.existsSync('dist-h5/index.html') ? fs.statSync('dist-h5/index.html').mtimeMs : 0
const sources = Math.max(newest('src'), newest('types'), newest('config'))
if (built < sources || process.env.MINAN_REBUILD === '1') {
  console.log('Building the H5 app (about half a minute)…')
  const result = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { stdio: ['ignore', 'ignore', 'inherit'] })
  if (result.status !== 0) process.exit(result.status ?? 1)
}
await buildServer()
// npm start is the demo: it switches demo sign-in on (the server alone never does), unless MINAN_DEMO says otherwise
// or NODE_ENV=production (where the server refuses it).
const demo = process.env.MINAN_DEMO ?? (process.env.NODE_ENV === 'production' ? '0' : '1')
const server = spawn(process.execPath, ['--enable-source-maps', 'build/server.cjs'], { stdio: 'inherit', env: { ...process.env, MINAN_DEMO: demo } })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
