/**
 * The compiled weapp (dist/) against WeChat's own rules, file by file: what the simulator cannot see because it runs
 * on a modern engine. project.config.json keeps WeChat's ES6 transform off (es6: false), so every script must already
 * be ES5, or old iOS WeChat throws on the first `?.` and shows a white screen.
 */
jest.mock('@tarojs/taro', () => ({}))
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'acorn'
import { DIST } from '../support/simulate'
import { MIN_BASE_LIBRARY } from '../../src/platform/base-library'

function filesUnder(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return filesUnder(full, ext)
    return entry.name.endsWith(ext) ? [full] : []
  })
}

/** The first .js file under `dir` that does not parse as ES5, with the parser's message and the code around it. */
export function firstNonEs5(dir: string): string | null {
  for (const file of filesUnder(dir, '.js').sort()) {
    const code = fs.readFileSync(file, 'utf8')
    try {
      parse(code, { ecmaVersion: 5, sourceType: 'script' })
    } catch (e) {
      const pos = (e as { pos?: number }).pos ?? 0
      return `${path.relative(dir, file)}: ${(e as Error).message} near ${JSON.stringify(code.slice(Math.max(0, pos - 40), pos + 40))}`
    }
  }
  return null
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>

describe('dist/ follows WeChat rules', () => {
  beforeAll(() => {
    if (!fs.existsSync(path.join(DIST, 'app.json'))) throw new Error(`no weapp build in ${DIST}: run npx taro build --type weapp`)
  })

  test('every .js file parses as ES5 (WeChat ES6 transform is off)', () => {
    expect(readJson(path.join(DIST, 'project.config.json')).setting).toMatchObject({ es6: false })
    expect(filesUnder(DIST, '.js').length).toBeGreaterThan(10)
    expect(firstNonEs5(DIST)).toBeNull()
  })

  test('the ES5 check names the first file that is not ES5', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-es5-'))
    fs.writeFileSync(path.join(dir, 'a.js'), 'var a = 1;')
    fs.mkdirSync(path.join(dir, 'sub'))
    fs.writeFileSync(path.join(dir, 'sub', 'vendors.js'), 'var b = a?.c ?? 2;')
    expect(firstNonEs5(dir)).toMatch(/^sub[\\/]vendors\.js: /)
    fs.rmSync(dir, { recursive: true, force: true })
  })

  test('a sitemap keeps personal pages out of WeChat search', () => {
    expect(readJson(path.join(DIST, 'app.json')).sitemapLocation).toBe('sitemap.json')
    const sitemap = readJson(path.join(DIST, 'sitemap.json')) as { rules: { action: string; page: string }[] }
    expect(sitemap.rules.at(-1)).toEqual({ action: 'disallow', page: '*' })
    const allowed = sitemap.rules.filter((r) => r.action === 'allow').map((r) => r.page)
    expect(allowed).toEqual(expect.arrayContaining(['pages/home/index']))
    expect(allowed).not.toContain('*')
  })

  test('the minimum base library is the one requirePrivacyAuthorize needs', () => {
    expect(MIN_BASE_LIBRARY).toBe('2.32.3')
    expect(readJson(path.join(DIST, 'project.config.json')).libVersion).toBe(MIN_BASE_LIBRARY)
  })

  test('location: the rough place is declared, never the precise one beside it', () => {
    const app = readJson(path.join(DIST, 'app.json')) as { requiredPrivateInfos: string[]; permission: Record<string, unknown> }
    expect(app.requiredPrivateInfos).toContain('getFuzzyLocation')
    expect(app.requiredPrivateInfos).not.toContain('getLocation')
    expect(app.permission).toHaveProperty(['scope.userFuzzyLocation', 'desc'])
  })

  test('production WXML, WXSS and JS are minified', () => {
    const base = fs.readFileSync(path.join(DIST, 'base.wxml'), 'utf8')
    expect(base).not.toMatch(/>\n\s+</)
    for (const file of ['app-origin.wxss', 'common.wxss']) expect(fs.readFileSync(path.join(DIST, file), 'utf8').split('\n').length).toBeLessThan(5)
    for (const file of ['vendors.js', 'common.js', 'taro.js']) expect(fs.readFileSync(path.join(DIST, file), 'utf8').split('\n').length).toBeLessThan(20)
  })
})
