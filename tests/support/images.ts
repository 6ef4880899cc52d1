/** Real pictures made in the test (nothing read from disk): small ones, ones with camera metadata, and crafted headers. */
import zlib from 'node:zlib'
import sharp from 'sharp'

/** A valid 2×2 PNG. */
export const TINY_PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a730000000970485973000003e8000003e801b57b526b00000012494441540899633861a371c2468301420100235e04b1e8a379710000000049454e44ae426082',
  'hex'
)

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc ^= byte
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

type Rgb = [number, number, number]

/**
 * A real 2×2 RGB PNG built here, so a test depends on no file on disk: of one colour, or of four (row by row); by
 * default red, green / blue, white.
 */
export function tinyPng(colours: Rgb | Rgb[] = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]]): Buffer {
  const four = (Array.isArray(colours[0]) ? colours : [colours, colours, colours, colours]) as Rgb[]
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(2, 0)
  ihdr.writeUInt32BE(2, 4)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, no interlace
  // Each row starts with its filter byte (0: none).
  const pixels = Buffer.from([0, ...four[0], ...four[1], 0, ...four[2], ...four[3]])
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), pngChunk('IHDR', ihdr), pngChunk('IDAT', zlib.deflateSync(pixels)), pngChunk('IEND', Buffer.alloc(0))])
}

/**
 * A PNG whose header (IHDR) declares `width` × `height` RGB pixels, with a few KB of compressed zeros after it: small
 * on the wire, gigabytes once decoded (30000 × 30000 × 4 bytes = 3.6 GB).
 */
export function pngDeclaring(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), pngChunk('IHDR', ihdr), pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(64 * 1024))), pngChunk('IEND', Buffer.alloc(0))])
}

/** What a phone camera writes into a photo: its make and model, and where it was taken (东平村, 23.12°N 113.25°E). */
export const CAMERA = { make: 'MinanPhoneMaker', model: 'MinanPhone X9' }

/**
 * A JPEG as a phone takes it: `width` × `height` pixels stored sideways with EXIF orientation 6 (shown rotated a
 * quarter turn), the camera's make and model, and a GPS position.
 */
export async function cameraJpeg(width = 3000, height = 2000): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 180, g: 120, b: 60 } } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: CAMERA.make, Model: CAMERA.model },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '23/1 7/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '113/1 15/1 0/1' }
    })
    .withMetadata({ orientation: 6 })
    .toBuffer()
}

/** Whether an EXIF block points to a GPS section (tag 0x8825, in either byte order). */
export function hasGpsInfo(exif: Buffer | undefined): boolean {
  if (!exif) return false
  const bigEndian = exif.includes(Buffer.from('MM\0*', 'latin1'))
  return exif.includes(Buffer.from(bigEndian ? [0x88, 0x25] : [0x25, 0x88]))
}

/** A noisy JPEG of about `kb` kilobytes (noise does not compress), for quota tests. */
export async function noisyJpeg(side = 300): Promise<Buffer> {
  const raw = Buffer.alloc(side * side * 3)
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24
  return sharp(raw, { raw: { width: side, height: side, channels: 3 } }).jpeg({ quality: 95 }).toBuffer()
}
