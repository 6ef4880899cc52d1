/**
 * WeChat's server API over HTTPS, for a backend that runs outside WeChat's cloud (the mini-program built with
 * MINAN_API_BASE). Signing in: `wx.login` gives the mini-program a code, which the server exchanges for the person's
 * OPENID (and UNIONID where the app is bound to an open platform account) with auth.code2Session; the app id and secret
 * stay on the server. Other server calls (security.msgSecCheck, subscribeMessage.send) carry an access token, fetched
 * with the stable-token API, cached, and refreshed shortly before it expires, one refresh at a time.
 * The base URL is a setting so that tests talk to a stand-in on 127.0.0.1, never to WeChat.
 */
import type { SubscribeSender } from './notifier'

export interface WechatSettings {
  appId: string
  secret: string
  /** https://api.weixin.qq.com unless set (MINAN_WECHAT_API_BASE). */
  apiBase?: string
}

export interface WechatSession {
  openid: string
  unionid: string | null
}

/** The code from wx.login was refused: spent, expired or not this app's (errcode 40029, 40163). */
export class WechatCodeInvalid extends Error {
  constructor(readonly errcode: number) {
    super(`wechat: invalid code (errcode ${errcode})`)
    this.name = 'WechatCodeInvalid'
  }
}

/** WeChat could not be reached or answered with an error other than a bad code. */
export class WechatUnavailable extends Error {
  constructor(reason: string) {
    super(`wechat unavailable: ${reason}`)
    this.name = 'WechatUnavailable'
  }
}

export interface WechatApi {
  code2Session(code: string): Promise<WechatSession>
  /** A valid access token (cached; refreshed before expiry). */
  accessToken(): Promise<string>
  /** POST to a server API with the access token; a token WeChat says is stale is refreshed and the call made again once. */
  post<T extends { errcode?: number; errmsg?: string }>(path: string, body: unknown): Promise<T>
}

/** Codes WeChat uses for a code that cannot be exchanged. */
const BAD_CODE = new Set([40029, 40163, 40226])
/** Codes WeChat uses for an access token that is invalid or expired: refresh and try once more. */
const STALE_TOKEN = new Set([40001, 40014, 42001])
/** Refresh this long before WeChat's expiry, so a call never carries a token that lapses on the way. */
const REFRESH_MARGIN_MS = 5 * 60_000

type Fetch = typeof fetch

export function wechatApi(settings: WechatSettings, options: { now?: () => number; fetch?: Fetch; timeoutMs?: number } = {}): WechatApi {
  const base = (settings.apiBase ?? 'https://api.weixin.qq.com').replace(/\/+$/, '')
  const now = options.now ?? Date.now
  const doFetch = options.fetch ?? fetch
  const timeoutMs = options.timeoutMs ?? 5000
  let cached: { token: string; refreshAt: number } | null = null
  let refreshing: Promise<string> | null = null

  async function json<T>(url: string, init?: RequestInit): Promise<T> {
    let response: Response
    try {
      response = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
    } catch (e) {
      throw new WechatUnavailable(e instanceof Error ? e.message : String(e))
    }
    if (!response.ok) throw new WechatUnavailable(`HTTP ${response.status}`)
    try {
      return (await response.json()) as T
    } catch {
      throw new WechatUnavailable('answer is not JSON')
    }
  }

  async function fetchToken(forceRefresh: boolean): Promise<string> {
    const r = await json<{ access_token?: string; expires_in?: number; errcode?: number; errmsg?: string }>(`${base}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: settings.appId, secret: settings.secret, force_refresh: forceRefresh })
    })
    if (!r.access_token || (r.errcode ?? 0) !== 0) throw new WechatUnavailable(`stable_token errcode ${r.errcode ?? '?'} ${r.errmsg ?? ''}`.trim())
    const lifetime = Math.max(0, (r.expires_in ?? 7200) * 1000 - REFRESH_MARGIN_MS)
    cached = { token: r.access_token, refreshAt: now() + lifetime }
    return r.access_token
  }

  /** One refresh at a time: callers that arrive while one runs wait for it. */
  function refresh(forceRefresh: boolean): Promise<string> {
    refreshing ??= fetchToken(forceRefresh).finally(() => (refreshing = null))
    return refreshing
  }

  async function accessToken(): Promise<string> {
    if (cached && now() < cached.refreshAt) return cached.token
    return refresh(false)
  }

  return {
    async code2Session(code) {
      const query = new URLSearchParams({ appid: settings.appId, secret: settings.secret, js_code: code, grant_type: 'authorization_code' })
      const r = await json<{ openid?: string; unionid?: string; errcode?: number; errmsg?: string }>(`${base}/sns/jscode2session?${query}`)
      const errcode = r.errcode ?? 0
      if (BAD_CODE.has(errcode)) throw new WechatCodeInvalid(errcode)
      if (errcode !== 0 || !r.openid) throw new WechatUnavailable(`code2Session errcode ${errcode} ${r.errmsg ?? ''}`.trim())
      return { openid: r.openid, unionid: r.unionid || null }
    },

    accessToken,

    async post<T extends { errcode?: number; errmsg?: string }>(path: string, body: unknown): Promise<T> {
      const call = async (token: string) =>
        json<T>(`${base}${path}?access_token=${encodeURIComponent(token)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      const first = await call(await accessToken())
      if (!STALE_TOKEN.has(first.errcode ?? 0)) return first
      cached = null
      return call(await refresh(true))
    }
  }
}

/** WeChat answered a server API call with an error code (kept, so a caller can tell 43101 from an outage). */
export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    errmsg: string
  ) {
    super(`wechat: errcode ${errcode} ${errmsg}`.trim())
    this.name = 'WechatApiError'
  }
}

/**
 * subscribeMessage.send over HTTPS: POST /cgi-bin/message/subscribe/send with the access token and the body in the
 * HTTPS API's snake_case; an errcode other than 0 throws WechatApiError (43101: the person has no acceptance left).
 */
export function wechatSubscribeSender(api: WechatApi): SubscribeSender {
  return async (m) => {
    const body = { touser: m.touser, template_id: m.templateId, page: m.page, data: m.data, ...(m.miniprogramState ? { miniprogram_state: m.miniprogramState } : {}), lang: 'zh_CN' }
    const r = await api.post<{ errcode?: number; errmsg?: string }>('/cgi-bin/message/subscribe/send', body)
    if ((r.errcode ?? 0) !== 0) throw new WechatApiError(r.errcode!, r.errmsg ?? '')
  }
}

/** The port from the environment: null unless both MINAN_WECHAT_APPID and MINAN_WECHAT_SECRET are set. */
export function wechatSettingsFrom(env: NodeJS.ProcessEnv): WechatSettings | null {
  const appId = env.MINAN_WECHAT_APPID
  const secret = env.MINAN_WECHAT_SECRET
  if (!appId && !secret) return null
  if (!appId || !secret) throw new Error('MINAN_WECHAT_APPID and MINAN_WECHAT_SECRET must be set together')
  return { appId, secret, apiBase: env.MINAN_WECHAT_API_BASE || undefined }
}
