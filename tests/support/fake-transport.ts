/**
 * A fake Transport for store and component tests: answers calls from in-memory handlers,
 * records every call, and can hold replies back so a test can look at loading states.
 */
import type { Transport } from '../../src/api/client'
import type { ApiError, CallBody, Envelope, ErrorCode, Region, RegionWithPath } from '@minan/types/api'

export interface FakeCall {
  fn: string
  action: string
  input: unknown
  token: string | null
  locale?: string
  requestId?: string
}

/**
 * Answers one action. Return the data, or throw `apiError(...)` to answer with an error envelope.
 * `input: never` lets a handler declare the input type it expects; the fake does not validate it.
 */
export type FakeHandler = (input: never, call: FakeCall) => unknown

/** Thrown from a handler to make the fake answer `{ ok: false, error }`. */
export class FakeApiError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message)
  }
}

export function apiError(code: ErrorCode, message: string = code, field?: string): FakeApiError {
  return new FakeApiError({ code, message, ...(field ? { field } : {}) })
}

export class FakeTransport implements Transport {
  readonly calls: FakeCall[] = []
  private readonly handlers = new Map<string, FakeHandler>()
  private held: Array<() => void> | null = null

  /** Handlers keyed by 'fn.action', e.g. { 'regions.children': ({ code }) => [...] }. */
  constructor(handlers: Record<string, FakeHandler> = {}) {
    for (const [key, handler] of Object.entries(handlers)) this.handlers.set(key, handler)
  }

  on(key: string, handler: FakeHandler): this {
    this.handlers.set(key, handler)
    return this
  }

  /** Calls to one 'fn.action', in order. */
  callsTo(key: string): FakeCall[] {
    return this.calls.filter((c) => `${c.fn}.${c.action}` === key)
  }

  /** From now on replies wait until release(): the call is recorded at once, its answer later. */
  hold(): void {
    this.held ??= []
  }

  /** Lets every held reply through, and stops holding. */
  release(): void {
    const waiting = this.held ?? []
    this.held = null
    waiting.forEach((go) => go())
  }

  async send(fn: string, body: CallBody, token: string | null): Promise<Envelope<unknown>> {
    const call: FakeCall = { fn, action: body.action, input: body.input, token, locale: body.locale, requestId: body.requestId }
    this.calls.push(call)
    if (this.held) await new Promise<void>((go) => this.held?.push(go))
    const handler = this.handlers.get(`${fn}.${body.action}`)
    if (!handler) return { ok: false, error: { code: 'UNKNOWN_ACTION', message: `fake transport: no handler for ${fn}.${body.action}` } }
    try {
      // Like a real transport, hand back a JSON copy: a store must not share objects with the "server".
      const data = await handler(body.input as never, call)
      return { ok: true, data: data === undefined ? null : JSON.parse(JSON.stringify(data)) }
    } catch (e) {
      if (e instanceof FakeApiError) return { ok: false, error: e.error }
      throw e
    }
  }
}

/**
 * Handlers for regions.children / get / search over a small tree, with the backend's semantics:
 * children of no code are the provinces; `path` lists the ancestors from the province down, without the region itself;
 * search matches a substring of the name, filtered by level and `within`, exact and prefix matches first, then
 * shorter names, then by code, capped by `limit`.
 */
export function fakeRegions(tree: Region[]): Record<string, FakeHandler> {
  const byCode = new Map(tree.map((r) => [r.code, r]))
  const pathOf = (r: Region): Region[] => {
    const path: Region[] = []
    for (let p = r.parentCode ? byCode.get(r.parentCode) : undefined; p; p = p.parentCode ? byCode.get(p.parentCode) : undefined) path.unshift(p)
    return path
  }
  const withPath = (r: Region): RegionWithPath => ({ ...r, path: pathOf(r) })
  const known = (code: string): Region => {
    const region = byCode.get(code)
    if (!region) throw apiError('REGION_NOT_FOUND', 'region not found', 'code')
    return region
  }
  return {
    'regions.children': ({ code }: { code?: string }) => {
      if (code) known(code)
      return tree.filter((r) => r.parentCode === (code ?? null)).sort((a, b) => a.code.localeCompare(b.code))
    },
    'regions.get': ({ code }: { code: string }) => withPath(known(code)),
    'regions.search': ({ q, level, within, limit }: { q: string; level?: string; within?: string; limit?: number }) => {
      const text = q.trim()
      const rank = (r: Region) => (r.name === text ? 0 : r.name.startsWith(text) ? 1 : 2)
      return tree
        .filter((r) => r.name.includes(text) && (!level || r.level === level) && (!within || r.code.startsWith(within)))
        .sort((a, b) => rank(a) - rank(b) || a.name.length - b.name.length || a.code.localeCompare(b.code))
        .slice(0, limit ?? 20)
        .map(withPath)
    }
  }
}
