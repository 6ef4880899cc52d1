/* global window, performance, PerformanceObserver -- the functions passed to page.evaluate and addInitScript run in the browser */
// The first screen on a slow phone network (issue 16): the H5 home page served by the production server, opened in
// Debian's Chromium with a cold cache, throttled by Chromium itself (DevTools network emulation: 1.6 Mbps down,
// 750 kbps up, 150 ms round trip). Figures are Chromium's own metrics — first contentful paint (the app shell) and
// largest contentful paint (the content) — plus the moment the home's primary action can be seen, each the median
// of a few cold loads.
import { chromium } from 'playwright-core'

const CHROMIUM = process.env.MINAN_CHROMIUM ?? '/usr/bin/chromium'
const RUNS = Number(process.env.MINAN_BENCH_SCREEN_RUNS ?? 5)
const SLOW_3G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1_000_000) / 8, uploadThroughput: (750 * 1000) / 8 }

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** One cold load of `url` under the throttle: { fcp, lcp, primary } in ms from navigation start. */
async function coldLoad(browser, url) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' })
  try {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G)
    // Chromium reports the largest contentful paint to an observer registered before it happens.
    await page.addInitScript(() => {
      window.__lcp = 0
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__lcp = Math.max(window.__lcp, entry.startTime)
      }).observe({ type: 'largest-contentful-paint', buffered: true })
    })
    await page.goto(url, { waitUntil: 'commit' })
    // The home's primary action (我要反映) is the content a resident came for.
    await page.getByText('我要反映').first().waitFor({ state: 'visible', timeout: 60_000 })
    const primary = await page.evaluate(() => performance.now())
    await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {})
    // LCP is final at the first input or when the page is hidden; reading it after the network is idle is the usual lab way.
    return await page.evaluate((primaryAt) => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN
      return { fcp, lcp: window.__lcp || NaN, primary: primaryAt }
    }, primary)
  } finally {
    await context.close()
  }
}

/** Records the first-screen rows; `startServer(env)` is the bench's own (production bundle, a child process). */
export async function firstScreenBench(section, { startServer, record, staticDir, dataDir }) {
  const server = await startServer({ MINAN_DATA_DIR: dataDir, MINAN_STATIC_DIR: staticDir })
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
  try {
    const url = `http://127.0.0.1:${server.port}/#/pages/home/index`
    await coldLoad(browser, url) // the server's first static reads and the browser's first start are not a resident's
    const runs = []
    for (let i = 0; i < RUNS; i++) runs.push(await coldLoad(browser, url))
    const note = `median of ${RUNS} cold loads, 1.6 Mbps / 150 ms`
    record(section, 'home first contentful paint (app shell)', median(runs.map((r) => r.fcp)), 'ms', 1500, note)
    record(section, 'home largest contentful paint (content)', median(runs.map((r) => r.lcp)), 'ms', 2500, note)
    record(section, 'home primary action (我要反映) visible', median(runs.map((r) => r.primary)), 'ms', 2500, note)
  } finally {
    await browser.close()
    await server.stop()
  }
}
