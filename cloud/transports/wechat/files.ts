/**
 * The WeChat file port: photos the mini-program put in cloud storage itself (wx.cloud.uploadFile), read, linked and
 * deleted with the server's rights through wx-server-sdk (cloud.downloadFile, getTempFileURL, deleteFile), and the
 * server's re-encoded copies stored beside them (cloud.uploadFile).
 */
import * as cloud from 'wx-server-sdk'
import type { FileStore, UploadedFiles } from '../../ports/files'

/** The part of wx-server-sdk the photo port uses; a test hands in its own. */
export interface CloudStorage {
  downloadFile(args: { fileID: string }): Promise<{ fileContent: Buffer }>
  getTempFileURL(args: { fileList: { fileID: string; maxAge: number }[] }): Promise<{ fileList: { fileID: string; tempFileURL: string; status: number }[] }>
  deleteFile(args: { fileList: string[] }): Promise<unknown>
  uploadFile(args: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
}

type Log = (e: string, d: Record<string, unknown>) => void

// Read at each call, not once: the SDK's functions are looked up where the platform (or a test) put them.
const sdkStorage = (): CloudStorage => cloud as unknown as CloudStorage

/** A link lives an hour, as the server's own signed links do. */
const LINK_SECONDS = 3600
/** getTempFileURL takes at most 50 files a call. */
const LINKS_PER_CALL = 50

export function wechatUploadedFiles(log: Log, storage: () => CloudStorage = sdkStorage): UploadedFiles {
  const message = (e: unknown) => (e instanceof Error ? e.message : String(e))
  return {
    async read(ref) {
      try {
        const { fileContent } = await storage().downloadFile({ fileID: ref })
        return Buffer.isBuffer(fileContent) ? fileContent : null
      } catch (e) {
        // No such file (or no right to it): the caller says FILE_NOT_FOUND.
        log('cloud_download_failed', { error: message(e) })
        return null
      }
    },
    async links(refs) {
      const links = new Map<string, string>()
      for (let i = 0; i < refs.length; i += LINKS_PER_CALL) {
        try {
          const { fileList } = await storage().getTempFileURL({ fileList: refs.slice(i, i + LINKS_PER_CALL).map((fileID) => ({ fileID, maxAge: LINK_SECONDS })) })
          for (const f of fileList) if (f.status === 0 && f.tempFileURL) links.set(f.fileID, f.tempFileURL)
        } catch (e) {
          // The case still shows, without these photos.
          log('cloud_temp_url_failed', { error: message(e) })
        }
      }
      return links
    },
    async store(cloudPath, bytes) {
      // A failure here is the request's failure: nothing is recorded, and the device may register its photo again.
      const { fileID } = await storage().uploadFile({ cloudPath, fileContent: bytes })
      return fileID
    },
    async discard(refs) {
      try {
        await storage().deleteFile({ fileList: refs })
      } catch (e) {
        log('cloud_delete_failed', { error: message(e) })
      }
    }
  }
}

/** A cloud function's file store: `local` for files the server holds, and photos the device put in cloud storage. */
export function wechatFileStore(local: FileStore, log: Log, storage?: () => CloudStorage): FileStore {
  return { put: (id, bytes) => local.put(id, bytes), get: (id) => local.get(id), uploaded: wechatUploadedFiles(log, storage) }
}
