/**
 * How large a call body is, in JSON bytes, counted only up to a limit: a transport that receives the body already
 * parsed (a cloud function's event) learns that it is too large at the cost of the limit, not of the body.
 */

/** The body's size as UTF-8 JSON (string escapes aside), or `limit + 1` as soon as it is known to exceed `limit`. */
export function jsonBytesWithin(value: unknown, limit: number): number {
  let total = 0
  const stack: unknown[] = [value]
  while (stack.length > 0) {
    const v = stack.pop()
    if (typeof v === 'string') {
      // UTF-8 never takes fewer bytes than UTF-16 units, so a string longer than the limit is over it unmeasured.
      total += v.length > limit ? limit + 1 : Buffer.byteLength(v, 'utf8') + 2
    } else if (Array.isArray(v)) {
      total += 2 + Math.max(0, v.length - 1)
      if (total <= limit) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i])
    } else if (typeof v === 'object' && v !== null) {
      const keys = Object.keys(v)
      total += 2 + Math.max(0, keys.length - 1)
      for (const key of keys) {
        if (total > limit) break
        total += (key.length > limit ? limit + 1 : Buffer.byteLength(key, 'utf8')) + 3
        stack.push((v as Record<string, unknown>)[key])
      }
    } else {
      total += v === undefined ? 0 : String(v).length
    }
    if (total > limit) return limit + 1
  }
  return total
}

/** "16 KB" or "10 MB", for the BODY_TOO_LARGE message. */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`
}
