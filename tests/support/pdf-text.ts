/** The text of a PDF read back from its bytes (pdf-parse, the PDF.js text layer), for tests that compare it with the app's. */
// pdf-parse has no types; its lib entry is required directly (its index runs a self-test when loaded as a main module).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parse: (data: Buffer) => Promise<{ text: string; numpages: number }> = require('pdf-parse/lib/pdf-parse.js')

export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const out = await parse(Buffer.from(bytes))
  return { text: out.text, pages: out.numpages }
}

/** Text without the spaces and line breaks layout adds, to compare what a document says with what the app says. */
export const squeeze = (text: string): string => text.replace(/\s+/g, '')
