/**
 * The request id of one submission. It lives exactly as long as that same submission is being retried (a network
 * failure, a lost answer, a tap on "try again"): sending anything else (another action, another case or thread,
 * other text) gets a new id, and so does the next submission once this one succeeded. The server refuses an id
 * reused for different input (REQUEST_REUSED), so an id kept across submissions would lose the second one.
 */
import { canonicalJson } from '@minan/types/canonical'
import { newRequestId } from './client'

/**
 * A short fingerprint of a submission (53-bit cyrb53 of its canonical JSON), to tell "the same again" from "something
 * else" without keeping a second copy of what was typed. Not a security measure: the server binds the id itself.
 */
export function fingerprint(action: string, input: unknown): string {
  const text = canonicalJson([action, input])
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)
}

export class Submission {
  private id: string | null = null
  private sent: string | null = null

  /** The id for sending `input` to `action`: the previous one if this is the same submission again, else a new one. */
  idFor(action: string, input: unknown): string {
    const what = fingerprint(action, input)
    if (this.id === null || what !== this.sent) {
      this.id = newRequestId()
      this.sent = what
    }
    return this.id
  }

  /** The submission is done (it succeeded, or was given up): whatever comes next is a new one. */
  done(): void {
    this.id = null
    this.sent = null
  }
}

/** A submission kept in a store's observable state: its request id and what was sent with it. */
export interface Pending {
  requestId: string | null
  sent: string | null
}

/** Like Submission.idFor, for a submission kept in observable state: the id for sending `input`, and what to keep. */
export function pendingFor(last: Pending, action: string, input: unknown): { requestId: string; sent: string } {
  const sent = fingerprint(action, input)
  return { requestId: last.requestId !== null && last.sent === sent ? last.requestId : newRequestId(), sent }
}
