// 我的事项 under the budget: a person with 200 items (50 cases, 50 counselling bookings, 50 on-site bookings,
// 50 legal questions), the first page p95 ≤ 30 ms. One of each is made through the API; the other 49 are copies of
// its row with new ids and spread activity times, written straight into the database.
import crypto from 'node:crypto'
import path from 'node:path'
import { benchSealer } from './seal.mjs'

const PERSON = 'bench-matters-person'
const PER_KIND = 50

/** A few lines of SQL on whichever database the bench server uses. */
async function database(env) {
  if (env.DATABASE_URL) {
    const { default: pg } = await import('pg')
    const c = new pg.Client({ connectionString: env.DATABASE_URL })
    await c.connect()
    return {
      run: async (text, params) => (await c.query(text.replace(/\?/g, ((n) => () => `$${++n}`)(0)), params)).rows,
      close: () => c.end()
    }
  }
  const { default: Database } = await import('better-sqlite3')
  const db = new Database(path.join(env.MINAN_DATA_DIR, 'minan.sqlite'))
  db.pragma('busy_timeout = 5000')
  return {
    run: async (text, params = []) => {
      const s = db.prepare(text)
      return s.reader ? s.all(...params) : (s.run(...params), [])
    },
    close: async () => db.close()
  }
}

/** `n` copies of one row with new ids, activity `i` minutes apart, and per-copy changes. */
async function copies(db, sealer, table, id, n, change) {
  const [row] = await db.run(`select * from ${table} where id = ?`, [id])
  if (!row) throw new Error(`bench: no ${table} row ${id}`)
  for (let i = 1; i < n; i++) {
    // Sealed values are bound to their row: each copy's are sealed again for its own id.
    const copy = { ...sealer.move(table, row, `${id}-${i}`), updated_at: new Date(Date.parse(row.updated_at) - i * 60_000).toISOString(), ...change(row, i) }
    const cols = Object.keys(copy)
    await db.run(`insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`, cols.map((k) => copy[k]))
  }
}

/**
 * Makes the person and their 200 items, then measures matters.mine's first page. `h` is the bench's toolkit:
 * { post, measure, token, body }.
 */
export async function mattersBench(section, port, env, h) {
  const db = await database(env)
  try {
    const now = new Date().toISOString()
    await db.run("insert into users (id, display_name, created_at) values (?, 'bench', ?) on conflict do nothing", [PERSON, now])
    await db.run("insert into role_grants (user_id, role, region_code, created_at) values (?, 'resident', '', ?) on conflict do nothing", [PERSON, now])
    const auth = h.token(PERSON)
    const call = async (fn, action, input) => {
      const r = await h.post(port, fn, { action, input, requestId: `bench-${crypto.randomUUID()}` }, auth)
      if (!r.ok) throw new Error(`bench: ${fn}.${action}: ${r.error.code}`)
      return r.data
    }
    const filed = await call('petition', 'file', { kind: 'complaint', title: '路灯不亮', description: '村口路灯坏了', regionCode: '441302001200', contactName: '陈秀英', contactPhone: '13812345678', consentVersion: '2026-11-01' })
    // A free counselling slot and a free on-site slot, whatever earlier sections booked.
    const station = (await call('counselling', 'stations', { regionCode: '441302001' }))[0].id
    let counselling = null
    for (const s of await call('counselling', 'slots', { stationId: station })) {
      const r = await h.post(port, 'counselling', { action: 'book', input: { counsellorId: s.counsellorId, start: s.start, mode: 'in_person' } }, auth)
      if (r.ok) {
        counselling = r.data
        break
      }
    }
    const advisor = (await call('legal', 'forVillage', { code: '441302001200' })).advisor.id
    let onsite = null
    for (const s of await call('legal', 'slots', { advisorId: advisor })) {
      const r = await h.post(port, 'legal', { action: 'book', input: { advisorId: advisor, start: s.start } }, auth)
      if (r.ok) {
        onsite = r.data
        break
      }
    }
    if (!counselling || !onsite) throw new Error('bench: no free slot for the matters person')
    const question = await call('legal', 'ask', { advisorId: advisor, villageCode: '441302001200', category: 'land_contract', text: '承包地合同未到期，村里要收回，可以吗？' })
    const pastWeek = (row, i) => ({ status: i % 2 ? 'attended' : 'cancelled', starts_at: new Date(Date.parse(row.starts_at) - i * 7 * 86400_000).toISOString(), ends_at: new Date(Date.parse(row.ends_at) - i * 7 * 86400_000).toISOString() })
    const sealer = benchSealer(env)
    await copies(db, sealer, 'cases', filed.id, PER_KIND, (row, i) => ({ tracking_no: `${row.tracking_no}-${i}`, public_id: `${row.public_id}-${i}` }))
    await copies(db, sealer, 'bookings', counselling.id, PER_KIND, pastWeek)
    await copies(db, sealer, 'bookings', onsite.id, PER_KIND, pastWeek)
    await copies(db, sealer, 'consultations', question.id, PER_KIND, () => ({}))
    const [{ n }] = await db.run(
      "select (select count(*) from cases where owner_id = ?) + (select count(*) from bookings where person_id = ? and status <> 'held') + (select count(*) from consultations where person_id = ?) as n",
      [PERSON, PERSON, PERSON]
    )
    for (const c of [1, 10]) {
      await h.measure(section, `matters.mine (first page of ${Number(n)} items)`, port, c, () => ({ ...h.body(['matters', 'mine'], {}), headers: { authorization: `Bearer ${auth}` } }), c === 1 ? 30 : undefined)
    }
  } finally {
    await db.close()
  }
}
