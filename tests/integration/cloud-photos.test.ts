/**
 * Photos on weapp with cloud functions: the mini-program stores a photo in WeChat cloud storage itself
 * (wx.cloud.uploadFile to petition/<user id>/<name>), then petition.registerPhoto has the server read it back
 * (cloud.downloadFile), check it as an upload is checked, store its re-encoded copy (cloud.uploadFile, under photos/)
 * and delete the device's original; a case shows the copy through getTempFileURL.
 * The built `auth` and `petition` functions are loaded as the cloud loads them, with wx-server-sdk's storage calls
 * answered by an in-memory cloud storage (and its content check passing everything).
 */
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createPgDatabase, DATABASES } from '../support/backend'
import { filing } from '../support/fixtures'
import type { Envelope, Me } from '../../types/api'
import type { CaseDetail, UploadedPhoto } from '../../types/functions/petition'
import sharp from 'sharp'
import { CAMERA, cameraJpeg, hasGpsInfo, pngDeclaring, TINY_PNG } from '../support/images'

type CloudMain = ((event: unknown, context?: unknown) => Promise<Envelope<unknown>>) & { close(): Promise<void> }

const ROOT = path.resolve(__dirname, '../..')
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-cf-photos-'))
const ENV_KEYS = ['WX_CONTEXT_KEYS', 'WX_OPENID', 'WX_APPID', 'TCB_ENV', 'DATABASE_URL', 'MINAN_DATA_DIR', 'NODE_ENV', 'MINAN_SESSION_SECRET']
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]))
function setEnv(values: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
}
const caller = (openid: string) => ({ WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: openid, WX_APPID: 'wx00000000minan00', TCB_ENV: 'minan-test' })

const BUCKET = 'cloud://minan-test.6d69-minan-test-1300000000'
const PNG = TINY_PNG

/** WeChat cloud storage as wx-server-sdk shows it to a cloud function, in memory. */
class FakeCloudStorage {
  readonly files = new Map<string, Buffer>()
  readonly deleted: string[] = []
  downloads = 0
  async downloadFile({ fileID }: { fileID: string }) {
    this.downloads++
    const content = this.files.get(fileID)
    if (!content) throw new Error('downloadFile:fail storage file not exists')
    return { fileContent: content, statusCode: 200, errMsg: 'downloadFile:ok' }
  }
  async getTempFileURL({ fileList }: { fileList: { fileID: string; maxAge: number }[] }) {
    return {
      errMsg: 'getTempFileURL:ok',
      fileList: fileList.map(({ fileID, maxAge }) =>
        this.files.has(fileID)
          ? { fileID, tempFileURL: `https://6d69-minan-test.tcb.qcloud.la/${fileID.slice(BUCKET.length + 1)}?sign=x&t=${maxAge}`, maxAge, status: 0, errMsg: 'ok' }
          : { fileID, tempFileURL: '', maxAge, status: 1, errMsg: 'STORAGE_FILE_NONEXIST' }
      )
    }
  }
  async uploadFile({ cloudPath, fileContent }: { cloudPath: string; fileContent: Buffer }) {
    const fileID = `${BUCKET}/${cloudPath}`
    this.files.set(fileID, fileContent)
    return { fileID, statusCode: 200, errMsg: 'uploadFile:ok' }
  }
  async deleteFile({ fileList }: { fileList: string[] }) {
    for (const id of fileList) {
      this.files.delete(id)
      this.deleted.push(id)
    }
    return { fileList: fileList.map((fileID) => ({ fileID, status: 0 })) }
  }
}

let storage: FakeCloudStorage
let auth: CloudMain
let petition: CloudMain
let wxpush: ((event: unknown) => Promise<string>) & { close(): Promise<void> }
/** The image checks the functions asked for (security.mediaCheckAsync), with the trace id each was answered. */
const mediaChecks: { mediaUrl: string; openid: string; traceId: string }[] = []

beforeAll(() => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-cloud.mjs'), '--out', OUT, '--only', 'auth,petition,migrate,wxpush'], { cwd: ROOT, encoding: 'utf8' })
  // The cloud installs wx-server-sdk from the folder's package.json; here it comes from the project.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(OUT, 'node_modules'), 'dir')
})
beforeEach(() => {
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void process.stderr.write(args.map(String).join(' ') + '\n'))
  setEnv({ NODE_ENV: 'test', MINAN_SESSION_SECRET: undefined })
})
afterEach(() => jest.restoreAllMocks())
afterAll(() => {
  setEnv(savedEnv)
  fs.rmSync(OUT, { recursive: true, force: true })
})

describe.each(DATABASES)('photos stored in WeChat cloud storage, on %s', (kind) => {
  const OPENID = `oMinanPhoto_${crypto.randomBytes(6).toString('hex')}`
  let env: Record<string, string | undefined>
  let drop: () => Promise<void>
  let userId: string

  beforeAll(async () => {
    if (kind === 'postgres') {
      const pg = await createPgDatabase('minan_cfp')
      env = { DATABASE_URL: pg.url, MINAN_DATA_DIR: undefined }
      drop = pg.drop
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-cfp-data-'))
      env = { DATABASE_URL: undefined, MINAN_DATA_DIR: dir }
      drop = async () => fs.rmSync(dir, { recursive: true, force: true })
    }
    // The deployment's migrate step, once, as the operator runs it (no caller).
    setEnv({ ...env, NODE_ENV: 'test', WX_CONTEXT_KEYS: undefined, WX_OPENID: undefined, WX_APPID: undefined })
    let migrate: ((event: unknown) => Promise<Envelope<unknown>>) | undefined
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      migrate = require(path.join(OUT, 'migrate', 'index.js')).main
    })
    const migrated = await migrate!({})
    if (!migrated.ok) throw new Error(JSON.stringify(migrated.error))
    storage = new FakeCloudStorage()
    // One container: the platform SDK the bundles require is this registry's copy, its storage calls answered in memory.
    jest.isolateModules(() => {
      /* eslint-disable @typescript-eslint/no-require-imports */
      const sdk = require(path.join(OUT, 'node_modules', 'wx-server-sdk')) as Record<string, unknown>
      sdk.downloadFile = (args: { fileID: string }) => storage.downloadFile(args)
      sdk.getTempFileURL = (args: { fileList: { fileID: string; maxAge: number }[] }) => storage.getTempFileURL(args)
      sdk.deleteFile = (args: { fileList: string[] }) => storage.deleteFile(args)
      sdk.uploadFile = (args: { cloudPath: string; fileContent: Buffer }) => storage.uploadFile(args)
      // The text of a filing passes WeChat's content check.
      sdk.openapi = {
        security: {
          msgSecCheck: async () => ({ errCode: 0, result: { suggest: 'pass' } }),
          // The image check answers a trace id at once; the verdict comes later to the wxpush function.
          mediaCheckAsync: async (args: { mediaUrl: string; openid: string }) => {
            const traceId = `trace-${crypto.randomBytes(8).toString('hex')}`
            mediaChecks.push({ mediaUrl: args.mediaUrl, openid: args.openid, traceId })
            return { errCode: 0, errMsg: 'openapi.security.mediaCheckAsync:ok', traceId }
          }
        },
        subscribeMessage: { send: async () => ({ errCode: 0 }) }
      }
      auth = require(path.join(OUT, 'auth', 'index.js')).main
      petition = require(path.join(OUT, 'petition', 'index.js')).main
      wxpush = require(path.join(OUT, 'wxpush', 'index.js')).main
      /* eslint-enable @typescript-eslint/no-require-imports */
    })
  })
  afterAll(async () => {
    await auth?.close()
    await petition?.close()
    await wxpush?.close()
    await drop()
  })
  beforeEach(async () => {
    setEnv({ ...env, ...caller(OPENID) })
    if (!userId) {
      const me = (await auth({ action: 'me', input: {} }, {})) as Envelope<Me>
      if (!me.ok) throw new Error(JSON.stringify(me.error))
      userId = me.data.userId
    }
  })

  const put = (owner: string, content: Buffer, ext = 'png') => {
    const fileID = `${BUCKET}/petition/${owner}/${crypto.randomBytes(12).toString('hex')}.${ext}`
    storage.files.set(fileID, content)
    return fileID
  }
  const register = (fileId: string) => petition({ action: 'registerPhoto', input: { fileId } }, {}) as Promise<Envelope<UploadedPhoto>>

  const copyOf = (id: string) => `${BUCKET}/photos/${id}.jpg`

  test('a photo the device stored is recorded as the caller’s; registering it again gives the same photo', async () => {
    const fileId = put(userId, PNG)
    const first = await register(fileId)
    if (!first.ok) throw new Error(JSON.stringify(first.error))
    expect(first).toEqual({ ok: true, data: { id: expect.stringMatching(/^[A-Za-z0-9_-]{10,40}$/), mime: 'image/jpeg', bytes: expect.any(Number) } })
    // The server keeps its re-encoded copy, a file the device cannot overwrite; the device's original is deleted.
    expect(storage.files.get(copyOf(first.data.id))?.length).toBe(first.data.bytes)
    expect(storage.files.has(fileId)).toBe(false)
    const downloads = storage.downloads
    const again = await register(fileId)
    expect(again.ok && first.ok && again.data.id).toBe(first.ok && first.data.id)
    // The second time it is not read again.
    expect(storage.downloads).toBe(downloads)
  })

  test('a case filed with it shows the server’s copy through a temporary cloud storage link', async () => {
    const fileId = put(userId, PNG)
    const photo = await register(fileId)
    if (!photo.ok) throw new Error(JSON.stringify(photo.error))
    const filed = (await petition({ action: 'file', input: filing({ photos: [photo.data.id] }), requestId: `req-${crypto.randomBytes(6).toString('hex')}` }, {})) as Envelope<CaseDetail>
    if (!filed.ok) throw new Error(JSON.stringify(filed.error))
    const link = `https://6d69-minan-test.tcb.qcloud.la/photos/${photo.data.id}.jpg?sign=x&t=3600`
    // Until WeChat's image check answers, the photo is the owner's (and the handling staff's) only.
    expect(filed.data.photos).toEqual([{ id: photo.data.id, url: link, check: 'pending' }])
    // The check was asked with the stored copy's temporary link and the uploader's OPENID.
    const asked = mediaChecks.find((c) => c.mediaUrl.includes(`photos/${photo.data.id}.jpg`))!
    expect(asked).toMatchObject({ openid: OPENID })
    // The verdict arrives as the message push, at the wxpush function (the platform's call: no caller).
    setEnv({ ...env, WX_CONTEXT_KEYS: undefined, WX_OPENID: undefined, WX_APPID: undefined })
    const message = { ToUserName: 'gh_minan', FromUserName: OPENID, CreateTime: 1764554400, MsgType: 'event', Event: 'wxa_media_check', appid: 'wx00000000minan00', trace_id: asked.traceId, version: 2, result: { suggest: 'pass', label: 100 } }
    // A call from the mini-program (it carries userInfo) is no verdict.
    expect(await wxpush({ ...message, userInfo: { appId: 'wx00000000minan00', openId: OPENID } })).toBe('forbidden')
    expect(await wxpush(message)).toBe('success')
    // In the cloud it runs in its own container; here it shares the process, so its database handle is closed again.
    await wxpush.close()
    setEnv({ ...env, ...caller(OPENID) })
    const shown = (await petition({ action: 'get', input: { id: filed.data.id } }, {})) as Envelope<CaseDetail>
    expect(shown.ok && shown.data.photos).toEqual([{ id: photo.data.id, url: link }])
  })

  test('someone else’s upload, or one the storage does not have, is FILE_NOT_FOUND', async () => {
    const theirs = put('someOtherUser0001', PNG)
    expect(await register(theirs)).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND', field: 'fileId' } })
    expect(await register(`${BUCKET}/petition/${userId}/neveruploaded01.png`)).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND', field: 'fileId' } })
    // Their file was neither read nor deleted.
    expect(storage.files.has(theirs)).toBe(true)
  })

  test('a fileID outside the petition folder is refused at the edge', async () => {
    expect(await register(`${BUCKET}/avatars/${userId}/a1b2c3d4e5f6.png`)).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE', field: 'fileId' } })
    expect(await register(`${BUCKET}/petition/${userId}/a1b2c3d4e5f6.gif`)).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE', field: 'fileId' } })
  })

  test('what is not an image, or is over 10 MB, is refused and deleted from the storage', async () => {
    const text = put(userId, Buffer.from('<html>not a photo</html>'))
    expect(await register(text)).toMatchObject({ ok: false, error: { code: 'FILE_TYPE', field: 'fileId' } })
    const huge = put(userId, Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]))
    expect(await register(huge)).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE', field: 'fileId' } })
    expect(storage.deleted).toEqual(expect.arrayContaining([text, huge]))
    expect(storage.files.has(text) || storage.files.has(huge)).toBe(false)
  })

  test('a picture declaring 30000 × 30000 pixels is refused from its header and deleted from the storage', async () => {
    const bomb = put(userId, pngDeclaring(30000, 30000))
    expect(await register(bomb)).toMatchObject({ ok: false, error: { code: 'IMAGE_TOO_LARGE', field: 'fileId' } })
    expect(storage.files.has(bomb)).toBe(false)
  })

  test('the copy the server keeps has no EXIF (no GPS position, no camera), and the original with it is gone', async () => {
    const original = await cameraJpeg(1200, 900)
    expect(hasGpsInfo((await sharp(original).metadata()).exif)).toBe(true)
    const fileId = put(userId, original, 'jpg')
    const photo = await register(fileId)
    if (!photo.ok) throw new Error(JSON.stringify(photo.error))
    const copy = storage.files.get(copyOf(photo.data.id))!
    const stored = await sharp(copy).metadata()
    expect({ width: stored.width, height: stored.height, exif: stored.exif, orientation: stored.orientation }).toEqual({ width: 900, height: 1200, exif: undefined, orientation: undefined })
    expect(copy.includes(Buffer.from(CAMERA.make))).toBe(false)
    expect(storage.files.has(fileId)).toBe(false)
  })
})
