// The bookings of the big dataset (issue 8: 1,000,000 cases and 200,000 bookings), generated straight into the
// database, and the booking queries timed on it beside the same queries on 1,000 bookings: a station's free slots over
// the two-week horizon (counselling.slots) and a counsellor's week (counselling.schedule).
//
// The bookings: the sampled station's counsellors (桥东街道, with the demo account counsellor-lin) have three in four of
// their real free slots of the coming two weeks taken; every counsellor of the province then gets, in turn, one
// session to come and one held in the past on a working-day grid (09:00–17:00 Shanghai time, 50-minute sessions),
// until the count is reached. Past sessions are attended (7 in 10), missed (1 in 10) or cancelled (2 in 10).
import path from 'node:path'

export const BENCH_BOOKINGS = Number(process.env.MINAN_BENCH_BOOKINGS ?? 200_000)
const TOWNSHIP = '441302001'
const PEOPLE = 20_000
const SLOT_MINUTES = 50
/** Local (UTC+8) session starts of a working day on the grid. */
const GRID = ['09:00', '09:50', '10:40', '11:30', '14:00', '14:50', '15:40', '16:30']
const DAY = 86_400_000

/** The sampled station and its free slots, read through the API of a running server before the fill. */
export async function bookingTarget(port) {
  const post = async (fn, body) => (await (await fetch(`http://127.0.0.1:${port}/api/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()).data
  const station = (await post('counselling', { action: 'stations', input: { regionCode: TOWNSHIP } }))[0]
  const slots = await post('counselling', { action: 'slots', input: { stationId: station.id } })
  return { stationId: station.id, slots: slots.map((s) => ({ providerId: s.counsellorId, start: s.start })) }
}

/** The k-th working-day grid slot after today (k ≥ 0) or before it (k < 0), as an ISO instant. */
function gridSlot(now, k) {
  const slot = ((k % GRID.length) + GRID.length) % GRID.length
  let days = Math.floor(k / GRID.length)
  // Shanghai dates: step over Saturdays and Sundays.
  let date = new Date(now.getTime() + 8 * 3600_000)
  date = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
  const step = days >= 0 ? 1 : -1
  if (days >= 0) days += 1
  for (let moved = 0; moved < Math.abs(days); ) {
    date = new Date(date.getTime() + step * DAY)
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6) moved++
  }
  const [h, m] = GRID[slot].split(':').map(Number)
  return new Date(date.getTime() + (h - 8) * 3600_000 + m * 60_000).toISOString()
}

function bookingRows(count, providers, target, now) {
  const rows = []
  const seen = new Set()
  const at = now.toISOString()
  const add = (provider, start, status, n) => {
    const key = `${provider.id}|${start}`
    if (seen.has(key)) return
    seen.add(key)
    const end = new Date(new Date(start).getTime() + SLOT_MINUTES * 60_000).toISOString()
    rows.push({
      id: `bench-booking-${rows.length}`,
      provider_id: provider.id,
      station_id: provider.station_id,
      person_id: `bench-person-${n % PEOPLE}`,
      starts_at: start,
      ends_at: end,
      status,
      cancelled_at: status === 'cancelled' ? start : null,
      cancelled_by: status === 'cancelled' ? 'person' : null,
      attendance_at: status === 'attended' || status === 'no_show' ? end : null,
      created_at: at
    })
  }
  if (!providers.length) return rows
  const byId = new Map(providers.map((p) => [p.id, p]))
  target.slots.forEach((s, k) => {
    if (k % 4 !== 3 && rows.length < count && byId.has(s.providerId)) add(byId.get(s.providerId), s.start, 'booked', rows.length)
  })
  const past = ['attended', 'attended', 'attended', 'attended', 'attended', 'attended', 'attended', 'no_show', 'cancelled', 'cancelled']
  for (let i = 0; rows.length < count; i++) {
    const provider = providers[i % providers.length]
    const j = Math.floor(i / providers.length)
    const k = Math.floor(j / 2)
    if (j % 2 === 0) add(provider, gridSlot(now, k), 'booked', i)
    else add(provider, gridSlot(now, -(k + 1)), past[i % past.length], i)
  }
  return rows
}

const COLUMNS = ['id', 'service', 'provider_id', 'station_id', 'person_id', 'pseudonym', 'starts_at', 'ends_at', 'mode', 'priority', 'status', 'hold_expires_at', 'waitlist_id', 'cancelled_at', 'cancelled_by', 'cancel_reason', 'attendance_at', 'reminded_at', 'shared_screening_id', 'created_at', 'updated_at']
const valuesOf = (r) => [r.id, 'counselling', r.provider_id, r.station_id, r.person_id, null, r.starts_at, r.ends_at, 'in_person', 0, r.status, null, null, r.cancelled_at, r.cancelled_by, null, r.attendance_at, null, null, r.created_at, r.created_at]
const PROVIDERS = `select id, station_id from providers where service = 'counselling' and active = 1 order by case when station_id = $1 then 0 else 1 end, station_id, id`

/** Replaces the bookings with `count` generated ones; returns how many were written. */
export async function fillBookings(env, count, target) {
  const now = new Date()
  const people = Array.from({ length: PEOPLE }, (_, i) => `bench-person-${i}`)
  if (env.DATABASE_URL) {
    const { default: pg } = await import('pg')
    const c = new pg.Client({ connectionString: env.DATABASE_URL })
    c.on('error', (e) => console.error(`postgres bookings fill connection: ${e.message}`))
    await c.connect()
    try {
      await c.query('delete from session_notes; delete from bookings')
      await c.query(`insert into users (id, display_name, created_at) select unnest($1::text[]), 'bench', $2 on conflict do nothing`, [people, now.toISOString()])
      const providers = (await c.query(PROVIDERS, [target.stationId])).rows
      const rows = bookingRows(count, providers, target, now)
      for (let i = 0; i < rows.length; i += 10_000) {
        const chunk = rows.slice(i, i + 10_000).map(valuesOf)
        const columns = COLUMNS.map((_, col) => chunk.map((v) => v[col]))
        const types = ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'int', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text']
        await c.query(`insert into bookings (${COLUMNS.join(', ')}) select * from unnest(${types.map((t, n) => `$${n + 1}::${t}[]`).join(', ')})`, columns)
      }
      await c.query('analyze bookings')
      return rows.length
    } finally {
      await c.end()
    }
  }
  const { default: Database } = await import('better-sqlite3')
  const db = new Database(path.join(env.MINAN_DATA_DIR, 'minan.sqlite'))
  try {
    db.exec('delete from session_notes; delete from bookings')
    const user = db.prepare("insert or ignore into users (id, display_name, created_at) values (?, 'bench', ?)")
    const providers = db.prepare(PROVIDERS.replace('$1', '?')).all(target.stationId)
    const rows = bookingRows(count, providers, target, now)
    const insert = db.prepare(`insert into bookings (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`)
    db.transaction(() => {
      for (const id of people) user.run(id, now.toISOString())
      for (const r of rows) insert.run(valuesOf(r))
    })()
    return rows.length
  } finally {
    db.close()
  }
}

/** The booking queries on the dataset just loaded, one client, beside the same on 1,000 bookings. */
export async function bookingQueries(kind, port, label, big, target, { measure, body, signIn }) {
  await measure(kind, `counselling.slots (a station, two weeks) over ${label}`, port, 1, () => body(['counselling', 'slots'], { stationId: target.stationId }), big ? 20 : undefined)
  const lin = await signIn(port, 'counsellor-lin')
  await measure(kind, `counselling.schedule (a counsellor's week) over ${label}`, port, 1, () => ({ ...body(['counselling', 'schedule'], {}), headers: { authorization: `Bearer ${lin}` } }))
}
