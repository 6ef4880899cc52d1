/**
 * HTTP transport: POST /api/<function> with the same JSON body a cloud function gets, GET /api/health,
 * and the H5 build as static files. It turns a request into (identity, body) and the envelope back.
 */
import http from 'node:http'
import type { Duplex } from 'node:stream'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import sirv from 'sirv'
import busboy from 'busboy'
import type { App } from '../../app'
import { failure } from '../../app'
import type { ErrorCode } from '../../../types/errors'
import { resolveLocale } from '../../../types/locale'
import { AppError } from '../../core/errors'
import { sizeText } from '../../core/body-size'
import { DEFAULT_MAX_BODY, type Identity } from '../../core/context'
import { MAX_PHOTO_BYTES } from '../../ports/files'
import { admitUpload, readSignedPhoto, savePhoto } from '../../application/files'
import { answer311 } from '../../handlers/open311'
import { originOf } from '../../domain/open311'
import { recordMediaVerdict, verdictOf } from '../../application/media-checks'
import { freshPush, mediaCheckVerdict, openPush, verifySignature } from '../../ports/wechat-push'

/**
 * Limits of the HTTP server itself. A request's headers must arrive within 20 s and the whole request (an upload of up
 * to 10 MB on a slow phone connection included) within 2 minutes; headers are at most 16 KB and 100 lines. Bodies
 * have their own limit per function and action (cloud/app.ts, bodyLimit).
 */
export const SERVER_LIMITS = { headersTimeout: 20_000, requestTimeout: 120_000, keepAliveTimeout: 5_000, maxHeaderSize: 16 * 1024, maxHeadersCount: 100 }

/** A function name in a target: plain letters. Anything else (percent-encodings included) names no function. */
const FUNCTION_PATH = /^\/api\/([A-Za-z]{1,40})$/

/** sha256 of `javascript:;`, the href of Taro's H5 tab-bar items. */
const TAB_LINK_HASH = `sha256-${crypto.createHash('sha256').update('javascript:;').digest('base64')}`

const STATUS: Partial<Record<ErrorCode, number>> = {
  UNKNOWN_FUNCTION: 404,
  NOT_FOUND: 404,
  REGION_NOT_FOUND: 404,
  ACCOUNT_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  BODY_TOO_LARGE: 413,
  BAD_REQUEST: 400,
  REQUEST_TIMEOUT: 408,
  UNSUPPORTED_MEDIA_TYPE: 415,
  FILE_TYPE: 415,
  FILE_TOO_LARGE: 413,
  FILE_NOT_FOUND: 404,
  CASE_NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  DEMO_DISABLED: 403,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  RETRY: 503,
  CONTENT_CHECK_UNAVAILABLE: 503,
  REQUEST_REUSED: 409,
  IMAGE_TOO_LARGE: 413,
  UPLOAD_QUOTA: 429,
  SIGNIN_METHOD_UNAVAILABLE: 403,
  WECHAT_UNAVAILABLE: 503,
  SMS_CODE_TOO_SOON: 429,
  SMS_UNAVAILABLE: 503,
  PHONE_NOT_VERIFIED: 403
}

export const statusOf = (code: ErrorCode): number => STATUS[code] ?? 400

/** Hashes of the inline scripts in index.html, so the CSP can allow exactly those and nothing else. */
function inlineScriptHashes(staticDir: string | null): string[] {
  const index = staticDir && path.join(staticDir, 'index.html')
  if (!index || !fs.existsSync(index)) return []
  const html = fs.readFileSync(index, 'utf8')
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${crypto.createHash('sha256').update(m[1]).digest('base64')}'`)
}

function securityHeaders(staticDir: string | null): Record<string, string> {
  const csp = [
    "default-src 'self'",
    // Taro's H5 tab bar links are href="javascript:;": allow exactly that one handler by its hash, nothing else inline.
    `script-src 'self' 'unsafe-hashes' '${TAB_LINK_HASH}' ${inlineScriptHashes(staticDir).join(' ')}`.trim(),
    // Taro's H5 components set inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    // Taro's H5 uploadFile reads the chosen photo from its blob: URL first.
    "connect-src 'self' blob:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'"
  ].join('; ')
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'permissions-policy': 'geolocation=(self), camera=(self), microphone=()',
    'cross-origin-opener-policy': 'same-origin'
  }
}

export interface ServerOptions {
  app: App
  staticDir: string | null
  log?: (event: string, detail: Record<string, unknown>) => void
}

export function createHttpServer({ app, staticDir, log = () => undefined }: ServerOptions): http.Server {
  const headers = securityHeaders(staticDir)
  const serveStatic = staticDir && fs.existsSync(staticDir) ? sirv(staticDir, { etag: true, gzip: true, brotli: true, dev: false, setHeaders: noCacheForHtml }) : null
  const production = app.services.config.production

  const send = (res: http.ServerResponse, status: number, payload: unknown, extra: Record<string, string> = {}) => {
    // A reply that cannot be sent any more (the client went away, or a part of another reply is out) ends the connection.
    if (res.headersSent || res.destroyed) return void res.destroy()
    const body = JSON.stringify(payload)
    res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body), ...extra })
    res.end(body)
  }

  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const locale = resolveLocale(req.headers['accept-language'])
    const sendError = (code: ErrorCode, params?: Record<string, string>) => send(res, statusOf(code), failure(code, locale, undefined, params))
    /** Refuses a request before (or while) reading its body: the connection closes rather than take in the rest. */
    const refuseAndClose = (code: ErrorCode, params?: Record<string, string>) => send(res, statusOf(code), failure(code, locale, undefined, params), { connection: 'close' })

    const url = targetOf(req.url)
    if (!url) return refuseAndClose('BAD_REQUEST')

    if (url.pathname === '/api/health') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError('METHOD_NOT_ALLOWED')
      // The version helps a developer; in production it would only help someone looking for a known weakness.
      const data = production ? { status: 'ok', database: app.services.dbKind } : { status: 'ok', version: app.services.config.version, database: app.services.dbKind }
      return send(res, 200, { ok: true, data })
    }

    const identityOf = (): Identity => {
      const auth = req.headers.authorization
      const client = clientOf(req, app.services.config.trustProxy === true)
      return auth?.startsWith('Bearer ') ? { kind: 'token', token: auth.slice(7).trim(), client } : { kind: 'anonymous', client }
    }

    if (url.pathname === '/open311' || url.pathname.startsWith('/open311/')) {
      // Behind a trusted proxy, the scheme and host the caller used are the proxy's to say.
      const trusted = app.services.config.trustProxy === true
      const forwarded = (name: string) => (trusted ? String(req.headers[name] ?? '').split(',')[0].trim() : '')
      const request = {
        method: req.method ?? 'GET',
        path: url.pathname,
        // A parameter given more than once is one comma-separated list (status=open&status=closed).
        param: (name: string) => (url.searchParams.has(name) ? url.searchParams.getAll(name).join(',') : null),
        acceptLanguage: req.headers['accept-language'],
        client: identityOf().client ?? null,
        origin: originOf(forwarded('x-forwarded-proto') || 'http', forwarded('x-forwarded-host') || req.headers.host)
      }
      return void answer311(app.services, request, (client) => app.admitPublic(client), log)
        .then((answer) => {
          if (!answer) return sendError('NOT_FOUND')
          if (res.headersSent || res.destroyed) return void res.destroy()
          res.writeHead(answer.status, { ...headers, ...answer.headers, 'content-length': Buffer.byteLength(answer.body) })
          res.end(req.method === 'HEAD' ? undefined : answer.body)
        })
        .catch(() => sendError('INTERNAL'))
    }

    if (url.pathname === '/api/upload') {
      if (req.method !== 'POST') return sendError('METHOD_NOT_ALLOWED')
      return void receivePhoto(req, app, identityOf())
        .then((file) => send(res, 200, { ok: true, data: file }))
        .catch((e: unknown) => {
          if (e instanceof AppError) return send(res, statusOf(e.code), failure(e.code, locale, e.field, e.params), { connection: 'close' })
          log('internal_error', { fn: 'upload', error: e instanceof Error ? e.stack : String(e) })
          sendError('INTERNAL')
        })
    }

    // A client that drops the connection mid-body makes the read throw: that ends this request, never the server.
    if (url.pathname === '/wechat/push') return void receivePush(req, res, app, url, log).catch(() => res.destroy())

    const photo = /^\/api\/files\/([A-Za-z0-9_-]{10,40})$/.exec(url.pathname)
    if (photo && (req.method === 'GET' || req.method === 'HEAD')) {
      return void readSignedPhoto(app.services, photo[1], Number(url.searchParams.get('exp')), url.searchParams.get('sig') ?? '', app.services.clock.now())
        .then((file) => {
          if (!file) return sendError('FILE_NOT_FOUND')
          if (res.headersSent || res.destroyed) return
          res.writeHead(200, { ...headers, 'content-type': file.mime, 'content-length': file.bytes.length, 'cache-control': 'private, max-age=3600' })
          res.end(req.method === 'HEAD' ? undefined : file.bytes)
        })
        .catch(() => sendError('INTERNAL'))
    }

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendError('METHOD_NOT_ALLOWED')
      // A refusal before the body is read: a small body is left for Node to drain (the connection stays open), any other closes it.
      const small = Number(req.headers['content-length'] ?? Infinity) <= DEFAULT_MAX_BODY
      const refuse = small ? sendError : refuseAndClose
      const fn = FUNCTION_PATH.exec(url.pathname)?.[1]
      const limit = fn === undefined ? null : app.bodyLimit(fn)
      if (fn === undefined || limit === null) return refuse('UNKNOWN_FUNCTION')
      const type = req.headers['content-type'] ?? ''
      if (!/^application\/json\b/i.test(type)) return refuse('UNSUPPORTED_MEDIA_TYPE')
      const tooLarge = { limit: sizeText(limit) }
      // Refused on its declared length alone, before a byte of it is read (Node's parser has already refused a length
      // that is not one decimal number, or two that differ).
      if (Number(req.headers['content-length'] ?? 0) > limit) return refuseAndClose('BODY_TOO_LARGE', tooLarge)
      const chunks: Buffer[] = []
      let size = 0
      const onData = (chunk: Buffer) => {
        size += chunk.length
        chunks.push(chunk)
        if (size <= limit) return
        // A chunked body with no length: stop reading at the limit, answer, and close.
        req.off('data', onData)
        req.off('end', onEnd)
        chunks.length = 0
        req.pause()
        refuseAndClose('BODY_TOO_LARGE', tooLarge)
      }
      const onEnd = () => {
        let body: unknown
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        } catch {
          return sendError('MALFORMED_JSON')
        }
        app
          .dispatch(fn, body, identityOf(), req.headers['accept-language'], size)
          .then((envelope) => send(res, envelope.ok ? 200 : statusOf(envelope.error.code), envelope))
          .catch((e: unknown) => {
            log('internal_error', { fn, error: e instanceof Error ? e.stack : String(e) })
            sendError('INTERNAL')
          })
      }
      req.on('data', onData)
      req.on('end', onEnd)
      req.on('error', () => res.destroy())
      return
    }

    if (serveStatic && (req.method === 'GET' || req.method === 'HEAD')) {
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v)
      return serveStatic(req, res, () => sendError('NOT_FOUND'))
    }
    sendError('NOT_FOUND')
  }

  const server = http.createServer(
    { maxHeaderSize: SERVER_LIMITS.maxHeaderSize, requestTimeout: SERVER_LIMITS.requestTimeout, headersTimeout: SERVER_LIMITS.headersTimeout, keepAliveTimeout: SERVER_LIMITS.keepAliveTimeout, connectionsCheckingInterval: 5_000 },
    (req, res) => {
      // Every byte a client sends is handled inside this request: whatever slipped past the checks above is that
      // request's failure (a 400 and a closed connection), never the process's.
      try {
        handle(req, res)
      } catch (e) {
        log('request_failed', { error: e instanceof Error ? e.stack : String(e) })
        send(res, 400, failure('BAD_REQUEST', resolveLocale(undefined)), { connection: 'close' })
      }
    }
  )
  server.maxHeadersCount = SERVER_LIMITS.maxHeadersCount
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => refuseClient(err, socket))
  return server
}

/** The request's target as a URL: origin-form, or absolute-form for its path (RFC 9112 §3.2.2); null when it is neither. */
function targetOf(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://localhost')
  } catch {
    return null
  }
}

/**
 * What Node's HTTP parser refused before there was a request (a malformed line, header or chunk, conflicting lengths,
 * headers too large, too slow): a 4xx in the envelope when nothing of a reply is out yet, and the connection closed.
 */
function refuseClient(err: NodeJS.ErrnoException, socket: Duplex): void {
  const replying = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true
  if (err.code === 'ECONNRESET' || !socket.writable || replying) return void socket.destroy()
  const [status, reason, code]: [number, string, ErrorCode] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'BAD_REQUEST']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' || err.code === 'HPE_HEADER_TIMEOUT'
        ? [408, 'Request Timeout', 'REQUEST_TIMEOUT']
        : [400, 'Bad Request', 'BAD_REQUEST']
  const body = JSON.stringify(failure(code, resolveLocale(undefined)))
  const head = [`HTTP/1.1 ${status} ${reason}`, 'content-type: application/json; charset=utf-8', 'cache-control: no-store', `content-length: ${Buffer.byteLength(body)}`, 'connection: close']
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy())
}

/** The caller's address: the socket's peer, or behind a trusted reverse proxy the address it last appended. */
function clientOf(req: http.IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',').map((a) => a.trim()).filter(Boolean).pop() : undefined
  return `ip:${forwarded ?? req.socket.remoteAddress ?? 'unknown'}`
}

/**
 * One image from a multipart form (field "file", as Taro.uploadFile sends it), at most 10 MB. The person's tries and
 * daily bytes are counted before the body is read: a refused upload costs the server no decoding and no disk.
 */
async function receivePhoto(req: http.IncomingMessage, app: App, identity: Identity) {
  const userId = await app.userFor(identity)
  if (!userId) throw new AppError('UNAUTHENTICATED')
  if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) throw new AppError('UNSUPPORTED_MEDIA_TYPE')
  const announced = Number(req.headers['content-length'] ?? 0) || 0
  if (announced > MAX_PHOTO_BYTES + 64 * 1024) throw new AppError('FILE_TOO_LARGE', 'file')
  await admitUpload(app.services, userId, announced, app.services.clock.now())
  const bytes = await new Promise<Buffer>((resolve, reject) => {
    let parser: busboy.Busboy
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_PHOTO_BYTES, fields: 10 } })
    } catch {
      // A multipart type without a usable boundary.
      return reject(new AppError('BAD_REQUEST'))
    }
    req.on('error', () => reject(new AppError('BAD_REQUEST')))
    let found: Buffer | null = null
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('limit', () => reject(new AppError('FILE_TOO_LARGE', 'file')))
      stream.on('end', () => {
        if (name === 'file') found = Buffer.concat(chunks)
      })
    })
    parser.on('error', () => reject(new AppError('MALFORMED_JSON')))
    parser.on('close', () => (found ? resolve(found) : reject(new AppError('MISSING_FIELD', 'file', { field: 'file' }))))
    req.pipe(parser)
  })
  return savePhoto(app.services, userId, bytes, app.services.clock.now())
}

/** Pushed messages are small: a verdict is well under a kilobyte. */
const MAX_PUSH_BODY = 64 * 1024

/**
 * WeChat's message push (ports/wechat-push.ts): GET answers the URL check with its echostr, POST takes a signed
 * message and answers `success` once it is recorded (WeChat repeats a message it gets no answer to). Anything not
 * signed by WeChat is refused with 403; without MINAN_WECHAT_PUSH_TOKEN the route does not exist.
 */
async function receivePush(req: http.IncomingMessage, res: http.ServerResponse, app: App, url: URL, log: (event: string, detail: Record<string, unknown>) => void): Promise<void> {
  const settings = app.services.config.wechatPush
  const text = (status: number, body: string) => {
    if (res.headersSent || res.destroyed) return
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', connection: 'close' })
    res.end(body)
  }
  if (!settings) return text(404, 'not found')
  if (req.method === 'GET') return verifySignature(settings, url.searchParams) ? text(200, url.searchParams.get('echostr') ?? '') : text(403, 'forbidden')
  if (req.method !== 'POST') return text(405, 'method not allowed')
  // Nothing of the body is read for a request that is not signed or not fresh.
  if (!freshPush(url.searchParams, app.services.clock.now()) || !(url.searchParams.get('signature') || url.searchParams.get('msg_signature'))) return text(403, 'forbidden')
  if (Number(req.headers['content-length'] ?? 0) > MAX_PUSH_BODY) return text(413, 'too large')
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_PUSH_BODY) return text(413, 'too large')
    chunks.push(chunk)
  }
  const message = openPush(settings, url.searchParams, Buffer.concat(chunks).toString('utf8'), app.services.clock.now())
  if (!message) return text(403, 'forbidden')
  const verdict = mediaCheckVerdict(message)
  try {
    if (verdict) await recordMediaVerdict(app.services, verdict.traceId, verdictOf(verdict.suggest), app.services.clock.now())
  } catch (e) {
    log('wechat_push_failed', { error: e instanceof Error ? e.message : String(e) })
    return text(500, 'retry')
  }
  text(200, 'success')
}

function noCacheForHtml(res: http.ServerResponse, pathname: string): void {
  res.setHeader('cache-control', pathname.endsWith('.html') || pathname === '/' ? 'no-cache' : 'public, max-age=31536000, immutable')
}
