// This disk's write ceiling, measured in the same run as the writes it is compared with (issue 16): single-row commits
// into a fresh SQLite file with synchronous=FULL, one fsync each, one after another. Filing and booking throughput are
// then printed as a share of it; group commit (several requests' commits in one fsync) may exceed 100 %.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Commits per second, one row and one fsync each, for `seconds` on a temp file in `dir` (the bench's data folder). */
export async function diskCeiling(dir = os.tmpdir(), seconds = 2) {
  const { default: Database } = await import('better-sqlite3')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(fs.mkdtempSync(path.join(dir, 'disk-')), 'ceiling.sqlite')
  const db = new Database(file)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.exec('create table t (id integer primary key, v text)')
    const insert = db.prepare('insert into t (v) values (?)')
    const stopAt = process.hrtime.bigint() + BigInt(seconds * 1e9)
    const started = process.hrtime.bigint()
    let n = 0
    while (process.hrtime.bigint() < stopAt) {
      insert.run('x'.repeat(200))
      n++
    }
    return n / (Number(process.hrtime.bigint() - started) / 1e9)
  } finally {
    db.close()
    fs.rmSync(path.dirname(file), { recursive: true, force: true })
  }
}

/** Records the disk's ceiling and returns a function that records a throughput as a share of it. */
export async function diskSection(section, dir, { record }) {
  const ceiling = await diskCeiling(dir)
  record(section, 'disk ceiling: single-row commits, one fsync each', ceiling, '/s', undefined, 'SQLite WAL, synchronous=FULL, one after another')
  return (name, rps) => record(section, `${name} throughput as a share of the disk ceiling`, (100 * rps) / ceiling, '%', undefined, `${Math.round(rps)} req/s of ${Math.round(ceiling)} commits/s`)
}
