/**
 * The data folder is the owner's alone (issue #12, item 7): the SQLite file, its write-ahead log and shared memory
 * are created 0600, the photo folder and its subfolders 0700 and each photo 0600; files an older version left more
 * open are tightened at start. (SQLite only: PostgreSQL keeps its data elsewhere.)
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startTestServer } from '../support/backend'
import { TINY_PNG } from '../support/images'

const modeOf = (file: string) => (fs.statSync(file).mode & 0o777).toString(8)

async function upload(url: string, token: string): Promise<string> {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(TINY_PNG)], { type: 'image/png' }), 'photo.png')
  const response = await fetch(`${url}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })
  return ((await response.json()) as { data: { id: string } }).data.id
}

describe('permissions of the data folder', () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-perm-'))
  const dataDir = path.join(parent, 'data')
  const db = path.join(dataDir, 'minan.sqlite')
  let previousUmask: number

  beforeAll(() => {
    // The usual umask (group and others may read): what the server must not rely on.
    previousUmask = process.umask(0o022)
  })
  afterAll(() => {
    process.umask(previousUmask)
    fs.rmSync(parent, { recursive: true, force: true })
  })

  test('a fresh start makes the database, its log and the photos owner-only', async () => {
    const server = await startTestServer('sqlite', { dataDir })
    try {
      const id = await upload(server.url, await server.signIn('resident-chen'))
      const photo = path.join(dataDir, 'files', id.slice(0, 2), id)
      expect({
        dataDir: modeOf(dataDir),
        db: modeOf(db),
        wal: modeOf(`${db}-wal`),
        shm: modeOf(`${db}-shm`),
        keys: modeOf(path.join(dataDir, 'keys.json')),
        files: modeOf(path.join(dataDir, 'files')),
        folder: modeOf(path.dirname(photo)),
        photo: modeOf(photo)
      }).toEqual({ dataDir: '700', db: '600', wal: '600', shm: '600', keys: '600', files: '700', folder: '700', photo: '600' })
    } finally {
      await server.close()
    }
  })

  test('files left readable by others are tightened at the next start', async () => {
    for (const f of [db, `${db}-wal`, `${db}-shm`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o644)
    fs.chmodSync(path.join(dataDir, 'files'), 0o755)
    expect(modeOf(db)).toBe('644')
    const server = await startTestServer('sqlite', { dataDir })
    try {
      await server.signIn('resident-chen')
      expect({ db: modeOf(db), wal: modeOf(`${db}-wal`), files: modeOf(path.join(dataDir, 'files')) }).toEqual({ db: '600', wal: '600', files: '700' })
    } finally {
      await server.close()
    }
  })
})
