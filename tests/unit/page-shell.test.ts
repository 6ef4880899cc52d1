/**
 * Elder mode and the offline banner reach a page through its shell (src/components/page-shell): a page whose default
 * export is not wrapped would show neither. Every page the app registers must be wrapped.
 */
import fs from 'node:fs'
import path from 'node:path'

const SRC = path.resolve(__dirname, '../../src')

/** The pages of src/app.config.ts, main package and subpackages, as paths under src/ without the extension. */
function registeredPages(): string[] {
  const config = fs.readFileSync(path.join(SRC, 'app.config.ts'), 'utf8')
  const list = (body: string) => [...body.matchAll(/'([^']+)'/g)].map((m) => m[1])
  const main = list(/pages:\s*\[([^\]]*)\]/.exec(config)![1])
  const subs = [...config.matchAll(/\{\s*root:\s*'([^']+)',\s*pages:\s*\[([^\]]*)\]/g)].flatMap(([, root, pages]) => list(pages).map((p) => `${root}/${p}`))
  return [...main, ...subs]
}

test('the app registers its pages (the parser still reads app.config.ts)', () => {
  const pages = registeredPages()
  expect(pages).toContain('pages/home/index')
  expect(pages).toContain('petition/pages/file/index')
  expect(pages.length).toBeGreaterThan(20)
})

test.each(registeredPages())('%s is wrapped in the page shell', (page) => {
  const source = fs.readFileSync(path.join(SRC, `${page}.tsx`), 'utf8')
  expect(source).toMatch(/^export default withPageShell\(/m)
})
