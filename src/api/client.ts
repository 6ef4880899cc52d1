/** The typed API client: one call per action, over whichever transport the platform uses. */
import type { ActionInput, ActionName, ActionOutput, ApiError, CallBody, Envelope, FunctionName } from '@minan/types/api'

/** Sends one call body to one function and returns its envelope. It never throws for an API error. */
export interface Transport {
  send(fn: string, body: CallBody, token: string | null): Promise<Envelope<unknown>>
}

export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message)
    this.name = 'ApiFailure'
  }
}

export interface ApiContext {
  token(): string | null
  locale(): string
}

export class Api {
  constructor(
    private readonly transport: Transport,
    private readonly context: ApiContext
  ) {}

  async call<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    input: ActionInput<F, A>,
    options: { requestId?: string } = {}
  ): Promise<ActionOutput<F, A>> {
    const body: CallBody = { action, input, locale: this.context.locale(), ...options }
    const envelope = await this.transport.send(fn, body, this.context.token())
    if (!envelope.ok) throw new ApiFailure(envelope.error)
    return envelope.data as ActionOutput<F, A>
  }
}

/** A client request id: random enough that two devices never collide. */
export function newRequestId(): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(Math.random() * 256))
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join('')
}
