/** Uploading a photo as the app does (multipart POST /api/upload), for tests that need a stored photo's id. */
import type { TestServer } from './backend'
import { TINY_PNG } from './images'

export async function uploadPhoto(server: Pick<TestServer, 'url'>, token: string, bytes: Buffer | Uint8Array = TINY_PNG, mime = 'image/png'): Promise<string> {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type: mime }), mime === 'image/png' ? 'photo.png' : 'photo.jpg')
  const response = await fetch(`${server.url}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })
  const body = (await response.json()) as { ok: boolean; data: { id: string } }
  if (!body.ok) throw new Error(JSON.stringify(body))
  return body.data.id
}
