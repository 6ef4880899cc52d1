/**
 * A value cached for a while under a key, refreshed by one caller at a time: callers that find it missing or expired
 * while a refresh of that key is under way wait for that refresh instead of starting their own (single flight), so a
 * crowd arriving at a cold key costs one load. A failed load is not cached: the next caller tries again.
 */
export class SingleFlightCache<T> {
  private readonly values = new Map<string, { at: number; value: T }>()
  private readonly loading = new Map<string, Promise<T>>()

  /** The value under `key` if it is younger than `ttlMs`, else the refresh under way, else a new one from `load`. */
  get(key: string, now: number, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const hit = this.values.get(key)
    // A clock set back (hit.at in the future) does not keep a value forever.
    if (hit && now - hit.at < ttlMs && now >= hit.at) return Promise.resolve(hit.value)
    const pending = this.loading.get(key)
    if (pending) return pending
    const started = load().then(
      (value) => {
        this.values.set(key, { at: now, value })
        this.loading.delete(key)
        return value
      },
      (e: unknown) => {
        this.loading.delete(key)
        throw e
      }
    )
    this.loading.set(key, started)
    return started
  }
}
