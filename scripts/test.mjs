// npm test: type-check, lint, build what the compiled-output tests load, then every jest project.
// Ends with one plain line "N passed, N failed" so that any CI can read the result.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const args = process.argv.slice(2)
const quick = args.includes('--quick') // skip builds and the compiled/browser layers
const jestArgs = args.filter((a) => a !== '--quick')

function step(title, command, commandArgs, { quiet = false } = {}) {
  const started = Date.now()
  process.stdout.write(`\n▶ ${title}\n`)
  // A quiet step keeps its (progress-bar) output unless it fails; then the end of it is shown.
  const result = spawnSync(command, commandArgs, quiet ? { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 } : { stdio: 'inherit' })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (result.status !== 0) {
    if (quiet) console.error(`${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n').slice(-60).join('\n'))
    console.error(`✖ ${title} failed after ${seconds} s`)
    console.log('0 passed, 1 failed')
    process.exit(result.status ?? 1)
  }
  process.stdout.write(`✔ ${title} (${seconds} s)\n`)
}

step('type-check (tsc --noEmit)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'])
step('lint (eslint)', 'npx', ['eslint', '--max-warnings=0', '.'])
if (!quick) {
  step('build weapp (for miniprogram-simulate)', 'npx', ['taro', 'build', '--type', 'weapp'], { quiet: true })
  step('build H5 (for the browser tests)', 'npx', ['taro', 'build', '--type', 'h5'], { quiet: true })
}

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'minan-jest-')), 'results.json')
const projects = quick ? ['--selectProjects', 'unit', 'integration', 'components'] : []
const jest = spawnSync('npx', ['jest', '--json', `--outputFile=${report}`, ...projects, ...jestArgs], { stdio: 'inherit' })
let summary = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numFailedTestSuites: 0, numRuntimeErrorTestSuites: 0 }
try {
  summary = JSON.parse(fs.readFileSync(report, 'utf8'))
} catch {
  summary.numFailedTests = 1
}
const failed = summary.numFailedTests + summary.numRuntimeErrorTestSuites + (jest.status !== 0 && summary.numFailedTests === 0 ? 1 : 0)
console.log(`\n${summary.numPassedTests} passed, ${failed} failed${summary.numPendingTests ? `, ${summary.numPendingTests} skipped` : ''}`)
process.exit(jest.status === 0 && failed === 0 ? 0 : 1)
