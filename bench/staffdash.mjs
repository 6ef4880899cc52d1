// The staff dashboard and workbench (issue 6), over the queue section's synthetic cases: a section of its own,
// called from bench/run.mjs once the cases are loaded and the server is up.
//
// The fill leaves its 'closed' cases without a closing time or a rating; this gives each one (deterministically, up
// to 25 days after filing; three in four rated), through the same triggers that keep the dashboard's rollups in step
// in production, so that the resolved figures, the median and the satisfaction have data to read. Then it measures
// stats.dashboard for a township's, a county's and a city's centre staff (budget: p95 ≤ 200 ms over 1,000,000 cases)
// and the city's drill-down to a county, and stats.workbench.
import path from 'node:path'

const SQLITE_CLOSE = `update cases set
    closed_at = strftime('%Y-%m-%dT%H:%M:%fZ', filed_at, '+' || (cast(substr(id, 6) as integer) % 600) || ' hours'),
    rating = case cast(substr(id, 6) as integer) % 4 when 0 then 'satisfied' when 1 then 'basically_satisfied' when 2 then 'unsatisfied' end
  where status = 'closed' and closed_at is null and id like 'bench%'`

const PG_CLOSE = `update cases set
    closed_at = to_char((filed_at::timestamptz + (substr(id, 6)::bigint % 600) * interval '1 hour') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    rating = (array['satisfied', 'basically_satisfied', 'unsatisfied', null])[substr(id, 6)::bigint % 4 + 1]
  where status = 'closed' and closed_at is null and id like 'bench%'`

async function closeSynthetic(kind, env) {
  if (kind === 'sqlite') {
    const { default: Database } = await import('better-sqlite3')
    const db = new Database(path.join(env.MINAN_DATA_DIR, 'minan.sqlite'))
    db.pragma('busy_timeout = 60000')
    const n = db.prepare(SQLITE_CLOSE).run().changes
    db.close()
    return n
  }
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: env.DATABASE_URL })
  await client.connect()
  try {
    const n = (await client.query(PG_CLOSE)).rowCount
    // Index-only scans need the visibility map of the rows just rewritten.
    await client.query('vacuum analyze cases')
    return n
  } finally {
    await client.end()
  }
}

export async function staffDashboardBench(kind, port, env, size, label, { measure, body, signIn }) {
  const started = Date.now()
  const closed = await closeSynthetic(kind, env)
  console.log(`           (${label}: ${closed} closed cases given a closing time and a rating in ${((Date.now() - started) / 1000).toFixed(0)} s)`)
  const budget = size >= 1_000_000 ? 200 : undefined
  const as = (token, action, input) => () => ({ ...body(['stats', action], input), headers: { authorization: `Bearer ${token}` } })
  for (const account of ['centre-huang', 'county-wu', 'city-zheng']) {
    const token = await signIn(port, account)
    await measure(kind, `stats.dashboard ${account} over ${label} cases`, port, 1, as(token, 'dashboard', {}), budget)
  }
  const city = await signIn(port, 'city-zheng')
  await measure(kind, `stats.dashboard city-zheng → 441302 over ${label} cases`, port, 1, as(city, 'dashboard', { regionCode: '441302' }), budget)
  await measure(kind, `stats.workbench city-zheng over ${label} cases`, port, 1, as(city, 'workbench', {}))
}
