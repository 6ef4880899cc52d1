/**
 * The raw-catalogue-key check: a page that shows "petition.status.closed" instead of words has a key missing from a
 * catalogue (translate() falls back to the key itself) or a key built wrong. The pattern is restricted to the key
 * prefixes the catalogues actually use (core and every module catalogue), so ordinary text never matches.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { catalogues } from '../../src/i18n'

const I18N_DIR = path.resolve('src/i18n')

/** Every key of every catalogue: the core and main-package ones, and the subpackage modules (read from their files). */
export function allCatalogueKeys(): Set<string> {
  const keys = new Set(Object.keys(catalogues['zh-CN']))
  for (const file of fs.readdirSync(I18N_DIR)) {
    const full = path.join(I18N_DIR, file)
    if (!fs.readFileSync(full, 'utf8').includes('defineMessages(')) continue
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = (require(full) as { default: Record<string, Record<string, string>> }).default
    for (const key of Object.keys(mod['zh-CN'])) keys.add(key)
  }
  return keys
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** `prefix.more[.more…]` for the first segment of any catalogue key (e.g. account., petition., lang.zh-CN). */
export function rawKeyPattern(keys: Iterable<string> = allCatalogueKeys()): RegExp {
  const prefixes = [...new Set([...keys].map((k) => k.split('.')[0]))].sort((a, b) => b.length - a.length)
  return new RegExp(`(?<![\\w.])(?:${prefixes.map(escape).join('|')})(?:\\.[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*)+(?![\\w])`, 'g')
}

/** What a person can see or hear on the page now: rendered text, and the labels and placeholders of visible elements. */
export function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attributes = [...document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')]
      .filter((el) => (el as HTMLElement).checkVisibility?.() ?? true)
      .flatMap((el) => ['aria-label', 'placeholder', 'title', 'alt'].map((a) => el.getAttribute(a) ?? ''))
    return [document.title, document.body.innerText, ...attributes].join('\n')
  })
}

/** The raw keys the page shows now (empty when none). */
export async function rawKeysOn(page: Page, pattern: RegExp = rawKeyPattern()): Promise<string[]> {
  return [...new Set((await visibleText(page)).match(pattern) ?? [])]
}

/** Fails, naming the page and the keys, when the page shows any raw catalogue key. */
export async function expectNoRawKeys(page: Page, label: string, pattern?: RegExp): Promise<void> {
  const found = await rawKeysOn(page, pattern)
  if (found.length) throw new Error(`"${label}" (${page.url()}) shows raw catalogue key(s): ${found.join(', ')}`)
}
