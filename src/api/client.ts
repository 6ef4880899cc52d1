/** The typed API client: one call per action, over whichever transport the platform uses. */
import type { ActionInput, ActionName, ActionOutput, ApiError, CallBody, Envelope, FunctionName } from '@minan/types/api'

/** A photo the server has stored (POST /api/upload): its id goes into a filing. */
export interface UploadedFile {
  id: string
  mime: string
  bytes: number
}

export interface UploadOptions {
  token: string | null
  locale: string
  /** Who is uploading: where the platform stores the photo itself (WeChat cloud storage), the folder is theirs. */
  userId: string | null
  /** Percent sent, 0–100, as the platform reports it. */
  onProgress(percent: number): void
}

/** Sends one call body to one function and returns its envelope. It never throws for an API error. */
export interface Transport {
  send(fn: string, body: CallBody, token: string | null): Promise<Envelope<unknown>>
  /** Sends one image file: to the server (HTTP), or to WeChat cloud storage and then registered (cloud functions). */
  upload?(filePath: string, options: UploadOptions): Promise<Envelope<UploadedFile>>
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
  userId?(): string | null
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

  /** Whether photos can be uploaded here: forms hide their photo section where they cannot. */
  get canUpload(): boolean {
    return typeof this.transport.upload === 'function'
  }

  async upload(filePath: string, onProgress: (percent: number) => void = () => undefined): Promise<UploadedFile> {
    if (!this.transport.upload) throw new ApiFailure({ code: 'UNKNOWN_ACTION', message: 'upload is not available on this platform' })
    const envelope = await this.transport.upload(filePath, { token: this.context.token(), locale: this.context.locale(), userId: this.context.userId?.() ?? null, onProgress })
    if (!envelope.ok) throw new ApiFailure(envelope.error)
    return envelope.data
  }
}

/** A client request id: random enough that two devices never collide. */
export function newRequestId(): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(Math.random() * 256))
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join('')
}
