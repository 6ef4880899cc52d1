/**
 * No page shows a raw catalogue key, in any language: every page registered in src/app.config.ts is opened in a
 * phone whose system language is Simplified Chinese, Hong Kong Chinese or English (the app follows it at first
 * start), signed in as someone the page is for, with the ids a page needs. Each page is checked for visible text,
 * labels and placeholders that look like a key ("account.title", "petition.status.closed"); the language it
 * followed is checked on the <html> element.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import type { CaseDetail } from '../../types/functions/petition'
import type { Consultation, VillageAdvisor } from '../../types/functions/legal'
import { LOCALES, type Locale } from '../../types/locale'
import type { TestServer } from '../support/backend'
import { filing } from '../support/fixtures'
import { launchBrowser, PHONE, startApp } from '../support/browser'
import { rawKeyPattern, rawKeysOn } from '../support/raw-keys'
import { translate, type MessageKey } from '../../src/i18n'

/** Retries an assertion for a few seconds (the H5 tab bar takes its texts shortly after it mounts). */
async function expect_(assertion: () => Promise<void>, timeout = 5000): Promise<void> {
  const deadline = Date.now() + timeout
  for (;;) {
    try {
      return await assertion()
    } catch (e) {
      if (Date.now() > deadline) throw e
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

/** Every page of the app, as app.config.ts registers it (main package and subpackages). */
function registeredPages(): string[] {
  const text = fs.readFileSync(path.resolve('src/app.config.ts'), 'utf8')
  const list = (s: string) => [...s.matchAll(/'([^']+)'/g)].map((m) => m[1])
  const main = list(/pages:\s*\[([^\]]*)\]/.exec(text)![1])
  const subs = [...text.matchAll(/\{\s*root:\s*'([^']+)',\s*pages:\s*\[([^\]]*)\]/g)].flatMap((m) => list(m[2]).map((p) => `${m[1]}/${p}`))
  return [...main, ...subs]
}

/** A system language tag as a phone reports it, for each locale. */
const SYSTEM: Record<Locale, string> = { 'zh-CN': 'zh-CN', 'zh-HK': 'zh-HK', en: 'en-GB' }
const DONGPING = '441302001200'
/** How long a page may take to show itself on a busy machine before it counts as stuck. */
const PAGE_WAIT_MS = 10_000

/** Who opens a page: the person it is for. */
const accountFor = (page: string) =>
  page.startsWith('counselling/pages/sessions') ? 'counsellor-lin' : page.startsWith('legal/pages/workbench') ? 'advisor-he' : page.startsWith('staff/') ? 'centre-huang' : 'resident-chen'

let app: TestServer
let browser: Browser
const tokens = new Map<string, string>()
let query: Record<string, string> = {}
const pattern = rawKeyPattern()

beforeAll(async () => {
  app = await startApp()
  browser = (await launchBrowser()).browser
  for (const a of ['resident-chen', 'counsellor-lin', 'advisor-he', 'centre-huang']) tokens.set(a, await app.signIn(a))
  const chen = tokens.get('resident-chen')!
  const filed = await app.call<CaseDetail>('petition', 'file', filing(), chen)
  const advisor = await app.call<VillageAdvisor>('legal', 'forVillage', { code: DONGPING })
  if (!filed.ok || !advisor.ok) throw new Error('fixtures')
  const asked = await app.call<Consultation>('legal', 'ask', { advisorId: advisor.data.advisor!.id, villageCode: DONGPING, category: 'labour', text: '工资被拖欠三个月怎么办？' }, chen)
  if (!asked.ok) throw new Error(`legal.ask: ${asked.error.code}`)
  query = {
    'petition/pages/detail/index': `id=${filed.data.id}`,
    'staff/pages/case/index': `id=${filed.data.id}`,
    'counselling/pages/station/index': 'id=st441302001',
    'legal/pages/advisor/index': `id=${advisor.data.advisor!.id}`,
    'legal/pages/ask/index': `id=${advisor.data.advisor!.id}&village=${DONGPING}`,
    'legal/pages/thread/index': `id=${asked.data.id}`,
    // The mediation pages of a case (issue #17): opened on the resident's own case, which has no agreement or other party.
    'agreement/pages/view/index': `caseId=${filed.data.id}`,
    'agreement/pages/sign/index': `caseId=${filed.data.id}`,
    'parties/pages/case/index': `id=${filed.data.id}`
  }
})

afterAll(async () => {
  await browser?.close()
  await app?.close()
})

test('the check finds a raw key and passes words', () => {
  expect('事项 · petition.status.closed'.match(pattern)).toEqual(['petition.status.closed'])
  expect('lang.zh-HK'.match(pattern)).toEqual(['lang.zh-HK'])
  expect('请拨打 12356，或访问 www.gov.cn。Tap me. Done.'.match(pattern)).toBeNull()
})

describe.each(LOCALES)('every page in %s', (locale) => {
  test('shows no raw catalogue key', async () => {
    // The agreement pages are walked too: on the resident's case, which has no agreement, they say so and what comes
    // next (they rendered blank before; tests/components/agreement-none.test.tsx).
    const pages = registeredPages()
    expect(pages.length).toBeGreaterThan(20)
    const found: string[] = []
    const byAccount = new Map<string, string[]>()
    for (const p of pages) byAccount.set(accountFor(p), [...(byAccount.get(accountFor(p)) ?? []), p])
    for (const [account, list] of byAccount) {
      // A first start on this phone: no language chosen yet, so the app follows the system's.
      const context = await browser.newContext({ ...PHONE, locale: SYSTEM[locale] })
      await context.addInitScript((t) => {
        if (!localStorage.getItem('minan.token')) localStorage.setItem('minan.token', JSON.stringify({ data: t }))
      }, tokens.get(account)!)
      const page = await context.newPage()
      page.setDefaultTimeout(PAGE_WAIT_MS)
      for (const p of list) {
        await page.goto('about:blank')
        await page.goto(`${app.url}/#/${p}${query[p] ? `?${query[p]}` : ''}`)
        await page.locator(`.taro_page[id^="/${p}"]`).first().waitFor()
        // Let the page's first requests answer and render: no request in flight, and no page still showing its
        // loading skeleton (a condition, not a fixed delay).
        await page.waitForLoadState('networkidle')
        // A page that never leaves its skeleton is a page a person waits on for ever: that is a finding too.
        const settled = await page.locator('.taro_page [aria-busy="true"]').first().waitFor({ state: 'detached' }).then(() => true, () => false)
        if (!settled) found.push(`${p} (${account}): still loading after ${PAGE_WAIT_MS / 1000} s`)
        expect([p, await page.locator('html').getAttribute('lang')]).toEqual([p, locale])
        const keys = await rawKeysOn(page, pattern)
        if (keys.length) found.push(`${p} (${account}): ${keys.join(', ')}`)
        // A page that rendered nothing would pass for the wrong reason.
        const shown = await page.evaluate(() => document.body.innerText.replace(/\s+/g, '').length)
        if (shown < 10) found.push(`${p} (${account}): rendered no text`)
      }
      // The tab bar speaks the language too (app.config.ts holds Chinese; the app replaces it at start).
      await page.goto('about:blank')
      await page.goto(`${app.url}/#/pages/home/index`)
      const labels = page.locator('.weui-tabbar__label')
      await expect_(async () => expect(await labels.allInnerTexts()).toEqual(['tab.home', 'tab.matters', 'tab.me'].map((k) => translate(locale, k as MessageKey))))
      // And the check sees what is on screen: a key put on the page is found.
      await page.evaluate(() => document.querySelector('.taro_page')!.insertAdjacentHTML('beforeend', '<p>petition.status.closed</p>'))
      expect(await rawKeysOn(page, pattern)).toEqual(['petition.status.closed'])
      await context.close()
    }
    expect(found).toEqual([])
  }, 240_000)
})
