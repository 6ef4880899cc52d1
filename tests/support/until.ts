/**
 * Waiting for something a test cannot await directly (a page's text, a navigation, a push sent after commit): the one
 * way every node-side layer does it. A bound, not a delay: a passing test waits only as long as the thing takes, so the
 * bound is generous for a busy machine, and a fixed sleep is never the way to wait.
 */
export const WAIT_MS = 15_000

/** Polls `probe` until it gives something truthy (and returns it); after `timeout` ms fails saying what it waited for. */
export async function until<T>(probe: () => T | null | undefined | false | Promise<T | null | undefined | false>, what: string | (() => string), timeout = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeout
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${typeof what === 'string' ? what : what()}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
