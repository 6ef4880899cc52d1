/**
 * Handing the export to the person as a file. H5: a download (a Blob behind a temporary link). WeChat: a file in the
 * mini-program's user data folder (wx.env.USER_DATA_PATH, written with the file system manager), which the person can
 * then send to a chat — wx.shareFileMessage may only be called from a tap, so that is a second button (shareFile).
 */
import Taro from '@tarojs/taro'

export interface SavedFile {
  name: string
  /** Where the file is on the phone (weapp); null for a browser download. */
  path: string | null
}

export async function saveExport(json: string, name: string): Promise<SavedFile> {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }))
    const link = document.createElement('a')
    link.href = url
    link.download = name
    link.rel = 'noopener'
    document.body.appendChild(link)
    link.click()
    link.remove()
    // The download has taken its copy; the object URL is released once the click has been handled.
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
    return { name, path: null }
  }
  const path = `${Taro.env.USER_DATA_PATH}/${name}`
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({ filePath: path, data: json, encoding: 'utf8', success: () => resolve(), fail: (e) => reject(new Error(e.errMsg)) })
  )
  return { name, path }
}

/** Whether this platform can send a saved file to a chat (WeChat ≥ 2.16.1). */
export const canShareFile = (): boolean => process.env.TARO_ENV === 'weapp' && typeof Taro.shareFileMessage === 'function'

/** Sends the saved export to a WeChat chat; must run inside a tap handler. */
export function shareFile(file: SavedFile): void {
  if (!file.path || !canShareFile()) return
  // Callbacks rather than the returned promise: not every base library returns one here.
  Taro.shareFileMessage({ filePath: file.path, fileName: file.name, fail: () => undefined })
}
