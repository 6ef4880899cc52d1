/**
 * Agreements as PDF files both parties can keep: Chinese text in Noto Sans CJK, embedded as a subset of only the
 * characters the document uses (a few dozen KB instead of the 16 MB font), made on the server only.
 *
 * The font is not shipped in the repository: it is the Debian package fonts-noto-cjk (SIL Open Font License 1.1),
 * which .ci/run installs, found at its usual places or at MINAN_PDF_FONT (a .ttc collection or a single .otf/.ttf).
 * From a collection the Simplified Chinese face is taken by its PostScript name. fontkit 2 subsets the CID-keyed CFF
 * of Noto CJK correctly (the @pdf-lib/fontkit fork drops the local subroutines and the glyphs come out broken), so it
 * is handed to pdf-lib through the small adapter below.
 */
import fs from 'node:fs'
import { EventEmitter } from 'node:events'
import type { PDFFont, PDFPage, PDFImage } from 'pdf-lib'

// pdf-lib and fontkit (with brotli, 1.3 MB bundled) are required at the first document, not at start: a cloud function
// that holds this module starts without them, and the cloud installs them from its package.json (build-cloud.mjs).
type PdfLib = typeof import('pdf-lib')
let pdfLib: PdfLib | null = null
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = (): PdfLib => (pdfLib ??= require('pdf-lib') as PdfLib)
// fontkit 2 has CommonJS and no bundled types; only create() and a subset's encode() are used.
type Fontkit = { create(buffer: Buffer | Uint8Array, postscriptName?: string): FontkitFont }
let fontkitLib: Fontkit | null = null
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontkit = (): Fontkit => (fontkitLib ??= require('fontkit') as Fontkit)

interface FontkitSubset {
  encode(): Uint8Array
  encodeStream?: () => EventEmitter
}
interface FontkitFont {
  createSubset(): FontkitSubset
}

/** Where fonts-noto-cjk puts the regular sans collection (Debian/Ubuntu, Fedora, Arch) — first found wins. */
export const FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc'
]
const FACE = 'NotoSansCJKsc-Regular'

export function findCjkFont(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.MINAN_PDF_FONT) return fs.existsSync(env.MINAN_PDF_FONT) ? env.MINAN_PDF_FONT : null
  return FONT_CANDIDATES.find((p) => fs.existsSync(p)) ?? null
}

let loaded: { path: string; bytes: Buffer; font: FontkitFont } | null = null

/** The font file read and parsed once per process (parsing the collection takes most of a first document's time). */
function cjkFont(fontPath: string): { bytes: Buffer; font: FontkitFont } {
  if (loaded?.path !== fontPath) {
    const bytes = fs.readFileSync(fontPath)
    const font = fontPath.endsWith('.ttc') ? fontkit().create(bytes, FACE) : fontkit().create(bytes)
    loaded = { path: fontPath, bytes, font }
  }
  return loaded
}

/** pdf-lib reads a subset as a stream (the API of its own fontkit fork); fontkit 2 encodes it at once. */
function adapter(font: FontkitFont) {
  const face = Object.create(font) as FontkitFont
  face.createSubset = () => {
    const subset = font.createSubset()
    subset.encodeStream = () => {
      const out = new EventEmitter()
      setImmediate(() => {
        try {
          out.emit('data', subset.encode())
          out.emit('end')
        } catch (e) {
          out.emit('error', e)
        }
      })
      return out
    }
    return subset
  }
  return { create: () => face }
}

/** What an agreement's PDF shows, all text already in the document's words (the same as the app shows). */
export interface AgreementPdfInput {
  title: string
  /** Lines under the title: the document number, the committee. */
  subtitle: string[]
  sections: { heading: string; body: string }[]
  /** The signature block: who, the signature image (PNG) where given, and the line under it (the date or 未签署). */
  signatures: { label: string; png: Buffer | null; line: string }[]
  /** Printed at the foot of every page: the effective date (or that it is not yet in effect) and the check code. */
  footer: string[]
}

const A4: [number, number] = [595.28, 841.89]
const MARGIN = 56
const INK = () => lib().rgb(0.1, 0.1, 0.1)

/** Breaks text into lines that fit `width`: CJK may break anywhere; a Latin word is kept whole where it fits. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = []
  // Widths add up character by character (CJK has no kerning to lose): each distinct character is measured once,
  // where measuring every candidate line would lay it out again and again.
  const measured = new Map<string, number>()
  const widthOf = (s: string) => {
    let w = 0
    for (const ch of s) {
      let cw = measured.get(ch)
      if (cw === undefined) measured.set(ch, (cw = font.widthOfTextAtSize(ch, size)))
      w += cw
    }
    return w
  }
  for (const paragraph of text.split('\n')) {
    let line = ''
    const tokens = paragraph.match(/[A-Za-z0-9.,:;!?@%/_-]+|\s+|./gu) ?? ['']
    for (const raw of tokens) {
      if (widthOf(line + raw) <= width) {
        line += raw
        continue
      }
      if (line.trim()) lines.push(line.trimEnd())
      line = ''
      const token = raw.trimStart()
      if (widthOf(token) <= width) {
        line = token
        continue
      }
      // A token wider than a whole line (a long number) is cut by characters.
      for (const ch of token) {
        if (line && widthOf(line + ch) > width) {
          lines.push(line)
          line = ''
        }
        line += ch
      }
    }
    lines.push(line.trimEnd())
  }
  return lines
}

/** Renders the agreement; `fontPath` is a CJK font (findCjkFont). Deterministic apart from the PDF's own id and dates. */
export async function renderAgreementPdf(input: AgreementPdfInput, fontPath: string): Promise<Uint8Array> {
  const { bytes, font: parsed } = cjkFont(fontPath)
  const doc = await lib().PDFDocument.create()
  doc.registerFontkit(adapter(parsed) as never)
  const font = await doc.embedFont(bytes, { subset: true })
  doc.setTitle(input.title)
  doc.setCreator('民安')
  doc.setProducer('民安')

  const width = A4[0] - 2 * MARGIN
  let page: PDFPage = doc.addPage(A4)
  let y = A4[1] - MARGIN
  const pages: PDFPage[] = [page]
  const ensure = (height: number) => {
    if (y - height < MARGIN + 40) {
      page = doc.addPage(A4)
      pages.push(page)
      y = A4[1] - MARGIN
    }
  }
  const write = (text: string, size: number, opts: { centre?: boolean; gap?: number } = {}) => {
    for (const line of wrap(text, font, size, width)) {
      ensure(size * 1.6)
      const x = opts.centre ? MARGIN + (width - font.widthOfTextAtSize(line, size)) / 2 : MARGIN
      page.drawText(line, { x, y: y - size, size, font, color: INK() })
      y -= size * 1.6
    }
    y -= opts.gap ?? 0
  }

  write(input.title, 20, { centre: true, gap: 6 })
  for (const line of input.subtitle) write(line, 10, { centre: true })
  y -= 12
  for (const s of input.sections) {
    write(s.heading, 13, { gap: 2 })
    write(s.body, 11, { gap: 10 })
  }

  const images = new Map<number, PDFImage>()
  for (const [i, s] of input.signatures.entries()) if (s.png) images.set(i, await doc.embedPng(s.png))
  const boxW = width / 2 - 10
  for (let i = 0; i < input.signatures.length; i += 2) {
    ensure(100)
    for (const j of [i, i + 1]) {
      const s = input.signatures[j]
      if (!s) continue
      const x = MARGIN + (j - i) * (boxW + 20)
      page.drawText(s.label, { x, y: y - 12, size: 11, font, color: INK() })
      const img = images.get(j)
      if (img) {
        const scale = Math.min(boxW / img.width, 50 / img.height, 1)
        page.drawImage(img, { x, y: y - 70, width: img.width * scale, height: img.height * scale })
      }
      page.drawText(s.line, { x, y: y - 88, size: 10, font, color: INK() })
    }
    y -= 104
  }

  pages.forEach((p, n) => {
    const lines = [...input.footer, `${n + 1} / ${pages.length}`]
    lines.forEach((line, k) => p.drawText(line, { x: MARGIN, y: MARGIN - k * 12, size: 8, font, color: lib().rgb(0.35, 0.35, 0.35) }))
  })
  return doc.save()
}
