/** The H5 build's precompressed files (config/prod.ts writes .br and .gz) are what the server sends, by Accept-Encoding. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import http from 'node:http'
import zlib from 'node:zlib'
import { startTestServer, type TestServer } from '../support/backend'

let server: TestServer
const body = `console.log(${JSON.stringify('民安'.repeat(2000))})\n`

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-static-'))
  fs.mkdirSync(path.join(dir, 'js'))
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="zh-CN"><body></body></html>')
  fs.writeFileSync(path.join(dir, 'js', 'app.1.js'), body)
  fs.writeFileSync(path.join(dir, 'js', 'app.1.js.br'), zlib.brotliCompressSync(body))
  fs.writeFileSync(path.join(dir, 'js', 'app.1.js.gz'), zlib.gzipSync(body))
  server = await startTestServer('sqlite', { staticDir: dir })
})
afterAll(() => server.close())

/** A raw GET (fetch would decode the body and hide the encoding). */
function get(pathname: string, acceptEncoding: string | null): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const url = new URL(pathname, server.url)
    const req = http.get(url, { headers: acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
  })
}

test('a browser that accepts brotli gets the .br file, decoded to the same script', async () => {
  const res = await get('/js/app.1.js', 'gzip, deflate, br')
  expect(res.status).toBe(200)
  expect(res.headers['content-encoding']).toBe('br')
  expect(res.headers['content-type']).toMatch(/javascript/)
  expect(res.headers.vary).toMatch(/accept-encoding/i)
  expect(zlib.brotliDecompressSync(res.bytes).toString()).toBe(body)
  expect(res.bytes.length).toBeLessThan(Buffer.byteLength(body) / 5)
})

test('gzip where brotli is not accepted, and the plain file where neither is', async () => {
  const gz = await get('/js/app.1.js', 'gzip')
  expect(gz.headers['content-encoding']).toBe('gzip')
  expect(zlib.gunzipSync(gz.bytes).toString()).toBe(body)
  const plain = await get('/js/app.1.js', null)
  expect(plain.headers['content-encoding']).toBeUndefined()
  expect(plain.bytes.toString()).toBe(body)
})

test('hashed scripts are cached for good; the page itself is revalidated', async () => {
  expect((await get('/js/app.1.js', 'br')).headers['cache-control']).toMatch(/immutable/)
  expect((await get('/', 'br')).headers['cache-control']).toBe('no-cache')
})
