/**
 * Photos added to a question: each checked on the device (an image, at most 10 MB — the server checks again) and
 * uploaded at once with its own progress, so that asking sends only their ids. The same rules and states as the
 * petition form's photos (src/stores/petitions.ts), for any number up to `max`.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { ApiFailure, newRequestId, type Api } from '../api/client'

/** The server's limit (cloud/ports/files.ts), checked here first to spare a 10 MB upload that would be refused. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024

/** A file the person picked: its local path, size and, where the platform says, its MIME type. */
export interface ChosenFile {
  path: string
  size: number
  type?: string
}

export type PhotoProblem = { key: 'legal.photos.notImage' | 'legal.photos.tooLarge' } | { text: string }

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
    private readonly api: () => Api,
    readonly max: number
  ) {
    makeAutoObservable<PhotoUploads, 'api'>(this, { api: false })
  }

  /** Whether this platform can upload at all (the form hides the field where it cannot). */
  get available(): boolean {
    return this.api().canUpload
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
      if (file.type && !file.type.startsWith('image/')) Object.assign(photo, { status: 'failed', error: { key: 'legal.photos.notImage' } })
      else if (file.size > MAX_PHOTO_BYTES) Object.assign(photo, { status: 'failed', error: { key: 'legal.photos.tooLarge' } })
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
  }

  clear(): void {
    this.items = []
    this.overflow = false
  }

  private async upload(photo: UploadPhoto): Promise<void> {
    try {
      const stored = await this.api().upload(photo.path, (percent) => runInAction(() => (photo.progress = Math.max(photo.progress, Math.min(100, percent)))))
      runInAction(() => Object.assign(photo, { id: stored.id, progress: 100, status: 'done', error: null }))
    } catch (e) {
      const text = e instanceof ApiFailure ? e.error.message : e instanceof Error ? e.message : String(e)
      runInAction(() => Object.assign(photo, { status: 'failed', error: { text } }))
    }
  }
}
