// A small closed-loop load generator: N clients, each sending its next request when the last one answered,
// for a bounded time and count, to 127.0.0.1 only. Latencies are measured per request (p50/p95/p99).
import http from 'node:http'

export function percentile(sorted, p) {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

export async function load({ port, connections, seconds = 3, maxRequests = 20000, request }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections })
  const latencies = []
  let errors = 0
  let sent = 0
  const stopAt = Date.now() + seconds * 1000
  const one = (n) =>
    new Promise((resolve) => {
      const { method = 'POST', path, headers = {}, body } = request(n)
      const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))
      const started = process.hrtime.bigint()
      const req = http.request(
        { host: '127.0.0.1', port, method, path, agent, headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}), ...headers } },
        (res) => {
          res.resume()
          res.on('end', () => {
            latencies.push(Number(process.hrtime.bigint() - started) / 1e6)
            if (res.statusCode >= 400) errors++
            resolve()
          })
        }
      )
      req.on('error', () => {
        errors++
        resolve()
      })
      req.end(payload)
    })
  const started = Date.now()
  const cpu = process.cpuUsage()
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < stopAt && sent < maxRequests) await one(sent++)
    })
  )
  const elapsed = (Date.now() - started) / 1000
  const used = process.cpuUsage(cpu)
  agent.destroy()
  const sorted = latencies.sort((a, b) => a - b)
  return {
    requests: sorted.length,
    errors,
    rps: sorted.length / elapsed,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    /** Share of one core the load client itself used: on a 2-core machine it competes with the server. */
    clientCpu: (used.user + used.system) / 1e6 / elapsed
  }
}
