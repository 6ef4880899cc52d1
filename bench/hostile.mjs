// Hostile bodies (issue 12): while several clients keep sending 1 MB bodies, how fast does the same server still
// answer /api/health (budget: p95 ≤ 50 ms), and what does refusing one hostile body cost (its latency at the client,
// and the server's CPU time per refusal, read from /proc)? A section of its own, called from bench/run.mjs.
import fs from 'node:fs'
import http from 'node:http'
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads'
import { load, percentile } from './load.mjs'

const MEGABYTE = 1024 * 1024
const HOSTILE_CLIENTS = 4

/** A signed-in action's body: a filing whose description is `count` times `ch`. */
function filingBody(count, ch = '灯') {
  return Buffer.from(`{"action":"file","input":{"kind":"complaint","title":"t","description":"${ch.repeat(count)}","regionCode":"441302001200","contactName":"x","contactPhone":"13812345678","consentVersion":"2026-11-01"}}`)
}

/**
 * Sends one hostile request on a connection of its own and resolves when the server has answered or closed: with a
 * declared length, or chunked (no length) in 64 KB pieces.
 */
function sendHostile(port, body, { chunked = false, token } = {}) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint()
    const done = (status) => resolve({ status, ms: Number(process.hrtime.bigint() - started) / 1e6 })
    const headers = { 'content-type': 'application/json', ...(chunked ? {} : { 'content-length': body.length }), ...(token ? { authorization: `Bearer ${token}` } : {}) }
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/petition', agent: false, headers }, (res) => {
      res.resume()
      res.on('end', () => done(res.statusCode))
      res.on('error', () => done(res.statusCode))
    })
    // The server answers before it has read the body and closes: the rest of the write fails, as it should.
    req.on('error', () => done(null))
    if (!chunked) return void req.end(body)
    let offset = 0
    const next = () => {
      while (offset < body.length) {
        const piece = body.subarray(offset, offset + 64 * 1024)
        offset += piece.length
        if (!req.write(piece)) return void req.once('drain', next)
      }
      req.end()
    }
    next()
  })
}

/** The server process's CPU time so far, in ms (utime + stime from /proc/<pid>/stat). */
function cpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return NaN
  }
}

async function refusalCost(section, port, pid, name, send, n, record) {
  const before = cpuMs(pid)
  const times = []
  const statuses = new Map()
  for (let i = 0; i < n; i++) {
    const r = await send()
    times.push(r.ms)
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1)
  }
  const cpu = (cpuMs(pid) - before) / n
  times.sort((a, b) => a - b)
  const seen = [...statuses].map(([s, c]) => `${s ?? 'closed'}×${c}`).join(', ')
  record(section, `refusing ${name}: latency p50`, percentile(times, 50), 'ms')
  record(section, `refusing ${name}: latency p95`, percentile(times, 95), 'ms', undefined, seen)
  if (!Number.isNaN(cpu)) record(section, `refusing ${name}: server CPU per refusal`, cpu, 'ms')
}

export async function hostileBench(section, server, { record, signIn, seconds }) {
  const { port, pid } = server
  const resident = await signIn(port, 'resident-chen')
  const megabyte = filingBody(MEGABYTE / 3)

  // Health alone first, at the same concurrency, for the ratio.
  const calm = await load({ port, connections: 1, seconds, request: () => ({ method: 'GET', path: '/api/health' }) })
  record(section, 'GET /api/health p95 @1, no hostile load', calm.p95, 'ms')

  // Several clients, each sending 1 MB bodies back to back (anonymous and signed-in, with a length and chunked), in a
  // thread of their own so that writing them does not delay the health client's own event loop.
  const worker = new Worker(new URL(import.meta.url), { workerData: { port, token: resident } })
  await new Promise((resolve) => worker.once('message', resolve))
  const cpuBefore = cpuMs(pid)
  const startedAt = Date.now()
  const health = await load({ port, connections: 1, seconds, request: () => ({ method: 'GET', path: '/api/health' }) })
  const elapsed = (Date.now() - startedAt) / 1000
  const serverCpu = (cpuMs(pid) - cpuBefore) / 10 / elapsed
  worker.postMessage('stop')
  const { sent, refused } = await new Promise((resolve) => worker.once('message', resolve))
  const outcome = [...refused].map(([s, c]) => `${s ?? 'closed'}×${c}`).join(', ')
  record(section, `GET /api/health p50 @1, ${HOSTILE_CLIENTS} clients sending 1 MB bodies`, health.p50, 'ms')
  record(section, `GET /api/health p95 @1, ${HOSTILE_CLIENTS} clients sending 1 MB bodies`, health.p95, 'ms', 50, `${(sent / elapsed).toFixed(0)} hostile bodies/s (${outcome}); server CPU ${serverCpu.toFixed(0)} %; ${(health.p95 / calm.p95).toFixed(1)}× calm`)
  record(section, `GET /api/health p99 @1, ${HOSTILE_CLIENTS} clients sending 1 MB bodies`, health.p99, 'ms')

  // One hostile body at a time: what its refusal costs.
  await refusalCost(section, port, pid, '1 MB with its length (413 before reading)', () => sendHostile(port, megabyte), 100, record)
  await refusalCost(section, port, pid, '1 MB chunked (read to 64 KB, then 413)', () => sendHostile(port, megabyte, { chunked: true }), 100, record)
  // Within the filing's 64 KB but 16,000 characters of Thai in a 4,000-character field, signed in: the most a
  // validation can be made to cost (the text is counted in pieces, types/text.ts).
  await refusalCost(section, port, pid, '16,000 Thai characters in a 4,000-character field, signed in', () => sendHostile(port, filingBody(16_000, 'ก'), { token: resident }), 100, record)
}

if (!isMainThread) {
  const { port, token } = workerData
  const megabyte = filingBody(MEGABYTE / 3)
  let running = true
  let sent = 0
  const refused = new Map()
  parentPort.on('message', () => (running = false))
  const clients = Array.from({ length: HOSTILE_CLIENTS }, async (_, k) => {
    while (running) {
      const r = await sendHostile(port, megabyte, { chunked: k % 2 === 1, token: k >= 2 ? token : undefined })
      sent++
      refused.set(r.status, (refused.get(r.status) ?? 0) + 1)
    }
  })
  parentPort.postMessage('started')
  await Promise.all(clients)
  parentPort.postMessage({ sent, refused })
  parentPort.close()
}
