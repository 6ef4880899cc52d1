/**
 * Browser harness for the e2e layer: the real backend serving the H5 build, Debian's Chromium driven by
 * playwright-core at a phone viewport, an axe audit that fails on serious or critical violations,
 * screenshots into docs/screenshots/, and a collector that fails a test on uncaught page errors.
 */
import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'
import AxeBuilder from '@axe-core/playwright'
import { startTestServer, type TestServer } from './backend'
import { expectNoRawKeys } from './raw-keys'

export const H5_DIR = path.resolve('dist-h5')
export const SCREENSHOT_DIR = path.resolve('docs/screenshots')
export const CHROMIUM = process.env.MINAN_CHROMIUM ?? '/usr/bin/chromium'

/** A phone: the size of a common mid-range Android/iPhone screen, in Chinese. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN'
} as const

export const ROUTES = {
  home: '/#/pages/home/index',
  matters: '/#/pages/matters/index',
  me: '/#/pages/me/index',
  signin: '/#/pages/signin/index'
} as const

/** The real backend and HTTP server (fresh temp SQLite, random port) serving the H5 build. */
export async function startApp(): Promise<TestServer> {
  if (!fs.existsSync(path.join(H5_DIR, 'index.html'))) {
    throw new Error(`No H5 build at ${H5_DIR}/index.html: run \`npx taro build --type h5\` before the e2e tests.`)
  }
  return startTestServer('sqlite', { staticDir: H5_DIR })
}

export interface LaunchedBrowser {
  browser: Browser
  /** Wall-clock time from launch() to a usable browser. */
  launchMs: number
}

/** Debian's Chromium, never a downloaded one; launch() already gives it a fresh throwaway profile. */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set MINAN_CHROMIUM).`)
  const started = performance.now()
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Quiet, offline, reproducible: no sandbox (containers), no GPU, no background traffic to Google.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  return { browser, launchMs: performance.now() - started }
}

export async function newPhoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ ...PHONE })
}

/** The Taro page container for a route: several pages can sit in the DOM at once, hidden or sliding. */
export const taroPage = (page: Page, route: string) => page.locator(`.taro_page[id^="${route.replace(/^\/#/, '')}"]`)

/** Taro's H5 <Button> is a <taro-button-core> element with no button role, so find it by tag and text. */
export const taroButton = (scope: Page | Locator, text: string | RegExp) => scope.locator('taro-button-core', { hasText: text })

export interface PageErrors {
  /** Uncaught exceptions and console.error messages seen so far (ignored ones left out). */
  readonly messages: string[]
  /** Throws, listing every message, if the page reported any error. */
  expectNone(): void
}

/** Chromium asks for /favicon.ico by itself; the app never references one, so its 404 says nothing about the app. */
const BROWSER_NOISE: RegExp[] = []

/**
 * Records uncaught exceptions and console errors of a page. A failed request shows up as a console
 * error too, so a missing asset or a 500 from the API fails the test rather than passing unseen.
 * `ignore` is for known, documented problems only: every pattern should name an open issue.
 */
export function collectPageErrors(page: Page, options: { ignore?: RegExp[] } = {}): PageErrors {
  const ignore = [...BROWSER_NOISE, ...(options.ignore ?? [])]
  const messages: string[] = []
  const record = (message: string) => {
    if (!ignore.some((pattern) => pattern.test(message))) messages.push(message)
  }
  page.on('pageerror', (error) => record(`uncaught: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') record(`console.error: ${message.text()} (${message.location().url})`)
  })
  return {
    messages,
    expectNone() {
      if (messages.length) throw new Error(`The page reported ${messages.length} error(s):\n  ${messages.join('\n  ')}`)
    }
  }
}

const BLOCKING_IMPACTS = new Set(['serious', 'critical'])

/** Runs axe on the page as it is now; fails listing every serious or critical violation, or any raw catalogue key shown. */
export async function audit(page: Page, label: string): Promise<void> {
  // A key on screen ("petition.status.closed") means a text missing from a catalogue (tests/support/raw-keys.ts).
  await expectNoRawKeys(page, label)
  const results = await new AxeBuilder({ page }).analyze()
  const blocking = results.violations.filter((v) => v.impact && BLOCKING_IMPACTS.has(v.impact))
  if (!blocking.length) return
  const report = blocking
    .map((v) => {
      const nodes = v.nodes.map((n) => `      ${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`)
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes.join('\n')}`
    })
    .join('\n')
  throw new Error(`axe found ${blocking.length} serious/critical violation(s) on "${label}" (${page.url()}):\n${report}`)
}

/**
 * Saves what the phone's screen shows as docs/screenshots/<name>.png. Viewport only: Taro's H5 pages
 * scroll inside their own container, so a "full page" shot would be the same size anyway.
 */
export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const file = path.join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path: file, animations: 'disabled' })
  return file
}
