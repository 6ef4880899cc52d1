/**
 * Photos added to a filing or a question: each checked on the device (an image, at most 10 MB — the server checks
 * again) and uploaded at once with its own progress, so that sending carries only their ids. One uploader for every
 * form, for any number up to `max`; each form names its own words for a refused photo.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import type { MessageKey } from '../i18n'
import { newRequestId, type Api } from './client'
import { toApiError } from './errors'

/** The server's limit (cloud/ports/files.ts), checked here first to spare a 10 MB upload that would be refused. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024

/** A file the person picked: its local path, size and, where the platform says, its MIME type. */
export interface ChosenFile {
  path: string
  size: number
  type?: string
}

export type PhotoProblem = { key: MessageKey } | { text: string }

/** The form's words for a photo refused on the device. */
export interface PhotoWords {
  notImage: MessageKey
  tooLarge: MessageKey
}

export interface UploadPhoto {
  key: string
  path: string
  size: number
  id: string | null
  progress: number
  status: 'uploading' | 'done' | 'failed'
  error: PhotoProblem | null
}

export class PhotoUploads {
  items: UploadPhoto[] = []
  /** More were picked than there was room for. */
  overflow = false

  constructor(
    private readonly api: Api,
    readonly max: number,
    private readonly words: PhotoWords,
    /** Called when a photo is uploaded or removed (a form that keeps its draft on the device saves it then). */
    private readonly changed: () => void = () => undefined
  ) {
    makeAutoObservable<PhotoUploads, 'api' | 'words' | 'changed'>(this, { api: false, words: false, changed: false })
  }

  /** Whether this platform can upload at all (the form hides the field where it cannot). */
  get available(): boolean {
    return this.api.canUpload
  }

  get slots(): number {
    return Math.max(0, this.max - this.items.length)
  }

  get uploading(): boolean {
    return this.items.some((p) => p.status === 'uploading')
  }

  /** The ids of the uploaded photos, in the order they were added. */
  get ids(): string[] {
    return this.items.filter((p) => p.status === 'done' && p.id).map((p) => p.id!)
  }

  /** Adds picked images: each is checked, then uploaded with its own progress. Resolves when all have settled. */
  async add(files: ChosenFile[]): Promise<void> {
    const accepted = files.slice(0, this.slots)
    this.overflow = files.length > accepted.length
    const uploads = accepted.map((file) => {
      const photo: UploadPhoto = { key: newRequestId(), path: file.path, size: file.size, id: null, progress: 0, status: 'uploading', error: null }
      if (file.type && !file.type.startsWith('image/')) Object.assign(photo, { status: 'failed', error: { key: this.words.notImage } })
      else if (file.size > MAX_PHOTO_BYTES) Object.assign(photo, { status: 'failed', error: { key: this.words.tooLarge } })
      this.items.push(photo)
      // The observable copy, so that progress updates re-render.
      const live = this.items[this.items.length - 1]
      return live.status === 'uploading' ? this.upload(live) : Promise.resolve()
    })
    await Promise.all(uploads)
  }

  /** Tries a failed upload again; a photo refused for its type or size cannot be retried, only removed. */
  retry(key: string): Promise<void> {
    const photo = this.items.find((p) => p.key === key)
    if (!photo || photo.status !== 'failed' || !photo.error || !('text' in photo.error)) return Promise.resolve()
    Object.assign(photo, { status: 'uploading', progress: 0, error: null })
    return this.upload(photo)
  }

  remove(key: string): void {
    this.items = this.items.filter((p) => p.key !== key)
    this.overflow = false
    this.changed()
  }

  /** Photos uploaded earlier (a draft kept on the device): only those done, with their ids. */
  restore(saved: UploadPhoto[]): void {
    this.items = saved.filter((p) => p.status === 'done' && p.id)
    this.overflow = false
  }

  clear(): void {
    this.items = []
    this.overflow = false
  }

  private async upload(photo: UploadPhoto): Promise<void> {
    try {
      const stored = await this.api.upload(photo.path, (percent) => runInAction(() => (photo.progress = Math.max(photo.progress, Math.min(100, percent)))))
      runInAction(() => Object.assign(photo, { id: stored.id, progress: 100, status: 'done', error: null }))
      this.changed()
    } catch (e) {
      runInAction(() => Object.assign(photo, { status: 'failed', error: { text: toApiError(e).message } }))
    }
  }
}
