/**
 * Keeping the PDF on the phone: on H5 a download of the file the server made; on weapp the file written to the
 * mini-program's own storage and opened with the system viewer, whose menu shares or saves it (showMenu).
 */
import Taro from '@tarojs/taro'
import type { AgreementPdf } from '@minan/types/functions/agreement'

export async function savePdf(pdf: AgreementPdf): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const bytes = Uint8Array.from(atob(pdf.base64), (c) => c.charCodeAt(0))
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }))
    const a = document.createElement('a')
    a.href = url
    a.download = pdf.fileName
    a.rel = 'noopener'
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
    return
  }
  const env = (Taro as unknown as { env: { USER_DATA_PATH: string } }).env
  const filePath = `${env.USER_DATA_PATH}/${pdf.fileName.replace(/[\\/:*?"<>|]/g, '_')}`
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({ filePath, data: pdf.base64, encoding: 'base64', success: () => resolve(), fail: (e) => reject(new Error(e.errMsg)) })
  )
  await Taro.openDocument({ filePath, fileType: 'pdf', showMenu: true })
}
