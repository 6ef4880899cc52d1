/**
 * Which way a photo goes: on weapp with cloud functions, into WeChat cloud storage (wx.cloud.uploadFile, with its
 * progress) and then registered with petition.registerPhoto; with an HTTP backend (H5, or weapp with a self-hosted
 * base URL), POST /api/upload. Taro is faked: the test sees which platform calls are made and with what.
 */
import { Api } from '../../src/api/client'

type Callbacks = { success?: (r: unknown) => void; fail?: (e: { errMsg: string }) => void }
const progress: Array<(p: { progress: number }) => void> = []
const task = () => ({ abort: jest.fn(), onProgressUpdate: (cb: (p: { progress: number }) => void) => void progress.push(cb) })

const taro = {
  cloud: {
    uploadFile: jest.fn((o: Callbacks & { cloudPath: string; filePath: string }) => {
      setTimeout(() => {
        for (const cb of progress) cb({ progress: 40 })
        for (const cb of progress) cb({ progress: 100 })
        o.success?.({ fileID: `cloud://minan-test.6d69/${o.cloudPath}`, statusCode: 200, errMsg: 'cloud.uploadFile:ok' })
      }, 0)
      return task()
    }),
    callFunction: jest.fn(async (o: { name: string; data: { action: string; input: { fileId: string } } }) => ({
      result: { ok: true, data: { id: 'photo-0000000001', mime: 'image/png', bytes: 1234 } },
      errMsg: 'cloud.callFunction:ok',
      requestID: o.name
    }))
  },
  uploadFile: jest.fn((o: Callbacks & { url: string }) => {
    setTimeout(() => o.success?.({ statusCode: 200, data: JSON.stringify({ ok: true, data: { id: 'photo-http-00001', mime: 'image/jpeg', bytes: 99 } }) }), 0)
    return task()
  }),
  request: jest.fn()
}
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: taro }), { virtual: true })

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { platformTransport } = require('../../src/api/transports') as typeof import('../../src/api/transports')

const globals = globalThis as unknown as { MINAN_API_BASE: string }
const api = (userId: string | null) => new Api(platformTransport(), { token: () => 'tok', locale: () => 'zh-CN', userId: () => userId })

beforeEach(() => {
  jest.clearAllMocks()
  progress.length = 0
  globals.MINAN_API_BASE = ''
})
afterEach(() => {
  delete process.env.TARO_ENV
})

describe('weapp on cloud functions', () => {
  beforeEach(() => (process.env.TARO_ENV = 'weapp'))

  test('the photo goes to cloud storage under the person’s folder, with progress, then is registered', async () => {
    const seen: number[] = []
    const stored = await api('u-chen-0000001').upload('wxfile://tmp/abc.PNG', (p) => seen.push(p))
    expect(stored).toEqual({ id: 'photo-0000000001', mime: 'image/png', bytes: 1234 })
    expect(taro.uploadFile).not.toHaveBeenCalled()
    const { cloudPath, filePath } = taro.cloud.uploadFile.mock.calls[0][0]
    expect(filePath).toBe('wxfile://tmp/abc.PNG')
    expect(cloudPath).toMatch(/^petition\/u-chen-0000001\/[0-9a-f]{32}\.png$/)
    // The bar stops short of full until the server has checked and recorded the photo.
    expect(seen).toEqual([40, 99])
    expect(taro.cloud.callFunction).toHaveBeenCalledWith({
      name: 'petition',
      data: { action: 'registerPhoto', input: { fileId: `cloud://minan-test.6d69/${cloudPath}` }, locale: 'zh-CN' }
    })
  })

  test('a failed upload to cloud storage is a network failure, and nothing is registered', async () => {
    taro.cloud.uploadFile.mockImplementationOnce((o: Callbacks) => {
      setTimeout(() => o.fail?.({ errMsg: 'cloud.uploadFile:fail network' }), 0)
      return task()
    })
    await expect(api('u-chen-0000001').upload('wxfile://tmp/a.jpg')).rejects.toMatchObject({ error: { code: 'NETWORK' } })
    expect(taro.cloud.callFunction).not.toHaveBeenCalled()
  })

  test('a server refusal (not an image) comes back as the server said it', async () => {
    taro.cloud.callFunction.mockResolvedValueOnce({ result: { ok: false, error: { code: 'FILE_TYPE', message: '只能上传 JPG、PNG 或 WebP 图片。', field: 'fileId' } } } as never)
    await expect(api('u-chen-0000001').upload('wxfile://tmp/a.jpg')).rejects.toMatchObject({ error: { code: 'FILE_TYPE' } })
  })

  test('without a signed-in person nothing is uploaded', async () => {
    await expect(api(null).upload('wxfile://tmp/a.jpg')).rejects.toMatchObject({ error: { code: 'UNAUTHENTICATED' } })
    expect(taro.cloud.uploadFile).not.toHaveBeenCalled()
  })
})

describe('an HTTP backend', () => {
  test('weapp with a self-hosted base URL posts the photo to /api/upload', async () => {
    process.env.TARO_ENV = 'weapp'
    globals.MINAN_API_BASE = 'https://minan.example.cn'
    expect(await api('u-chen-0000001').upload('wxfile://tmp/a.jpg')).toEqual({ id: 'photo-http-00001', mime: 'image/jpeg', bytes: 99 })
    expect(taro.uploadFile).toHaveBeenCalledWith(expect.objectContaining({ url: 'https://minan.example.cn/api/upload', filePath: 'wxfile://tmp/a.jpg', name: 'file' }))
    expect(taro.cloud.uploadFile).not.toHaveBeenCalled()
  })

  test('H5 posts the photo to its own origin', async () => {
    process.env.TARO_ENV = 'h5'
    await api('u-chen-0000001').upload('blob:http://localhost/1')
    expect(taro.uploadFile).toHaveBeenCalledWith(expect.objectContaining({ url: '/api/upload' }))
    expect(taro.cloud.uploadFile).not.toHaveBeenCalled()
  })
})
