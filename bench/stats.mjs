// Public statistics over the million cases (issue 16): stats.public from the rollups, cold (every request reads them:
// MINAN_STATS_CACHE_SECONDS=0) and warm (the production minute's cache), and GET /api/health while 100 clients ask for
// statistics at the same time. Called by run.mjs's queue section once the million cases are loaded.
import { load } from './load.mjs'

const CITIES = ['4401', '4403', '4404', '4405', '4406', '4407', '4408', '4409', '4412', '4413', '4414', '4415', '4416', '4417', '4418', '4419', '4420', '4451', '4452', '4453']
/** The province's page and each city's, in turn. */
const ask = (n) => ({ method: 'POST', path: '/api/stats', body: { action: 'public', input: n % (CITIES.length + 1) === 0 ? {} : { cityCode: CITIES[n % (CITIES.length + 1) - 1] } } })
const health = () => ({ method: 'GET', path: '/api/health' })

export async function statsBench(section, env, label, { startServer, measure, record, seconds }) {
  for (const [mode, cache] of [['cold', '0'], ['warm', '60']]) {
    const server = await startServer({ ...env, MINAN_STATS_CACHE_SECONDS: cache })
    try {
      const { port } = server
      // The first request of a fresh server, on its own: nothing cached, nothing read before.
      const started = process.hrtime.bigint()
      const first = await fetch(`http://127.0.0.1:${port}/api/stats`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'public', input: {} }) })
      const total = (await first.json()).data?.total
      record(section, `stats.public first request of a fresh server over ${label} cases (${mode})`, Number(process.hrtime.bigint() - started) / 1e6, 'ms', undefined, `total ${total}`)
      for (const c of [1, 10]) await measure(section, `stats.public over ${label} cases, ${mode}`, port, c, ask, 5)
      // Health while 100 clients ask for statistics: both loads at once, against the same server.
      const [h, s] = await Promise.all([load({ port, connections: 1, seconds, request: health }), load({ port, connections: 100, seconds, request: ask })])
      record(section, `GET /api/health p95 @1 while 100 clients ask for statistics (${mode})`, h.p95, 'ms', 5, `stats.public p95 ${s.p95.toFixed(1)} ms, ${Math.round(s.rps)} req/s${s.errors ? `, ${s.errors} errors` : ''}`)
    } finally {
      await server.stop()
    }
  }
}
