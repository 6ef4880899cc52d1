/** Where uploaded photos live: a folder on local disk; cloud storage when deployed to WeChat. */
import fs from 'node:fs'
import path from 'node:path'

export interface FileStore {
  put(id: string, bytes: Buffer): Promise<void>
  get(id: string): Promise<Buffer | null>
  /** Deletes stored bytes (a deleted account's photos); best effort, a missing file is no error. */
  remove?(ids: string[]): Promise<void>
  /**
   * Where the device can store a photo itself (WeChat cloud storage, wx.cloud.uploadFile) and the server then reads
   * it by its reference (a fileID): absent where devices send photos to the server (POST /api/upload).
   */
  uploaded?: UploadedFiles
}

/** Files a device put in the platform's storage, named by the platform's reference (a WeChat cloud fileID). */
export interface UploadedFiles {
  /** The bytes, or null when there is no such file (or it cannot be read). */
  read(ref: string): Promise<Buffer | null>
  /** Links anyone shown them can load for about an hour, by reference; a reference without a link is left out. */
  links(refs: string[]): Promise<Map<string, string>>
  /** Deletes files that were refused; best effort. */
  discard(refs: string[]): Promise<void>
  /**
   * Stores bytes the server made (a re-encoded photo) under `path`, as the server's own file that no device can
   * overwrite; returns its reference.
   */
  store(path: string, bytes: Buffer): Promise<string>
}

/**
 * Photos as files under `root`, the owner's alone: folders 0700 and files 0600. A folder left more open by an older
 * version is tightened when the store is made (at start): without the right to enter it, nobody else reaches a photo.
 */
export function diskFileStore(root: string): FileStore {
  const where = (id: string) => path.join(root, id.slice(0, 2), id)
  fs.mkdirSync(root, { recursive: true, mode: 0o700 })
  fs.chmodSync(root, 0o700)
  return {
    async put(id, bytes) {
      // Owner-only, folders and files: residents' photos are nobody else's on the machine.
      await fs.promises.mkdir(path.dirname(where(id)), { recursive: true, mode: 0o700 })
      // Written to a temporary name and renamed, so a crash never leaves half a photo under its id.
      const temp = `${where(id)}.part`
      const handle = await fs.promises.open(temp, 'w', 0o600)
      try {
        await handle.writeFile(bytes)
        await handle.sync()
      } finally {
        await handle.close()
      }
      await fs.promises.rename(temp, where(id))
    },
    async get(id) {
      try {
        return await fs.promises.readFile(where(id))
      } catch {
        return null
      }
    },
    async remove(ids) {
      for (const id of ids) await fs.promises.rm(where(id), { force: true })
    }
  }
}

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024

/** The image type by its first bytes (never by the name or the declared type): JPEG, PNG or WebP. */
export function sniffImage(bytes: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp'
  return null
}
