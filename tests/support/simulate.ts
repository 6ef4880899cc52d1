/**
 * Loads one page of the COMPILED weapp build (dist/) into miniprogram-simulate, the way WeChat would run it:
 * app.js boots Taro, React and MobX, the page's own wxml comes from the official wcc compiler, and every
 * wx.cloud.callFunction reaches a real backend. Tests then read the rendered text and tap what a person taps.
 *
 * Why each piece is here:
 * - A Taro page calls Page(), which miniprogram-simulate does not know: it only registers Component().
 *   mapPageOntoComponent() turns the Page config into a Component whose `attached` lifetime plays the page's
 *   onLoad → onShow → onReady, so Taro mounts the page exactly as it does on a device.
 * - miniprogram-simulate needs a DOM (exparser renders into one). The jest project runs in `node`, which the
 *   in-process backend needs (fetch, Node's globals), so a jsdom window is installed only while a page is loaded.
 * - Taro's runtime and the webpack chunks in dist/ keep module-level state (Current.app, wx.webpackJsonp), so
 *   every load starts from fresh modules (jest.resetModules) and a fresh chunk list.
 * - On a device, identity comes from the WeChat OPENID that the cloud attaches. Here the fake cloud attaches
 *   the token found in storage under 'minan.token' (put there by `signedInAs`, or by the app's own demo sign-in).
 */
import fs from 'node:fs'
import path from 'node:path'
import { startTestServer, type TestServer } from './backend'
import { until, WAIT_MS } from './until'

export { until, WAIT_MS }

/** The weapp build under test; MINAN_WEAPP_DIST points the harness at another one (e.g. a deliberately broken copy). */
export const DIST = path.resolve(process.env.MINAN_WEAPP_DIST ?? path.join(__dirname, '../../dist'))
const TOKEN_KEY = 'minan.token'

export interface LoadPageOptions {
  /** The real backend that wx.cloud.callFunction talks to. Share one per test file (startTestServer('sqlite'));
   * without it, loadPage starts a SQLite one of its own and close() stops it. */
  backend?: TestServer
  /** Signs this demo account in first (e.g. 'resident-chen'): its token is in storage before the app boots. */
  signedInAs?: string
  /** The page's query, as onLoad receives it. */
  query?: Record<string, string>
  /** wx.getSystemInfoSync().language: WeChat's own language setting, 'zh_CN' unless told. */
  language?: string
  /** Storage content before the app boots. */
  storage?: Record<string, unknown>
  /** More wx APIs, or replacements, before the app boots (e.g. getAppBaseInfo with a large font setting). */
  wx?: Record<string, unknown>
}

export interface CloudCall {
  name: string
  data: { action?: string; input?: unknown; locale?: string; [key: string]: unknown }
  result: unknown
}

/** The wx object the compiled code sees: miniprogram-simulate's stubs, plus recording fakes for what tests check. */
export interface FakeWx {
  makePhoneCall: jest.Mock
  navigateTo: jest.Mock
  redirectTo: jest.Mock
  switchTab: jest.Mock
  reLaunch: jest.Mock
  navigateBack: jest.Mock
  showToast: jest.Mock
  showModal: jest.Mock
  /** Every cloud function call, in order, with the envelope the backend answered. */
  cloudCalls: CloudCall[]
  /** The device storage (wx.getStorageSync and friends read and write this). */
  storage: Map<string, unknown>
  [api: string]: unknown
}

export interface LoadedPage {
  /** The j-component root of the page. */
  page: { dom: Element; detach(): void; instance: Record<string, unknown> }
  /** All text on the page: each text node's text, whitespace collapsed, joined by single spaces. */
  text(): string
  /** The element tap() would tap for this class selector or visible text, or null. */
  find(selectorOrText: string): Element | null
  /** Taps an element, found by one class ('.crisis-help__call'; the simulator's class prefix is handled) or by
   * visible text (the button that shows it, else the innermost element that does). Waits until it exists. */
  tap(selectorOrText: string, timeout?: number): Promise<void>
  /** Resolves when the page shows this text; fails with the page's actual text after `timeout` ms. */
  waitForText(text: string | RegExp, timeout?: number): Promise<void>
  /** Resolves when the page no longer shows this text. */
  waitForNoText(text: string | RegExp, timeout?: number): Promise<void>
  /** Resolves once no cloud call is in flight and the page has rendered what they brought. */
  settle(): Promise<void>
  wx: FakeWx
  close(): Promise<void>
}

// ---- the DOM that miniprogram-simulate renders into ------------------------------------------------------

const DOM_GLOBALS = ['window', 'document', 'navigator', 'Node', 'Element', 'HTMLElement', 'Event', 'CustomEvent', 'TouchEvent', 'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame'] as const

/** Installs a jsdom window as globals (jest-environment-jsdom's own jsdom, a declared dependency) and returns its undo. */
function installDom(): () => void {
  const g = globalThis as Record<string, unknown>
  if (typeof g.document !== 'undefined') return () => undefined
  // `require` is typed by miniprogram-api-typings here; at run time it is jest's Node-style require.
  const resolve = (require as unknown as NodeJS.Require).resolve
  const jsdomPath = resolve('jsdom', { paths: [path.dirname(resolve('jest-environment-jsdom'))] })
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { JSDOM } = require(jsdomPath) as typeof import('jsdom')
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true, url: 'https://servicewechat.com/' })
  const win = dom.window as unknown as Record<string, unknown>
  const saved = new Map<string, PropertyDescriptor | undefined>()
  for (const name of DOM_GLOBALS) {
    saved.set(name, Object.getOwnPropertyDescriptor(g, name))
    const value = name === 'window' ? win : win[name]
    Object.defineProperty(g, name, { value: typeof value === 'function' && /^[a-z]/.test(name) ? (value as () => unknown).bind(win) : value, configurable: true, writable: true })
  }
  return () => {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(g, name, descriptor)
      else delete g[name]
    }
    dom.window.close()
  }
}

// ---- Page() → Component() ---------------------------------------------------------------------------------

type PageConfig = Record<string, unknown> & { data?: Record<string, unknown> }
type PageInstance = Record<string, unknown> & { onLoad(q: object): void; onShow(): void; onReady(): void; onUnload?(): void }

/**
 * WeChat's Page(config) puts lifecycles and handlers on the instance; a Component keeps handlers in `methods`
 * and has no onLoad. So every function of the page config becomes a method (the wxml's bindtap="eh" finds Taro's
 * event handler there), and attaching the component plays the page lifecycle in WeChat's order.
 */
function mapPageOntoComponent(config: PageConfig, route: string, query: Record<string, string>, stack: PageInstance[]): Record<string, unknown> {
  const methods: Record<string, unknown> = {}
  const rest: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(config)) {
    if (typeof value === 'function') methods[key] = value
    else if (key !== 'data') rest[key] = value
  }
  return {
    ...rest,
    data: config.data ?? {},
    methods,
    lifetimes: {
      attached(this: PageInstance) {
        this.route = route
        this.__route__ = route
        this.options = query
        stack.push(this)
        this.onLoad({ ...query })
        this.onShow()
        this.onReady()
      },
      detached(this: PageInstance) {
        this.onUnload?.()
        stack.splice(stack.indexOf(this), 1)
      }
    }
  }
}

// ---- the fake wx --------------------------------------------------------------------------------------------

function succeed<T extends object>(api: string, result: T = {} as T) {
  return jest.fn((options: { success?: (r: unknown) => void; complete?: (r: unknown) => void } = {}) => {
    const res = { errMsg: `${api}:ok`, ...result }
    setTimeout(() => {
      options.success?.(res)
      options.complete?.(res)
    }, 0)
    return Promise.resolve(res)
  })
}

function createFakeWx(base: Record<string, unknown>, backend: TestServer, initialStorage: Record<string, unknown>, language: string | undefined, inFlight: Set<Promise<unknown>>): FakeWx {
  const storage = new Map<string, unknown>(Object.entries(initialStorage))
  const cloudCalls: CloudCall[] = []
  const systemInfo = { ...(base.getSystemInfoSync as () => Record<string, unknown>)(), language: language ?? 'zh_CN' }

  const callFunction = async ({ name, data }: { name: string; data: CloudCall['data'] }) => {
    // The token in storage stands for the OPENID WeChat would attach to the call.
    const token = storage.get(TOKEN_KEY)
    const { body } = await backend.post(name, data, typeof token === 'string' ? token : undefined)
    cloudCalls.push({ name, data, result: body })
    return { errMsg: 'cloud.callFunction:ok', result: body, requestID: String(cloudCalls.length) }
  }

  return Object.assign(base, {
    cloud: {
      init: jest.fn(),
      callFunction: jest.fn((args: { name: string; data: CloudCall['data'] }) => {
        const call = callFunction(args)
        inFlight.add(call)
        void call.finally(() => inFlight.delete(call)).catch(() => undefined)
        return call
      })
    },
    getSystemInfoSync: () => systemInfo,
    getSystemInfo: succeed('getSystemInfo', systemInfo),
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    makePhoneCall: succeed('makePhoneCall'),
    navigateTo: succeed('navigateTo'),
    redirectTo: succeed('redirectTo'),
    switchTab: succeed('switchTab'),
    reLaunch: succeed('reLaunch'),
    navigateBack: succeed('navigateBack'),
    showToast: succeed('showToast'),
    showModal: succeed('showModal', { confirm: true, cancel: false }),
    cloudCalls,
    storage
  }) as unknown as FakeWx
}

// ---- reading and tapping the rendered page --------------------------------------------------------------

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim()

/** The simulator prefixes every class with its component's tag name (e.g. "main--home__title"). */
function hasClass(el: Element, cls: string): boolean {
  return Array.from(el.classList).some((c) => c === cls || c.endsWith(`--${cls}`))
}

const TAPPABLE = new Set(['wx-button', 'wx-navigator', 'wx-radio', 'wx-checkbox', 'wx-label'])

function findTarget(root: Element, selectorOrText: string): Element | null {
  const all = Array.from(root.querySelectorAll('*'))
  if (selectorOrText.startsWith('.')) {
    const cls = selectorOrText.slice(1)
    return all.find((el) => hasClass(el, cls)) ?? null
  }
  const wanted = normalise(selectorOrText)
  const matches = all.filter((el) => normalise(el.textContent ?? '').includes(wanted))
  // Prefer a button-like element that holds the text; otherwise the innermost element that shows it.
  const innermost = matches.find((el) => !Array.from(el.children).some((child) => matches.includes(child)))
  return matches.find((el) => TAPPABLE.has(el.tagName.toLowerCase())) ?? innermost ?? null
}


// ---- loadPage -------------------------------------------------------------------------------------------

const PAGE_GLOBALS = ['App', 'getApp', 'getCurrentPages', 'Page', 'Component', 'Behavior', 'wx'] as const
type AppInstance = Record<string, unknown> & { onLaunch(o: object): void; onShow(o: object): void }
type RenderedPage = LoadedPage['page'] & { attach(parent: Element): void }

/**
 * Boots dist/app.js and renders `pagePath` (e.g. 'pages/home/index'); call close() when done.
 * Reads whatever `npx taro build --type weapp` last wrote to dist/.
 */
export async function loadPage(pagePath: string, options: LoadPageOptions = {}): Promise<LoadedPage> {
  if (!fs.existsSync(path.join(DIST, 'app.js')) || !fs.existsSync(path.join(DIST, `${pagePath}.js`))) {
    throw new Error(`dist/${pagePath}.js not found: run \`npx taro build --type weapp\` first`)
  }
  const g = globalThis as Record<string, unknown>
  const ownBackend = options.backend ? null : await startTestServer('sqlite')
  const backend = (options.backend ?? ownBackend)!
  const storage: Record<string, unknown> = { ...options.storage }
  if (options.signedInAs) storage[TOKEN_KEY] = await backend.signIn(options.signedInAs)

  const uninstallDom = installDom()
  let page: RenderedPage | null = null
  let parent: Element | null = null
  const teardown = async () => {
    page?.detach()
    parent?.remove()
    for (const name of PAGE_GLOBALS) delete g[name]
    uninstallDom()
    await ownBackend?.close()
  }

  const inFlight = new Set<Promise<unknown>>()
  let wx: FakeWx
  let exparser: { Event: { create(name: string, detail: object, options: object): unknown; dispatchEvent(target: unknown, event: unknown): void } }
  try {
    // Fresh modules: Taro's runtime, miniprogram-simulate's registry and the dist chunks all keep state.
    jest.resetModules()
    delete g.wx
    // miniprogram-simulate defines the global Component() and its own stub `wx`; ours is layered on top.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const simulate = require('miniprogram-simulate') as typeof import('miniprogram-simulate')
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exparser = require('miniprogram-exparser')
    wx = createFakeWx(g.wx as Record<string, unknown>, backend, storage, options.language, inFlight)
    Object.assign(wx, options.wx)
    g.wx = wx

    const query = options.query ?? {}
    const stack: PageInstance[] = []
    let app: AppInstance | null = null
    g.App = (config: AppInstance) => void (app = config)
    g.getApp = () => app
    g.getCurrentPages = () => stack.slice()
    g.Page = (config: PageConfig) => (g.Component as (c: object) => void)(mapPageOntoComponent(config, pagePath, query, stack))

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(DIST, 'app.js'))
    const launched = app as AppInstance | null
    if (!launched) throw new Error('dist/app.js did not call App()')
    const launch = { path: pagePath, query, scene: 1001 }
    launched.onLaunch(launch)
    launched.onShow(launch)

    const id = simulate.load(path.join(DIST, pagePath), { compiler: 'official', rootPath: DIST })
    page = simulate.render(id) as unknown as RenderedPage
    parent = document.createElement('parent-wrapper')
    document.body.appendChild(parent)
    page.attach(parent)
  } catch (e) {
    await teardown()
    throw e
  }
  const root = page.dom

  const text = () => {
    const walker = document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */)
    const parts: string[] = []
    for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(normalise(node.nodeValue ?? ''))
    return parts.filter(Boolean).join(' ')
  }
  const shows = (t: string | RegExp) => (typeof t === 'string' ? text().includes(t) : t.test(text()))
  // What the page asked the backend and what it was told: a page that waits in vain usually waits on one of these.
  const calls = () =>
    wx.cloudCalls.map((c) => `${c.name}.${String(c.data.action)} → ${(c.result as { ok?: boolean; error?: { code?: string } }).ok ? 'ok' : (c.result as { error?: { code?: string } }).error?.code}`).join(', ') || 'none'

  const loaded: LoadedPage = {
    page,
    wx,
    text,
    find: (selectorOrText) => findTarget(root, selectorOrText),
    async waitForText(t, timeout = WAIT_MS) {
      await until(() => shows(t), () => `the page to show ${String(t)}; it shows: ${text()} (backend calls: ${calls()})`, timeout)
    },
    async waitForNoText(t, timeout = WAIT_MS) {
      await until(() => !shows(t), () => `the page to stop showing ${String(t)}: ${text()}`, timeout)
    },
    async tap(selectorOrText, timeout = WAIT_MS) {
      const target = await until(() => findTarget(root, selectorOrText), () => `something to tap for ${selectorOrText}; the page shows: ${text()}`, timeout)
      const element = (target as Element & { __wxElement?: unknown }).__wxElement
      if (!element) throw new Error(`${selectorOrText} is not a rendered wx element`)
      // The event j-component's dispatchEvent('tap') sends; it bubbles to Taro's bindtap="eh".
      exparser.Event.dispatchEvent(element, exparser.Event.create('tap', {}, { bubbles: true, capturePhase: true, composed: true, extraFields: { touches: {}, changedTouches: {} } }))
      await new Promise((resolve) => setTimeout(resolve, 0))
    },
    async settle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight])
      await new Promise((resolve) => setTimeout(resolve, 20))
    },
    async close() {
      await loaded.settle()
      await teardown()
    }
  }
  return loaded
}
