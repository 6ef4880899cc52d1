/**
 * Reading and re-encoding photos with sharp (libvips). The size a picture declares is read from its header alone,
 * so a picture too large to decode is refused before any pixel is; what is stored is a fresh JPEG, turned upright by
 * its EXIF orientation and scaled to a sane size, that carries none of the original's metadata (GPS position, camera,
 * time): sharp writes none unless asked to.
 */
import type { default as SharpFactory, Sharp, SharpOptions } from 'sharp'

export interface ImageHeader {
  format: string
  width: number
  height: number
}

// Loaded at first use: a cloud function that never handles a photo starts without the native library.
let loaded: typeof SharpFactory | null = null
function sharp(input: Buffer, options?: SharpOptions): Sharp {
  if (!loaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require('sharp') as typeof SharpFactory
    // Each photo is read once: libvips' operation cache would only hold memory.
    loaded.cache(false)
  }
  return loaded(input, options)
}

/** The format and dimensions the picture's header declares (no pixel decoded), or null when it cannot be read. */
export async function readHeader(bytes: Buffer): Promise<ImageHeader | null> {
  try {
    const { format, width, height } = await sharp(bytes, { limitInputPixels: false }).metadata()
    return format && width && height ? { format, width, height } : null
  } catch {
    return null
  }
}

/**
 * The photo as stored: JPEG, upright, its longer side at most `maxSide` (never enlarged), transparency on white, no
 * metadata. `maxPixels` is libvips' own limit as well, in case a header checked before says less than the data.
 * Null when the picture cannot be decoded.
 */
export async function reencodePhoto(bytes: Buffer, options: { maxSide: number; maxPixels: number }): Promise<Buffer | null> {
  try {
    return await sharp(bytes, { limitInputPixels: options.maxPixels, failOn: 'error' })
      .rotate()
      .resize({ width: options.maxSide, height: options.maxSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82 })
      .toBuffer()
  } catch {
    return null
  }
}
