/**
 * WeChat cloud-function transport for pushed messages: `main(event)` of the `wxpush` function, which the cloud
 * environment's message push (云开发控制台 → 设置 → 消息推送: event `wxa_media_check`) calls with the message as its
 * event. It records the image check's verdict of a photo (application/media-checks.ts). The platform delivers these
 * messages itself, with no signature to check. The mini-program could call this function too, so a verdict counts
 * only for a trace id the server holds: WeChat issues those to the server alone (never shown to any client), and
 * they cannot be guessed. A call that carries the mini-program's `userInfo` is refused outright.
 */
import { recordMediaVerdict, verdictOf } from '../../application/media-checks'
import { mediaCheckVerdict } from '../../ports/wechat-push'
import { closeStarted, ensureStarted } from './entry'

const log = (event: string, detail: Record<string, unknown>) => console.error(JSON.stringify({ at: new Date().toISOString(), event, ...detail }))

export type PushMain = ((event: unknown, context?: unknown) => Promise<string>) & { close(): Promise<void> }

export function createPushMain(): PushMain {
  const main = async (event: unknown): Promise<string> => {
    const starting = ensureStarted()
    const message = event && typeof event === 'object' ? (event as Record<string, unknown>) : null
    if (message && 'userInfo' in message) {
      starting.catch(() => undefined)
      return 'forbidden'
    }
    const verdict = message ? mediaCheckVerdict(message) : null
    if (!verdict) {
      starting.catch(() => undefined)
      return 'success'
    }
    try {
      const { backend } = await starting
      const known = await recordMediaVerdict(backend.services, verdict.traceId, verdictOf(verdict.suggest), backend.services.clock.now())
      log('media_check_verdict', { traceId: verdict.traceId, suggest: String(verdict.suggest), known })
      return 'success'
    } catch (e) {
      // WeChat pushes again when the answer is not success.
      log('media_check_verdict_failed', { error: e instanceof Error ? e.stack : String(e) })
      return 'retry'
    }
  }
  return Object.assign(main, { close: closeStarted })
}
